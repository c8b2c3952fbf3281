// Invites everyone in a CSV file: the job an administrator onboarding a company has.
//
//   ONELOGIN_API_KEY=... bulk_invite [options] PEOPLE.csv
//
// The invite calls are not idempotent: a request that reached the server has invited the person,
// answer or no answer. So each row ends in one of four states, written to the results file (a
// journal, see bulk/journal.hpp) before and after each request:
//   sent      the invite went out
//   refused   a final answer: no such user, an address the library refuses, a duplicate row
//   not_sent  safe to send: the connection failed before the request went out, a 429, a 5xx
//             that came back; retried at once (with backoff) up to --max-attempts, then left for
//             --resume
//   unknown   the request may have reached the server (a timeout or a dropped connection after
//             sending, or a run killed while it was out): never sent again unless you pass
//             --resend-unknown after checking
// --resume continues from the results file: it sends every row that is not_sent or was never
// tried, and reports the unknown ones. The exit status is the whole file's.
//
// --api1 sends through API /1 (with --subdomain or --base-url): a token from the client
// credentials, renewed before it expires and once when refused, and the run paced by the
// X-RateLimit headers so that it does not meet a 429. --links asks for each invite link instead
// (Generate Invite Link) and writes it to the results file, which only its owner can read.
#include "bulk/journal.hpp"
#include "bulk/people_csv.hpp"
#include "curl_transport.hpp"
#include "invite_cli.hpp"

#include <onelogin/invite.hpp>

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using bulk::Person;
using bulk::State;
using onelogin::v3::SendInviteResult;

/// The exit status, from the whole results file (after a run that got to the end of it).
enum BulkExit : int {
    all_sent = 0,
    fatal = 1,                // the results file could not be written, or the input read
    usage_error = 2,          // bad arguments
    credentials_refused = 3,  // the API key was refused: the run stopped
    some_refused = 4,         // every row has a final answer, and some were refused
    some_not_sent = 5,        // some rows are still to send: run again with --resume
    some_unknown = 6,         // some rows may or may not have been invited: check them
};

const char* const usage =
    "usage: bulk_invite [--results FILE] [--resume] [--resend-unknown] [--links]\n"
    "                   [--base-url URL] [--api-key-file PATH|-]\n"
    "                   [--api1 (--subdomain NAME | --base-url URL) [--client-secret-file PATH]]\n"
    "                   [--concurrency N] [--max-attempts N] [--backoff-ms N] [--timeout SECONDS]\n"
    "                   [--email-column NAME] [--personal-email-column NAME] [--no-progress]\n"
    "                   PEOPLE.csv\n"
    "  --results FILE      the results journal (default: PEOPLE.csv.results.csv, mode 0600)\n"
    "  --resume            continue from FILE: send the rows not sent yet\n"
    "  --resend-unknown    with --resume, send again the rows whose request may have arrived\n"
    "                      (check first: each may invite the person a second time)\n"
    "  --links             Generate Invite Link: write each link to FILE instead of emailing it\n"
    "  --api1              API /1: a token from ONELOGIN_CLIENT_ID and the secret (from\n"
    "                      --client-secret-file, else ONELOGIN_CLIENT_SECRET), or\n"
    "                      ONELOGIN_ACCESS_TOKEN; paced by the rate-limit headers\n"
    "  --concurrency N     requests in flight at once, 1 to 64 (default 8)\n"
    "  --max-attempts N    tries per row for failures that are safe to retry, 1 to 100 (default "
    "5)\n"
    "  --backoff-ms N      wait before the first retry, doubled each time (default 500)\n"
    "  --timeout SECONDS   for each request, 1 to 600 (default 30)\n"
    "  --email-column NAME, --personal-email-column NAME\n"
    "                      the header's names for the columns (default: email or \"Email\n"
    "                      Address\", and personal_email; without a header: email[,personal])\n"
    "v3's API key is read from --api-key-file (- for standard input), else ONELOGIN_API_KEY.\n"
    "Exit status, for the whole results file: 0 every row sent; 4 every row answered, some\n"
    "refused; 5 some rows not sent yet (run again with --resume); 6 some rows unknown (the\n"
    "request may have arrived: check, then --resume --resend-unknown); 3 the credentials were\n"
    "refused (fix them, then --resume); 2 usage; 1 the results file could not be written.\n";

volatile std::sig_atomic_t stop_requested = 0;

void on_stop_signal(int /*signal_number*/) { stop_requested = 1; }

/// SIGINT, SIGTERM and SIGHUP (a dropped SSH session) all stop the run the same orderly way: no
/// new request, the ones out are awaited and recorded. A full disk makes writes fail (EFBIG)
/// rather than killing the program.
void handle_signals() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) sigaction(signal_number, &action, nullptr);
    std::signal(SIGXFSZ, SIG_IGN);
    std::signal(SIGPIPE, SIG_IGN);
}

/// A whole number option within [low, high], or nothing.
std::optional<long> number_in(const char* text, long low, long high) {
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < low || value > high)
        return std::nullopt;
    return value;
}

struct Settings {
    onelogin::v3::Endpoint endpoint;
    std::string api_key;
    bool api1 = false;
    onelogin::api1::Endpoint api1_endpoint;
    invite_cli::Api1Credentials api1_credentials;
    bool links = false;
    std::size_t concurrency = 8;
    int max_attempts = 5;
    long backoff_ms = 500;
    long timeout_ms = 30'000;
    bool resend_unknown = false;
};

/// What an answer means for its row.
struct Verdict {
    State state;
    invite_cli::Report report;
    bool credentials_refused = false;  ///< the API key, or (API /1) the access token
};

/// Decides a row's state from one result of any of the calls: the one place the delivery rules
/// live.
template <typename Result>
Verdict verdict_of(const Result& result) {
    const invite_cli::Report report = invite_cli::describe(result);
    const onelogin::RetryAdvice advice = onelogin::retry_advice(result);
    const std::optional<int> status = onelogin::http_status(result);
    return std::visit(
        [&](const auto& held) -> Verdict {
            using T = std::decay_t<decltype(held)>;
            if constexpr (std::is_same_v<T, onelogin::InviteLink>) {
                return {State::sent, {report.exit_status, "link", held.link}};  // its only copy
            } else if constexpr (std::is_same_v<T, onelogin::TransportError>) {
                return {held.request_sent ? State::unknown : State::not_sent, report};
            } else if constexpr (std::is_same_v<T, onelogin::InvalidApiKey>) {
                return {State::not_sent, report, true};  // refused before it was read
            } else if constexpr (std::is_same_v<T, onelogin::MalformedResponse>) {
                if (status && *status >= 200 && *status < 300) {
                    return {State::unknown, report};  // a success status, its body cut or garbled
                }
            }
            if (onelogin::is_success(result)) return {State::sent, report};
            if (advice.retry == onelogin::Retry::with_new_token) {
                return {State::not_sent, report, true};  // API /1: the token, refused unread
            }
            return {advice.retry == onelogin::Retry::later ? State::not_sent : State::refused,
                    report};
        },
        result);
}

/// One blocking request with libcurl, for the token exchange.
std::variant<onelogin::HttpResponse, onelogin::TransportError> send_now(
    const onelogin::HttpRequest& request, long timeout_ms) {
    curl_transport::Transfer transfer;
    if (!curl_transport::prepare(transfer, request, 10'000, timeout_ms)) {
        return onelogin::TransportError{"cannot start libcurl", false};
    }
    return curl_transport::finish(transfer, curl_easy_perform(transfer.easy));
}

/// API /1's access token: from ONELOGIN_ACCESS_TOKEN or the token exchange, renewed a minute
/// before it expires, and once after the server refuses it.
class TokenKeeper {
public:
    explicit TokenKeeper(const Settings& settings)
        : settings_(settings), token_(settings.api1_credentials.access_token) {}

    /// The token to send with, getting a new one when there is none or it is about to expire.
    /// Empty when none could be had (why() says why).
    const std::string& current() {
        if (token_.empty() || Clock::now() >= renew_at_) fetch();
        return token_;
    }

    /// The server refused `refused`: get a new token, once per token. False when there is no
    /// way to (no client credentials, or a fresh token was refused).
    bool renew_after_refusal(const std::string& refused) {
        if (refused != token_) return !token_.empty();  // renewed already
        if (fresh_ || settings_.api1_credentials.client.client_id.empty()) return false;
        fetch();
        return !token_.empty();
    }

    const std::string& why() const { return why_; }

private:
    void fetch() {
        token_.clear();
        if (settings_.api1_credentials.client.client_id.empty()) {
            why_ = "the access token expired and there are no client credentials to renew it";
            return;
        }
        const auto result = onelogin::api1::get_access_token(
            settings_.api1_credentials.client,
            [this](const onelogin::HttpRequest& request) {
                return send_now(request, settings_.timeout_ms);
            },
            settings_.api1_endpoint);
        if (const auto* issued = std::get_if<onelogin::api1::AccessToken>(&result)) {
            token_ = issued->access_token;
            fresh_ = true;
            const auto lifetime = std::chrono::seconds(std::max(0LL, issued->expires_in - 60));
            renew_at_ = Clock::now() + lifetime;
        } else {
            why_ = "getting a token: " + onelogin::to_string(result);
        }
    }

    const Settings& settings_;
    std::string token_;
    bool fresh_ = false;  // the token came from the exchange in this run
    Clock::time_point renew_at_ = Clock::time_point::max();
    std::string why_;
};

/// Counts and the progress bar.
class Progress {
public:
    Progress(std::size_t total, bool show) : total_(total), show_(show) {}
    void count(State state) {
        ++done_;
        ++by_state_[state];
    }
    void retried() { ++retries_; }
    void draw(bool final = false) {
        if (!show_) return;
        const auto now = Clock::now();
        if (!final && now - drawn_ < std::chrono::milliseconds(100)) return;
        drawn_ = now;
        std::fprintf(stderr, "\r%zu/%zu sent %zu refused %zu not sent %zu unknown %zu   ", done_,
                     total_, by_state_[State::sent], by_state_[State::refused],
                     by_state_[State::not_sent], by_state_[State::unknown]);
        if (final) std::fputc('\n', stderr);
    }
    std::size_t retries() const { return retries_; }

private:
    std::size_t total_;
    bool show_;
    std::size_t done_ = 0;
    std::size_t retries_ = 0;
    std::map<State, std::size_t> by_state_;
    Clock::time_point drawn_{};
};

/// One row on its way: how often it was sent and when it may go next.
struct Job {
    const Person* person = nullptr;
    int attempts = 0;
};

/// Sends the rows that need it, recording each step in the journal.
class BulkRun {
public:
    BulkRun(const Settings& settings, bulk::Journal& journal, Progress& progress)
        : settings_(settings),
          journal_(journal),
          progress_(progress),
          tokens_(settings),
          random_(std::random_device{}()) {}

    /// False when the journal could not be written (the run stopped).
    bool run(const std::vector<Person>& people) {
        for (const Person& person : people) {
            const State state = journal_.state_of(person.row);
            if (state == State::none || state == State::not_sent ||
                (state == State::unknown && settings_.resend_unknown)) {
                queue_.push_back(Job{&person, 0});
            }
        }
        CURLM* multi = curl_multi_init();
        const auto connections = static_cast<long>(settings_.concurrency);
        curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections);
        curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, connections);
        while (true) {
            if (stop_requested != 0) stopping_ = true;
            if (!stopping_) start_due_jobs(multi);
            if (in_flight_.empty() && (stopping_ || (queue_.empty() && waiting_.empty()))) break;
            int running = 0;
            curl_multi_perform(multi, &running);
            int left = 0;
            bool finished_any = false;
            while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
                if (message->msg != CURLMSG_DONE) continue;
                finish(multi, message->easy_handle, message->data.result);
                finished_any = true;
            }
            if (!finished_any) curl_multi_poll(multi, nullptr, 0, poll_ms(), nullptr);
            progress_.draw();
        }
        curl_multi_cleanup(multi);
        progress_.draw(true);
        return !journal_failed_;
    }

    bool credentials_refused() const { return credentials_refused_; }
    const std::string& stop_reason() const { return stop_reason_; }

private:
    struct InFlight {
        Job job;
        std::unique_ptr<curl_transport::Transfer> transfer;
        std::string token;  ///< API /1: the token it carries
    };

    /// The request for `person` by the call and API chosen, with `token` for API /1.
    std::variant<onelogin::HttpRequest, onelogin::InvalidRequest> build(const Person& person,
                                                                        const std::string& token) {
        namespace v3 = onelogin::v3;
        namespace api1 = onelogin::api1;
        if (settings_.api1 && settings_.links) {
            return api1::make_generate_invite_request({token, person.email},
                                                      settings_.api1_endpoint);
        }
        if (settings_.api1) {
            return api1::make_send_invite_request({token, person.email, person.personal_email},
                                                  settings_.api1_endpoint);
        }
        if (settings_.links) {
            return v3::make_generate_invite_request({settings_.api_key, person.email},
                                                    settings_.endpoint);
        }
        return v3::make_send_invite_request(
            {settings_.api_key, person.email, person.personal_email}, settings_.endpoint);
    }

    /// What the answer means, by the call and API chosen.
    Verdict judge(const onelogin::HttpResponse& response) const {
        namespace v3 = onelogin::v3;
        namespace api1 = onelogin::api1;
        if (settings_.api1 && settings_.links) {
            return verdict_of(api1::parse_generate_invite_response(response.body, response.status));
        }
        if (settings_.api1) {
            return verdict_of(api1::parse_send_invite_response(response.body, response.status));
        }
        if (settings_.links) {
            return verdict_of(v3::parse_generate_invite_response(response.body, response.status));
        }
        return verdict_of(v3::parse_send_invite_response(response.body, response.status));
    }

    void start_due_jobs(CURLM* multi) {
        const auto now = Clock::now();
        while (!waiting_.empty() && waiting_.begin()->first <= now) {
            queue_.push_front(waiting_.begin()->second);
            waiting_.erase(waiting_.begin());
        }
        if (now < paused_until_) return;  // a 429 said to wait
        while (in_flight_.size() < settings_.concurrency && !queue_.empty() && !stopping_) {
            if (remaining_ && *remaining_ <= 0) {
                if (now < window_ends_) return;  // none left in this window: wait for the next
                remaining_ = limit_;  // a new window: as many as the limit, if it was stated
            }
            const Job job = queue_.front();
            queue_.pop_front();
            start(multi, job);
        }
    }

    void start(CURLM* multi, Job job) {
        const Person& person = *job.person;
        if (!person.problem.empty()) {
            record(person, State::refused, "invalid_row", person.problem);
            return;
        }
        if (person.duplicate_of != 0) {
            record(person, State::refused, "duplicate",
                   "the same email address as row " + std::to_string(person.duplicate_of));
            return;
        }
        const std::string token = settings_.api1 ? tokens_.current() : std::string();
        if (settings_.api1 && token.empty()) {
            queue_.push_front(job);
            stop_for_credentials(tokens_.why());
            return;
        }
        const auto built = build(person, token);
        if (const auto* invalid = std::get_if<onelogin::InvalidRequest>(&built)) {
            record(person, State::refused, "invalid_request", onelogin::to_string(*invalid));
            return;
        }
        auto transfer = std::make_unique<curl_transport::Transfer>();
        if (!curl_transport::prepare(*transfer, std::get<onelogin::HttpRequest>(built), 10'000,
                                     settings_.timeout_ms)) {
            record(person, State::not_sent, "transport_error", "cannot start libcurl");
            return;
        }
        // The intent goes to the file before the request goes out, or the request does not go.
        if (!record(person, State::sending, "sending",
                    "attempt " + std::to_string(job.attempts + 1), false)) {
            return;
        }
        ++job.attempts;
        if (remaining_) --*remaining_;
        CURL* easy = transfer->easy;
        curl_multi_add_handle(multi, easy);
        in_flight_[easy] = InFlight{job, std::move(transfer), token};
    }

    void finish(CURLM* multi, CURL* easy, CURLcode code) {
        curl_multi_remove_handle(multi, easy);
        InFlight done = std::move(in_flight_[easy]);
        in_flight_.erase(easy);
        const auto answer = curl_transport::finish(*done.transfer, code);
        onelogin::RateLimit limits;
        Verdict verdict{State::unknown, {}};
        if (const auto* failed = std::get_if<onelogin::TransportError>(&answer)) {
            verdict = verdict_of(onelogin::v3::SendInviteResult{*failed});
        } else {
            const auto& response = std::get<onelogin::HttpResponse>(answer);
            limits = onelogin::read_rate_limit(response.headers);
            verdict = judge(response);
        }
        pace(limits);
        bool renewed = false;
        if (verdict.credentials_refused) {
            renewed = settings_.api1 && tokens_.renew_after_refusal(done.token);
            if (!renewed) stop_for_credentials(verdict.report.words);
        }
        const bool retry = verdict.state == State::not_sent && !stopping_ &&
                           (renewed || done.job.attempts < settings_.max_attempts);
        if (!record(*done.job.person, verdict.state, verdict.report.name, verdict.report.words,
                    !retry)) {
            return;
        }
        if (renewed) {
            queue_.push_front(done.job);  // refused unread: safe to send with the new token
        } else if (retry) {
            const bool told = limits.retry_after || limits.reset;
            const auto asked = onelogin::retry_advice(
                                   onelogin::v3::SendInviteResult{onelogin::RateLimited{}}, limits)
                                   .after;
            if (verdict.report.name == "rate_limited" && told) paused_until_ = Clock::now() + asked;
            retry_later(done.job, told ? asked : std::chrono::seconds(0));
        }
    }

    void stop_for_credentials(const std::string& why) {
        credentials_refused_ = true;
        stopping_ = true;
        if (stop_reason_.empty()) stop_reason_ = why;
    }

    /// Keeps the run inside the rate limit the server states: X-RateLimit-Remaining calls are
    /// left until X-RateLimit-Reset seconds from now. The server's count only grows within a
    /// window, so the least Remaining seen is its latest count; of the requests out now, any may
    /// not be counted yet. Each answer bounds the window's end from above (the server rounds its
    /// elapsed time down), so the earliest bound is kept.
    void pace(const onelogin::RateLimit& limits) {
        if (!limits.remaining || !limits.reset) return;
        if (limits.limit) limit_ = static_cast<long>(*limits.limit);
        const auto now = Clock::now();
        const auto ends = now + std::chrono::seconds(*limits.reset);
        const bool new_window = now >= window_ends_;
        window_ends_ = new_window ? ends : std::min(window_ends_, ends);
        const auto stated = static_cast<long>(*limits.remaining);
        least_stated_ = new_window ? stated : std::min(least_stated_, stated);
        remaining_ = least_stated_ - static_cast<long>(in_flight_.size());
    }

    // Exponential backoff with jitter (the n-th retry waits backoff * 2^(n-1), times 0.5 to 1),
    // and never less than the server asked for.
    void retry_later(const Job& job, std::chrono::seconds asked) {
        const double base = static_cast<double>(settings_.backoff_ms) *
                            static_cast<double>(1L << std::min(job.attempts - 1, 16));
        const double wait_ms =
            std::min(base, 30'000.0) * std::uniform_real_distribution<>(0.5, 1.0)(random_);
        const auto wait =
            std::max<Clock::duration>(std::chrono::milliseconds(static_cast<long>(wait_ms)), asked);
        waiting_.emplace(Clock::now() + wait, job);
        progress_.retried();
    }

    /// Writes a record; `counted` ones are the row's answer for this run. A failed write stops
    /// the run: nothing more is sent.
    bool record(const Person& person, State state, const std::string& outcome,
                const std::string& detail, bool counted = true) {
        if (journal_failed_ || !journal_.append(person, state, outcome, detail)) {
            journal_failed_ = true;
            stopping_ = true;
            return false;
        }
        if (counted) progress_.count(state);
        return true;
    }

    int poll_ms() const {
        auto next = Clock::now() + std::chrono::milliseconds(100);
        if (!waiting_.empty()) next = std::min(next, waiting_.begin()->first);
        const auto until =
            std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()).count();
        return static_cast<int>(std::clamp<long>(until, 0, 100));
    }

    const Settings& settings_;
    bulk::Journal& journal_;
    Progress& progress_;
    TokenKeeper tokens_;
    std::mt19937 random_;
    std::deque<Job> queue_;
    std::multimap<Clock::time_point, Job> waiting_;
    std::map<CURL*, InFlight> in_flight_;
    Clock::time_point paused_until_{};
    std::optional<long> remaining_;  // calls left in the rate limit's window, when known
    std::optional<long> limit_;      // calls a window allows, when stated
    long least_stated_ = 0;          // the least X-RateLimit-Remaining seen in this window
    Clock::time_point window_ends_{};
    std::string stop_reason_;
    bool stopping_ = false;
    bool credentials_refused_ = false;
    bool journal_failed_ = false;
};

/// The exit status and the counts of the whole file.
int report_file(const std::vector<Person>& people, const bulk::Journal& journal) {
    std::map<State, std::size_t> counts;
    for (const Person& person : people) ++counts[journal.state_of(person.row)];
    const std::size_t to_send = counts[State::none] + counts[State::not_sent];
    std::printf("rows: %zu sent, %zu refused, %zu not sent yet, %zu unknown\n", counts[State::sent],
                counts[State::refused], to_send, counts[State::unknown]);
    if (counts[State::unknown] > 0) {
        std::printf(
            "unknown: the request for %zu rows may have reached the server (their last record in "
            "the results file says unknown or sending); check in OneLogin whether they were "
            "invited: --resume --resend-unknown sends every one of them again\n",
            counts[State::unknown]);
        return some_unknown;
    }
    if (to_send > 0) {
        std::printf("run again with --resume to send the rows not sent yet\n");
        return some_not_sent;
    }
    return counts[State::refused] > 0 ? some_refused : all_sent;
}

}  // namespace

int main(int argc, char** argv) {
    invite_cli::no_core_dumps();
    Settings settings;
    std::string input;
    std::string results_path;
    const char* key_file = nullptr;
    bool resume = false;
    bool show_progress = isatty(fileno(stderr)) != 0;
    bulk::ColumnNames columns;
    std::string subdomain;
    std::string client_secret_file;
    bool base_url_given = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        std::optional<long> number = 0;
        if (arg == "--results" && has_value) {
            results_path = argv[++i];
        } else if (arg == "--resume") {
            resume = true;
        } else if (arg == "--resend-unknown") {
            settings.resend_unknown = true;
        } else if (arg == "--base-url" && has_value) {
            settings.endpoint.base_url = argv[++i];
            base_url_given = true;
        } else if (arg == "--api1") {
            settings.api1 = true;
        } else if (arg == "--links") {
            settings.links = true;
        } else if (arg == "--subdomain" && has_value) {
            subdomain = argv[++i];
        } else if (arg == "--client-secret-file" && has_value) {
            client_secret_file = argv[++i];
        } else if (arg == "--api-key-file" && has_value) {
            key_file = argv[++i];
        } else if (arg == "--email-column" && has_value) {
            columns.email = argv[++i];
        } else if (arg == "--personal-email-column" && has_value) {
            columns.personal_email = argv[++i];
        } else if (arg == "--concurrency" && has_value && (number = number_in(argv[++i], 1, 64))) {
            settings.concurrency = static_cast<std::size_t>(*number);
        } else if (arg == "--max-attempts" && has_value &&
                   (number = number_in(argv[++i], 1, 100))) {
            settings.max_attempts = static_cast<int>(*number);
        } else if (arg == "--backoff-ms" && has_value &&
                   (number = number_in(argv[++i], 0, 600'000))) {
            settings.backoff_ms = *number;
        } else if (arg == "--timeout" && has_value && (number = number_in(argv[++i], 1, 600))) {
            settings.timeout_ms = *number * 1000;
        } else if (arg == "--no-progress") {
            show_progress = false;
        } else if (arg == "--help") {
            std::fputs(usage, stdout);
            return all_sent;
        } else if (!arg.empty() && arg[0] != '-' && input.empty()) {
            input = arg;
        } else {
            std::fprintf(stderr, "bulk_invite: bad argument %s\n%s", arg.c_str(), usage);
            return usage_error;
        }
    }
    const bool api1_only = !subdomain.empty() || !client_secret_file.empty();
    if (input.empty() || (settings.resend_unknown && !resume) || (api1_only && !settings.api1) ||
        (settings.api1 && subdomain.empty() == !base_url_given)) {
        std::fputs(usage, stderr);
        return usage_error;
    }
    if (results_path.empty()) results_path = input + ".results.csv";

    std::string error;
    if (settings.api1) {
        const auto credentials = invite_cli::read_api1_credentials(client_secret_file, error);
        if (!credentials) {
            std::fprintf(stderr, "bulk_invite: %s\n", error.c_str());
            return usage_error;
        }
        settings.api1_credentials = *credentials;
        settings.api1_endpoint =
            subdomain.empty()
                ? onelogin::api1::Endpoint(onelogin::api1::BaseUrl{settings.endpoint.base_url})
                : onelogin::api1::Endpoint(onelogin::api1::Subdomain{subdomain});
    } else {
        const auto key = invite_cli::read_api_key(key_file, error);
        if (!key) {
            std::fprintf(stderr, "bulk_invite: %s\n", error.c_str());
            return usage_error;
        }
        settings.api_key = *key;
    }
    std::ifstream in(input, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    bulk::PeopleFile people;
    if (!in || !bulk::read_people(text.str(), columns, people, error)) {
        std::fprintf(stderr, "bulk_invite: cannot read %s: %s\n", input.c_str(),
                     error.empty() ? "no such file" : error.c_str());
        return fatal;
    }
    if (!people.ignored_columns.empty()) {
        std::printf("ignoring %zu other columns of %s\n", people.ignored_columns.size(),
                    input.c_str());
    }
    bulk::Journal journal;
    if (!journal.open(results_path, resume, people.people, error)) {
        std::fprintf(stderr, "bulk_invite: %s\n", error.c_str());
        return fatal;
    }

    handle_signals();
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Progress progress(people.people.size(), show_progress);
    BulkRun run(settings, journal, progress);
    const auto started = Clock::now();
    const bool written = run.run(people.people) && journal.sync();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    curl_global_cleanup();

    std::printf("this run: %.2f s, %zu retries; results: %s\n", seconds, progress.retries(),
                results_path.c_str());
    if (!written) {
        std::fprintf(stderr,
                     "bulk_invite: %s\nstopped: nothing more was sent. The file keeps every row "
                     "it recorded; rows whose request was out are unknown to --resume.\n",
                     journal.error().c_str());
        return fatal;
    }
    const int status = report_file(people.people, journal);
    if (run.credentials_refused()) {
        std::printf("stopped: the %s was refused (%s); fix it and run again with --resume\n",
                    settings.api1 ? "API credential" : "API key", run.stop_reason().c_str());
        return credentials_refused;
    }
    if (stop_requested != 0) std::printf("stopped by a signal: run again with --resume\n");
    return status;
}
