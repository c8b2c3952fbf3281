// The token exchange: make_token_request and parse_token_response in onelogin::api1.
#include "support.hpp"

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
