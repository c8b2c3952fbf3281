// read_rate_limit and retry_advice: what a response says about the rate limit, and whether a
// retry can help, for the outcomes of every call.
#include "support.hpp"

#include <chrono>
#include <ctime>
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
        {"Retry-After", "Wed, 32 Oct 2026 07:28:00 GMT"},
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

TEST_CASE("retry advice: only an answer that proves nothing was done says send the invite again") {
    namespace v3 = onelogin::v3;
    for (int status : {408, 503}) {
        INFO(status);
        const auto advice = retry_advice(
            v3::parse_send_invite_response("<html><title>Unavailable</title></html>", status));
        CHECK(advice.retry == Retry::later);
        CHECK(advice.after == seconds(ONELOGIN_INVITE_RETRY_WAIT_SECONDS));
        RateLimit told;
        told.retry_after = 9;
        CHECK(retry_advice(v3::parse_send_invite_response("", status), told).after == seconds(9));
    }
    CHECK(retry_advice(v3::parse_send_invite_response("", 429)).retry == Retry::later);
    const v3::SendInviteResult never_left = onelogin::TransportError{"connection refused", false};
    const auto advice = retry_advice(never_left);
    CHECK(advice.retry == Retry::later);
    CHECK(advice.after == seconds(ONELOGIN_INVITE_RETRY_WAIT_SECONDS));
    CHECK(!advice.why.empty());
}

TEST_CASE("retry advice: a failure after which the invite may be out says check first") {
    namespace v3 = onelogin::v3;
    namespace api1 = onelogin::api1;
    // A gateway's 500, 502 or 504 may come after OneLogin sent the email; so may any other 5xx.
    for (int status : {500, 501, 502, 504, 505, 599}) {
        INFO(status);
        const auto sent_v3 = retry_advice(
            v3::parse_send_invite_response("<html><title>Bad Gateway</title></html>", status));
        CHECK(sent_v3.retry == Retry::check_first);
        CHECK(sent_v3.after == seconds(ONELOGIN_INVITE_RETRY_WAIT_SECONDS));
        CHECK(retry_advice(api1::parse_send_invite_response("", status)).retry ==
              Retry::check_first);
        RateLimit told;
        told.retry_after = 9;
        CHECK(retry_advice(v3::parse_send_invite_response("", status), told).after == seconds(9));
        // An error the server wrote itself under that status is no proof either.
        CHECK(
            retry_advice(
                v3::parse_send_invite_response(
                    R"({"status":{"error":true,"code":500,"type":"x","message":"oops"}})", status))
                .retry == Retry::check_first);
    }
    // A 2xx whose body is cut or garbled: the email may well be out.
    for (int status : {200, 201, 204, 299}) {
        INFO(status);
        CHECK(retry_advice(v3::parse_send_invite_response(R"({"status":{"error":false)", status))
                  .retry == Retry::check_first);
        CHECK(retry_advice(api1::parse_send_invite_response("<html>ok</html>", status)).retry ==
              Retry::check_first);
    }
    // A 3xx with a garbled body is no success: a definite answer, as any 3xx.
    CHECK(retry_advice(v3::parse_send_invite_response("<html>moved</html>", 300)).retry ==
          Retry::no);
    CHECK(retry_advice(v3::parse_send_invite_response(R"({"status":{"error":false)", 300)).retry ==
          Retry::no);
    // No status at all: the answer may have been cut off after the invite went out.
    CHECK(retry_advice(v3::parse_send_invite_response(R"({"status":{"error":false)")).retry ==
          Retry::check_first);
    // An ApiError whose only status is the code its body gives.
    CHECK(retry_advice(v3::parse_send_invite_response(
                           R"({"status":{"error":true,"code":502,"type":"x","message":"y"}})"))
              .retry == Retry::check_first);
    const v3::SendInviteResult may_have_arrived = onelogin::TransportError{"timed out"};
    CHECK(std::get<onelogin::TransportError>(may_have_arrived).request_sent);  // the safe default
    const auto advice = retry_advice(may_have_arrived);
    CHECK(advice.retry == Retry::check_first);
    CHECK(advice.after == seconds(ONELOGIN_INVITE_RETRY_WAIT_SECONDS));
    CHECK(retry_advice(api1::SendInviteResult{onelogin::TransportError{"reset"}}).retry ==
          Retry::check_first);
    // The same failures of a call that emails nobody are safe to send again.
    CHECK(retry_advice(v3::parse_generate_invite_response("", 502)).retry == Retry::later);
    CHECK(retry_advice(api1::parse_generate_invite_response("", 500)).retry == Retry::later);
    CHECK(retry_advice(api1::parse_token_response("", 504)).retry == Retry::later);
    CHECK(retry_advice(api1::parse_token_response(R"({"access_token":)", 200)).retry ==
          Retry::later);
    CHECK(retry_advice(v3::parse_generate_invite_response(R"({"status":)")).retry == Retry::later);
    CHECK(retry_advice(api1::TokenResult{onelogin::TransportError{"reset"}}).retry == Retry::later);
    CHECK(retry_advice(v3::GenerateInviteOutcome{onelogin::MalformedResponse{}}).retry ==
          Retry::later);
    // The trait the advice goes by, from the variant's type alone.
    STATIC_REQUIRE(onelogin::emails_a_person<v3::SendInviteResult>::value);
    STATIC_REQUIRE(onelogin::emails_a_person<api1::SendInviteOutcome>::value);
    STATIC_REQUIRE(!onelogin::emails_a_person<v3::GenerateInviteResult>::value);
    STATIC_REQUIRE(!onelogin::emails_a_person<api1::GenerateInviteOutcome>::value);
    STATIC_REQUIRE(!onelogin::emails_a_person<api1::TokenResult>::value);
    // Definite answers stay definite.
    CHECK(retry_advice(v3::parse_send_invite_response("", 404)).retry == Retry::no);
    CHECK(retry_advice(v3::parse_send_invite_response("", 401)).retry == Retry::with_new_token);
}

TEST_CASE("retry advice by status alone defaults to the careful answer") {
    using onelogin::CallEffect;
    using onelogin::retry_advice_for_status;
    CHECK(retry_advice_for_status(502, {}).retry == Retry::check_first);
    CHECK(retry_advice_for_status(std::nullopt, {}).retry == Retry::check_first);
    CHECK(retry_advice_for_status(502, {}, CallEffect::emails_nobody).retry == Retry::later);
    CHECK(retry_advice_for_status(std::nullopt, {}, CallEffect::emails_nobody).retry ==
          Retry::later);
    CHECK(retry_advice_for_status(503, {}).retry == Retry::later);
    CHECK(retry_advice_for_status(429, {}).retry == Retry::later);
    CHECK(retry_advice_for_status(200, {}).retry == Retry::no);
    CHECK(retry_advice_for_status(400, {}, CallEffect::emails_nobody).retry == Retry::no);
}

namespace {

/// 90 s before 2015-10-21T07:28:00Z (1445412480 s after the epoch): "now" for the date tests.
const std::chrono::system_clock::time_point date_tests_now{seconds(1445412480 - 90)};

/// The wait a lone Retry-After header of `value` gives at date_tests_now.
std::optional<long long> retry_after_at_date_tests_now(const char* value) {
    return read_rate_limit(std::vector<HttpHeader>{{"Retry-After", value}}, date_tests_now)
        .retry_after;
}

}  // namespace

TEST_CASE("rate limit: Retry-After as an HTTP date is the seconds from now until it") {
    using std::chrono::system_clock;
    const auto& now = date_tests_now;
    const auto after = retry_after_at_date_tests_now;
    CHECK(after("Wed, 21 Oct 2015 07:28:00 GMT") == 90);
    CHECK(after(" Wed, 21 Oct 2015 07:28:00 GMT\t") == 90);
    CHECK(after("Wed, 21 Oct 2015 07:26:30 GMT") == 0);     // now
    CHECK(after("Tue, 20 Oct 2015 07:28:00 GMT") == 0);     // past: at least 0
    CHECK(after("\tWed, 21 Oct 2015 07:28:00 GMT") == 90);  // a tab before it, as a space
    CHECK(after("Wed, 21 Oct 2015 07:27:60 GMT") == 90);    // a leap second: 07:28:00
    // The last day of months on both sides of July: the 31st of January, March, May, July and
    // August, and the 30th of April, all in the past: no wait, but dates.
    for (const char* last_day :
         {"Sat, 31 Jan 2015 00:00:00 GMT", "Tue, 31 Mar 2015 00:00:00 GMT",
          "Sun, 31 May 2015 00:00:00 GMT", "Fri, 31 Jul 2015 00:00:00 GMT",
          "Mon, 31 Aug 2015 00:00:00 GMT", "Thu, 30 Apr 2015 00:00:00 GMT"}) {
        INFO(last_day);
        CHECK(after(last_day) == 0);
    }
    CHECK(after("Thu, 22 Oct 2015 07:28:00 GMT") == ONELOGIN_INVITE_MAX_WAIT_SECONDS);  // capped
    CHECK(after("Fri, 31 Dec 9999 23:59:59 GMT") == ONELOGIN_INVITE_MAX_WAIT_SECONDS);
    CHECK(onelogin::seconds_until_http_date("Sun, 01 Jan 1970 00:00:00 GMT",
                                            system_clock::time_point{}) == 0);
    CHECK(onelogin::seconds_until_http_date("Sun, 01 Mar 2016 00:00:01 GMT",
                                            system_clock::time_point{seconds(1456704000)}) ==
          86400 + 1);  // across 29 February of a leap year
    CHECK(onelogin::seconds_until_http_date("Wed, 01 Mar 2000 00:00:00 GMT",
                                            system_clock::time_point{seconds(951782400)}) ==
          86400);  // 2000 is a leap year (divisible by 400)
    // Anything but an IMF-fixdate is no wait at all, not a guess.
    for (const char* garbled : {"Wed, 21 Oct 2015 07:28:00 UTC",
                                "Wed, 21 Oct 15 07:28:00 GMT",
                                "Wednesday, 21-Oct-15 07:28:00 GMT",
                                "Wed Oct 21 07:28:00 2015",
                                "Wed, 29 Feb 2015 07:28:00 GMT",
                                "Wed, 21 Foo 2015 07:28:00 GMT",
                                "Wed, 21 Oct 2015 24:00:00 GMT",
                                "Wed, 21 Oct 2015 07:60:00 GMT",
                                "Wed, 21 Oct 2015 07:28:61 GMT",
                                "Thu, 31 Sep 2015 07:28:00 GMT",
                                "Sat, 31 Apr 2015 07:28:00 GMT",
                                "Tue, 31 Jun 2015 07:28:00 GMT",
                                "Tue, 31 Nov 2015 07:28:00 GMT",
                                "Wed, +1 Oct 2015 07:28:00 GMT",
                                "Xyz, 21 Oct 2015 07:28:00 GMT",
                                "Wed, 21 Oct -015 07:28:00 GMT",
                                "-5",
                                "+5",
                                "1e3",
                                ""}) {
        INFO(garbled);
        CHECK(!after(garbled));
    }
    // A date and the seconds it comes to, twice, agree; a different wait is a conflict.
    CHECK(read_rate_limit(std::vector<HttpHeader>{{"Retry-After", "90"},
                                                  {"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}},
                          now)
              .retry_after == 90);
    CHECK(
        !read_rate_limit(std::vector<HttpHeader>{{"Retry-After", "91"},
                                                 {"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}},
                         now)
             .retry_after);
    // Through send_invite, against the clock: a date an hour ahead is about an hour's wait.
    const auto in_an_hour = [](const onelogin::HttpRequest&) {
        const auto when = system_clock::now() + std::chrono::hours(1);
        const std::time_t t = system_clock::to_time_t(when);
        char text[64] = {};
        std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&t));
        return onelogin::HttpResponse{429, "", {{"Retry-After", text}}};
    };
    const auto advice = retry_advice(onelogin::v3::send_invite({"key", "a@b.example"}, in_an_hour));
    CHECK(advice.retry == Retry::later);
    CHECK(advice.after >= seconds(3590));
    CHECK(advice.after <= seconds(3600));
}

TEST_CASE("rate limit: waits are capped so that now() + wait cannot overflow") {
    const RateLimit limit =
        read_rate_limit(std::vector<HttpHeader>{{"Retry-After", "999999999999999999"},
                                                {"X-RateLimit-Reset", "1732700000"},
                                                {"X-RateLimit-Remaining", "999999999999999999"}});
    CHECK(limit.retry_after == ONELOGIN_INVITE_MAX_WAIT_SECONDS);
    CHECK(limit.reset == ONELOGIN_INVITE_MAX_WAIT_SECONDS);
    CHECK(limit.remaining == 999999999999999999);  // a count, not a wait: kept
    RateLimit huge;
    huge.retry_after = 999999999999999999;  // set by hand, past the reader
    const auto advice = retry_advice(onelogin::v3::parse_send_invite_response("", 503), huge);
    CHECK(advice.after == seconds(ONELOGIN_INVITE_MAX_WAIT_SECONDS));
    const auto deadline = std::chrono::steady_clock::now() + advice.after;
    CHECK(deadline > std::chrono::steady_clock::now());
}

namespace {

// The shapes other HTTP stacks keep headers in, as far as read_rate_limit relies on them.
// Qt: QNetworkReply::rawHeaderPairs() is a list of pairs of QByteArray (constData() and size()).
struct ByteArrayLike {
    std::string bytes;
    const char* constData() const { return bytes.c_str(); }
    int size() const { return static_cast<int>(bytes.size()); }
};
// Boost.Beast: http::fields iterates elements with name_string() and value(), views with data()
// and size() (boost::string_view, not convertible to std::string_view before Boost 1.77).
struct ViewLike {
    std::string_view text;
    const char* data() const { return text.data(); }
    std::size_t size() const { return text.size(); }
};
struct FieldLike {
    std::string name;
    std::string text;
    ViewLike name_string() const { return {name}; }
    ViewLike value() const { return {text}; }
};

}  // namespace

TEST_CASE("rate limit: read from the header containers of other HTTP stacks") {
    const std::map<std::string, std::string> map = {{"Retry-After", "3"}};
    CHECK(read_rate_limit(map).retry_after == 3);
    const std::vector<std::pair<ByteArrayLike, ByteArrayLike>> qt = {
        {{"X-RateLimit-Remaining"}, {"41"}}, {{"Server"}, {"nginx"}}};
    CHECK(read_rate_limit(qt).remaining == 41);
    const std::vector<FieldLike> beast = {{"X-RateLimit-Reset", "60"}, {"retry-after", "5"}};
    const RateLimit from_fields = read_rate_limit(beast);
    CHECK(from_fields.reset == 60);
    CHECK(from_fields.retry_after == 5);
}

TEST_CASE("send_invite hands the response headers to retry_advice through the outcome") {
    namespace v3 = onelogin::v3;
    const auto throttled = [](const onelogin::HttpRequest&) {
        return onelogin::HttpResponse{
            429, "", {{"Retry-After", "17"}, {"X-RateLimit-Reset", "90"}}};
    };
    const v3::SendInviteResult result = v3::send_invite({"key", "a@b.example"}, throttled);
    REQUIRE(std::holds_alternative<onelogin::RateLimited>(result));
    CHECK(std::get<onelogin::RateLimited>(result).rate_limit.retry_after == 17);
    CHECK(retry_advice(result).after == seconds(17));
    RateLimit given;
    given.retry_after = 4;  // what the caller passes wins
    CHECK(retry_advice(result, given).after == seconds(4));

    const auto unavailable = [](const onelogin::HttpRequest&) {
        return onelogin::HttpResponse{
            503, "<html><title>down</title></html>", {{"Retry-After", "8"}}};
    };
    CHECK(retry_advice(v3::send_invite({"key", "a@b.example"}, unavailable)).after == seconds(8));
    const auto bare = [](const onelogin::HttpRequest&) {
        return onelogin::HttpResponse{429, "{}"};  // no headers: the default wait
    };
    CHECK(retry_advice(v3::send_invite({"key", "a@b.example"}, bare)).after ==
          seconds(ONELOGIN_INVITE_RATE_LIMIT_WAIT_SECONDS));
}

TEST_CASE("retry advice boundaries: 500 and 599 are server failures, 499 and 600 are not") {
    using onelogin::retry_advice_for_status;
    CHECK(retry_advice_for_status(499, {}).retry == Retry::no);
    CHECK(retry_advice_for_status(500, {}).retry == Retry::check_first);
    CHECK(retry_advice_for_status(599, {}).retry == Retry::check_first);
    CHECK(retry_advice_for_status(600, {}).retry == Retry::no);

    // Without an HTTP status, the JSON code stands in when it is an HTTP status (100-599).
    // (At 100 it cannot be told from no status at all: a 1xx and no status both say "no".)
    namespace api1 = onelogin::api1;
    const auto by_code = [](int code) {
        return retry_advice(api1::parse_send_invite_response(
                                R"({"status":{"error":true,"code":)" + std::to_string(code) +
                                R"(,"type":"Odd","message":"Gateway trouble"}})"))
            .retry;
    };
    CHECK(by_code(599) == Retry::check_first);
    CHECK(by_code(600) == Retry::no);
    CHECK(by_code(500) == Retry::check_first);
    CHECK(by_code(401) == Retry::with_new_token);
}

TEST_CASE("rate limit: 2100 is not a leap year (divisible by 100, not by 400)") {
    using std::chrono::system_clock;
    // 2100-02-28T00:00:00Z is 4107456000 s after the epoch.
    const system_clock::time_point feb_28_2100{seconds(4107456000)};
    CHECK(onelogin::seconds_until_http_date("Mon, 01 Mar 2100 00:00:00 GMT", feb_28_2100) == 86400);
    CHECK_FALSE(onelogin::seconds_until_http_date("Mon, 29 Feb 2100 00:00:00 GMT", feb_28_2100)
                    .has_value());
    CHECK(onelogin::seconds_until_http_date("Sun, 28 Feb 2100 00:00:01 GMT", feb_28_2100) == 1);
}

TEST_CASE("rate limit: 29 February is a date in 2016 and 2000, not in 2017") {
    using std::chrono::system_clock;
    // 2016-02-29T00:00:00Z is 1456704000 s after the epoch.
    const system_clock::time_point feb_29_2016{seconds(1456704000)};
    CHECK(onelogin::seconds_until_http_date("Mon, 29 Feb 2016 00:00:10 GMT", feb_29_2016) == 10);
    CHECK(onelogin::seconds_until_http_date("Tue, 29 Feb 2000 00:00:00 GMT", feb_29_2016) == 0);
    CHECK_FALSE(onelogin::seconds_until_http_date("Wed, 29 Feb 2017 00:00:00 GMT", feb_29_2016)
                    .has_value());
}

TEST_CASE("rate limit: an HTTP date is read only with each separator where RFC 9110 puts it") {
    const auto after = retry_after_at_date_tests_now;
    REQUIRE(after("Wed, 21 Oct 2015 07:28:00 GMT") == 90);
    // Each fixed separator replaced in turn, and a signed field: no wait, not a guess.
    for (const char* garbled : {"Wed; 21 Oct 2015 07:28:00 GMT", "Wed,-21 Oct 2015 07:28:00 GMT",
                                "Wed, 21-Oct 2015 07:28:00 GMT", "Wed, 21 Oct-2015 07:28:00 GMT",
                                "Wed, 21 Oct 2015-07:28:00 GMT", "Wed, 21 Oct 2015 07-28:00 GMT",
                                "Wed, 21 Oct 2015 07:28-00 GMT", "Wed, 21 Oct 2015 07:28:00-GMT",
                                "Wed, 21 Oct 2015 07:+8:00 GMT", "Wed, 21 Oct 2015 +7:28:00 GMT",
                                "Wed, 21 Oct 2015 07:28:+0 GMT", "Wed, +1 Oct 2015 07:28:00 GMT",
                                "Wed, 21 Oct +015 07:28:00 GMT"}) {
        CAPTURE(garbled);
        CHECK_FALSE(after(garbled).has_value());
    }
}

TEST_CASE("a default RetryAdvice is Retry::no with no wait, and a default status allows nothing") {
    const onelogin::RetryAdvice advice{};
    CHECK(advice.retry == Retry::no);
    CHECK(advice.after == seconds(0));
    const onelogin::RateLimitStatus status{};
    CHECK(status.limit == 0);
    CHECK(status.remaining == 0);
    CHECK(status.reset == 0);
    CHECK_FALSE(status.http_status.has_value());
}
