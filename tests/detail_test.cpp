// The library's internals that the public API cannot reach with every input.
#include "support.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

TEST_CASE("the JSON writer escapes quotes, backslashes and every control character") {
    std::string out;
    onelogin::detail::append_json_string(out, std::string("\"\\\b\f\n\r\t\x01\x1f\x7f\0é", 13));
    CHECK(out == "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\\u0000é\"");
    CHECK(onelogin::detail::json_string_size(std::string("\"\\\b\f\n\r\t\x01\x1f\x7f\0é", 13)) ==
          out.size());
    const auto parsed = nlohmann::json::parse(out, nullptr, false);
    REQUIRE(parsed.is_string());
    CHECK(parsed.get<std::string>() == std::string("\"\\\b\f\n\r\t\x01\x1f\x7f\0é", 13));
}

TEST_CASE("the default base URL passes the checks it is spared") {
    CHECK_FALSE(onelogin::detail::check_base_url(onelogin::v3::default_base_url).has_value());
}

TEST_CASE("the plain XML fast path reads exactly what pugixml reads, and only plain bodies") {
    using onelogin::detail::read_plain_xml_error;
    using onelogin::detail::read_xml_document;
    using onelogin::detail::XmlError;
    const std::vector<std::string> plain = {
        "<error><message>m</message><code>c</code></error>",
        "<error>\r\n<code>c</code>\r\n<message>API key is invalid or "
        "missing</message>\r\n</error>\r\n",
        "<error><message></message><code>x > y 'q' \"d\"</code></error>",
    };
    for (const auto& body : plain) {
        INFO(body);
        const auto fast = read_plain_xml_error(body);
        REQUIRE(fast.has_value());
        const auto general = read_xml_document(body, 0);
        REQUIRE(std::holds_alternative<XmlError>(general));
        CHECK(fast->message == std::get_if<XmlError>(&general)->message);
        CHECK(fast->code == std::get_if<XmlError>(&general)->code);
    }
    for (const std::string body :
         {"<error><message>a &amp; b</message><code>c</code></error>",
          "<error><message>a\r\nb</message><code>c</code></error>",
          "<error><message>m</message><message>m</message></error>",
          "<error><message>m</message></error>",
          "<error ><message>m</message><code>c</code></error>",
          "<?xml version=\"1.0\"?><error><message>m</message><code>c</code></error>",
          "<error><message>m</message><code>c</code></error>x",
          "<error><message>m</message><code>c</code><hint/></error>"}) {
        INFO(body);
        CHECK_FALSE(read_plain_xml_error(body).has_value());
    }
}
