// to_curl_command: a request as a curl command line, its secrets masked unless asked to show them.
#include "support.hpp"

#include <string>
#include <utility>
#include <vector>

using namespace onelogin::v3;
using test_support::require;

TEST_CASE("to_curl_command masks the API key unless asked to show it") {
    const auto built =
        make_send_invite_request({"SECRET-KEY", "a@b.example", std::string("o'neil@home.example")});
    const HttpRequest request = require<HttpRequest>(built);
    const std::string masked = to_curl_command(request);
    CHECK(masked ==
          "curl -X 'POST' -H 'Content-Type: application/json' -H 'Accept: application/json' "
          "--data-raw "
          "'{\"api_key\":\"****\",\"email\":\"a@b.example\",\"personal_email\":\"o'\\''neil@home."
          "example\"}' "
          "'https://api.onelogin.com/api/v3/invites/send_invite_link'");
    CHECK(masked.find("SECRET") == std::string::npos);
    const std::string shown = to_curl_command(request, Secrets::shown);
    CHECK(shown.find("--data-raw '{\"api_key\":\"SECRET-KEY\",") != std::string::npos);
}

TEST_CASE("to_curl_command masks Authorization credentials and client secrets") {
    HttpRequest request{
        "POST",
        "https://x.onelogin.com/auth/oauth2/v2/token",
        {{"authorization", "bearer TOKEN-123"}, {"Content-Type", "application/json"}},
        R"({"grant_type":"client_credentials","client_secret":"S3CRET"})"};
    std::string command = to_curl_command(request);
    CHECK(command.find("-H 'authorization: bearer ****'") != std::string::npos);
    CHECK(command.find(R"("client_secret":"****")") != std::string::npos);
    CHECK(command.find("TOKEN-123") == std::string::npos);
    CHECK(command.find("S3CRET") == std::string::npos);

    request.headers[0].value = "client_id:ID, client_secret:S3CRET";
    command = to_curl_command(request);
    CHECK(command.find("-H 'authorization: ****'") != std::string::npos);
    CHECK(command.find("S3CRET") == std::string::npos);
}

TEST_CASE("to_curl_command leaves a body without secrets exactly as it is") {
    const HttpRequest request{"POST", "http://127.0.0.1/x", {}, "{ \"email\" : \"a@b\" }"};
    CHECK(to_curl_command(request) ==
          "curl -X 'POST' --data-raw '{ \"email\" : \"a@b\" }' 'http://127.0.0.1/x'");
}

TEST_CASE("to_curl_command fails closed on requests built by hand") {
    HttpRequest request{"POST",
                        "http://127.0.0.1/x",
                        {{"X-Api-Key", "HEADER-KEY"},
                         {"Cookie", "session=COOKIE-1; other=COOKIE-2"},
                         {"Proxy-Authorization", "Basic PROXY-CRED"},
                         {"Accept", "application/json"}},
                        R"({"user":{"profile":{"refresh_token":"NESTED-1"},"list":[{"Password":)"
                        R"("NESTED-2"},{"note":"kept"}]},"api_key":{"any":"NESTED-3"}})"};
    const std::string command = to_curl_command(request);
    for (const char* secret :
         {"HEADER-KEY", "COOKIE-1", "COOKIE-2", "PROXY-CRED", "NESTED-1", "NESTED-2", "NESTED-3"}) {
        INFO(secret);
        CHECK(command.find(secret) == std::string::npos);
    }
    CHECK(command.find("-H 'X-Api-Key: ****'") != std::string::npos);
    CHECK(command.find("-H 'Cookie: ****'") != std::string::npos);
    CHECK(command.find("-H 'Proxy-Authorization: Basic ****'") != std::string::npos);
    CHECK(command.find("-H 'Accept: application/json'") != std::string::npos);
    CHECK(command.find(R"("note":"kept")") != std::string::npos);

    // A body that is not JSON cannot be searched for secrets: it is masked whole unless shown.
    request.body = "api_key=FORM-KEY&email=a%40b";
    CHECK(to_curl_command(request).find("--data-raw '****'") != std::string::npos);
    CHECK(to_curl_command(request, Secrets::shown).find("FORM-KEY") != std::string::npos);

    // A secret named twice is never written: in an array's later element, nlohmann keeps one
    // value, masked; elsewhere the body is refused, and masked whole.
    const std::vector<std::pair<std::string, std::string>> named_twice = {
        {R"([{},{"api_key":"FIRST-KEY","api_key":"SECOND-KEY"}])", R"([{},{"api_key":"****"}])"},
        {R"({"api_key":"FIRST-KEY","api_key":"SECOND-KEY"})", "****"}};
    for (const auto& [body, written] : named_twice) {
        request.body = body;
        CHECK(to_curl_command(request).find("--data-raw '" + written + "'") != std::string::npos);
    }
}
