// parse_send_invite_response on bodies that are not API answers: each gives a MalformedResponse
// that says what was wrong and where, in bounded time and memory, without recursing.
#include "support.hpp"

#include <limits>
#include <utility>
#include <string>
#include <vector>

using onelogin::ApiError;
using onelogin::InviteSent;
using onelogin::MalformedResponse;
using onelogin::v3::parse_send_invite_response;
using test_support::require;
using test_support::require_malformed;

namespace {

struct MalformedCase {
    std::string body;
    std::string detail;                 // a part of the detail that must be there
    std::optional<std::size_t> offset;  // the offset that must be reported
};

void check(const std::vector<MalformedCase>& cases) {
    for (const auto& [body, detail, offset] : cases) {
        INFO("body: " << body.substr(0, 200));
        const MalformedResponse malformed = require_malformed(body, 418);
        CHECK(malformed.detail.find(detail) != std::string::npos);
        INFO("detail: " << malformed.detail);
        CHECK(malformed.offset == offset);
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

}  // namespace

TEST_CASE("empty and whitespace-only bodies") {
    check({{"", "empty body", 0},
           {" \r\n\t", "only whitespace", 4},
           {"\xEF\xBB\xBF", "only whitespace", 3}});
}

TEST_CASE("bodies that are not UTF-8") {
    using namespace std::string_literals;
    check({
        {"{\"status\":{\"error\":false,\"message\":\"caf\xE9\"}}", "invalid UTF-8 at byte 39", 39},
        {"\xC0\xBF{}", "invalid UTF-8 at byte 0", 0},
        {"\xEF\xBB\xBF{\"a\":\"\xED\xA0\x80\"}", "invalid UTF-8 at byte 9", 9},
        {"{\"a\":\"\xF4\x90\x80\x80\"}", "invalid UTF-8 at byte 6", 6},
        {"{\"a\":\"\xE2\x82\"}", "invalid UTF-8 at byte 6", 6},
        {"\xFF\xFE{\0\"\0"s, "UTF-16", 0},
        {"\xFE\xFF\0{\0\""s, "UTF-16", 0},
        {"\xFF\xFE\0\0{\0\0\0"s, "UTF-32", 0},
        {"{\0\"\0s\0"s, "looks like UTF-16", 1},
        {"\0<\0e\0"s, "looks like UTF-16", 0},
    });
}

TEST_CASE("embedded NUL bytes") {
    using namespace std::string_literals;
    check({{"{\"status\":{\"error\":false,\"message\":\"a\0b\"}}"s, "NUL byte at byte 37", 37},
           {"<error><message>a</message><code>b</code></error>\0"s, "NUL byte at byte 49", 49}});
}

TEST_CASE("bodies that are neither JSON nor XML") {
    check({{"Bad Gateway", "neither JSON nor XML: it starts with 'B' at byte 0", 0},
           {"  \r\n# comment", "starts with '#' at byte 4", 4},
           {"\xEF\xBB\xBF\xC3\xA9", "starts with 0xC3 at byte 3", 3}});
}

TEST_CASE("HTML error pages from proxies and gateways") {
    check(
        {{"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
          "an HTML page, not an API response (a proxy or gateway error?): \"502 Bad Gateway\"", 0},
         {"\r\n<!DOCTYPE html>\n<HTML><TITLE>\n  Service\n Unavailable </TITLE>",
          "\"Service Unavailable\"", 2},
         {"<!-- cdn --><html><body>down", "an HTML page", 0},
         {"<!doctype HTML><p>no title",
          "an HTML page, not an API response (a proxy or gateway error?)", 0},
         {"<html><title>" + std::string(100, 'x') + "</title>", "\"" + std::string(80, 'x') + "\"",
          0}});
}

TEST_CASE("truncated, invalid and trailing JSON") {
    check({{"{", "the JSON ends early (truncated body?) at byte 1", 1},
           {"{\"status\":{\"error\":false,\"mess", "ends early", 30},
           {"{\"status\" 1}", "invalid JSON: unexpected '1' at byte 10", 10},
           {"{'status':{}}", "invalid JSON: unexpected ''' at byte 1", 1},
           {"{\"a\":tru}", "invalid JSON", 8},
           {"{\"a\":\"\\ud800\"}", "invalid JSON", 12},
           {"{\"a\":\"\\x\"}", "invalid JSON: unexpected 'x' at byte 7", 7},
           {"{\"a\":1,}", "invalid JSON: unexpected '}' at byte 7", 7},
           {"{\"status\":{\"error\":false,\"message\":\"m\"}}x",
            "unexpected 'x' after the JSON value at byte 40", 40},
           {"{\"status\":{\"error\":false,\"message\":\"m\"}}{}", "after the JSON value", 40},
           {"{}\r\n\r\n{}", "after the JSON value at byte 6", 6}});
}

TEST_CASE("JSON of the wrong shape") {
    check(
        {{"[]", "the JSON body is an array, expected an object", std::nullopt},
         {"\"status\"", "the JSON body is a string", std::nullopt},
         {"200", "the JSON body is an integer", std::nullopt},
         {"-1.5", "the JSON body is a fractional number", std::nullopt},
         {"true", "the JSON body is a boolean", std::nullopt},
         {"null", "the JSON body is null", std::nullopt},
         {"{}", "no \"status\" object", std::nullopt},
         {"{\"Status\":{\"error\":false,\"message\":\"m\"}}", "no \"status\" object", std::nullopt},
         {"{\"status\":\"ok\"}", "status is a string, expected an object", std::nullopt},
         {"{\"status\":[]}", "status is an array, expected an object", std::nullopt},
         {"{\"status\":null}", "status is null, expected an object", std::nullopt},
         {"{\"status\":{\"message\":\"m\"}}", "status has no \"error\" field", std::nullopt},
         {"{\"status\":{\"error\":false}}", "status has no \"message\" field", std::nullopt},
         {"{\"status\":{\"error\":\"false\",\"message\":\"m\"}}",
          "status.error is a string, expected a boolean", std::nullopt},
         {"{\"status\":{\"error\":0,\"message\":\"m\"}}",
          "status.error is an integer, expected a boolean", std::nullopt},
         {"{\"status\":{\"error\":false,\"message\":5}}",
          "status.message is an integer, expected a string", std::nullopt},
         {"{\"status\":{\"error\":false,\"message\":{}}}",
          "status.message is an object, expected a string", std::nullopt},
         {"{\"status\":{\"error\":true,\"message\":\"m\",\"type\":1}}",
          "status.type is an integer, expected a string", std::nullopt},
         {"{\"status\":{\"error\":true,\"message\":\"m\",\"code\":\"400\"}}",
          "status.code is a string, expected an integer", std::nullopt},
         {"{\"status\":{\"error\":true,\"message\":\"m\",\"code\":400.5}}",
          "status.code is a fractional number, expected an integer", std::nullopt},
         {"{\"status\":{\"error\":true,\"message\":\"m\",\"code\":18446744073709551615}}",
          "status.code is out of range", std::nullopt}});
}

TEST_CASE("duplicate keys are refused rather than resolved either way") {
    check({{"{\"status\":{\"error\":true,\"message\":\"m\"},\"status\":{\"error\":false,"
            "\"message\":\"m\"}}",
            "duplicate key status", std::nullopt},
           {"{\"status\":{\"error\":true,\"error\":false,\"message\":\"m\"}}",
            "duplicate key status.error", std::nullopt},
           {"{\"status\":{\"error\":false,\"message\":\"a\",\"message\":\"b\"}}",
            "duplicate key status.message", std::nullopt}});
    // The same names elsewhere are other fields, not duplicates.
    CHECK(std::holds_alternative<InviteSent>(parse_send_invite_response(
        R"({"status":{"error":false,"message":"m","x":{"error":1,"status":2}},"y":{"status":[]}})")));
}

TEST_CASE("numbers too large for a double or a long long") {
    // Valid JSON whatever its size: only status.code is read, and it must fit a long long.
    check({{"{\"status\":{\"error\":true,\"message\":\"m\",\"code\":1e999}}",
            "status.code is a fractional number, expected an integer", std::nullopt},
           {"{\"status\":{\"error\":true,\"message\":\"m\",\"code\":-9223372036854775809}}",
            "status.code is out of range", std::nullopt}});
    CHECK(require<ApiError>(
              parse_send_invite_response(
                  R"({"status":{"error":true,"message":"m","code":-9223372036854775808}})"))
              .status_code == std::numeric_limits<long long>::min());
    for (const char* body :
         {R"({"status":{"error":false,"message":"m"},"n":1e999})",
          R"({"n":-1e400,"status":{"error":false,"message":"m"}})",
          R"({"n":123456789012345678901234567890,"status":{"error":false,"message":"m"}})"}) {
        CHECK(std::holds_alternative<InviteSent>(parse_send_invite_response(body)));
    }
}

TEST_CASE("deep nesting is cut off at ONELOGIN_INVITE_MAX_JSON_DEPTH without recursing") {
    constexpr std::size_t depth = 200000;
    // The offset is the 65th opening bracket's.
    check({{"{\"x\":" + nested(depth, "[", "]") + "}", "nested deeper than 64 levels", 68},
           {nested(depth, "{\"a\":", "}"), "nested deeper than 64 levels", 320},
           {"{\"x\":" + std::string(depth, '['), "nested deeper than 64 levels", 68}});
    const std::string within =
        R"({"status":{"error":false,"message":"m"},"x":)" + nested(62, "[", "]") + "}";
    CHECK(std::holds_alternative<InviteSent>(parse_send_invite_response(within)));
}

TEST_CASE("XML that is not the API's error") {
    check(
        {{"<error><message>m</message><code>c</code>", "the XML ends early (truncated body?)", 40},
         {"<error><message>m</mess", "ends early", 19},
         {"<error><message>m</code></error>", "invalid XML: Start-end tags mismatch at byte 19",
          19},
         {"<error><message>m</message><code>c</code></error>tail", "text outside its root element",
          49},
         {"<error><message>m</message><code>c</code></error><error/>", "a second root element", 49},
         {"<response><message>m</message><code>c</code></response>",
          "root element is <response>, expected <error>", 0},
         {"<" + std::string(100, 'r') + "/>", "root element is <" + std::string(40, 'r') + "...>",
          0},
         {"<error><code>c</code></error>", "XML <error> has no <message>", std::nullopt},
         {"<error><message>m</message></error>", "XML <error> has no <code>", std::nullopt},
         {"<error><message>a</message><message>b</message><code>c</code></error>",
          "a second <message>", 27},
         {"<error><message><b>m</b></message><code>c</code></error>",
          "XML <message> holds an element", 16},
         {"<?xml version=\"1.0\"?>", "no root element", 0},
         {"<!-- only a comment -->", "no root element", 0}});
}

TEST_CASE("fuzzing finding: XML that ends inside an attribute has its offset inside the body") {
    // pugixml reported the byte after the end; the offset must be a byte of the body.
    check(
        {{"<input emailtatusa:",
          "the XML ends early (truncated body?): Error parsing element attribute at byte 19", 19}});
}

TEST_CASE("fuzzing finding: an element holding only whitespace keeps it, on either path") {
    // The plain-body scan kept the space and pugixml dropped it, so the two disagreed.
    for (const std::string body :
         {"<error><message> </message><code>c</code></error>",
          "<error><!-- general path --><message> </message><code>c</code></error>",
          "<error>\n<message> </message><code>ke</code>\n</error> \n\r\r\r\n"}) {
        INFO(body);
        CHECK(require<ApiError>(parse_send_invite_response(body)).message == " ");
    }
}

TEST_CASE("XML entities: no DTD is accepted and no undefined entity is expanded") {
    const std::string laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE error [<!ENTITY lol \"lol\"><!ENTITY lol2 "
        "\"&lol;&lol;&lol;&lol;\">]>"
        "<error><message>&lol2;</message><code>c</code></error>";
    const std::string external =
        "<!DOCTYPE error [<!ENTITY xxe SYSTEM "
        "\"file:///etc/passwd\">]><error><message>&xxe;</message><code>c</code></error>";
    check(
        {{laughs, "document type declaration; DTDs are refused", 21},
         {external, "DTDs are refused", 0},
         {"<error><message>&xxe;</message><code>c</code></error>", "undefined entity", 7},
         {"<error><message>a & b</message><code>c</code></error>", "a bare '&'", 7},
         {"<error><message>&#0;</message><code>c</code></error>", "invalid character reference", 7},
         {"<error><message>&#xD800;</message><code>c</code></error>", "invalid character reference",
          7},
         {"<error><message>&#x110000;</message><code>c</code></error>",
          "invalid character reference", 7},
         {"<error><message>&#12a;</message><code>c</code></error>", "invalid character reference",
          7},
         {"<error><message>m</message><code>&#;</code></error>", "XML <code>", 27}});
}

TEST_CASE("deep XML nesting is read without recursing") {
    const std::string body = "<error><message>m</message><code>c</code><x>" +
                             nested(200000, "<a>", "</a>") + "</x></error>";
    const auto error = require<ApiError>(parse_send_invite_response(body));
    CHECK(error.message == "m");
    CHECK(error.error_code == "c");
    check({{"<error>" + std::string(200000, '<'), "invalid XML", 8}});
}

TEST_CASE("multi-megabyte bodies are read whole") {
    const std::string long_message(8u << 20, 'm');
    const auto sent = require<InviteSent>(
        parse_send_invite_response(R"({"status":{"error":false,"message":")" + long_message +
                                   R"("},"pad":")" + std::string(8u << 20, 'p') + "\"}"));
    CHECK(sent.message == long_message);
    const auto error = require<ApiError>(parse_send_invite_response(
        "<error><message>" + long_message + "</message><code>c</code></error>" +
        std::string(8u << 20, ' ')));
    CHECK(error.message == long_message);
    check({{std::string(8u << 20, ' ') + "{", "ends early", (8u << 20) + 1}});
}

TEST_CASE("a JSON string may carry an escaped NUL: the message keeps every byte") {
    const auto error = require<ApiError>(
        parse_send_invite_response(R"({"status":{"error":true,"message":"a\u0000b"}})"));
    CHECK(error.message == std::string("a\0b", 3));
}

TEST_CASE("byte order marks other than one UTF-8 BOM") {
    check({{"\xEF\xBB\xBF\xEF\xBB\xBF{}", "neither JSON nor XML: it starts with 0xEF at byte 3", 3},
           {"{\"status\":{\"error\":false,\"message\":\"m\"}}\xEF\xBB\xBF",
            "after the JSON value at byte 40", 40}});
}

TEST_CASE("comments: XML comments are allowed, JSON has none") {
    check({{"{/* c */\"status\":{\"error\":false,\"message\":\"m\"}}",
            "invalid JSON: unexpected '/' at byte 1", 1},
           {"// c\n{}", "neither JSON nor XML", 0}});
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

TEST_CASE("bodies from 1 MiB to 64 MiB are read whole") {
    for (const std::size_t size : {std::size_t{1} << 20, std::size_t{64} << 20}) {
        INFO("body of " << size << " bytes");
        const std::string head = R"({"status":{"error":true,"message":")";
        const std::string tail = R"("}})";
        const std::string message(size - head.size() - tail.size(), 'x');
        const auto error = require<ApiError>(parse_send_invite_response(head + message + tail));
        CHECK(error.message.size() == message.size());
        CHECK(error.body.size() == size);
        const std::string xml = "<error><message>m</message><code>c</code></error>";
        CHECK(require<ApiError>(
                  parse_send_invite_response(xml + std::string(size - xml.size(), '\n')))
                  .error_code == "c");
        const std::string cut = head + message;
        CHECK(require_malformed(cut).offset == cut.size());
    }
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
        nested(200000, "[", "]"),
        "{\"status\":" + nested(100000, "{\"a\":", "}") + "}",
    };
    for (const std::string& body : bodies) {
        INFO("body: " << body.substr(0, 120));
        const MalformedResponse v3 = require_malformed(body, 503);
        const auto check_same = [&](const MalformedResponse& other) {
            CHECK(other.detail == v3.detail);
            CHECK(other.offset == v3.offset);
            CHECK(other.body == body);
            CHECK(other.http_status == 503);
        };
        check_same(
            require<MalformedResponse>(onelogin::api1::parse_send_invite_response(body, 503)));
        check_same(
            require<MalformedResponse>(onelogin::api1::parse_generate_invite_response(body, 503)));
        // The token reader is its own, but the JSON and XML it refuses are the same.
        const auto token =
            require<MalformedResponse>(onelogin::api1::parse_token_response(body, 503));
        CHECK(token.offset == v3.offset);
        CHECK(token.body == body);
    }
}

TEST_CASE("token answers: hostile members are refused without quoting the token") {
    const std::string secret = "SECRET-TOKEN-VALUE";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"access_token":")" + secret +
             R"(","access_token":"x","expires_in":1,"token_type":"b"})",
         "duplicate key access_token"},
        {R"({"access_token":")" + secret + R"(","expires_in":1e999,"token_type":"b"})",
         "expires_in is a fractional number"},
        {R"({"access_token":")" + secret + R"(","expires_in":1,"token_type":"b","account_id":-1})",
         "account_id is out of range"},
        {R"({"access_token":")" + secret + R"(","expires_in":1,"token_type":"b","x":)" +
             nested(100000, "[", "]") + "}",
         "nested deeper than"},
        {R"({"access_token":")" + secret + R"(\ud800","expires_in":1,"token_type":"b"})",
         "invalid JSON"},
        {R"({"access_token":")" + secret, "ends early"},
    };
    for (const auto& [body, detail] : cases) {
        INFO("body: " << body.substr(0, 120));
        const auto malformed =
            require<MalformedResponse>(onelogin::api1::parse_token_response(body, 200));
        INFO("detail: " << malformed.detail);
        CHECK(malformed.detail.find(detail) != std::string::npos);
        CHECK(malformed.detail.find(secret) == std::string::npos);
        CHECK(malformed.body == body);
    }
    // A huge token is read whole.
    const std::string huge(4 << 20, 't');
    const auto token = require<onelogin::api1::AccessToken>(onelogin::api1::parse_token_response(
        R"({"access_token":")" + huge + R"(","expires_in":36000,"token_type":"bearer"})"));
    CHECK(token.access_token.size() == huge.size());
}
