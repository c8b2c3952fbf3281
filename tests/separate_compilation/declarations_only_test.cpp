// With ONELOGIN_INVITE_SEPARATE_COMPILATION the header declares the API and includes nothing but
// standard headers; the definitions come from the one implementation translation unit.
#include <onelogin/invite.hpp>

#ifndef ONELOGIN_INVITE_SEPARATE_COMPILATION
#error "this file tests the separate compilation mode"
#endif
#ifdef INCLUDE_NLOHMANN_JSON_HPP_
#error "the declarations-only header must not include nlohmann/json"
#endif
#ifdef HEADER_PUGIXML_HPP
#error "the declarations-only header must not include pugixml"
#endif

#include "../test_framework.hpp"

#include <string>
#include <variant>
#include <vector>

TEST_CASE("separate compilation: the declared functions link to the one set of definitions") {
    using namespace onelogin::v3;
    const auto built = make_send_invite_request({"key", "a@b.example", {}});
    REQUIRE(std::holds_alternative<HttpRequest>(built));
    CHECK(std::get_if<HttpRequest>(&built)->body == R"({"api_key":"key","email":"a@b.example"})");
    const auto outcome = parse_send_invite_response(
        R"({"status":{"error":true,"message":"No User exists for input email"}})");
    CHECK(std::holds_alternative<NoSuchUser>(outcome));
}

TEST_CASE("separate compilation: API /1, the token exchange and the rate limit link too") {
    using namespace onelogin::api1;
    const auto built = make_send_invite_request({"token", "a@b.example", {}}, Subdomain{"acme"});
    REQUIRE(std::holds_alternative<HttpRequest>(built));
    CHECK(std::get_if<HttpRequest>(&built)->headers.front().value == "bearer token");
    CHECK(std::holds_alternative<InvalidAccessToken>(parse_send_invite_response(
        R"({"status":{"error":true,"code":401,"message":"Authentication Failure"}})")));
    CHECK(
        std::holds_alternative<HttpRequest>(make_token_request({"id", "secret"}, Subdomain{"a"})));
    CHECK(std::holds_alternative<AccessToken>(
        parse_token_response(R"({"access_token":"t","expires_in":1,"token_type":"bearer"})")));
    const std::vector<HttpHeader> headers{{"X-RateLimit-Remaining", "7"}};
    CHECK(read_rate_limit(headers).remaining == 7);
    CHECK(retry_advice(parse_generate_invite_response("", 503)).retry == Retry::later);
    CHECK(retry_advice(parse_send_invite_response("", 502)).retry == Retry::check_first);
    CHECK(onelogin::seconds_until_http_date("Thu, 01 Jan 1970 00:01:00 GMT", {}) == 60);
}

TEST_CASE("separate compilation: the one-call helpers, their masking and the printed request") {
    using namespace onelogin::v3;
    const std::string key = "key-0123456789abcdef";
    const auto echo = [](const HttpRequest& sent) { return HttpResponse{502, sent.body}; };
    const SendInviteResult result = send_invite({key, "a@b.example", {}}, echo);
    REQUIRE(std::holds_alternative<MalformedResponse>(result));
    CHECK(std::get_if<MalformedResponse>(&result)->body.find(key) == std::string::npos);
    const auto built = make_send_invite_request({key, "a@b.example", {}});
    REQUIRE(std::holds_alternative<HttpRequest>(built));
    CHECK(std::get_if<HttpRequest>(&built)->origin() == "https://api.onelogin.com");
    CHECK(onelogin::to_string(*std::get_if<HttpRequest>(&built)).find(key) == std::string::npos);
}
