// parse_send_invite_response on bodies that are not API answers: each gives a MalformedResponse
// whose reason a program can switch on, with the offset of the problem where it is known, in
// bounded time and memory, without recursing.
#include "support.hpp"

#include <limits>
#include <string>
#include <utility>
#include <vector>

using onelogin::ApiError;
using onelogin::InviteSent;
using onelogin::MalformedReason;
using onelogin::MalformedResponse;
using onelogin::v3::parse_send_invite_response;
using test_support::require;
using test_support::require_malformed;

namespace {

struct MalformedCase {
    std::string body;
    MalformedReason reason;
    std::optional<std::size_t> offset;  // the offset that must be reported
};

void check(const std::vector<MalformedCase>& cases) {
    for (const auto& [body, reason, offset] : cases) {
        INFO("body: " << body.substr(0, 200));
        const MalformedResponse malformed = require_malformed(body, 418);
        INFO("detail: " << malformed.detail);
        CHECK(malformed.reason == reason);
        CHECK(malformed.offset == offset);
        CHECK_FALSE(malformed.detail.empty());
        CHECK(malformed.http_status == 418);
        CHECK(malformed.body == body);
    }
}

std::string nested(std::size_t depth, const std::string& open, const std::string& close) {
    std::string text;
    text.reserve(depth * (open.size() + close.size()));
    for (std::size_t i = 0; i < depth; ++i) text += open;
    for (std::size_t i = 0; i < depth; ++i) text += close;
    return text;
}

constexpr std::size_t cap = ONELOGIN_INVITE_MAX_BODY_BYTES;

}  // namespace

TEST_CASE("empty and whitespace-only bodies") {
    check({{"", MalformedReason::empty_body, 0},
           {" \r\n\t", MalformedReason::empty_body, 4},
           {"\xEF\xBB\xBF", MalformedReason::empty_body, 3}});
}

TEST_CASE("bodies that are not UTF-8") {
    using namespace std::string_literals;
    check({
        {"{\"status\":{\"error\":false,\"message\":\"caf\xE9\"}}", MalformedReason::not_utf8, 39},
        {"\xC0\xBF{}", MalformedReason::not_utf8, 0},
        {"\xEF\xBB\xBF{\"a\":\"\xED\xA0\x80\"}", MalformedReason::not_utf8, 9},
        {"{\"a\":\"\xF4\x90\x80\x80\"}", MalformedReason::not_utf8, 6},
        {"{\"a\":\"\xE2\x82\"}", MalformedReason::not_utf8, 6},
        // Outside a string, where nlohmann/json sees an invalid literal before any UTF-8.
        {"{\"a\":1}\xFF", MalformedReason::not_utf8, 7},
        {"[\xC3]", MalformedReason::not_utf8, 1},
        {"\xFF\xFE{\0\"\0"s, MalformedReason::other_encoding, 0},
        {"\xFE\xFF\0{\0\""s, MalformedReason::other_encoding, 0},
        {"\xFF\xFE\0\0{\0\0\0"s, MalformedReason::other_encoding, 0},
        {"{\0\"\0s\0"s, MalformedReason::other_encoding, 1},
        {"\0<\0e\0"s, MalformedReason::other_encoding, 0},
    });
}

TEST_CASE("embedded NUL bytes") {
    using namespace std::string_literals;
    check({{"{\"status\":{\"error\":false,\"message\":\"a\0b\"}}"s, MalformedReason::nul_byte, 37},
           {"<error><message>a</message><code>b</code></error>\0"s, MalformedReason::nul_byte, 49},
           // nlohmann/json reads a NUL outside a string as the end of the text: these are refused
           // before it sees them, not read as the number 194 or an empty object.
           {"194\0\0\0"s, MalformedReason::nul_byte, 3},
           {"{}\0{\"status\":1}"s, MalformedReason::nul_byte, 2}});
}

TEST_CASE("bodies that are neither JSON nor XML") {
    check({{"Bad Gateway", MalformedReason::not_json_or_xml, 0},
           {"  \r\n# comment", MalformedReason::not_json_or_xml, 4},
           {"\xEF\xBB\xBF\xC3\xA9", MalformedReason::not_json_or_xml, 3}});
    CHECK(require_malformed("Bad Gateway").detail.find("starts with 'B' at byte 0") !=
          std::string::npos);
    // A byte is quoted when printable ASCII, else written in hex: the ends of each.
    for (const auto& [body, named] :
         std::vector<std::pair<std::string, std::string>>{{"!x", "'!'"},
                                                          {"~x", "'~'"},
                                                          {"\x7Fx", "0x7F"},
                                                          {"\x1Fx", "0x1F"},
                                                          {"\x01x", "0x01"}}) {
        INFO(named);
        const MalformedResponse malformed = require_malformed(body);
        CHECK(malformed.reason == MalformedReason::not_json_or_xml);
        CHECK(malformed.detail.find("starts with " + named + " at byte 0") != std::string::npos);
    }
}

TEST_CASE("HTML error pages from proxies and gateways, named by their title") {
    const std::vector<std::pair<std::string, std::string>> pages = {
        {"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
         ": \"502 Bad Gateway\""},
        {"\r\n<!DOCTYPE html>\n<HTML><TITLE>\n  Service\n Unavailable </TITLE>",
         ": \"Service Unavailable\""},
        {"<!-- cdn --><html><body>down", "(a proxy or gateway error?)"},
        {"<!doctype HTML><p>no title", "(a proxy or gateway error?)"},
        {"<html><title>" + std::string(100, 'x') + "</title>", "\"" + std::string(80, 'x') + "\""}};
    for (const auto& [page, title] : pages) {
        INFO(page);
        const MalformedResponse malformed = require_malformed(page, 502);
        CHECK(malformed.reason == MalformedReason::html_page);
        CHECK(malformed.detail.find(title) != std::string::npos);
        CHECK(malformed.body == page);
    }
}

TEST_CASE("JSON cut short is told apart from invalid JSON") {
    check({{"{", MalformedReason::cut_short, 1},
           {"{\"status\":{\"error\":false,\"mess", MalformedReason::cut_short, 30},
           {"[1,2", MalformedReason::cut_short, 4},
           {"tr", MalformedReason::cut_short, 2},
           {"{\"status\" 1}", MalformedReason::invalid_json, 10},
           {"{'status':{}}", MalformedReason::invalid_json, 1},
           {"{\"a\":tru}", MalformedReason::invalid_json, 8},
           {"{\"a\":\"\\ud800\"}", MalformedReason::invalid_json, 12},
           {"{\"a\":\"\\x\"}", MalformedReason::invalid_json, 7},
           {"{\"a\":1,}", MalformedReason::invalid_json, 7},
           {"{\"status\":{\"error\":false,\"message\":\"m\"}}x", MalformedReason::invalid_json, 40},
           {"{}\r\n\r\n{}", MalformedReason::invalid_json, 6},
           {"{\"a\":\"\x01\"}", MalformedReason::invalid_json, 6}});
}

TEST_CASE("invalid JSON is described in nlohmann's words, without its position prefix") {
    CHECK(require_malformed("{\"a\":tru}").detail ==
          "invalid JSON at byte 8: syntax error while parsing value - invalid literal");
}

TEST_CASE("a parse error never quotes the body, which may hold a secret") {
    for (const std::string body :
         {R"({"api_key":"SECRET-VALUE"x})", R"({"a":SECRET-VALUE})", R"({"a":"SECRET-VALUE\q"})"}) {
        INFO(body);
        const MalformedResponse malformed = require_malformed(body);
        CHECK(malformed.reason == MalformedReason::invalid_json);
        INFO(malformed.detail);
        CHECK(malformed.detail.find("SECRET") == std::string::npos);
    }
}

TEST_CASE("JSON of the wrong shape") {
    const auto wrong = MalformedReason::wrong_shape;
    check(
        {{"[]", wrong, std::nullopt},
         {"\"status\"", wrong, std::nullopt},
         {"200", wrong, std::nullopt},
         {"-1.5", wrong, std::nullopt},
         {"true", wrong, std::nullopt},
         {"null", wrong, std::nullopt},
         {"{}", wrong, std::nullopt},
         {"{\"Status\":{\"error\":false,\"message\":\"m\"}}", wrong, std::nullopt},
         {"{\"status\":\"ok\"}", wrong, std::nullopt},
         {"{\"status\":[]}", wrong, std::nullopt},
         {"{\"status\":null}", wrong, std::nullopt},
         {"{\"status\":{\"message\":\"m\"}}", wrong, std::nullopt},
         {"{\"status\":{\"error\":false}}", wrong, std::nullopt},
         {"{\"status\":{\"error\":\"false\",\"message\":\"m\"}}", wrong, std::nullopt},
         {"{\"status\":{\"error\":0,\"message\":\"m\"}}", wrong, std::nullopt},
         {"{\"status\":{\"error\":false,\"message\":5}}", wrong, std::nullopt},
         {"{\"status\":{\"error\":true,\"message\":\"m\",\"type\":1}}", wrong, std::nullopt},
         {"{\"status\":{\"error\":true,\"message\":\"m\",\"code\":\"400\"}}", wrong, std::nullopt},
         {"{\"status\":{\"error\":true,\"message\":\"m\",\"code\":400.5}}", wrong, std::nullopt},
         {"{\"status\":{\"error\":true,\"message\":\"m\",\"code\":18446744073709551615}}", wrong,
          std::nullopt}});
    // The words name the field and what it should have been.
    CHECK(require_malformed("{\"status\":{\"error\":0,\"message\":\"m\"}}").detail ==
          "status.error is an integer, expected a boolean");
    CHECK(require_malformed("[]").detail == "the JSON body is an array, expected an object");
}

TEST_CASE("duplicate keys are refused rather than resolved either way") {
    check({{"{\"status\":{\"error\":true,\"message\":\"m\"},\"status\":{\"error\":false,"
            "\"message\":\"m\"}}",
            MalformedReason::duplicate_key, std::nullopt},
           {"{\"status\":{\"error\":true,\"error\":false,\"message\":\"m\"}}",
            MalformedReason::duplicate_key, std::nullopt},
           {"{\"status\":{\"error\":false,\"message\":\"a\",\"message\":\"b\"}}",
            MalformedReason::duplicate_key, std::nullopt},
           {"{\"status\":{\"error\":false,\"message\":\"a\"},\"x\":{\"y\":1,\"y\":2}}",
            MalformedReason::duplicate_key, std::nullopt}});
    // The same names in different objects are different members.
    CHECK(std::holds_alternative<InviteSent>(parse_send_invite_response(
        R"({"status":{"error":false,"message":"m","x":{"error":1,"status":2}},"y":{"status":[]}})")));
}

TEST_CASE("numbers: status.code must fit a long long; other numbers a double") {
    check({{"{\"status\":{\"error\":true,\"message\":\"m\",\"code\":-9223372036854775809}}",
            MalformedReason::wrong_shape, std::nullopt},
           // nlohmann/json refuses a number beyond a double's range.
           {"{\"status\":{\"error\":true,\"message\":\"m\",\"code\":1e999}}",
            MalformedReason::invalid_json, 49},
           {R"({"status":{"error":false,"message":"m"},"n":1e999})", MalformedReason::invalid_json,
            48}});
    CHECK(require<ApiError>(
              parse_send_invite_response(
                  R"({"status":{"error":true,"message":"m","code":-9223372036854775808}})"))
              .status_code == std::numeric_limits<long long>::min());
    CHECK(require<ApiError>(
              parse_send_invite_response(
                  R"({"status":{"error":true,"message":"m","code":9223372036854775807}})"))
              .status_code == std::numeric_limits<long long>::max());
    CHECK(std::holds_alternative<InviteSent>(parse_send_invite_response(
        R"({"n":123456789012345678901234567890,"status":{"error":false,"message":"m"}})")));
}

TEST_CASE("deep nesting is cut off at ONELOGIN_INVITE_MAX_JSON_DEPTH without recursing") {
    const std::size_t depth = cap / 2 - 8;  // as deep as fits under the size cap
    check({{"{\"x\":" + nested(depth - 4, "[", "]") + "}", MalformedReason::too_deep, std::nullopt},
           {"{\"x\":" + std::string(depth, '['), MalformedReason::too_deep, std::nullopt},
           {nested(cap / 6, "{\"a\":", "}"), MalformedReason::too_deep, std::nullopt}});
    const std::string within =
        R"({"status":{"error":false,"message":"m"},"x":)" + nested(62, "[", "]") + "}";
    CHECK(std::holds_alternative<InviteSent>(parse_send_invite_response(within)));
    const std::string beyond =
        R"({"status":{"error":false,"message":"m"},"x":)" + nested(64, "[", "]") + "}";
    CHECK(require_malformed(beyond).reason == MalformedReason::too_deep);
    // An array's later elements are not kept, but their nesting counts all the same.
    const std::string later =
        R"({"status":{"error":false,"message":"m"},"x":[1,)" + nested(64, "[", "]") + "]}";
    CHECK(require_malformed(later).reason == MalformedReason::too_deep);
}

TEST_CASE("values no reader reaches are checked as JSON, then let go") {
    // A duplicate inside an array's later element is in no field the library reads.
    CHECK(std::holds_alternative<InviteSent>(parse_send_invite_response(
        R"({"status":{"error":false,"message":"m"},"x":[{},{"y":1,"y":2}]})")));
    // They are still JSON: an error in one is the body's error.
    CHECK(
        require_malformed(R"({"status":{"error":false,"message":"m"},"x":[{},{"y":1,}]})").reason ==
        MalformedReason::invalid_json);
    // Every member of an object is kept, however many: a name given twice is found when the
    // object closes.
    std::string members = "{";
    while (members.size() + 12 < cap) members += "\"\":0,";
    CHECK(require_malformed(members + "\"\":0}").reason == MalformedReason::duplicate_key);
}

TEST_CASE("a body over ONELOGIN_INVITE_MAX_BODY_BYTES is refused without being parsed") {
    const std::string head = R"({"status":{"error":true,"message":")";
    const std::string tail = R"("}})";
    const std::string at_cap = head + std::string(cap - head.size() - tail.size(), 'x') + tail;
    REQUIRE(at_cap.size() == cap);
    CHECK(require<ApiError>(parse_send_invite_response(at_cap)).message.size() ==
          cap - head.size() - tail.size());

    // One byte more, of any kind (here it would make the JSON invalid), and it is not read.
    const std::string over = at_cap + "x";
    const MalformedResponse malformed = require_malformed(over, 200);
    CHECK(malformed.reason == MalformedReason::too_large);
    CHECK(malformed.offset == cap);
    CHECK(malformed.http_status == 200);
    CHECK(malformed.body == at_cap);  // what the library would have read, no more
    for (const std::size_t size : {std::size_t{1} << 20, std::size_t{64} << 20}) {
        const auto large = require_malformed(std::string(size, '<'));
        CHECK(large.reason == MalformedReason::too_large);
        CHECK(large.body.size() == cap);
    }
}

TEST_CASE("XML that is not the API's error") {
    const auto wrong = MalformedReason::wrong_shape;
    check({{"<error><message>m</message><code>c</code>", MalformedReason::cut_short, 40},
           {"<error><message>m</mess", MalformedReason::cut_short, 19},
           {"<error><message>m</code></error>", MalformedReason::invalid_xml, 19},
           {"<error><message>m</message><code>c</code></error>tail", wrong, std::nullopt},
           {"<error><message>m</message><code>c</code></error><error/>", wrong, std::nullopt},
           {"<response><message>m</message><code>c</code></response>", wrong, std::nullopt},
           {"<" + std::string(100, 'r') + "/>", wrong, std::nullopt},
           {"<error><code>c</code></error>", wrong, std::nullopt},
           {"<error><message>m</message></error>", wrong, std::nullopt},
           {"<error><message>a</message><message>b</message><code>c</code></error>", wrong,
            std::nullopt},
           {"<error><message>a</message><code>c</code><message>b</message></error>", wrong,
            std::nullopt},
           {"<error><message>a</message><code>c</code><code>d</code></error>", wrong, std::nullopt},
           {"<error><message><b>m</b></message><code>c</code></error>", wrong, std::nullopt},
           {"<?xml version=\"1.0\"?>", wrong, std::nullopt},
           {"<!-- only a comment -->", wrong, std::nullopt}});
    // A second <message> is named as such even where <code> is missing.
    CHECK(require_malformed("<error><message>a</message><message>b</message></error>").detail ==
          "XML <error> has a second <message> or <code>");
    CHECK(require_malformed("<error><code>1</code><code>2</code></error>").detail ==
          "XML <error> has a second <message> or <code>");
    CHECK(require_malformed("<" + std::string(100, 'r') + "/>").detail ==
          "the XML root element is <" + std::string(40, 'r') + ">, expected <error>");
}

TEST_CASE("fuzzing finding: XML that ends inside an attribute has its offset inside the body") {
    // pugixml reported the byte after the end; the offset must be a byte of the body.
    check({{"<input emailtatusa:", MalformedReason::cut_short, 19}});
}

TEST_CASE("an element holding only whitespace keeps it") {
    for (const std::string body :
         {"<error><message> </message><code>c</code></error>",
          "<error><!-- a comment --><message> </message><code>c</code></error>",
          "<error>\n<message> </message><code>ke</code>\n</error> \n\r\r\r\n"}) {
        INFO(body);
        CHECK(require<ApiError>(parse_send_invite_response(body)).message == " ");
    }
}

TEST_CASE("XML entities: no DTD is accepted and no entity is expanded") {
    const std::string laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE error [<!ENTITY lol \"lol\"><!ENTITY lol2 "
        "\"&lol;&lol;&lol;&lol;\">]>"
        "<error><message>&lol2;</message><code>c</code></error>";
    const std::string external =
        "<!DOCTYPE error [<!ENTITY xxe SYSTEM "
        "\"file:///etc/passwd\">]><error><message>&xxe;</message><code>c</code></error>";
    check({{laughs, MalformedReason::doctype_refused, std::nullopt},
           {external, MalformedReason::doctype_refused, std::nullopt},
           {"<error><message>&#xD800;</message><code>c</code></error>",
            MalformedReason::invalid_xml, std::nullopt},
           // In the code, and in a text joined from text and CDATA.
           {"<error><message>m</message><code>&#xDFFF;</code></error>",
            MalformedReason::invalid_xml, std::nullopt},
           {"<error><message>a<![CDATA[b]]>&#xD800;</message><code>c</code></error>",
            MalformedReason::invalid_xml, std::nullopt}});
    // Without a DTD an entity has no definition: pugixml leaves the reference as it is.
    CHECK(require<ApiError>(
              parse_send_invite_response("<error><message>&xxe;</message><code>c</code></error>"))
              .message == "&xxe;");
}

TEST_CASE("deep XML nesting is read without recursing") {
    const std::size_t depth = cap / 8;  // as deep as fits under the size cap
    const std::string body = "<error><message>m</message><code>c</code><x>" +
                             nested(depth, "<a>", "</a>") + "</x></error>";
    REQUIRE(body.size() <= cap);
    const auto error = require<ApiError>(parse_send_invite_response(body));
    CHECK(error.message == "m");
    CHECK(error.error_code == "c");
    check({{"<error>" + std::string(cap / 2, '<'), MalformedReason::invalid_xml, 8}});
}

TEST_CASE("a JSON string may carry an escaped NUL: the message keeps every byte") {
    const auto error = require<ApiError>(
        parse_send_invite_response(R"({"status":{"error":true,"message":"a\u0000b"}})"));
    CHECK(error.message == std::string("a\0b", 3));
}

TEST_CASE("byte order marks other than one UTF-8 BOM") {
    check({{"\xEF\xBB\xBF\xEF\xBB\xBF{}", MalformedReason::not_json_or_xml, 3},
           {"{\"status\":{\"error\":false,\"message\":\"m\"}}\xEF\xBB\xBF",
            MalformedReason::invalid_json, 40}});
}

TEST_CASE("comments: XML comments are allowed, JSON has none") {
    check({{"{/* c */\"status\":{\"error\":false,\"message\":\"m\"}}",
            MalformedReason::invalid_json, 1},
           {"// c\n{}", MalformedReason::not_json_or_xml, 0}});
    CHECK(std::holds_alternative<onelogin::InvalidApiKey>(parse_send_invite_response(
        "<!-- a --><error><!-- b --><message>API key is invalid or missing<!-- c --></message>"
        "<code>invalid_or_missing_api_key</code></error><!-- d -->")));
}

TEST_CASE("XML processing instructions are skipped") {
    const auto error = require<ApiError>(
        parse_send_invite_response("<?xml version=\"1.0\"?><?xml-stylesheet "
                                   "href=\"x.xsl\"?><error><?pi data?><message>m<?pi?></message>"
                                   "<code>c</code></error><?pi after?>"));
    CHECK(error.message == "m");
    CHECK(error.error_code == "c");
}

TEST_CASE("API /1 and the token exchange read hostile bodies as v3 does") {
    using namespace std::string_literals;
    const std::vector<std::string> bodies = {
        "",
        " \r\n",
        "{\"status\":{\"error\":true,\"message\":\"caf\xE9\"}}",
        "\xFF\xFE{\0\"\0"s,
        "{\"status\":\0{}}"s,
        "<html><head><title>503 Service Unavailable</title></head></html>",
        "Service Unavailable",
        R"({"status":{"error":false,"message":"Email sent)",
        R"({"status":{"error":true,"message":"x"}} trailing)",
        R"({"status":{"error":true,"message":"a","message":"b"}})",
        R"({"status":{"error":true,"code":1e999,"message":"x"}})",
        "<!DOCTYPE error [<!ENTITY a "
        "\"aaaa\">]><error><message>&a;</message><code>c</code></error>",
        "<error><message>m</message>",
        nested(cap / 2, "[", "]"),
        "{\"status\":" + nested(cap / 6, "{\"a\":", "}") + "}",
        std::string(cap + 1, ' '),
    };
    for (const std::string& body : bodies) {
        INFO("body: " << body.substr(0, 120));
        const MalformedResponse v3 = require_malformed(body, 503);
        const auto check_same = [&](const MalformedResponse& other) {
            CHECK(other.reason == v3.reason);
            CHECK(other.detail == v3.detail);
            CHECK(other.offset == v3.offset);
            CHECK(other.body == v3.body);
            CHECK(other.http_status == 503);
        };
        check_same(
            require<MalformedResponse>(onelogin::api1::parse_send_invite_response(body, 503)));
        check_same(
            require<MalformedResponse>(onelogin::api1::parse_generate_invite_response(body, 503)));
        check_same(require<MalformedResponse>(onelogin::api1::parse_token_response(body, 503)));
    }
}

TEST_CASE("token responses: hostile members are refused without quoting the token") {
    const std::string secret = "SECRET-TOKEN-VALUE";
    const std::vector<std::pair<std::string, MalformedReason>> cases = {
        {R"({"access_token":")" + secret +
             R"(","access_token":"x","expires_in":1,"token_type":"b"})",
         MalformedReason::duplicate_key},
        {R"({"access_token":")" + secret + R"(","expires_in":1e999,"token_type":"b"})",
         MalformedReason::invalid_json},
        {R"({"access_token":")" + secret + R"(","expires_in":1.5,"token_type":"b"})",
         MalformedReason::wrong_shape},
        {R"({"access_token":")" + secret + R"(","expires_in":1,"token_type":"b","account_id":-1})",
         MalformedReason::wrong_shape},
        {R"({"access_token":")" + secret + R"(","expires_in":1,"token_type":"b","x":)" +
             nested(1000, "[", "]") + "}",
         MalformedReason::too_deep},
        {R"({"access_token":")" + secret + R"(\ud800","expires_in":1,"token_type":"b"})",
         MalformedReason::invalid_json},
        {R"({"access_token":")" + secret + R"(",x"expires_in":1,"token_type":"b"})",
         MalformedReason::invalid_json},
        {R"({"access_token":")" + secret, MalformedReason::cut_short},
    };
    for (const auto& [body, reason] : cases) {
        INFO("body: " << body.substr(0, 120));
        const auto malformed =
            require<MalformedResponse>(onelogin::api1::parse_token_response(body, 200));
        INFO("detail: " << malformed.detail);
        CHECK(malformed.reason == reason);
        CHECK(malformed.detail.find(secret) == std::string::npos);
        CHECK(malformed.body == body);
    }
    // A token as long as the size cap allows is read whole.
    const std::string huge(cap - 100, 't');
    const auto token = require<onelogin::api1::AccessToken>(onelogin::api1::parse_token_response(
        R"({"access_token":")" + huge + R"(","expires_in":36000,"token_type":"bearer"})"));
    CHECK(token.access_token.size() == huge.size());
}

TEST_CASE("a duplicate key is quoted when it is printable ASCII of at most 40 bytes") {
    const auto detail_for = [](const std::string& key_json) {
        const std::string body = R"({"status":{"error":false,"message":"m"},"x":{)" + key_json +
                                 ":1," + key_json + ":2}}";
        const MalformedResponse malformed =
            require<MalformedResponse>(parse_send_invite_response(body));
        CHECK(malformed.reason == MalformedReason::duplicate_key);
        return malformed.detail;
    };
    const std::string forty(40, 'k');
    CHECK(detail_for('"' + forty + '"') == "duplicate key \"" + forty + "\" in a JSON object");
    CHECK(detail_for(R"(" ~")") == "duplicate key \" ~\" in a JSON object");
    for (const std::string& key :
         {'"' + forty + "k\"", std::string("\"a\x7F\""), std::string(R"("a\u001f")")}) {
        INFO(key);
        CHECK(detail_for(key) == "duplicate key (a long or unprintable name) in a JSON object");
    }
}
