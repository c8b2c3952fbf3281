// bulk_invite's verdict (examples/bulk/verdict.hpp) for every kind of answer of every call it
// makes, its token keeper (examples/bulk/token_keeper.hpp) with a stand-in token exchange, its
// pacer (examples/bulk/pacer.hpp) over a clock the test sets, and its secret masking
// (examples/bulk/settings.hpp).
#include "support.hpp"
#include "test_framework.hpp"

#include <bulk/pacer.hpp>
#include <bulk/settings.hpp>
#include <bulk/token_keeper.hpp>
#include <bulk/verdict.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace {

using bulk::State;
using onelogin::HttpResponse;
using onelogin::TransportError;
using test_support::read_vector;
using Answer = std::variant<HttpResponse, TransportError>;

/// One answer of the transport, and the row state and flags bulk_invite must give it.
struct Case {
    const char* what;
    Answer answer;
    State state;
    bool credentials_refused = false;
};

const std::string html_page = "<html><head><title>Gateway</title></head><body>nginx</body></html>";

Answer http(int status, std::string body, std::vector<onelogin::HttpHeader> headers = {}) {
    return HttpResponse{status, std::move(body), std::move(headers)};
}

template <typename Outcome, typename Parse>
void check_cases(const std::vector<Case>& cases, Parse parse) {
    for (const Case& c : cases) {
        INFO(c.what);
        const bulk::Verdict verdict = bulk::judge_as<Outcome>(c.answer, parse);
        CHECK(verdict.state == c.state);
        CHECK(verdict.credentials_refused == c.credentials_refused);
    }
}

/// The answers every call can get on the way, whatever it does: the ones that prove nothing was
/// done, and those after which the call may have been done.
std::vector<Case> failures_on_the_way(State maybe_done) {
    return {
        {"a 429 without a body", http(429, ""), State::not_sent},
        {"a proxy's 503", http(503, html_page), State::not_sent},
        {"a 408", http(408, ""), State::not_sent},
        {"a gateway's 502", http(502, html_page), maybe_done},
        {"a gateway's 504", http(504, html_page), maybe_done},
        {"a 500 in OneLogin's envelope",
         http(500, R"({"status":{"type":"error","message":"boom","error":true,"code":500}})"),
         maybe_done},
        {"a 200 cut short", http(200, R"({"status":{"type":"succ)"), maybe_done},
        {"a 200 HTML page", http(200, html_page), maybe_done},
        {"a timeout after sending", TransportError{"timed out", true}, maybe_done},
        {"a refused connection", TransportError{"refused", false}, State::not_sent},
        {"a 404: no call at that URL", http(404, "Not Found"), State::not_sent},
        {"a redirect", http(301, ""), State::not_sent},
    };
}

}  // namespace

TEST_CASE("bulk verdict: v3 Send Invite Link") {
    std::vector<Case> cases = failures_on_the_way(State::unknown);
    cases.push_back(
        {"sent",
         http(
             200,
             R"({"status":{"type":"success","message":"Email sent successfully to a@example.com","error":false,"code":200}})"),
         State::sent});
    cases.push_back({"no such user", http(400, read_vector("v3_send_invite_400_no_such_user.json")),
                     State::refused});
    cases.push_back({"the API key refused",
                     http(400, read_vector("v3_send_invite_400_invalid_api_key.xml")),
                     State::not_sent, true});
    check_cases<onelogin::v3::SendInviteOutcome>(cases, [](auto body, auto status) {
        return onelogin::v3::parse_send_invite_response(body, status);
    });
}

TEST_CASE("bulk verdict: v3 Generate Invite Link emails nobody, so every failure is retried") {
    std::vector<Case> cases = failures_on_the_way(State::not_sent);
    cases.push_back({"a link", http(200, read_vector("v3_generate_invite_200.json")), State::sent});
    cases.push_back({"no such user", http(400, read_vector("v3_send_invite_400_no_such_user.json")),
                     State::refused});
    check_cases<onelogin::v3::GenerateInviteOutcome>(cases, [](auto body, auto status) {
        return onelogin::v3::parse_generate_invite_response(body, status);
    });
}

TEST_CASE("bulk verdict: API /1 Send Invite Link") {
    std::vector<Case> cases = failures_on_the_way(State::unknown);
    cases.push_back({"sent", http(200, read_vector("api1_send_invite_200.json")), State::sent});
    cases.push_back(
        {"no such user", http(400, read_vector("api1_400_no_such_user.json")), State::refused});
    cases.push_back({"an address the server refuses",
                     http(400, read_vector("api1_400_email_format.json")), State::refused});
    cases.push_back({"the token refused", http(401, read_vector("api1_401_unauthorized.json")),
                     State::not_sent, true});
    cases.push_back({"the Authorization header refused",
                     http(400, read_vector("api1_400_authorization_incorrect.json")),
                     State::not_sent, true});
    check_cases<onelogin::api1::SendInviteOutcome>(cases, [](auto body, auto status) {
        return onelogin::api1::parse_send_invite_response(body, status);
    });
}

TEST_CASE("bulk verdict: API /1 Generate Invite Link emails nobody, so every failure is retried") {
    std::vector<Case> cases = failures_on_the_way(State::not_sent);
    cases.push_back(
        {"a link", http(200, read_vector("api1_generate_invite_200.json")), State::sent});
    cases.push_back({"the token refused", http(401, read_vector("api1_401_unauthorized.json")),
                     State::not_sent, true});
    check_cases<onelogin::api1::GenerateInviteOutcome>(cases, [](auto body, auto status) {
        return onelogin::api1::parse_generate_invite_response(body, status);
    });
}

TEST_CASE("bulk verdict: the link is the row's detail, a 429's wait is the server's") {
    const auto parse_link = [](auto body, auto status) {
        return onelogin::v3::parse_generate_invite_response(body, status);
    };
    const bulk::Verdict link = bulk::judge_as<onelogin::v3::GenerateInviteOutcome>(
        http(200, read_vector("v3_generate_invite_200.json")), parse_link);
    CHECK(link.report.words == "http://api.onelogin.com/password/reset?token=...");

    const auto parse_send = [](auto body, auto status) {
        return onelogin::v3::parse_send_invite_response(body, status);
    };
    const bulk::Verdict limited = bulk::judge_as<onelogin::v3::SendInviteOutcome>(
        http(429, "", {{"Retry-After", "7"}}), parse_send);
    CHECK(limited.rate_limited);
    CHECK(limited.after == std::chrono::seconds(7));
    const bulk::Verdict untold =
        bulk::judge_as<onelogin::v3::SendInviteOutcome>(http(429, ""), parse_send);
    CHECK(untold.rate_limited);
    CHECK(untold.after == std::chrono::seconds(0));  // the run's own backoff then
    const bulk::Verdict wrong =
        bulk::judge_as<onelogin::v3::SendInviteOutcome>(http(404, "Not Found"), parse_send);
    CHECK(wrong.wrong_endpoint);
}

TEST_CASE("bulk settings: every form of every credential is masked") {
    bulk::Settings settings;
    settings.api_key = "key\\with\"quote-0123456789";
    settings.api1_credentials.client.client_secret = "secret-abcdefghij";
    settings.api1_credentials.access_token = "token-klmnopqrst";
    const std::string once = bulk::Settings::json_escaped(settings.api_key);
    CHECK(once == "key\\\\with\\\"quote-0123456789");
    const std::string text = "raw " + settings.api_key + " json " + once + " twice " +
                             bulk::Settings::json_escaped(once) + " " +
                             settings.api1_credentials.client.client_secret + " " +
                             settings.api1_credentials.access_token + " issued-uvwxyz0123";
    const std::string masked = settings.without_secrets(text, {"issued-uvwxyz0123"});
    CHECK(masked == "raw **** json **** twice **** **** **** ****");
}

namespace {

/// A token exchange stand-in: answers from a list, one per call, and counts the calls.
struct Exchanges {
    std::vector<onelogin::api1::TokenResult> answers;
    std::atomic<int> calls{0};

    bulk::TokenKeeper::Exchange exchange() {
        return [this] {
            const auto at = static_cast<std::size_t>(calls++);
            return answers[std::min(at, answers.size() - 1)];
        };
    }
};

onelogin::api1::AccessToken token(const std::string& value, long long expires_in) {
    onelogin::api1::AccessToken issued;
    issued.access_token = value;
    issued.expires_in = expires_in;
    return issued;
}

/// current() until it gives a token or the keeper fails, at most two seconds.
const std::string* wait_for_token(bulk::TokenKeeper& keeper) {
    for (int i = 0; i < 200; ++i) {
        if (const std::string* current = keeper.current()) return current;
        if (keeper.failed() != bulk::TokenKeeper::Failure::none) return nullptr;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return nullptr;
}

}  // namespace

TEST_CASE("bulk token keeper: a refused token is renewed once, a fresh one refused stops") {
    bulk::Settings settings;
    settings.call = bulk::Call::api1_send;
    settings.api1_credentials.client = {"client-id", "client-secret-0123"};
    settings.api1_credentials.access_token = "stale-token-0000";  // from the environment
    Exchanges exchanges;
    exchanges.answers = {token("fresh-token-0001", 36000), token("other-token-0002", 36000)};
    bulk::TokenKeeper keeper(settings, exchanges.exchange());
    const std::string* stale = keeper.current();
    REQUIRE(stale != nullptr);
    CHECK(*stale == "stale-token-0000");
    CHECK(exchanges.calls == 0);
    CHECK(keeper.renew_after_refusal("stale-token-0000"));
    CHECK(keeper.renew_after_refusal("stale-token-0000"));  // the same refusal again: one fetch
    const std::string* fresh = wait_for_token(keeper);
    REQUIRE(fresh != nullptr);
    CHECK(*fresh == "fresh-token-0001");
    CHECK(exchanges.calls == 1);
    CHECK_FALSE(keeper.renew_after_refusal("fresh-token-0001"));  // a fresh token refused: stop
    CHECK(keeper.issued() == std::vector<std::string>{"fresh-token-0001"});
}

TEST_CASE("bulk token keeper: renewed before it expires, the old token used meanwhile") {
    bulk::Settings settings;
    settings.call = bulk::Call::api1_send;
    settings.api1_credentials.client = {"client-id", "client-secret-0123"};
    Exchanges exchanges;
    exchanges.answers = {token("short-token-0001", 61), token("next-token-0002", 36000)};
    bulk::TokenKeeper keeper(settings, exchanges.exchange());
    const std::string* first = wait_for_token(keeper);
    REQUIRE(first != nullptr);
    CHECK(*first == "short-token-0001");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a minute before it expires
    const std::string* during = keeper.current();  // starts the renewal, does not wait for it
    REQUIRE(during != nullptr);
    CHECK(*during == "short-token-0001");
    std::string renewed;
    for (int i = 0; i < 200 && renewed != "next-token-0002"; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (const std::string* current = keeper.current()) renewed = *current;
    }
    CHECK(renewed == "next-token-0002");
    CHECK(exchanges.calls == 2);
}

TEST_CASE("bulk token keeper: an exchange that fails on the way is tried again, then given up") {
    bulk::Settings settings;
    settings.call = bulk::Call::api1_send;
    settings.api1_credentials.client = {"client-id", "client-secret-0123"};
    SECTION("three failures on the way: unreachable, a run error") {
        Exchanges exchanges;
        exchanges.answers = {TransportError{"timed out", true}};
        bulk::TokenKeeper keeper(settings, exchanges.exchange());
        for (int i = 0; i < 400 && keeper.failed() == bulk::TokenKeeper::Failure::none; ++i) {
            CHECK(keeper.current() == nullptr);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        CHECK(keeper.failed() == bulk::TokenKeeper::Failure::unreachable);
        CHECK(exchanges.calls == 3);
    }
    SECTION("refused client credentials: refused at once") {
        Exchanges exchanges;
        exchanges.answers = {onelogin::InvalidClientCredentials{"Authentication Failure"}};
        bulk::TokenKeeper keeper(settings, exchanges.exchange());
        CHECK(wait_for_token(keeper) == nullptr);
        CHECK(keeper.failed() == bulk::TokenKeeper::Failure::refused);
        CHECK(exchanges.calls == 1);
        CHECK(keeper.why().find("client-secret-0123") == std::string::npos);
    }
}

TEST_CASE("bulk pacer: the window's calls, the least Remaining seen, a new window, a 429's hold") {
    using Clock = bulk::Pacer::Clock;
    const Clock::time_point start = Clock::now();
    const auto at = [start](int seconds) { return start + std::chrono::seconds(seconds); };
    bulk::Pacer pacer;
    CHECK(pacer.may_start(at(0)));            // nothing stated: no pacing
    pacer.observe({5, 2, 10, {}}, 0, at(0));  // 2 of 5 left, the window ends in 10 s
    CHECK(pacer.may_start(at(0)));
    pacer.started();
    CHECK(pacer.may_start(at(1)));
    pacer.started();
    CHECK_FALSE(pacer.may_start(at(1)));  // spent
    CHECK_FALSE(pacer.may_start(at(9)));
    CHECK(pacer.may_start(at(10)));  // a new window allows the stated limit: 5
    for (int i = 0; i < 4; ++i) pacer.started();
    CHECK(pacer.may_start(at(10)));
    pacer.observe({5, 0, 60, {}}, 0, at(11));  // the new window's answers: spent until 71 s
    CHECK_FALSE(pacer.may_start(at(11)));
    CHECK_FALSE(pacer.may_start(at(70)));
    CHECK(pacer.may_start(at(71)));

    bulk::Pacer counted;
    counted.observe({10, 6, 30, {}}, 0, at(0));
    counted.observe({10, 8, 29, {}}, 0, at(1));  // a later answer counted fewer: 6 still holds
    for (int i = 0; i < 6; ++i) {
        CHECK(counted.may_start(at(2)));
        counted.started();
    }
    CHECK_FALSE(counted.may_start(at(2)));

    bulk::Pacer out;
    out.observe({10, 3, 30, {}}, 3, at(0));  // three out, none counted yet: none left
    CHECK_FALSE(out.may_start(at(0)));
    out.observe({10, 3, 5, {}}, 3, at(1));  // an earlier end bounds the window
    CHECK_FALSE(out.may_start(at(5)));
    CHECK(out.may_start(at(6)));

    bulk::Pacer held;
    held.hold_until(at(3));
    held.hold_until(at(2));  // an earlier hold does not shorten a later one
    CHECK_FALSE(held.may_start(at(2)));
    CHECK(held.may_start(at(3)));
    held.observe({{}, {}, {}, {7}}, 0, at(3));  // a Retry-After alone states no window
    CHECK(held.may_start(at(3)));
}
