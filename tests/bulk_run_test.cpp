// bulk_invite's verdict (examples/bulk/verdict.hpp) for every kind of answer of every call it
// makes (examples/bulk/call.hpp), its command line (examples/bulk/options.hpp), its run
// (examples/bulk/run.hpp) against a loopback port that refuses connections, its token keeper
// (examples/bulk/token_keeper.hpp) with a stand-in token exchange, its pacer
// (examples/bulk/pacer.hpp) over a clock the test sets, and its secret masking
// (examples/bulk/settings.hpp).
#include "support.hpp"
#include "test_framework.hpp"

#include "bulk_support.hpp"

#include <bulk/call.hpp>
#include <bulk/options.hpp>
#include <bulk/pacer.hpp>
#include <bulk/run.hpp>
#include <bulk/settings.hpp>
#include <bulk/token_keeper.hpp>
#include <bulk/verdict.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace {

using bulk::Answer;
using bulk::Call;
using bulk::State;
using onelogin::HttpResponse;
using onelogin::TransportError;
using test_support::read_vector;

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

/// Settings that choose `call`.
bulk::Settings settings_for(Call call) {
    bulk::Settings settings;
    settings.call = call;
    return settings;
}

/// The verdict `call`'s judge gives `answer`.
bulk::Verdict judge(Call call, const Answer& answer) {
    const bulk::Settings settings = settings_for(call);
    return bulk::row_call_for(settings).judge(answer);
}

void check_cases(Call call, const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        INFO(c.what);
        const bulk::Verdict verdict = judge(call, c.answer);
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
    check_cases(Call::v3_send, cases);
}

TEST_CASE("bulk verdict: v3 Generate Invite Link emails nobody, so every failure is retried") {
    std::vector<Case> cases = failures_on_the_way(State::not_sent);
    cases.push_back({"a link", http(200, read_vector("v3_generate_invite_200.json")), State::sent});
    cases.push_back({"no such user", http(400, read_vector("v3_send_invite_400_no_such_user.json")),
                     State::refused});
    check_cases(Call::v3_links, cases);
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
    check_cases(Call::api1_send, cases);
}

TEST_CASE("bulk verdict: API /1 Generate Invite Link emails nobody, so every failure is retried") {
    std::vector<Case> cases = failures_on_the_way(State::not_sent);
    cases.push_back(
        {"a link", http(200, read_vector("api1_generate_invite_200.json")), State::sent});
    cases.push_back({"the token refused", http(401, read_vector("api1_401_unauthorized.json")),
                     State::not_sent, true});
    check_cases(Call::api1_links, cases);
}

TEST_CASE("bulk verdict: the link is the row's detail, a 429's wait is the server's") {
    const bulk::Verdict link =
        judge(Call::v3_links, http(200, read_vector("v3_generate_invite_200.json")));
    CHECK(link.report.words == "http://api.onelogin.com/password/reset?token=...");

    const bulk::Verdict limited = judge(Call::v3_send, http(429, "", {{"Retry-After", "7"}}));
    CHECK(limited.rate_limited);
    CHECK(limited.after == std::chrono::seconds(7));
    const bulk::Verdict untold = judge(Call::v3_send, http(429, ""));
    CHECK(untold.rate_limited);
    CHECK_FALSE(untold.after.has_value());  // the run's own backoff then
    const bulk::Verdict wrong = judge(Call::v3_send, http(404, "Not Found"));
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

// ---- the call, chosen once ---------------------------------------------------------------------

TEST_CASE("bulk call: each call's request goes to its path, with its credential") {
    bulk::Person person;
    person.row = 2;
    person.email = "a@example.com";
    const struct {
        Call call;
        const char* path;
        const char* credential;
    } cases[] = {
        {Call::v3_send, "/api/v3/invites/send_invite_link", "v3-key-0123456789"},
        {Call::v3_links, "/api/v3/invites/get_invite_link", "v3-key-0123456789"},
        {Call::api1_send, "/api/1/invites/send_invite_link", "token-0123456789"},
        {Call::api1_links, "/api/1/invites/get_invite_link", "token-0123456789"},
    };
    for (const auto& c : cases) {
        INFO(c.path);
        bulk::Settings settings = settings_for(c.call);
        settings.api_key = "v3-key-0123456789";
        settings.api1_endpoint = onelogin::api1::Endpoint(onelogin::api1::Subdomain{"acme"});
        const auto built = bulk::row_call_for(settings).build(person, "token-0123456789");
        const auto* request = std::get_if<onelogin::HttpRequest>(&built);
        REQUIRE(request != nullptr);
        CHECK(request->url.find(c.path) != std::string::npos);
        std::string sent = request->url + request->body;
        for (const onelogin::HttpHeader& header : request->headers) sent += header.value;
        CHECK(sent.find(c.credential) != std::string::npos);
    }
    bulk::Settings settings = settings_for(Call::api1_send);
    settings.api1_endpoint = onelogin::api1::Endpoint(onelogin::api1::Subdomain{"acme"});
    const auto refused = bulk::row_call_for(settings).build(person, "");  // no token
    const auto* invalid = std::get_if<onelogin::InvalidRequest>(&refused);
    REQUIRE(invalid != nullptr);
    CHECK(invalid->field == onelogin::RequestField::access_token);
}

// ---- the command line ------------------------------------------------------------------------

namespace {

/// Sets an environment variable for one test, and puts back what was there.
class Environment {
public:
    Environment(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value != nullptr) {
            ::setenv(name, value, 1);
        } else {
            ::unsetenv(name);
        }
    }
    Environment(const Environment&) = delete;
    Environment& operator=(const Environment&) = delete;
    ~Environment() {
        if (old_) {
            ::setenv(name_, old_->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
    }

private:
    const char* name_;
    std::optional<std::string> old_;
};

/// bulk_invite's options from `arguments` (the program's name first).
std::variant<bulk::Options, int> read_options(std::vector<std::string> arguments) {
    std::vector<char*> argv;
    for (std::string& argument : arguments) argv.push_back(argument.data());
    return bulk::read_options(static_cast<int>(argv.size()), argv.data());
}

}  // namespace

TEST_CASE("bulk options: the defaults, the call chosen, and usage errors") {
    const Environment key("ONELOGIN_API_KEY", "v3-key-0123456789");
    const Environment client("ONELOGIN_CLIENT_ID", nullptr);
    const Environment token("ONELOGIN_ACCESS_TOKEN", "token-0123456789");
    const auto plain = read_options({"bulk_invite", "people.csv"});
    const auto* options = std::get_if<bulk::Options>(&plain);
    REQUIRE(options != nullptr);
    CHECK(options->settings.call == Call::v3_send);
    CHECK(options->settings.api_key == "v3-key-0123456789");
    CHECK(options->results_path == "people.csv.results.csv");
    CHECK(options->report_path == "people.csv.report.csv");
    CHECK(options->settings.timeout_ms == 30'000);
    CHECK(bulk::settings_problem(options->settings).empty());

    const auto links =
        read_options({"bulk_invite", "--api1", "--links", "--subdomain", "acme", "--timeout", "5",
                      "--results", "run.results.csv", "people.csv"});
    REQUIRE(std::holds_alternative<bulk::Options>(links));
    const bulk::Options& api1 = std::get<bulk::Options>(links);
    CHECK(api1.settings.call == Call::api1_links);
    CHECK(api1.settings.api1_credentials.access_token == "token-0123456789");
    CHECK(api1.settings.timeout_ms == 5'000);
    CHECK(api1.report_path == "run.report.csv");

    const std::vector<std::vector<std::string>> wrong = {
        {"bulk_invite"},
        {"bulk_invite", "--api1", "people.csv"},  // no --subdomain or --base-url
        {"bulk_invite", "--concurrency", "0", "people.csv"},
        {"bulk_invite", "--resend-unknown", "people.csv"},        // without --resume
        {"bulk_invite", "--report", "people.csv", "people.csv"},  // the report over the input
        {"bulk_invite", "--results", "people.csv", "people.csv"},
    };
    for (const auto& arguments : wrong) {
        INFO(arguments.back());
        const auto read = read_options(arguments);
        REQUIRE(std::holds_alternative<int>(read));
        CHECK(std::get<int>(read) == bulk::usage_error);
    }
}

TEST_CASE("bulk options: a malformed key or base URL is the run's problem, found before sending") {
    bulk::Settings settings;
    settings.api_key = "v3-key-0123456789";
    CHECK(bulk::settings_problem(settings).empty());
    settings.api_key = "v3-key\n0123456789";
    CHECK_FALSE(bulk::settings_problem(settings).empty());
    settings.api_key = "v3-key-0123456789";
    settings.endpoint.base_url = "ftp://api.onelogin.com";
    CHECK_FALSE(bulk::settings_problem(settings).empty());
}

// ---- the run -------------------------------------------------------------------------------

namespace {

/// A loopback TCP port bound but not listening: every connection to it is refused, before any
/// request goes out. Held until the end of the test, so that no other program takes it.
class RefusingPort {
public:
    RefusingPort() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        auto* generic = reinterpret_cast<sockaddr*>(&address);
        if (fd_ >= 0 && ::bind(fd_, generic, size) == 0 &&
            ::getsockname(fd_, generic, &size) == 0) {
            port_ = ntohs(address.sin_port);
        }
    }
    RefusingPort(const RefusingPort&) = delete;
    RefusingPort& operator=(const RefusingPort&) = delete;
    ~RefusingPort() {
        if (fd_ >= 0) ::close(fd_);
    }
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int port() const { return port_; }

private:
    int fd_;
    int port_ = 0;
};

/// Three rows: a person, a row that is no person, and a repeat of the first.
std::vector<bulk::Person> three_rows() {
    std::vector<bulk::Person> people(3);
    people[0].row = 2;
    people[0].email = "a@example.com";
    people[1].row = 3;
    people[1].email = "not an address";
    people[1].problem = "no address";
    people[2].row = 4;
    people[2].email = "a@example.com";
    people[2].duplicate_of = 2;
    return people;
}

/// What one run did: why it stopped, each row's state, its retries and the results file.
struct RunSeen {
    bulk::Stop stop = bulk::Stop::none;
    std::string stop_reason;
    std::map<long, State> states;
    std::size_t retries = 0;
    std::string written;
};

/// Runs `settings` over `people` with a new results file; `stop` is set before the start when
/// asked.
RunSeen run_once(const bulk::Settings& settings, const std::vector<bulk::Person>& people,
                 bool stop_at_start = false) {
    test_support::TempDir dir;
    bulk::Journal journal;
    std::string error;
    REQUIRE(journal.open(dir / "results.csv", false, people, error) == bulk::OpenStatus::ok);
    bulk::Progress progress(people.size(), false);
    const std::atomic<bool> stop{stop_at_start};
    RunSeen seen;
    {
        bulk::BulkRun run(settings, journal, progress, stop);
        run.run(people);
        seen.stop = run.stop();
        seen.stop_reason = run.stop_reason();
    }
    for (const bulk::Person& person : people)
        seen.states[person.row] = journal.state_of(person.row);
    seen.retries = progress.retries();
    REQUIRE(journal.sync());
    seen.written = test_support::read_file(dir / "results.csv");
    return seen;
}

/// v3 settings to a local base URL, with a key every rule accepts.
bulk::Settings v3_to(const std::string& base_url) {
    bulk::Settings settings;
    settings.api_key = "v3-key-0123456789";
    settings.endpoint.base_url = base_url;
    return settings;
}

}  // namespace

TEST_CASE("bulk run: refused connections are retried up to --max-attempts, then left not sent") {
    const RefusingPort port;
    REQUIRE(port.port() != 0);
    bulk::Settings settings = v3_to(port.base_url());
    settings.max_attempts = 3;
    settings.backoff_ms = 0;
    settings.timeout_ms = 5'000;
    const RunSeen seen = run_once(settings, three_rows());
    CHECK(seen.stop == bulk::Stop::none);
    CHECK(seen.states.at(2) == State::not_sent);
    CHECK(seen.states.at(3) == State::refused);
    CHECK(seen.states.at(4) == State::duplicate);
    CHECK(seen.retries == 2);  // three attempts
    std::size_t sending = 0;
    for (std::size_t at = seen.written.find(",sending,"); at != std::string::npos;
         at = seen.written.find(",sending,", at + 1)) {
        ++sending;
    }
    CHECK(sending == 3);  // each attempt's intent was written before it went out
    CHECK(seen.written.find("v3-key-0123456789") == std::string::npos);
}

TEST_CASE("bulk run: a stop asked for before the start sends nothing and marks nobody") {
    const RefusingPort port;
    const RunSeen seen = run_once(v3_to(port.base_url()), three_rows(), true);
    CHECK(seen.stop == bulk::Stop::signal);
    for (const auto& [row, state] : seen.states) CHECK(state == State::none);
}

TEST_CASE(
    "bulk run: a base URL the library refuses stops the run as its own error, no row marked") {
    std::vector<bulk::Person> people = three_rows();
    people.resize(1);
    // Plain http beyond the loopback.
    const RunSeen seen = run_once(v3_to("http://api.onelogin.com"), people);
    CHECK(seen.stop == bulk::Stop::run_error);
    CHECK(seen.stop_reason.find("base_url") != std::string::npos);
    CHECK(seen.states.at(2) == State::none);
}
