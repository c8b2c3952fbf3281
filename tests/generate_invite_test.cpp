// make_generate_invite_request and parse_generate_invite_response: Send Invite Link's rules, with
// the link as the answer.
#include "support.hpp"

#include <string>
#include <vector>

using namespace onelogin::v3;
using test_support::read_vector;
using test_support::require;
using test_support::require_malformed;

TEST_CASE("generate: the request is a POST of api_key and email to get_invite_link") {
    const auto http =
        require<HttpRequest>(make_generate_invite_request({"key-123", "new.hire@example.com"}));
    CHECK(http.method == "POST");
    CHECK(http.url == "https://api.onelogin.com/api/v3/invites/get_invite_link");
    REQUIRE(http.headers.size() == 2);
    CHECK(http.headers[0].value == "application/json");
    CHECK(http.body == R"({"api_key":"key-123","email":"new.hire@example.com"})");
    CHECK(require<HttpRequest>(
              make_generate_invite_request({"k", "a@b.example"}, Endpoint{"http://127.0.0.1:9/x/"}))
              .url == "http://127.0.0.1:9/x/api/v3/invites/get_invite_link");
}

TEST_CASE("generate: the request follows Send Invite Link's rules") {
    CHECK(require<InvalidRequest>(make_generate_invite_request({"SECRET KEY", "a@b.example"}))
              .reason == "api_key contains whitespace at byte 6");
    CHECK(require<InvalidRequest>(make_generate_invite_request({"k", "no-at"})).field ==
          RequestField::email);
    const auto remote = require<InvalidRequest>(
        make_generate_invite_request({"k", "a@b.example"}, Endpoint{"http://onelogin.example"}));
    CHECK(remote.field == RequestField::base_url);
}

TEST_CASE("generate: the documented success gives the link") {
    const auto link = require<InviteLink>(
        parse_generate_invite_response(read_vector("v3_generate_invite_200.json"), 200));
    CHECK(link.message == "Success");
    CHECK(link.link == "http://api.onelogin.com/password/reset?token=...");
    CHECK(
        require<InviteLink>(
            parse_generate_invite_response(
                R"({"data":["https://x.example/\u0061?t=1","second"],"status":{"error":false,"message":"Success"}})"))
            .link == "https://x.example/a?t=1");
}

TEST_CASE("generate: the documented errors read as they do for Send Invite Link") {
    CHECK(std::holds_alternative<InvalidApiKey>(parse_generate_invite_response(
        read_vector("v3_send_invite_400_invalid_api_key.xml"), 400)));
    CHECK(std::holds_alternative<NoSuchUser>(
        parse_generate_invite_response(read_vector("v3_send_invite_400_no_such_user.json"), 400)));
    const auto error = require<ApiError>(parse_generate_invite_response(
        R"({"status":{"type":"bad request","message":"Email Parameter is missing","error":true,"code":400}})",
        400));
    CHECK(error.status_code == 400);
    CHECK(require_malformed("<html><title>502 Bad Gateway</title></html>").reason ==
          onelogin::MalformedReason::html_page);
}

TEST_CASE("generate: a success must carry its link") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"status":{"error":false,"message":"Success"}})", "a success without a link"},
        {R"({"status":{"error":false,"message":"Success"},"data":[]})", "a success without a link"},
        {R"({"status":{"error":false,"message":"Success"},"data":[""]})",
         "a success without a link"},
        {R"({"status":{"error":false,"message":"Success"},"data":"http://x"})",
         "a success without a link"},
        {R"({"status":{"error":false,"message":"Success"},"data":[1,"http://x"]})",
         "a success without a link"},
        {R"({"data":["a"],"status":{"error":false,"message":"Success"},"data":["b"]})",
         "duplicate key \"data\""},
    };
    for (const auto& [body, detail] : cases) {
        INFO(body);
        const auto outcome = parse_generate_invite_response(body, 200);
        const auto malformed = require<MalformedResponse>(outcome);
        CHECK(malformed.detail.find(detail) != std::string::npos);
        CHECK(malformed.http_status == 200);
        CHECK(malformed.body == body);
    }
    // Send Invite Link does not read "data": whatever it holds, the invite was sent.
    CHECK(std::holds_alternative<InviteSent>(
        parse_send_invite_response(R"({"status":{"error":false,"message":"m"},"data":[1,{}]})")));
    // The link is the first string; what follows it does not matter.
    CHECK(require<InviteLink>(
              parse_generate_invite_response(
                  R"({"status":{"error":false,"message":"Success"},"data":["http://x",1]})"))
              .link == "http://x");
}
