// Answers OneLogin sends beyond its docs pages (docs/bodies.md lists every body the library reads):
// each is the API's own answer, never a MalformedResponse. The source of each vector is named
// beside it.
#include "support.hpp"

#include <string>

using namespace test_support::shared_types;
using onelogin::MalformedReason;
using onelogin::RateLimited;
using test_support::read_vector;
using test_support::require;
namespace api1 = onelogin::api1;
namespace v3 = onelogin::v3;

TEST_CASE("real answers: status.message as an object is the API's error, attribute kept") {
    // OneLogin's OpenAPI spec (onelogin-java-sdk 3.1.1 api/openapi.yaml); the Python, Ruby, Java
    // and PHP SDKs read message.description and message.attribute.
    const std::string body = read_vector("api1_400_message_object.json");
    for (const ApiError& error :
         {require<ApiError>(api1::parse_send_invite_response(body, 400)),
          require<ApiError>(v3::parse_send_invite_response(body, 400)),
          require<ApiError>(api1::parse_generate_invite_response(body, 400))}) {
        CHECK(error.message == "last is not a valid attribute for user model");
        CHECK(error.attribute == "last");
        CHECK(error.status_code == 400);
        CHECK(error.type == "bad request");
        CHECK(error.http_status == 400);
        CHECK(error.body == body);
    }
    // An object message must still say something.
    CHECK(require<MalformedResponse>(
              v3::parse_send_invite_response(R"({"status":{"error":true,"message":{"x":1}}})"))
              .reason == MalformedReason::wrong_shape);
    CHECK(require<MalformedResponse>(
              v3::parse_send_invite_response(
                  R"({"status":{"error":true,"message":{"description":"d","attribute":5}}})"))
              .reason == MalformedReason::wrong_shape);
}

TEST_CASE("real answers: flat error objects are the API's errors") {
    // OpenAPI spec: the invite calls' 400 and 401 without the status envelope.
    const std::string bad = read_vector("api1_400_flat.json");
    const auto error = require<ApiError>(api1::parse_send_invite_response(bad, 400));
    CHECK(error.status_code == 400);
    CHECK(error.type == "bad request");
    CHECK(error.message == "Request Failure");
    CHECK(error.body == bad);
    // The spec requires only code and message.
    const auto minimal =
        require<ApiError>(v3::parse_send_invite_response(R"({"code":400,"message":"m"})"));
    CHECK(minimal.status_code == 400);
    CHECK(minimal.message == "m");
    CHECK(minimal.type.empty());
    // A 401 on an invite call is a refused token, whatever its shape; v3 keeps it an ApiError.
    const std::string unauthorized = read_vector("api1_401_flat.json");
    CHECK(
        require<InvalidAccessToken>(api1::parse_send_invite_response(unauthorized, 401)).message ==
        "Unauthorized Error");
    CHECK(require<InvalidAccessToken>(api1::parse_generate_invite_response(unauthorized)).message ==
          "Unauthorized Error");
    CHECK(require<ApiError>(v3::parse_send_invite_response(unauthorized, 401)).status_code == 401);
}

TEST_CASE("real answers: API /2-style errors are the API's errors") {
    // OneLogin's newer endpoints, met by /1 clients through the same tenant; the Python SDK
    // renews its token exactly when a 401 says "Unauthorized".
    const std::string unprocessable = read_vector("api2_422_unprocessable.json");
    const auto error = require<ApiError>(api1::parse_send_invite_response(unprocessable, 422));
    CHECK(error.status_code == 422);
    CHECK(error.type == "UnprocessableEntityError");
    CHECK(error.message == "Validation failed: email is invalid");
    const std::string unauthorized = read_vector("api2_401_unauthorized.json");
    CHECK(
        require<InvalidAccessToken>(api1::parse_send_invite_response(unauthorized, 401)).message ==
        "Unauthorized");
    // Without the HTTP status, the body's own code says 401.
    CHECK(
        std::holds_alternative<InvalidAccessToken>(api1::parse_send_invite_response(unauthorized)));
    CHECK(onelogin::retry_advice(api1::parse_send_invite_response(unauthorized)).retry ==
          onelogin::Retry::with_new_token);
}

TEST_CASE("real answers: the token exchange's 401 and errors under 2xx") {
    // The Python, Ruby and PHP SDKs check for an error envelope under HTTP 200 or 201.
    const std::string envelope = read_vector("token_200_error_envelope.json");
    for (const int status : {200, 201, 401}) {
        const auto refused =
            require<InvalidClientCredentials>(api1::parse_token_response(envelope, status));
        CHECK(refused.message == "Authentication Failure");
        // A new token cannot come from the exchange that refused the credentials.
        CHECK(onelogin::retry_advice(api1::parse_token_response(envelope, status)).retry ==
              onelogin::Retry::no);
    }
    // A 401 in another shape is a refusal too.
    CHECK(std::holds_alternative<InvalidClientCredentials>(
        api1::parse_token_response(read_vector("api2_401_unauthorized.json"), 401)));
    CHECK(std::holds_alternative<InvalidClientCredentials>(
        api1::parse_token_response(read_vector("api1_401_flat.json"))));
    // A 2xx error that is not a refusal stays the error it is.
    const auto error = require<ApiError>(api1::parse_token_response(
        R"({"status":{"error":true,"code":400,"type":"bad request","message":"grant_type is incorrect/absent"}})",
        200));
    CHECK(error.http_status == 200);
    CHECK(error.status_code == 400);
}

TEST_CASE("real answers: rate limiting is RateLimited, whatever the body") {
    // No OneLogin page documents a 429 for /1; a public client (airbnb/streamalert) treats
    // throttling as HTTP 400 with status.message "rate_limit_exceeded".
    const std::string exceeded = read_vector("api1_400_rate_limit_exceeded.json");
    const auto limited = require<RateLimited>(api1::parse_send_invite_response(exceeded, 400));
    CHECK(limited.message == "rate_limit_exceeded");
    CHECK(limited.http_status == 400);
    CHECK(limited.body == exceeded);
    CHECK(std::holds_alternative<RateLimited>(v3::parse_send_invite_response(exceeded)));
    CHECK(std::holds_alternative<RateLimited>(api1::parse_token_response(exceeded)));
    // A 429 with JSON, with an HTML page, with nothing.
    for (const std::string& body :
         {std::string(R"({"status":{"error":true,"code":429,"message":"Too Many Requests"}})"),
          std::string("<html><title>429 Too Many Requests</title></html>"), std::string()}) {
        INFO(body);
        const auto outcome = api1::parse_send_invite_response(body, 429);
        CHECK(require<RateLimited>(outcome).http_status == 429);
        CHECK(require<RateLimited>(outcome).body == body);
        CHECK(std::holds_alternative<RateLimited>(v3::parse_generate_invite_response(body, 429)));
        CHECK(std::holds_alternative<RateLimited>(api1::parse_token_response(body, 429)));
    }
    // retry_advice waits for Retry-After, else for the window to reset.
    const auto outcome = api1::parse_send_invite_response(exceeded, 400);
    onelogin::RateLimit limits;
    limits.reset = 120;
    CHECK(onelogin::retry_advice(outcome, limits).after == std::chrono::seconds(120));
    limits.retry_after = 7;
    const auto advice = onelogin::retry_advice(outcome, limits);
    CHECK(advice.retry == onelogin::Retry::later);
    CHECK(advice.after == std::chrono::seconds(7));
}

TEST_CASE("real answers: successes in other words stay successes") {
    // The OpenAPI spec's /1 Send Invite Link example says "Success" and names no address.
    const auto sent = require<InviteSent>(
        api1::parse_send_invite_response(read_vector("api1_send_invite_200_success.json"), 200));
    CHECK(sent.message == "Success");
    CHECK(sent.recipient.empty());
    // Its Generate Invite Link example writes "success" in lower case.
    const auto link = require<InviteLink>(api1::parse_generate_invite_response(
        read_vector("api1_generate_invite_200_lowercase.json"), 200));
    CHECK(link.message == "success");
    CHECK(link.link == "https://acme.onelogin.com/password/reset?token=0123456789abcdef");
}
