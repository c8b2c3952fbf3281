// parse_send_invite_response: the documented samples, their formatting variants, every outcome.
#include "support.hpp"

#include <string>
#include <vector>

using onelogin::ApiError;
using onelogin::InvalidApiKey;
using onelogin::InviteSent;
using onelogin::MalformedResponse;
using onelogin::NoSuchUser;
using onelogin::v3::parse_send_invite_response;
using test_support::read_vector;
using test_support::require;
using test_support::require_malformed;

namespace {

const std::string success_compact =
    R"({"status":{"type":"success","message":"Email sent successfully to email@example.com","error":false,"code":200}})";
const std::string no_user_compact =
    R"({"status":{"type":"bad request","message":"No User exists for input email","error":true,"code":400}})";
const std::string invalid_key_compact =
    "<error><message>API key is invalid or "
    "missing</message><code>invalid_or_missing_api_key</code></error>";

void check_sent_to_example(const std::string& body) {
    INFO(body);
    const auto sent = require<InviteSent>(parse_send_invite_response(body, 200));
    CHECK(sent.message == "Email sent successfully to email@example.com");
    CHECK(sent.recipient == "email@example.com");
}

void check_no_such_user(const std::string& body) {
    INFO(body);
    CHECK(require<NoSuchUser>(parse_send_invite_response(body, 400)).message ==
          "No User exists for input email");
}

void check_invalid_key(const std::string& body) {
    INFO(body);
    const auto invalid = require<InvalidApiKey>(parse_send_invite_response(body, 400));
    CHECK(invalid.message == "API key is invalid or missing");
    CHECK(invalid.code == "invalid_or_missing_api_key");
}

std::string with_crlf(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

}  // namespace

TEST_CASE("documented sample: the success body as published is cut short, so it is malformed") {
    // The v3 page prints the success sample without its final '}'. A body that ends before its
    // JSON does is what a dropped connection looks like, so the library does not guess.
    const std::string published = read_vector("v3_send_invite_200_as_published.json");
    const MalformedResponse malformed = require_malformed(published, 200);
    CHECK(malformed.reason == onelogin::MalformedReason::cut_short);
    CHECK(malformed.offset == published.size());
    CHECK(malformed.http_status == 200);
    CHECK(malformed.body == published);
    check_sent_to_example(published + "}");
}

TEST_CASE("documented sample: invalid API key (XML)") {
    check_invalid_key(read_vector("v3_send_invite_400_invalid_api_key.xml"));
}

TEST_CASE("documented sample: no user has the email (JSON)") {
    check_no_such_user(read_vector("v3_send_invite_400_no_such_user.json"));
}

TEST_CASE("JSON bodies are read however the server formats them") {
    const std::string published = read_vector("v3_send_invite_200_as_published.json") + "}";
    const std::string no_user = read_vector("v3_send_invite_400_no_such_user.json");
    for (
        const std::string& body : std::vector<std::string>{
            success_compact, published, with_crlf(published), "\xEF\xBB\xBF" + published,
            " \t\r\n" + success_compact + " \r\n\t ",
            R"({"status":{"code":200,"error":false,"message":"Email sent successfully to email@example.com","type":"success"}})",
            R"({"data":[1,{"a":null}],"status":{"extra":{"x":[true]},"message":"Email sent successfully to email@example.com","error":false},"z":1.5})",
            R"({"status":{"message":"Email sent successfully to \u0065mail\u0040example.com","error":false}})"}) {
        check_sent_to_example(body);
    }
    for (const std::string& body : std::vector<std::string>{
             no_user_compact, with_crlf(no_user), "\xEF\xBB\xBF" + no_user,
             R"({"status":{"message":"No User exists for input \u0065mail","error":true}})"}) {
        check_no_such_user(body);
    }
}

TEST_CASE("XML bodies are read however the server formats them") {
    const std::string published = read_vector("v3_send_invite_400_invalid_api_key.xml");
    for (const std::string& body : std::vector<std::string>{
             invalid_key_compact, published, with_crlf(published), "\xEF\xBB\xBF" + published,
             "\r\n  " + published + "\r\n",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + published,
             "<?xml version='1.0'?><!-- from the API --><error "
             "kind=\"auth\"><code>invalid_or_missing_api_key</code><hint>x</hint><message>API key "
             "is invalid or missing</message></error><!-- end -->",
             "<error><message><![CDATA[API key is invalid]]> or "
             "&#109;issing</message><code>invalid_or_missing_api_key</code></error>",
             "<error><message>API key is &#x69;nvalid or "
             "missing</message><code>invalid_or_missing_api_key</code></error>"}) {
        check_invalid_key(body);
    }
}

TEST_CASE("XML references are replaced by XML's rules") {
    const auto error = require<ApiError>(
        parse_send_invite_response("<error><message>&lt;a&gt; &amp; &apos;b&apos; &quot;c&quot; "
                                   "&#233;&#x1F600;</message><code>x</code></error>"));
    CHECK(error.message == "<a> & 'b' \"c\" é😀");
}

TEST_CASE("the recipient is the address the success message names, or empty") {
    const auto recipient = [](const std::string& message) {
        return require<InviteSent>(
                   parse_send_invite_response(R"({"status":{"error":false,"message":")" + message +
                                              R"("}})"))
            .recipient;
    };
    CHECK(recipient("Email sent successfully to personal@home.example") == "personal@home.example");
    CHECK(recipient("Email sent successfully to josé@exämple.com") == "josé@exämple.com");
    CHECK(recipient("Success") == "");
    CHECK(recipient("Email sent successfully to ") == "");
    CHECK(recipient("email sent successfully to a@b.c") == "");
}

TEST_CASE("a JSON error other than no-such-user is an ApiError that keeps everything") {
    const std::string body =
        R"({"status":{"type":"bad request","message":"Email Parameter is missing","error":true,"code":400},"extra":1})";
    const auto error = require<ApiError>(parse_send_invite_response(body, 400));
    CHECK(error.http_status == 400);
    CHECK(error.status_code == 400);
    CHECK(error.type == "bad request");
    CHECK(error.message == "Email Parameter is missing");
    CHECK(error.error_code.empty());
    CHECK(error.body == body);

    const auto bare = require<ApiError>(
        parse_send_invite_response(R"({"status":{"error":true,"message":"Rate limited"}})"));
    CHECK_FALSE(bare.http_status.has_value());
    CHECK_FALSE(bare.status_code.has_value());
    CHECK(bare.type.empty());

    // Only the exact message means no such user.
    CHECK(std::holds_alternative<ApiError>(parse_send_invite_response(
        R"({"status":{"error":true,"message":"No user exists for input email"}})")));
}

TEST_CASE("an XML error with another code is an ApiError that keeps everything") {
    const std::string body =
        "<error><message>Too many requests</message><code>rate_limited</code></error>";
    const auto error = require<ApiError>(parse_send_invite_response(body, 503));
    CHECK(error.http_status == 503);
    CHECK(error.message == "Too many requests");
    CHECK(error.error_code == "rate_limited");
    CHECK_FALSE(error.status_code.has_value());
    CHECK(error.body == body);
}

TEST_CASE("the HTTP status is optional and a plain int converts to it") {
    CHECK(require_malformed("", 502).http_status == 502);
    CHECK_FALSE(require_malformed("").http_status.has_value());
    const int status = 503;
    CHECK(require<MalformedResponse>(parse_send_invite_response("", status)).http_status == 503);
}

TEST_CASE("a success body is InviteSent whatever the status says; the body is the answer") {
    check_sent_to_example(success_compact);
    CHECK(std::holds_alternative<InviteSent>(parse_send_invite_response(success_compact, 500)));
}
