// The library's internals that the public API cannot reach with every input.
#include "support.hpp"

#include <nlohmann/json.hpp>

#include <string>

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
