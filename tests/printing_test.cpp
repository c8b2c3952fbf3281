// to_string, operator<<, is_success and http_status: every outcome, result, advice and enum can be
// printed, no printed form shows a secret or a raw control character, and the two questions asked
// first of any outcome have answers.
#include "support.hpp"

#include <optional>
#include <sstream>
#include <string>
#include <variant>

namespace v3 = onelogin::v3;
namespace api1 = onelogin::api1;
using onelogin::to_string;

TEST_CASE("printing: each outcome in one line") {
    CHECK(
        to_string(onelogin::InviteSent{"Email sent successfully to a@b.example", "a@b.example"}) ==
        R"(invite sent to "a@b.example": "Email sent successfully to a@b.example")");
    CHECK(to_string(onelogin::InviteSent{"Success", ""}) == R"(invite sent: "Success")");
    CHECK(to_string(onelogin::InvalidApiKey{"API key is invalid or missing",
                                            "invalid_or_missing_api_key"}) ==
          R"(API key refused: "API key is invalid or missing" ("invalid_or_missing_api_key"))");
    CHECK(to_string(onelogin::NoSuchUser{"No User exists for input email"}) ==
          R"(no such user: "No User exists for input email")");
    CHECK(to_string(onelogin::InvalidAccessToken{"Authentication Failure"}) ==
          R"(access token refused: "Authentication Failure")");
    CHECK(to_string(onelogin::InvalidClientCredentials{"Unauthorized"}) ==
          R"(client credentials refused: "Unauthorized")");
    CHECK(to_string(onelogin::BadRequest{onelogin::BadRequestReason::email_format,
                                         "Email Input is in incorrect format"}) ==
          R"(bad request (email_format): "Email Input is in incorrect format")");
    CHECK(to_string(onelogin::RateLimited{429, "rate_limit_exceeded", "{}"}) ==
          R"(rate limited (HTTP 429): "rate_limit_exceeded")");
    CHECK(to_string(onelogin::RateLimited{}) == "rate limited");
    onelogin::ApiError error;
    error.http_status = 422;
    error.status_code = 422;
    error.type = "Unprocessable Entity";
    error.message = "Validation failed";
    error.attribute = "email";
    CHECK(to_string(error) ==
          R"(API error (HTTP 422, code 422, type "Unprocessable Entity", attribute "email"): )"
          R"("Validation failed")");
    CHECK(to_string(onelogin::InvalidRequest{onelogin::RequestField::email, "email is empty"}) ==
          "invalid request (email): email is empty");
    CHECK(to_string(onelogin::TransportError{"timed out"}) ==
          "no answer (the request may have reached the server): timed out");
    CHECK(to_string(onelogin::TransportError{"refused", false}) ==
          "not sent (the request never reached the server): refused");
    const auto malformed = std::get<onelogin::MalformedResponse>(
        v3::parse_send_invite_response("<html><title>502 Bad Gateway</title></html>", 502));
    CHECK(to_string(malformed) ==
          R"(malformed response (HTTP 502, HTML page, at byte 0): an HTML page, not an API )"
          R"(response (a proxy or gateway error?): "502 Bad Gateway"; body of 43 bytes not shown)");
    const onelogin::RetryAdvice advice{onelogin::Retry::later, std::chrono::seconds(30),
                                       "rate limited"};
    CHECK(to_string(advice) == "retry after 30 s: rate limited");
    CHECK(to_string(onelogin::RetryAdvice{onelogin::Retry::no, std::chrono::seconds(0), "done"}) ==
          "do not retry: done");
    CHECK(to_string(onelogin::RetryAdvice{onelogin::Retry::check_first, std::chrono::seconds(2),
                                          "gateway failed"}) ==
          "check before sending again after 2 s: gateway failed");
}

TEST_CASE("printing: enums by their names") {
    using onelogin::BadRequestReason;
    using onelogin::MalformedReason;
    using onelogin::Retry;
    CHECK(std::string(to_string(BadRequestReason::authorization_incorrect)) ==
          "authorization_incorrect");
    CHECK(std::string(to_string(BadRequestReason::content_type)) == "content_type");
    CHECK(std::string(to_string(Retry::with_new_token)) == "with_new_token");
    CHECK(std::string(to_string(Retry::check_first)) == "check_first");
    CHECK(std::string(to_string(MalformedReason::cut_short)) == "cut short");
    std::ostringstream out;
    out << BadRequestReason::email_missing << '|' << Retry::no << '|' << MalformedReason::too_deep
        << '|' << onelogin::RequestField::client_secret;
    CHECK(out.str() == "email_missing|no|nested too deep|client_secret");
}

TEST_CASE("printing: a result variant prints what it holds, by operator<< too") {
    const v3::SendInviteResult result = onelogin::NoSuchUser{"No User exists for input email"};
    CHECK(to_string(result) == R"(no such user: "No User exists for input email")");
    std::ostringstream out;
    out << result << ';' << v3::parse_send_invite_response("", 200);
    CHECK(out.str() ==
          R"(no such user: "No User exists for input email";malformed response )"
          R"((HTTP 200, empty body, at byte 0): empty body; body of 0 bytes not shown)");
}

TEST_CASE("printing: secrets are never shown") {
    const std::string token_body =
        R"({"access_token":"TOKEN-SECRET","created_at":"2015-11-11T03:36:18.714Z",)"
        R"("expires_in":36000,"refresh_token":"REFRESH-SECRET","token_type":"bearer","account_id":555})";
    const auto token = std::get<api1::AccessToken>(api1::parse_token_response(token_body, 200));
    const std::string printed = to_string(token);
    CHECK(printed == R"(access token ("bearer", expires in 36000 s, created )"
                     R"("2015-11-11T03:36:18.714Z", account 555; token not shown))");
    std::ostringstream out;
    out << token << api1::parse_token_response(token_body, 200);
    CHECK(out.str() == printed + printed);

    // A token response that is malformed keeps its body, which holds the token: not printed.
    const std::string cut_short = token_body.substr(0, token_body.size() - 1);
    const api1::TokenOutcome malformed = api1::parse_token_response(cut_short, 200);
    REQUIRE(std::holds_alternative<onelogin::MalformedResponse>(malformed));
    CHECK(std::get<onelogin::MalformedResponse>(malformed).body.find("TOKEN-SECRET") !=
          std::string::npos);
    CHECK(to_string(malformed).find("SECRET") == std::string::npos);

    // An invite link lets whoever holds it join: only its scheme, host, port and first path
    // segment are printed; the rest of the path, the query and the fragment are masked.
    const onelogin::InviteLink link{"Success",
                                    "https://x.onelogin.com/password/reset?token=LINK-SECRET"};
    CHECK(to_string(link) == R"(invite link made: "https://x.onelogin.com/password/****?****")");
}

TEST_CASE("printing: an invite link never shows its token, wherever the link carries it") {
    const auto printed = [](const char* url) {
        return to_string(onelogin::InviteLink{"Success", url});
    };
    CHECK(printed("https://acme.onelogin.com/invite/5b8b9b2d6e2f4c1a") ==
          R"(invite link made: "https://acme.onelogin.com/invite/****")");
    CHECK(printed("https://acme.onelogin.com/a/b/5b8b9b2d6e2f4c1a/") ==
          R"(invite link made: "https://acme.onelogin.com/a/****")");
    CHECK(printed("https://acme.onelogin.com:8443/join?t=5b8b#frag-5b8b") ==
          R"(invite link made: "https://acme.onelogin.com:8443/join?****#****")");
    CHECK(printed("https://acme.onelogin.com#5b8b") ==
          R"(invite link made: "https://acme.onelogin.com#****")");
    CHECK(printed("https://acme.onelogin.com?5b8b") ==
          R"(invite link made: "https://acme.onelogin.com?****")");
    CHECK(printed("https://acme.onelogin.com/join/") ==
          R"(invite link made: "https://acme.onelogin.com/join/")");
    CHECK(printed("http://[::1]:8080/p/5b8b") == R"(invite link made: "http://[::1]:8080/p/****")");
    CHECK(printed("https://user:5b8b@acme.onelogin.com/") ==
          R"(invite link made: "https://acme.onelogin.com/")");  // user information dropped
    CHECK(printed("5b8b9b2d6e2f4c1a") == R"(invite link made: "****")");  // not a URL at all
    CHECK(printed("/password/reset?token=5b8b") == R"(invite link made: "****")");
    for (const char* url : {"https://h/x/5b8b", "https://h/x?5b8b", "https://h/x#5b8b",
                            "https://5b8b@h/x", "5b8b", "//h/x/5b8b"}) {
        INFO(url);
        CHECK(printed(url).find("5b8b") == std::string::npos);
    }
}

TEST_CASE("printing: bidirectional controls and line separators are escaped") {
    // U+202E (right-to-left override) would show "txt.exe" as "exe.txt"; U+2028 breaks a line.
    const onelogin::NoSuchUser hostile{
        "a\xE2\x80\xAE"
        "exe.txt b\xE2\x80\xA8"
        "c \xE2\x81\xA6"
        "d\xE2\x81\xA9 \xE2\x80\x8F"
        "e \xD8\x9C"};
    CHECK(to_string(hostile) == R"(no such user: "a\xE2\x80\xAEexe.txt b\xE2\x80\xA8c )"
                                R"(\xE2\x81\xA6d\xE2\x81\xA9 \xE2\x80\x8Fe \xD8\x9C")");
    // U+202A to U+202E, U+2066 to U+2069, U+2028 and U+2029, as UTF-8.
    for (const char* text : {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD",
                             "\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8",
                             "\xE2\x81\xA9", "\xE2\x80\xA8", "\xE2\x80\xA9"}) {
        INFO(text);
        const std::string printed = to_string(onelogin::NoSuchUser{text});
        CHECK(printed.find(text) == std::string::npos);
        CHECK(printed.find("\\xE2") != std::string::npos);
    }
    // The characters just outside those ranges are kept as they are: U+061B, U+061D, U+200D,
    // U+2010, U+2027, U+202F (a narrow no-break space), U+2065 and U+206A.
    for (const char* text : {"\xD8\x9B", "\xD8\x9D", "\xE2\x80\x8D", "\xE2\x80\x90", "\xE2\x80\xA7",
                             "\xE2\x80\xAF", "\xE2\x81\xA5", "\xE2\x81\xAA"}) {
        INFO(text);
        CHECK(to_string(onelogin::NoSuchUser{text}) ==
              std::string("no such user: \"") + text + "\"");
    }
    // Text around them, and other non-ASCII letters, are kept as they are.
    CHECK(to_string(onelogin::NoSuchUser{"\xE2\x80\x94 \xD7\x90"}) ==
          "no such user: \"\xE2\x80\x94 \xD7\x90\"");
}

TEST_CASE("printing: what the server wrote cannot drive a terminal or forge a line") {
    const onelogin::NoSuchUser hostile{
        "gone\x1b[2J\r\nOK: \"fine\" \\ \xc2\x9b"
        "1m \xff end"};
    const std::string printed = to_string(hostile);
    CHECK(printed == R"(no such user: "gone\x1B[2J\x0D\x0AOK: \"fine\" \\ \xC2\x9B1m \xFF end")");
    for (const char c : printed) CHECK(static_cast<unsigned char>(c) >= 0x20);
    CHECK(to_string(onelogin::NoSuchUser{"caf\xc3\xa9"}) == "no such user: \"caf\xc3\xa9\"");
}

TEST_CASE("is_success and http_status answer for any outcome or result") {
    CHECK(onelogin::is_success(v3::SendInviteResult{onelogin::InviteSent{"Success", ""}}));
    CHECK(onelogin::is_success(v3::GenerateInviteOutcome{onelogin::InviteLink{"Success", "l"}}));
    CHECK(onelogin::is_success(api1::TokenResult{api1::AccessToken{}}));
    CHECK_FALSE(onelogin::is_success(v3::SendInviteResult{onelogin::NoSuchUser{}}));
    CHECK_FALSE(onelogin::is_success(api1::TokenResult{onelogin::TransportError{"x"}}));

    CHECK(onelogin::http_status(v3::parse_send_invite_response("", 502)) == 502);
    CHECK(onelogin::http_status(
              v3::parse_send_invite_response(R"({"code":418,"message":"no"})", 418)) == 418);
    CHECK(onelogin::http_status(v3::parse_send_invite_response("", 429)) == 429);
    CHECK(!onelogin::http_status(v3::parse_send_invite_response("")));
    CHECK(!onelogin::http_status(v3::SendInviteResult{onelogin::TransportError{"x"}}));
    CHECK(!onelogin::http_status(v3::SendInviteResult{onelogin::InviteSent{}}));
}

TEST_CASE("http_status: a success keeps the status it came with") {
    using test_support::read_vector;
    const auto sent = v3::parse_send_invite_response(
        read_vector("v3_send_invite_200_as_published.json") + "}", 200);
    REQUIRE(std::holds_alternative<onelogin::InviteSent>(sent));
    CHECK(onelogin::http_status(sent) == 200);
    CHECK(std::get<onelogin::InviteSent>(sent).http_status == 200);
    CHECK(onelogin::http_status(v3::parse_generate_invite_response(
              read_vector("v3_generate_invite_200.json"), 201)) == 201);
    CHECK(onelogin::http_status(api1::parse_send_invite_response(
              read_vector("api1_send_invite_200.json"), 200)) == 200);
    CHECK(onelogin::http_status(api1::parse_generate_invite_response(
              read_vector("api1_generate_invite_200.json"), 200)) == 200);
    CHECK(onelogin::http_status(api1::parse_token_response(read_vector("token_200.json"), 200)) ==
          200);
    // Without a status given, a success has none.
    CHECK(!onelogin::http_status(api1::parse_token_response(read_vector("token_200.json"))));
    // The one-call helpers always pass it on.
    const auto created = [](const onelogin::HttpRequest&) {
        return onelogin::HttpResponse{201,
                                      test_support::read_vector("v3_generate_invite_200.json")};
    };
    const v3::GenerateInviteResult made =
        v3::generate_invite({"key-0123456789", "a@b.example"}, created);
    REQUIRE(std::holds_alternative<onelogin::InviteLink>(made));
    CHECK(onelogin::http_status(made) == 201);
    // Positional aggregates keep their meaning: the status is the last member.
    const onelogin::InviteSent by_hand{"Success", "a@b.example"};
    CHECK(by_hand.recipient == "a@b.example");
    CHECK(!by_hand.http_status);
}

TEST_CASE("printing: a request shows what was sent, never its secrets") {
    const auto v3_request = onelogin::v3::make_send_invite_request(
        {"key-0123456789abcdef", "a@b.example", std::string("home@b.example")});
    const auto& http = std::get<onelogin::HttpRequest>(v3_request);
    CHECK(to_string(http) ==
          "POST https://api.onelogin.com/api/v3/invites/send_invite_link; Content-Type: "
          "application/json; Accept: application/json; body "
          R"({"api_key":"****","email":"a@b.example","personal_email":"home@b.example"})");
    std::ostringstream out;
    out << http;
    CHECK(out.str() == to_string(http));

    const auto api1_request = api1::make_send_invite_request(
        {"tok-SECRET-0123456789", "a@b.example", {}}, api1::Subdomain{"acme"});
    const std::string api1_printed = to_string(std::get<onelogin::HttpRequest>(api1_request));
    CHECK(api1_printed.find("Authorization: bearer ****;") != std::string::npos);
    CHECK(api1_printed.find("SECRET") == std::string::npos);
    const auto token_request =
        api1::make_token_request({"my-id", "client-SECRET-0123"}, api1::Subdomain{"acme"});
    CHECK(to_string(std::get<onelogin::HttpRequest>(token_request)).find("SECRET") ==
          std::string::npos);

    // Built by hand: the URL's user information and query, a secret header, a body that is not
    // JSON, and control characters.
    const onelogin::HttpRequest by_hand{"POST",
                                        "https://me:SECRET@host.example/p?key=SECRET#SECRET",
                                        {{"X-Api-Key", "SECRET"}, {"X-Note", "a\x1b[2Jb"}},
                                        "key=SECRET"};
    const std::string printed = to_string(by_hand);
    CHECK(printed.find("SECRET") == std::string::npos);
    CHECK(printed ==
          "POST https://host.example/p?****#****; X-Api-Key: ****; X-Note: "
          "a\\x1B[2Jb; body ****");
}

namespace elsewhere {

// A success type of a caller's own, defined here and nowhere in the library: it says it is a
// success and keeps its status beside its definition, and prints by the to_string beside it.
struct UserUnlocked {
    static constexpr bool success = true;
    std::string message;
    std::optional<int> http_status = {};
};
std::string to_string(const UserUnlocked& unlocked) { return "user unlocked: " + unlocked.message; }

// A failure of its own: no success member, no status.
struct UserLocked {
    std::string message;
};
std::string to_string(const UserLocked& locked) { return "user locked: " + locked.message; }

// A type without a to_string.
struct Unprintable {};

}  // namespace elsewhere

TEST_CASE("a caller's own outcome types are successes, keep a status and print, from the types") {
    using Outcome =
        std::variant<elsewhere::UserUnlocked, elsewhere::UserLocked, onelogin::ApiError>;
    const Outcome unlocked = elsewhere::UserUnlocked{"Success", 200};
    CHECK(onelogin::is_success(unlocked));
    CHECK(onelogin::http_status(unlocked) == 200);
    CHECK(to_string(unlocked) == "user unlocked: Success");
    std::ostringstream out;
    out << unlocked;
    CHECK(out.str() == "user unlocked: Success");

    const Outcome locked = elsewhere::UserLocked{"Locked"};
    CHECK_FALSE(onelogin::is_success(locked));
    CHECK_FALSE(onelogin::http_status(locked).has_value());
    CHECK(to_string(locked) == "user locked: Locked");

    // Its result, built as the library builds every call's, answers the same.
    using Result = onelogin::detail::call_result_t<Outcome>;
    CHECK(onelogin::is_success(Result{elsewhere::UserUnlocked{"Success", 201}}));
    CHECK(onelogin::http_status(Result{elsewhere::UserUnlocked{"Success", 201}}) == 201);
    CHECK_FALSE(onelogin::is_success(Result{onelogin::TransportError{"reset"}}));
    static_assert(std::is_same_v<std::variant_alternative_t<3, Result>, onelogin::InvalidRequest>);
    static_assert(std::is_same_v<std::variant_alternative_t<4, Result>, onelogin::TransportError>);

    // A type without a to_string is not printable, nor is a variant holding one.
    static_assert(onelogin::detail::printable<Outcome>::value);
    static_assert(!onelogin::detail::printable<elsewhere::Unprintable>::value);
    static_assert(!onelogin::detail::printable<
                  std::variant<elsewhere::Unprintable, onelogin::ApiError>>::value);
}

TEST_CASE(
    "printing: '~' (0x7E), the last printable ASCII character, is shown as it is; DEL is not") {
    onelogin::ApiError error;
    error.message = "a~b";
    CHECK(to_string(error).find("a~b") != std::string::npos);
    error.message =
        "a\x7F"
        "b";
    CHECK(to_string(error).find("a\\x7Fb") != std::string::npos);
}
