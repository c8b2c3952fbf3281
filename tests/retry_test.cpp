// read_rate_limit and retry_advice: what a response says about the rate limit, and whether a
// retry can help, for the outcomes of every call.
#include "support.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

using onelogin::HttpHeader;
using onelogin::RateLimit;
using onelogin::read_rate_limit;
using onelogin::Retry;
using onelogin::retry_advice;
using std::chrono::seconds;

TEST_CASE("rate limit: the three headers and Retry-After, in any case") {
    const std::vector<HttpHeader> headers = {
        {"Content-Type", "application/json"},
        {"x-ratelimit-limit", "5000"},
        {"X-RateLimit-Remaining", " 4999\t"},
        {"X-RATELIMIT-RESET", "1800"},
        {"Retry-After", "7"},
    };
    const RateLimit limit = read_rate_limit(headers);
    CHECK(limit.limit == 5000);
    CHECK(limit.remaining == 4999);
    CHECK(limit.reset == 1800);
    CHECK(limit.retry_after == 7);

    // cpp-httplib keeps headers in a multimap of strings.
    const std::multimap<std::string, std::string> httplib_headers = {{"X-RateLimit-Remaining", "0"},
                                                                     {"X-RateLimit-Reset", "12"}};
    const RateLimit from_map = read_rate_limit(httplib_headers);
    CHECK(from_map.remaining == 0);
    CHECK(from_map.reset == 12);
    CHECK(!from_map.limit);
}

TEST_CASE("rate limit: what is missing, garbled or contradictory is left empty") {
    const std::vector<HttpHeader> headers = {
        {"X-RateLimit-Limit", "-5"},
        {"X-RateLimit-Remaining", "12abc"},
        {"X-RateLimit-Reset", "1"},
        {"X-RateLimit-Reset", "2"},
        {"Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"},
        {"X-RateLimit-Limitx", "5"},
    };
    const RateLimit limit = read_rate_limit(headers);
    CHECK(!limit.limit);
    CHECK(!limit.remaining);
    CHECK(!limit.reset);
    CHECK(!limit.retry_after);
    CHECK(!read_rate_limit(std::vector<HttpHeader>{{"X-RateLimit-Limit", ""}}).limit);
    CHECK(!read_rate_limit(std::vector<HttpHeader>{{"X-RateLimit-Limit", "1234567890123456789"}})
               .limit);
    CHECK(read_rate_limit(std::vector<HttpHeader>{{"X-RateLimit-Limit", "123456789012345678"}})
              .limit == 123456789012345678);
    // The same value twice is no contradiction.
    CHECK(read_rate_limit(
              std::vector<HttpHeader>{{"X-RateLimit-Limit", "5"}, {"x-ratelimit-limit", "5"}})
              .limit == 5);
}

TEST_CASE("retry advice: definite answers are not retried") {
    namespace api1 = onelogin::api1;
    for (const char* vector : {"api1_send_invite_200.json", "api1_400_no_such_user.json",
                               "api1_400_email_missing.json", "api1_400_invalid_json.json"}) {
        INFO(vector);
        const auto advice =
            retry_advice(api1::parse_send_invite_response(test_support::read_vector(vector), 400));
        CHECK(advice.retry == Retry::no);
        CHECK(advice.after == seconds(0));
    }
    CHECK(
        retry_advice(onelogin::v3::parse_send_invite_response(
                         test_support::read_vector("v3_send_invite_400_invalid_api_key.xml"), 400))
            .retry == Retry::no);
    CHECK(retry_advice(api1::parse_token_response(
                           test_support::read_vector("token_401_unauthorized.json"), 401))
              .retry == Retry::no);
    CHECK(retry_advice(api1::parse_token_response(test_support::read_vector("token_200.json")))
              .retry == Retry::no);
    CHECK(
        retry_advice(api1::make_send_invite_request({"", "a@b.example", {}}, api1::Subdomain{"a"}))
            .retry == Retry::no);
    const auto forbidden = api1::parse_send_invite_response(
        R"({"status":{"error":true,"code":403,"message":"Forbidden"}})", 403);
    CHECK(retry_advice(forbidden).retry == Retry::no);
}

TEST_CASE("retry advice: a refused token asks for a new one") {
    namespace api1 = onelogin::api1;
    const auto refused = retry_advice(api1::parse_generate_invite_response(
        test_support::read_vector("api1_401_unauthorized.json"), 401));
    CHECK(refused.retry == Retry::with_new_token);
    CHECK(refused.after == seconds(0));
    CHECK(retry_advice(api1::parse_send_invite_response(
                           test_support::read_vector("api1_400_authorization_incorrect.json"), 400))
              .retry == Retry::with_new_token);
    // An undocumented 401 says the same through its status.
    CHECK(retry_advice(api1::parse_send_invite_response(
                           R"({"status":{"error":true,"message":"Token expired"}})", 401))
              .retry == Retry::with_new_token);
}

TEST_CASE("retry advice: rate limits wait as the headers say") {
    namespace api1 = onelogin::api1;
    const std::string throttled =
        R"({"status":{"error":true,"code":429,"type":"Too Many Requests","message":"Rate limit exceeded"}})";
    const auto outcome = api1::parse_send_invite_response(throttled, 429);

    RateLimit window;
    window.remaining = 0;
    window.reset = 1200;
    const auto by_reset = retry_advice(outcome, window);
    CHECK(by_reset.retry == Retry::later);
    CHECK(by_reset.after == seconds(1200));

    RateLimit told = window;
    told.retry_after = 30;
    CHECK(retry_advice(outcome, told).after == seconds(30));
    CHECK(retry_advice(outcome).after == seconds(ONELOGIN_INVITE_RATE_LIMIT_WAIT_SECONDS));
    RateLimit now;
    now.reset = 0;
    CHECK(retry_advice(outcome, now).after == seconds(1));  // never "retry at once" into a 429

    // The JSON status code stands in when the caller passed no HTTP status.
    CHECK(retry_advice(api1::parse_send_invite_response(throttled), window).after == seconds(1200));
    // A proxy's 429 page is malformed, but the status still tells.
    CHECK(retry_advice(api1::parse_send_invite_response("<html>slow down</html>", 429), window)
              .after == seconds(1200));
}

TEST_CASE("retry advice: failures on the way are retried after a pause") {
    namespace v3 = onelogin::v3;
    for (int status : {408, 500, 502, 503, 504}) {
        INFO(status);
        const auto advice = retry_advice(
            v3::parse_send_invite_response("<html><title>Bad Gateway</title></html>", status));
        CHECK(advice.retry == Retry::later);
        CHECK(advice.after == seconds(ONELOGIN_INVITE_RETRY_WAIT_SECONDS));
        RateLimit told;
        told.retry_after = 9;
        CHECK(retry_advice(v3::parse_send_invite_response("", status), told).after == seconds(9));
    }
    CHECK(retry_advice(v3::parse_send_invite_response("", 501)).retry == Retry::no);
    CHECK(retry_advice(v3::parse_send_invite_response(R"({"status":{"error":false)")).retry ==
          Retry::later);  // no status: maybe cut off
    CHECK(retry_advice(v3::parse_send_invite_response(R"({"status":{"error":false)", 200)).retry ==
          Retry::no);  // a 200 was answered: the invite may be out
    const v3::SendInviteResult no_answer = onelogin::TransportError{"connection refused"};
    const auto advice = retry_advice(no_answer);
    CHECK(advice.retry == Retry::later);
    CHECK(advice.after == seconds(ONELOGIN_INVITE_RETRY_WAIT_SECONDS));
    CHECK(!advice.why.empty());
}
