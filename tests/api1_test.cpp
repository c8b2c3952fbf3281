// API /1's invite calls: make_*_request and parse_*_response in onelogin::api1, with every
// documented /1 body as a test vector.
#include "support.hpp"

#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace api1 = onelogin::api1;
using namespace test_support::shared_types;
using test_support::read_vector;
using test_support::require;

namespace {

const api1::Endpoint acme = api1::Subdomain{"acme"};

}  // namespace

TEST_CASE("api1: send is a POST of email to the subdomain, with the bearer token") {
    const auto http = require<HttpRequest>(
        api1::make_send_invite_request({"tok-123", "new.hire@example.com", {}}, acme));
    CHECK(http.method == "POST");
    CHECK(http.url == "https://acme.onelogin.com/api/1/invites/send_invite_link");
    REQUIRE(http.headers.size() == 3);
    CHECK(http.headers[0].name == "Authorization");
    CHECK(http.headers[0].value == "bearer tok-123");
    CHECK(http.headers[1].name == "Content-Type");
    CHECK(http.headers[1].value == "application/json");
    CHECK(http.headers[2].name == "Accept");
    CHECK(http.body == R"({"email":"new.hire@example.com"})");

    const auto personal = require<HttpRequest>(
        api1::make_send_invite_request({"t", "a@b.example", std::string("me@home.example")},
                                       api1::BaseUrl{"http://127.0.0.1:9/x//"}));
    CHECK(personal.url == "http://127.0.0.1:9/x/api/1/invites/send_invite_link");
    CHECK(personal.body == R"({"email":"a@b.example","personal_email":"me@home.example"})");
}

TEST_CASE("api1: generate is a POST of email to get_invite_link") {
    const auto http = require<HttpRequest>(api1::make_generate_invite_request(
        {"t", R"("a\"b"@example.com)"}, api1::BaseUrl{"https://api.us.onelogin.com"}));
    CHECK(http.url == "https://api.us.onelogin.com/api/1/invites/get_invite_link");
    CHECK(http.headers[0].value == "bearer t");
    CHECK(http.body == R"({"email":"\"a\\\"b\"@example.com"})");
}

TEST_CASE("api1: the token is checked and never quoted") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "access_token is empty"},
        {"SECRET TOKEN", "access_token contains whitespace at byte 6"},
        {"SECRET\tTOKEN", "access_token contains whitespace at byte 6"},
        {"SECRET\r\nX-Evil: 1", "access_token contains a control character at byte 6"},
        {"SECRET\xc3\xa9", "access_token contains a byte that is not ASCII at byte 6"},
        {std::string("SECRET\0", 7), "access_token contains a control character at byte 6"},
    };
    for (const auto& [token, reason] : cases) {
        INFO(reason);
        const auto refused = require<InvalidRequest>(
            api1::make_send_invite_request({token, "a@b.example", {}}, acme));
        CHECK(refused.field == RequestField::access_token);
        CHECK(refused.reason == reason);
        CHECK(refused.reason.find("SECRET") == std::string::npos);
        CHECK(require<InvalidRequest>(
                  api1::make_generate_invite_request({token, "a@b.example"}, acme))
                  .reason == reason);
    }
    // A comma is fine in a bearer token.
    CHECK(std::holds_alternative<HttpRequest>(
        api1::make_send_invite_request({"a,b", "a@b.example", {}}, acme)));
}

TEST_CASE("api1: the addresses follow v3's rules, checked after the token") {
    CHECK(
        require<InvalidRequest>(api1::make_send_invite_request({"t", "no-at", {}}, acme)).reason ==
        "email has no '@'");
    CHECK(require<InvalidRequest>(api1::make_send_invite_request({"", "no-at", {}}, acme)).field ==
          RequestField::access_token);
    const auto personal = require<InvalidRequest>(
        api1::make_send_invite_request({"t", "a@b.example", std::string("x y@z")}, acme));
    CHECK(personal.field == RequestField::personal_email);
    CHECK(personal.reason.find("x y") == std::string::npos);
    CHECK(require<InvalidRequest>(api1::make_generate_invite_request({"t", "a@"}, acme)).reason ==
          "email has an empty domain");
}

TEST_CASE("api1: the subdomain is one DNS label") {
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"", "subdomain is empty"},
        {"acme.onelogin.com",
         "subdomain contains '.': give its first label only (acme for acme.onelogin.com), or a "
         "BaseUrl"},
        {std::string(64, 'a'), "subdomain is 64 bytes long; a DNS label has at most 63"},
        {"ac/me", "subdomain has a character other than a letter, digit or hyphen at byte 2"},
        {"ac me", "subdomain has a character other than a letter, digit or hyphen at byte 2"},
        {"acme@evil", "subdomain has a character other than a letter, digit or hyphen at byte 4"},
        {"-acme", "subdomain must not start or end with a hyphen"},
        {"acme-", "subdomain must not start or end with a hyphen"},
    };
    for (const auto& [name, reason] : refused) {
        INFO(name);
        const auto invalid = require<InvalidRequest>(
            api1::make_send_invite_request({"t", "a@b.example", {}}, api1::Subdomain{name}));
        CHECK(invalid.field == RequestField::subdomain);
        CHECK(invalid.reason == reason);
    }
    for (const std::string& name :
         {std::string("a"), std::string("Acme-Corp2"), std::string(63, 'z')}) {
        INFO(name);
        std::string host = name;  // written in lower case, as every host the library builds
        for (char& c : host) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        CHECK(require<HttpRequest>(
                  api1::make_send_invite_request({"t", "a@b.example", {}}, api1::Subdomain{name}))
                  .url == "https://" + host + ".onelogin.com/api/1/invites/send_invite_link");
    }
}

TEST_CASE("api1: a base URL follows v3's rule") {
    for (const char* url : {"http://onelogin.example", "ftp://x", "https://user:pw@x.example",
                            "https://x.example/?q", ""}) {
        INFO(url);
        CHECK(require<InvalidRequest>(
                  api1::make_send_invite_request({"t", "a@b.example", {}}, api1::BaseUrl{url}))
                  .field == RequestField::base_url);
    }
}

TEST_CASE("api1: to_curl_command masks the bearer token") {
    const auto http = require<HttpRequest>(
        api1::make_send_invite_request({"tok-SECRET", "a@b.example", {}}, acme));
    const std::string masked = to_curl_command(http);
    CHECK(masked.find("tok-SECRET") == std::string::npos);
    CHECK(masked.find("'Authorization: bearer ****'") != std::string::npos);
    CHECK(to_curl_command(http, Secrets::shown).find("bearer tok-SECRET") != std::string::npos);
}

TEST_CASE("api1: the documented successes") {
    const auto sent = require<InviteSent>(
        api1::parse_send_invite_response(read_vector("api1_send_invite_200.json"), 200));
    CHECK(sent.message == "Email sent successfully to new.hire@example.com");
    CHECK(sent.recipient == "new.hire@example.com");
    const auto link = require<InviteLink>(
        api1::parse_generate_invite_response(read_vector("api1_generate_invite_200.json"), 200));
    CHECK(link.message == "Success");
    CHECK(link.link == "https://acme.onelogin.com/password/reset?token=5b8b9b2d6e2f4c1a");
}

TEST_CASE("api1: every documented error has its own outcome") {
    const std::vector<std::pair<std::string, BadRequestReason>> bad_requests = {
        {"api1_400_authorization_incorrect.json", BadRequestReason::authorization_incorrect},
        {"api1_400_email_missing.json", BadRequestReason::email_missing},
        {"api1_400_email_format.json", BadRequestReason::email_format},
        {"api1_400_content_type.json", BadRequestReason::content_type},
        {"api1_400_invalid_json.json", BadRequestReason::invalid_json},
    };
    for (const auto& [vector, reason] : bad_requests) {
        INFO(vector);
        const std::string body = read_vector(vector);
        const auto sent = require<BadRequest>(api1::parse_send_invite_response(body, 400));
        CHECK(sent.reason == reason);
        CHECK(body.find(sent.message) != std::string::npos);
        CHECK(require<BadRequest>(api1::parse_generate_invite_response(body, 400)).reason ==
              reason);
    }
    CHECK(require<NoSuchUser>(
              api1::parse_send_invite_response(read_vector("api1_400_no_such_user.json"), 400))
              .message == "No User exists for input email");
    CHECK(std::holds_alternative<NoSuchUser>(
        api1::parse_generate_invite_response(read_vector("api1_400_no_such_user.json"), 400)));
    CHECK(require<InvalidAccessToken>(
              api1::parse_send_invite_response(read_vector("api1_401_unauthorized.json"), 401))
              .message == "Authentication Failure");
    CHECK(std::holds_alternative<InvalidAccessToken>(
        api1::parse_generate_invite_response(read_vector("api1_401_unauthorized.json"), 401)));
}

TEST_CASE("api1: anything else is an ApiError or a MalformedResponse, as in v3") {
    const auto other = require<ApiError>(api1::parse_send_invite_response(
        R"({"status":{"error":true,"code":403,"type":"Forbidden","message":"Not Manage All"}})",
        403));
    CHECK(other.http_status == 403);
    CHECK(other.status_code == 403);
    CHECK(other.message == "Not Manage All");
    // A message that is almost a documented one is not guessed at.
    CHECK(std::holds_alternative<ApiError>(api1::parse_send_invite_response(
        R"({"status":{"error":true,"message":"input json is not valid"}})")));
    // v3's XML key error means nothing to API /1: it is kept, untyped.
    const auto xml = require<ApiError>(api1::parse_send_invite_response(
        read_vector("v3_send_invite_400_invalid_api_key.xml"), 400));
    CHECK(xml.error_code == "invalid_or_missing_api_key");
    const auto html = require<MalformedResponse>(
        api1::parse_send_invite_response("<html><title>502 Bad Gateway</title></html>", 502));
    CHECK(html.reason == onelogin::MalformedReason::html_page);
    CHECK(html.http_status == 502);
    CHECK(require<MalformedResponse>(api1::parse_generate_invite_response(
                                         R"({"status":{"error":false,"message":"Success"}})"))
              .detail.find("a success without a link") != std::string::npos);
    // A success cut short by a dropped connection.
    const std::string whole = read_vector("api1_send_invite_200.json");
    CHECK(require<MalformedResponse>(
              api1::parse_send_invite_response(whole.substr(0, whole.size() / 2)))
              .reason == onelogin::MalformedReason::cut_short);
}

TEST_CASE("api1: send_invite sends through the caller's transport") {
    std::vector<HttpRequest> seen;
    const auto result = api1::send_invite(
        {"tok", "a@b.example", {}},
        [&seen](const HttpRequest& http) {
            seen.push_back(http);
            return HttpResponse{401,
                                R"({"status":{"error":true,"message":"Authentication Failure"}})"};
        },
        acme);
    CHECK(std::holds_alternative<InvalidAccessToken>(result));
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].headers[0].value == "bearer tok");

    int calls = 0;
    const auto refused = api1::send_invite(
        {"tok", "a@b.example", {}},
        [&calls](const HttpRequest&) {
            ++calls;
            return std::variant<HttpResponse, TransportError>(TransportError{"unreachable"});
        },
        api1::Subdomain{"bad.name"});
    CHECK(std::holds_alternative<InvalidRequest>(refused));
    CHECK(calls == 0);
    CHECK(require<TransportError>(api1::send_invite(
                                      {"tok", "a@b.example", {}},
                                      [](const HttpRequest&) {
                                          return std::variant<HttpResponse, TransportError>(
                                              TransportError{"timed out"});
                                      },
                                      acme))
              .message == "timed out");
}

namespace {

// One handler for the outcomes of both APIs, as a caller moving from v3 to /1 writes it.
template <typename Outcome>
std::string handle(const Outcome& outcome) {
    return std::visit(
        [](const auto& answer) -> std::string {
            using T = std::decay_t<decltype(answer)>;
            if constexpr (std::is_same_v<T, onelogin::InviteSent>)
                return "sent " + answer.recipient;
            if constexpr (std::is_same_v<T, onelogin::NoSuchUser>) return "no such user";
            if constexpr (std::is_same_v<T, onelogin::InvalidApiKey> ||
                          std::is_same_v<T, onelogin::InvalidAccessToken>)
                return "credentials refused";
            if constexpr (std::is_same_v<T, onelogin::BadRequest>) return "bad request";
            if constexpr (std::is_same_v<T, onelogin::RateLimited>) return "rate limited";
            if constexpr (std::is_same_v<T, onelogin::ApiError>) return "error " + answer.message;
            if constexpr (std::is_same_v<T, onelogin::MalformedResponse>) return "malformed";
        },
        outcome);
}

}  // namespace

TEST_CASE("api1: one visitor handles the outcomes of v3 and /1 alike") {
    const std::string no_user = read_vector("api1_400_no_such_user.json");
    CHECK(handle(api1::parse_send_invite_response(no_user, 400)) == "no such user");
    CHECK(handle(onelogin::v3::parse_send_invite_response(no_user, 400)) == "no such user");
    const std::string sent = read_vector("api1_send_invite_200.json");
    CHECK(handle(api1::parse_send_invite_response(sent)) == "sent new.hire@example.com");
    CHECK(handle(onelogin::v3::parse_send_invite_response(sent)) == "sent new.hire@example.com");
    CHECK(handle(api1::parse_send_invite_response(read_vector("api1_401_unauthorized.json"))) ==
          "credentials refused");
    CHECK(handle(onelogin::v3::parse_send_invite_response(
              read_vector("v3_send_invite_400_invalid_api_key.xml"))) == "credentials refused");
    // The same outcome types: the v3 and /1 variants hold the very same InviteSent.
    static_assert(std::is_same_v<std::variant_alternative_t<0, api1::SendInviteOutcome>,
                                 std::variant_alternative_t<0, onelogin::v3::SendInviteOutcome>>);
}

namespace {

/// A server that echoes the request's headers and body into an error it writes (its quotes as
/// apostrophes, so that the error stays JSON).
HttpResponse echo_request(const HttpRequest& http) {
    std::string echoed;
    for (const HttpHeader& header : http.headers)
        echoed += header.name + ": " + header.value + "; ";
    echoed += http.body;
    for (char& c : echoed) {
        if (c == '"') c = '\'';
    }
    return HttpResponse{400, R"({"status":{"error":true,"code":400,"type":"bad request",)"
                             R"("message":")" +
                                 echoed + "\"}}"};
}

}  // namespace

TEST_CASE("api1: the one-call helpers never hand the access token back") {
    const std::string token = "b8c0e3a7d5f1426e9a3c7b2d4e6f8a1c3e5b7d9f1a2c4e6b8d0f2a4c6e8b0d2f";
    const api1::SendInviteResult sent =
        api1::send_invite({token, "a@b.example", {}}, echo_request, acme);
    const auto& error = require<ApiError>(sent);
    CHECK(error.message.find(token) == std::string::npos);
    CHECK(error.body.find(token) == std::string::npos);
    CHECK(error.message.find("bearer ****") != std::string::npos);
    CHECK(onelogin::to_string(sent).find(token) == std::string::npos);

    const api1::GenerateInviteResult made =
        api1::generate_invite({token, "a@b.example"}, echo_request, acme);
    CHECK(require<ApiError>(made).message.find(token) == std::string::npos);
    CHECK(require<ApiError>(made).message.find("a@b.example") != std::string::npos);
}

TEST_CASE("api1 boundaries: a subdomain holds a to z and 0 to 9, nothing just outside them") {
    for (const std::string& name : {std::string("az09"), std::string("AZ"), std::string("z"),
                                    std::string("9"), std::string("0-a")}) {
        INFO(name);
        CHECK(std::holds_alternative<HttpRequest>(
            api1::make_send_invite_request({"t", "a@b.example", {}}, api1::Subdomain{name})));
    }
    // '`' and '{' border the letters, '/' and ':' the digits; '@' and '[' border A-Z.
    for (const std::string& name : {std::string("a`"), std::string("z{"), std::string("a/"),
                                    std::string("9:"), std::string("a@"), std::string("Z[")}) {
        INFO(name);
        const auto invalid = require<InvalidRequest>(
            api1::make_send_invite_request({"t", "a@b.example", {}}, api1::Subdomain{name}));
        CHECK(invalid.field == RequestField::subdomain);
        CHECK(invalid.reason ==
              "subdomain has a character other than a letter, digit or hyphen at byte 1");
    }
}

TEST_CASE("api1 boundaries: to_curl_command keeps an authorization scheme of A-Z, a-z, 0-9, -") {
    // The scheme word's characters at each end of their ranges are kept before the mask; a value
    // whose first word holds anything else is masked whole.
    const auto rendered = [](const std::string& value) {
        const HttpRequest http{
            "POST", "https://acme.onelogin.com/x", {{"Authorization", value}}, {}};
        return to_curl_command(http, Secrets::masked);
    };
    CHECK(rendered("AZaz09- tok-SECRET") ==
          "curl -X 'POST' -H 'Authorization: AZaz09- ****' 'https://acme.onelogin.com/x'");
    for (const char* value : {"a`b tok-SECRET", "z{ tok-SECRET", "0/ tok-SECRET", "9: tok-SECRET",
                              "A@ tok-SECRET", "Z[ tok-SECRET"}) {
        INFO(value);
        CHECK(rendered(value) ==
              "curl -X 'POST' -H 'Authorization: ****' 'https://acme.onelogin.com/x'");
    }
}
