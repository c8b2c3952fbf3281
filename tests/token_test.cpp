// The token calls in onelogin::api1: the token exchange (make_token_request,
// parse_token_response), Revoke Token and Get Rate Limit.
#include "support.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace api1 = onelogin::api1;
using namespace test_support::shared_types;
using test_support::read_vector;
using test_support::require;

TEST_CASE("token: the request is a POST of the client-credentials grant") {
    const auto http = require<HttpRequest>(
        api1::make_token_request({"id-123", "secret-456"}, api1::Subdomain{"acme"}));
    CHECK(http.method == "POST");
    CHECK(http.url == "https://acme.onelogin.com/auth/oauth2/v2/token");
    REQUIRE(http.headers.size() == 3);
    CHECK(http.headers[0].name == "Authorization");
    CHECK(http.headers[0].value == "client_id:id-123, client_secret:secret-456");
    CHECK(http.headers[1].value == "application/json");
    CHECK(http.body == R"({"grant_type":"client_credentials"})");
    CHECK(require<HttpRequest>(
              api1::make_token_request({"i", "s"}, api1::BaseUrl{"http://localhost:8080/"}))
              .url == "http://localhost:8080/auth/oauth2/v2/token");
}

TEST_CASE("token: the secret never shows, in errors or in a rendering of the request") {
    const std::vector<std::pair<api1::ClientCredentials, std::string>> cases = {
        {{"", "SECRET"}, "client_id is empty"},
        {{"id", ""}, "client_secret is empty"},
        {{"id", "SECRET VALUE"}, "client_secret contains whitespace at byte 6"},
        {{"id", "SECRET,client_id:x"},
         "client_secret contains a comma at byte 6, which the Authorization header cannot carry"},
        {{"i,d", "SECRET"},
         "client_id contains a comma at byte 1, which the Authorization header cannot carry"},
        {{"id", "SECRET\n"}, "client_secret contains a control character at byte 6"},
        {{"id", "SECRET\xff"}, "client_secret contains a byte that is not ASCII at byte 6"},
    };
    for (const auto& [credentials, reason] : cases) {
        INFO(reason);
        const auto refused =
            require<InvalidRequest>(api1::make_token_request(credentials, api1::Subdomain{"a"}));
        CHECK(refused.reason == reason);
        CHECK(refused.reason.find("SECRET") == std::string::npos);
    }
    CHECK(require<InvalidRequest>(api1::make_token_request({"i", "s"}, api1::Subdomain{"a.b"}))
              .field == RequestField::subdomain);

    const auto http = require<HttpRequest>(
        api1::make_token_request({"id-123", "SECRET-456"}, api1::Subdomain{"acme"}));
    const std::string masked = to_curl_command(http);
    CHECK(masked.find("SECRET") == std::string::npos);
    CHECK(masked.find("id-123") == std::string::npos);  // the whole value goes
    CHECK(masked.find("'Authorization: ****'") != std::string::npos);
    CHECK(to_curl_command(http, Secrets::shown).find("SECRET-456") != std::string::npos);
}

TEST_CASE("token: the documented answer gives every member") {
    const auto token =
        require<api1::AccessToken>(api1::parse_token_response(read_vector("token_200.json"), 200));
    CHECK(token.access_token == "xx508xx63817x752xx74004x30705xx92x58349x5x78f5xx34xxxxx51");
    CHECK(token.created_at == "2015-11-11T03:36:18.714Z");
    CHECK(token.expires_in == 36000);
    CHECK(token.refresh_token == "628x9x0xx447xx4x421x517x4x474x33x2065x4x1xx523xxxxx6x7x20");
    CHECK(token.token_type == "bearer");
    CHECK(token.account_id == 555555);
    // The token goes straight into an invite request.
    CHECK(std::holds_alternative<HttpRequest>(api1::make_send_invite_request(
        {token.access_token, "a@b.example", {}}, api1::Subdomain{"acme"})));
}

TEST_CASE("token: only what makes a token is required; the rest keeps its type") {
    const auto minimal = require<api1::AccessToken>(api1::parse_token_response(
        R"({"token_type":"bearer","expires_in":0,"access_token":"t\u0041","unknown":[1,{"x":null}]})"));
    CHECK(minimal.access_token == "tA");
    CHECK(minimal.expires_in == 0);
    CHECK(minimal.created_at.empty());
    CHECK(minimal.refresh_token.empty());
    CHECK(!minimal.account_id);

    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"expires_in":1,"token_type":"bearer"})", "no \"access_token\""},
        {R"({"access_token":"","expires_in":1,"token_type":"bearer"})", "no \"access_token\""},
        {R"({"access_token":"t","token_type":"bearer"})", "no \"expires_in\""},
        {R"({"access_token":"t","expires_in":1})", "no \"token_type\""},
        {R"({"access_token":1,"expires_in":1,"token_type":"bearer"})",
         "access_token is an integer, expected a string"},
        {R"({"access_token":"t","expires_in":"36000","token_type":"bearer"})",
         "expires_in is a string, expected an integer"},
        {R"({"access_token":"t","expires_in":1.5,"token_type":"bearer"})",
         "expires_in is a fractional number, expected an integer"},
        {R"({"access_token":"t","expires_in":-1,"token_type":"bearer"})",
         "expires_in is out of range"},
        {R"({"access_token":"t","expires_in":99999999999999999999,"token_type":"bearer"})",
         "expires_in is a fractional number, expected an integer"},
        {R"({"access_token":"t","expires_in":1,"token_type":"bearer","account_id":"5"})",
         "account_id is a string, expected an integer"},
        {R"({"access_token":"t","access_token":"u","expires_in":1,"token_type":"bearer"})",
         "duplicate key \"access_token\""},
        {R"(["access_token"])", "the JSON body is an array, expected an object"},
        {R"({"access_token":"t","expires_in":1,"token_type":"bearer"} x)",
         "invalid JSON at byte 58"},
        {R"({"status":{"error":false,"message":"Success"},"data":[{"access_token":"t"}]})",
         "a status envelope that reports no error, where a token was expected"},
    };
    for (const auto& [body, detail] : cases) {
        INFO(body);
        const auto malformed = require<MalformedResponse>(api1::parse_token_response(body, 200));
        CHECK(malformed.detail.find(detail) != std::string::npos);
        CHECK(malformed.detail.find("\"t\"") == std::string::npos);
        CHECK(malformed.body == body);
        CHECK(malformed.http_status == 200);
    }
}

TEST_CASE("token: errors come in the status envelope") {
    CHECK(require<InvalidClientCredentials>(
              api1::parse_token_response(read_vector("token_401_unauthorized.json"), 401))
              .message == "Authentication Failure");
    CHECK(require<BadRequest>(
              api1::parse_token_response(read_vector("api1_400_content_type.json"), 400))
              .reason == BadRequestReason::content_type);
    const auto other = require<ApiError>(api1::parse_token_response(
        R"({"status":{"error":true,"code":400,"type":"bad request","message":"grant_type is incorrect/absent"}})",
        400));
    CHECK(other.message == "grant_type is incorrect/absent");
    CHECK(other.status_code == 400);
    CHECK(std::holds_alternative<ApiError>(
        api1::parse_token_response(read_vector("v3_send_invite_400_invalid_api_key.xml"), 400)));
    for (const char* body : {"", "   ", "<html><body>502</body></html>", "{\"access_token\":"}) {
        INFO(body);
        CHECK(std::holds_alternative<MalformedResponse>(api1::parse_token_response(body, 502)));
    }
}

TEST_CASE("token: get_access_token exchanges through the caller's transport") {
    std::vector<HttpRequest> seen;
    const auto result = api1::get_access_token(
        {"id", "secret"},
        [&seen](const HttpRequest& http) {
            seen.push_back(http);
            return HttpResponse{200, read_vector("token_200.json")};
        },
        api1::Subdomain{"acme"});
    CHECK(require<api1::AccessToken>(result).expires_in == 36000);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].url == "https://acme.onelogin.com/auth/oauth2/v2/token");

    int calls = 0;
    const auto refused = api1::get_access_token(
        {"id", "two words"},
        [&calls](const HttpRequest&) {
            ++calls;
            return HttpResponse{200, ""};
        },
        api1::Subdomain{"acme"});
    CHECK(require<InvalidRequest>(refused).field == RequestField::client_secret);
    CHECK(calls == 0);
    CHECK(require<TransportError>(api1::get_access_token(
                                      {"id", "secret"},
                                      [](const HttpRequest&) {
                                          return std::variant<HttpResponse, TransportError>(
                                              TransportError{"refused"});
                                      },
                                      api1::Subdomain{"acme"}))
              .message == "refused");
    CHECK(std::holds_alternative<InvalidClientCredentials>(api1::get_access_token(
        {"id", "secret"},
        [](const HttpRequest&) {
            return HttpResponse{401, read_vector("token_401_unauthorized.json")};
        },
        api1::Subdomain{"acme"})));
}

TEST_CASE("token: get_access_token never hands the client secret back") {
    const std::string secret = "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0";
    const auto echo = [](const HttpRequest& http) {
        // An error page that quotes the Authorization header it refused, as some gateways do.
        return HttpResponse{401, R"({"status":{"error":true,"code":401,"type":"Unauthorized",)"
                                 R"("message":"refused )" +
                                     http.headers[0].value + "\"}}"};
    };
    const api1::TokenResult refused =
        api1::get_access_token({"my-client-id", secret}, echo, api1::Subdomain{"acme"});
    const auto& denied = require<InvalidClientCredentials>(refused);
    CHECK(denied.message.find(secret) == std::string::npos);
    CHECK(denied.message == "refused client_id:my-client-id, client_secret:****");

    // Even a token the server made of the secret comes back masked.
    const auto silly = [&secret](const HttpRequest&) {
        return HttpResponse{200, R"({"access_token":")" + secret +
                                     R"(","expires_in":36000,"token_type":"bearer"})"};
    };
    const api1::TokenResult issued =
        api1::get_access_token({"my-client-id", secret}, silly, api1::Subdomain{"acme"});
    CHECK(require<api1::AccessToken>(issued).access_token == "****");
}

namespace {

const std::string revoked_token =
    "xx508xx63817x752xx74004x30705xx92x58349x5x78f5xx34x8x614xxxx1451";

}  // namespace

TEST_CASE("revoke token: the request is a POST of the token, on the client credentials") {
    const auto http = require<HttpRequest>(api1::make_revoke_token_request(
        {{"id-123", "secret-456"}, revoked_token}, api1::Subdomain{"acme"}));
    CHECK(http.method == "POST");
    CHECK(http.url == "https://acme.onelogin.com/auth/oauth2/revoke");
    REQUIRE(http.headers.size() == 3);
    CHECK(http.headers[0].name == "Authorization");
    CHECK(http.headers[0].value == "client_id:id-123, client_secret:secret-456");
    CHECK(http.headers[1].name == "Content-Type");
    CHECK(http.headers[1].value == "application/json");
    // The documented body, member for member.
    CHECK(nlohmann::json::parse(http.body) ==
          nlohmann::json::parse(read_vector("revoke_token_request.json")));
    CHECK(require<HttpRequest>(api1::make_revoke_token_request(
                                   {{"i", "s"}, "t"}, api1::BaseUrl{"http://127.0.0.1:8080/x/"}))
              .url == "http://127.0.0.1:8080/x/auth/oauth2/revoke");

    // Bad input names the field, never a secret, and builds nothing.
    const std::vector<std::pair<api1::RevokeTokenRequest, RequestField>> refused = {
        {{{"", "SECRET-1"}, "TOKEN-1"}, RequestField::client_id},
        {{{"id", "SECRET 1"}, "TOKEN-1"}, RequestField::client_secret},
        {{{"id", "SECRET,1"}, "TOKEN-1"}, RequestField::client_secret},
        {{{"id", "SECRET-1"}, ""}, RequestField::access_token},
        {{{"id", "SECRET-1"}, "TOKEN\n1"}, RequestField::access_token},
        {{{"id", "SECRET-1"}, "TOKEN-1"}, RequestField::subdomain},
    };
    for (const auto& [request, field] : refused) {
        const api1::Endpoint endpoint = field == RequestField::subdomain
                                            ? api1::Endpoint{api1::Subdomain{"a.b"}}
                                            : api1::Endpoint{api1::Subdomain{"acme"}};
        const auto invalid =
            require<InvalidRequest>(api1::make_revoke_token_request(request, endpoint));
        CHECK(invalid.field == field);
        CHECK(invalid.reason.find("SECRET") == std::string::npos);
        CHECK(invalid.reason.find("TOKEN") == std::string::npos);
    }
    // Printed or rendered for curl, the request shows neither the secret nor the token.
    const auto shown = require<HttpRequest>(api1::make_revoke_token_request(
        {{"id-123", "secret-456-SECRET"}, "token-789-SECRET"}, api1::Subdomain{"acme"}));
    CHECK(onelogin::to_string(shown).find("SECRET") == std::string::npos);
    CHECK(onelogin::to_curl_command(shown).find("SECRET") == std::string::npos);
}

TEST_CASE("revoke token: every documented answer is typed") {
    const auto revoked = require<onelogin::TokenRevoked>(
        api1::parse_revoke_token_response(read_vector("revoke_token_200.json"), 200));
    CHECK(revoked.message == "Success");
    CHECK(revoked.http_status == 200);

    const std::vector<std::pair<std::string, BadRequestReason>> bad = {
        {"revoke_token_400_content_type.json", BadRequestReason::content_type},
        {"revoke_token_400_access_token_missing.json", BadRequestReason::access_token_missing},
        {"revoke_token_400_authorization_missing.json", BadRequestReason::authorization_missing},
    };
    for (const auto& [name, reason] : bad) {
        INFO(name);
        CHECK(
            require<BadRequest>(api1::parse_revoke_token_response(read_vector(name), 400)).reason ==
            reason);
    }
    CHECK(require<InvalidClientCredentials>(
              api1::parse_revoke_token_response(read_vector("revoke_token_401.json"), 401))
              .message == "Authentication Failure");
    const auto no_route = require<onelogin::NoRoute>(
        api1::parse_revoke_token_response(read_vector("rate_limit_404.json"), 404));
    CHECK(no_route.message == "No Route Exists");
    CHECK(no_route.http_status == 404);

    // The SDKs go by the status: under a 2xx, a body without the envelope is a revocation too;
    // without one, it is not an answer.
    CHECK(std::holds_alternative<onelogin::TokenRevoked>(
        api1::parse_revoke_token_response("{}", 200)));
    CHECK(std::holds_alternative<onelogin::TokenRevoked>(api1::parse_revoke_token_response(
        R"({"error":false,"code":200,"type":"success","message":"Success"})", 200)));
    CHECK(std::holds_alternative<MalformedResponse>(api1::parse_revoke_token_response("{}")));
    CHECK(std::holds_alternative<MalformedResponse>(api1::parse_revoke_token_response("", 200)));
    CHECK(std::holds_alternative<RateLimited>(api1::parse_revoke_token_response("", 429)));
    // The flat error shape of the OpenAPI spec is read too.
    CHECK(std::holds_alternative<InvalidClientCredentials>(api1::parse_revoke_token_response(
        R"({"error":true,"code":401,"type":"Unauthorized","message":"Unauthorized"})", 401)));
}

TEST_CASE("revoke token: revoke_token masks both secrets, and a failure may be sent again") {
    const std::string secret = "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0";
    std::vector<HttpRequest> seen;
    const auto echo = [&seen](const HttpRequest& http) {
        seen.push_back(http);
        // A gateway that quotes the request it refused: the header and the body.
        std::string body = http.body;
        for (char& c : body) {
            if (c == '"') c = '\'';
        }
        return HttpResponse{502, R"({"message":"upstream refused )" + http.headers[0].value + " " +
                                     body + R"(","code":502})"};
    };
    const api1::RevokeTokenResult result = api1::revoke_token(
        {{"my-client-id", secret}, revoked_token}, echo, api1::Subdomain{"acme"});
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].url == "https://acme.onelogin.com/auth/oauth2/revoke");
    const auto& error = require<ApiError>(result);
    CHECK(error.message.find(secret) == std::string::npos);
    CHECK(error.message.find(revoked_token) == std::string::npos);
    CHECK(error.body.find(secret) == std::string::npos);
    CHECK(error.body.find(revoked_token) == std::string::npos);
    CHECK(onelogin::to_string(result).find(revoked_token) == std::string::npos);
    // Revoking emails nobody: a gateway's 502 is worth sending again, not a check in OneLogin.
    CHECK(onelogin::retry_advice(result).retry == onelogin::Retry::later);
    CHECK(onelogin::retry_advice(api1::RevokeTokenResult{TransportError{"reset", true}}).retry ==
          onelogin::Retry::later);
    const auto ok = api1::revoke_token(
        {{"my-client-id", secret}, revoked_token},
        [](const HttpRequest&) {
            return HttpResponse{200, read_vector("revoke_token_200.json")};
        },
        api1::Subdomain{"acme"});
    CHECK(onelogin::is_success(ok));
    CHECK(onelogin::http_status(ok) == 200);
    CHECK(onelogin::retry_advice(ok).retry == onelogin::Retry::no);
    CHECK(onelogin::to_string(ok) == R"(token revoked: "Success")");
    // The refused credentials are not a token problem: a new token cannot help.
    CHECK(onelogin::retry_advice(
              api1::parse_revoke_token_response(read_vector("revoke_token_401.json"), 401))
              .retry == onelogin::Retry::no);
}

TEST_CASE("rate limit: the request is a GET with the bearer token") {
    const auto http =
        require<HttpRequest>(api1::make_rate_limit_request({"tok-123"}, api1::Subdomain{"acme"}));
    CHECK(http.method == "GET");
    CHECK(http.url == "https://acme.onelogin.com/auth/rate_limit");
    REQUIRE(http.headers.size() == 2);
    CHECK(http.headers[0].name == "Authorization");
    CHECK(http.headers[0].value == "bearer tok-123");
    CHECK(http.headers[1].name == "Accept");
    CHECK(http.body.empty());
    CHECK(require<InvalidRequest>(api1::make_rate_limit_request({""}, api1::Subdomain{"acme"}))
              .field == RequestField::access_token);
    CHECK(require<InvalidRequest>(
              api1::make_rate_limit_request({"tok-123"}, api1::BaseUrl{"http://example.com"}))
              .field == RequestField::base_url);
    const auto shown = require<HttpRequest>(
        api1::make_rate_limit_request({"token-SECRET-123"}, api1::Subdomain{"acme"}));
    CHECK(onelogin::to_string(shown) ==
          "GET https://acme.onelogin.com/auth/rate_limit; Authorization: bearer ****; Accept: "
          "application/json");
    CHECK(onelogin::to_curl_command(shown).find("SECRET") == std::string::npos);
}

TEST_CASE("rate limit: every documented answer is typed") {
    const auto status = require<onelogin::RateLimitStatus>(
        api1::parse_rate_limit_response(read_vector("rate_limit_200.json"), 200));
    CHECK(status.limit == 5000);
    CHECK(status.remaining == 4988);
    CHECK(status.reset == 832);
    CHECK(status.http_status == 200);
    CHECK(onelogin::to_string(status) == "rate limit: 4988 of 5000 calls left, reset in 832 s");

    const auto bad = require<BadRequest>(
        api1::parse_rate_limit_response(read_vector("rate_limit_400.json"), 400));
    CHECK(bad.reason == BadRequestReason::authorization_incorrect);
    CHECK(require<InvalidAccessToken>(
              api1::parse_rate_limit_response(read_vector("rate_limit_401.json"), 401))
              .message == "Authentication Failure");
    CHECK(require<onelogin::NoRoute>(
              api1::parse_rate_limit_response(read_vector("rate_limit_404.json"), 404))
              .http_status == 404);
    CHECK(onelogin::to_string(
              api1::parse_rate_limit_response(read_vector("rate_limit_404.json"), 404)) ==
          R"(no such route (HTTP 404): "No Route Exists")");
    // The invite calls keep "No Route Exists" the ApiError it always was.
    CHECK(std::holds_alternative<ApiError>(
        api1::parse_send_invite_response(read_vector("rate_limit_404.json"), 404)));
}

TEST_CASE("rate limit: a status without its three numbers is not an answer") {
    const std::string envelope = R"({"status":{"error":false,"code":200,"type":"success",)"
                                 R"("message":"Success"},"data":)";
    const auto read = [&envelope](const std::string& data) {
        return api1::parse_rate_limit_response(envelope + data + "}", 200);
    };
    // An array holding the object, as older answers had it, is read.
    CHECK(require<onelogin::RateLimitStatus>(
              read(R"([{"X-RateLimit-Limit":1,"X-RateLimit-Remaining":0,"X-RateLimit-Reset":5}])"))
              .reset == 5);
    // A reset beyond the longest wait is read as it.
    CHECK(
        require<onelogin::RateLimitStatus>(
            read(
                R"({"X-RateLimit-Limit":1,"X-RateLimit-Remaining":0,"X-RateLimit-Reset":99999999999})"))
            .reset == ONELOGIN_INVITE_MAX_WAIT_SECONDS);
    for (const std::string data :
         {R"({"X-RateLimit-Limit":5000,"X-RateLimit-Remaining":4988})",
          R"({"X-RateLimit-Limit":"5000","X-RateLimit-Remaining":4988,"X-RateLimit-Reset":832})",
          R"({"X-RateLimit-Limit":5000,"X-RateLimit-Remaining":-1,"X-RateLimit-Reset":832})",
          R"({"X-RateLimit-Limit":5000.5,"X-RateLimit-Remaining":1,"X-RateLimit-Reset":832})",
          R"({"x-ratelimit-limit":5000,"X-RateLimit-Remaining":1,"X-RateLimit-Reset":832})",
          R"(null)", R"([])", R"("5000")"}) {
        INFO(data);
        const auto malformed = require<MalformedResponse>(read(data));
        CHECK(malformed.reason == onelogin::MalformedReason::wrong_shape);
    }
    CHECK(std::holds_alternative<MalformedResponse>(api1::parse_rate_limit_response(
        R"({"X-RateLimit-Limit":5000,"X-RateLimit-Remaining":4988,"X-RateLimit-Reset":832})",
        200)));
}

TEST_CASE("rate limit: get_rate_limit masks the token; asking again is always harmless") {
    const std::string token = "0123456789abcdef0123456789abcdef01234567";
    const auto echo = [](const HttpRequest& http) {
        return HttpResponse{401, R"({"status":{"error":true,"code":401,"type":"Unauthorized",)"
                                 R"("message":"refused )" +
                                     http.headers[0].value + "\"}}"};
    };
    const api1::RateLimitResult refused =
        api1::get_rate_limit({token}, echo, api1::Subdomain{"acme"});
    CHECK(require<InvalidAccessToken>(refused).message == "refused bearer ****");
    CHECK(onelogin::retry_advice(refused).retry == onelogin::Retry::with_new_token);

    const auto ok = api1::get_rate_limit(
        {token},
        [](const HttpRequest& http) {
            CHECK(http.method == "GET");
            return HttpResponse{200, read_vector("rate_limit_200.json")};
        },
        api1::Subdomain{"acme"});
    CHECK(onelogin::is_success(ok));
    CHECK(require<onelogin::RateLimitStatus>(ok).remaining == 4988);
    CHECK(onelogin::retry_advice(ok).retry == onelogin::Retry::no);
    CHECK(onelogin::retry_advice(api1::RateLimitResult{TransportError{"reset", true}}).retry ==
          onelogin::Retry::later);
    CHECK(onelogin::retry_advice(api1::parse_rate_limit_response("<html>", 200)).retry ==
          onelogin::Retry::later);
}

TEST_CASE("revoke token boundaries: a body without the envelope is a revocation under 200 to 299") {
    for (const int status : {200, 299}) {
        INFO(status);
        CHECK(std::holds_alternative<onelogin::TokenRevoked>(
            api1::parse_revoke_token_response("{}", status)));
    }
    for (const int status : {199, 300}) {
        INFO(status);
        CHECK_FALSE(std::holds_alternative<onelogin::TokenRevoked>(
            api1::parse_revoke_token_response("{}", status)));
    }
}
