// Invites everyone in a CSV file: the job an administrator onboarding a company has.
//
//   ONELOGIN_API_KEY=... bulk_invite [options] PEOPLE.csv
//
// The invite calls are not idempotent: a request that reached the server has invited the person,
// answer or no answer. So each row ends in one of five states, written to the results file (a
// journal, see bulk/journal.hpp) before and after each request:
//   sent       the invite went out
//   refused    a final answer: no such user, an address the library refuses
//   duplicate  the same address as an earlier row, which is sent once
//   not_sent   safe to send: the request provably did nothing (the connection failed before it
//              went out, a 429 or a 503); retried at once (with backoff) up to --max-attempts,
//              then left for --resume
//   unknown    the request may have reached the server (a timeout, a dropped connection after
//              sending, a gateway's 502 or 504, a success whose body was cut, or a run killed while
//              it was out): never sent again unless you pass --resend-unknown after checking
// Each intent is on the disk (fdatasync) before its request leaves. --resume continues from the
// results file: it sends every row that is not_sent or was never tried, and reports the unknown
// ones. One run at a time holds the results file (flock); a second one stops at once. At the end
// a report (one row per input row, its final state) is written beside the results file.
//
// --api1 sends through API /1 (with --subdomain or --base-url): a token from the client
// credentials, renewed in the background before it expires and once when refused, and the run
// paced by the X-RateLimit headers so that it does not meet a 429. --links asks for each invite
// link instead (Generate Invite Link) and writes it to the results file, which only its owner can
// read.
#include "bulk/journal.hpp"
#include "bulk/pacer.hpp"
#include "bulk/people_csv.hpp"
#include "bulk/report.hpp"
#include "bulk/settings.hpp"
#include "bulk/token_keeper.hpp"
#include "bulk/verdict.hpp"
#include "curl_transport.hpp"
#include "invite_cli.hpp"

#include <onelogin/invite.hpp>

#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using bulk::Call;
using bulk::judge_as;
using bulk::Person;
using bulk::Settings;
using bulk::State;
using bulk::TokenKeeper;
using bulk::Verdict;

/// The exit status, from the whole results file (after a run that got to the end of it).
enum BulkExit : int {
    all_sent = 0,
    fatal = 1,        // the people file could not be read, or the results file trusted or written
    usage_error = 2,  // bad arguments, no email column, or a results file another run holds
    credentials_refused = 3,  // the API key or client credentials were refused: the run stopped
    some_refused = 4,         // every row has a final answer, and some were refused
    some_not_sent = 5,        // some rows are still to send: run again with --resume
    some_unknown = 6,         // some rows may or may not have been invited: check them
    run_error = 7,  // not the rows' fault: a malformed credential or base URL, a base URL that
                    // leads to no call, or the token endpoint could not be reached; no row was
                    // refused for it, fix it and --resume
};

const char* const description =
    "Invites everyone in a CSV file, recording each row's fate in a results file.\n";

const char* const footer =
    "v3's API key is read from --api-key-file (- for standard input), else ONELOGIN_API_KEY.\n"
    "--api1: a token from ONELOGIN_CLIENT_ID and the secret (from --client-secret-file, else\n"
    "ONELOGIN_CLIENT_SECRET), or ONELOGIN_ACCESS_TOKEN; the run is paced by the rate-limit\n"
    "headers.\n"
    "Rows: sent, refused, duplicate (an address already in an earlier row, sent once), not_sent\n"
    "(safe to send: the request did nothing, e.g. a 429 or 503), unknown (it may have arrived: a\n"
    "timeout, a gateway's 502 or 504). Addresses that differ only in letter case are each sent,\n"
    "and named together.\n"
    "Exit status, for the whole results file: 0 every row sent; 4 every row answered, some\n"
    "refused; 5 some rows not sent yet (run again with --resume); 6 some rows unknown (the\n"
    "request may have arrived: check, then --resume --resend-unknown); 3 the credentials were\n"
    "refused (fix them, then --resume); 7 a malformed credential or base URL, a base URL that\n"
    "leads to no call (a redirect, a 404), or a token endpoint that could not be reached (fix\n"
    "it, then --resume); 2 usage, a header with no email column, a results file that exists\n"
    "(without --resume) or that another run holds, or a people file another run holds; 1 the\n"
    "people file could not be read, or the results file could not be trusted or written.";

/// Set by a stop signal; read by the run and by the token exchange's thread.
std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

void on_stop_signal(int /*signal_number*/) { stop_requested = true; }

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

/// One blocking request with libcurl, for the token exchange.
std::variant<onelogin::HttpResponse, onelogin::TransportError> send_now(
    const onelogin::HttpRequest& request, long timeout_ms) {
    curl_transport::Transfer transfer;
    if (!curl_transport::prepare(transfer, request, 10'000, timeout_ms)) {
        return onelogin::TransportError{"cannot start libcurl", false};
    }
    // A run told to stop does not wait out a slow token endpoint: the exchange is abandoned.
    const curl_xferinfo_callback abort_on_stop = [](void*, curl_off_t, curl_off_t, curl_off_t,
                                                    curl_off_t) { return stop_requested ? 1 : 0; };
    curl_easy_setopt(transfer.easy, CURLOPT_XFERINFOFUNCTION, abort_on_stop);
    curl_easy_setopt(transfer.easy, CURLOPT_NOPROGRESS, 0L);
    return curl_transport::finish(transfer, curl_easy_perform(transfer.easy));
}

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

/// One row on its way: how often it was sent.
struct Job {
    const Person* person = nullptr;
    int attempts = 0;
};

/// Why a run stopped before its end, when it did.
enum class Stop { none, signal, credentials_refused, run_error, journal_failed };

/// Sends the rows that need it, recording each step in the journal.
class BulkRun {
public:
    BulkRun(const Settings& settings, bulk::Journal& journal, Progress& progress)
        : settings_(settings),
          journal_(journal),
          progress_(progress),
          tokens_(settings,
                  [&settings] {
                      return onelogin::api1::get_access_token(
                          settings.api1_credentials.client,
                          [&settings](const onelogin::HttpRequest& request) {
                              return send_now(request, settings.timeout_ms);
                          },
                          settings.api1_endpoint);
                  }),
          random_(std::random_device{}()) {}

    /// Runs until every row that needs it has an answer, or the run stops (stop() says why).
    void run(const std::vector<Person>& people) {
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
            if (stop_requested) stop_for(Stop::signal, "");
            if (stop_ == Stop::none) start_due_jobs(multi);
            if (in_flight_.empty() && (stop_ != Stop::none || (queue_.empty() && waiting_.empty())))
                break;
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
            if (stop_ != Stop::journal_failed && !journal_.sync_if_due()) {
                stop_for(Stop::journal_failed, journal_.error());
            }
            progress_.draw();
        }
        curl_multi_cleanup(multi);
        progress_.draw(true);
    }

    Stop stop() const { return stop_; }
    /// API /1: the access tokens the run obtained (not one it was handed), to revoke at the end.
    const std::vector<std::string>& issued_tokens() const { return tokens_.issued(); }
    const std::string& stop_reason() const { return stop_reason_; }

private:
    struct InFlight {
        Job job;
        std::unique_ptr<curl_transport::Transfer> transfer;
        std::string token;  ///< API /1: the token it carries
    };

    /// The request for `person` by the call chosen, with `token` for API /1.
    std::variant<onelogin::HttpRequest, onelogin::InvalidRequest> build(const Person& person,
                                                                        const std::string& token) {
        namespace v3 = onelogin::v3;
        namespace api1 = onelogin::api1;
        switch (settings_.call) {
            case Call::api1_links:
                return api1::make_generate_invite_request({token, person.email},
                                                          settings_.api1_endpoint);
            case Call::api1_send:
                return api1::make_send_invite_request({token, person.email, person.personal_email},
                                                      settings_.api1_endpoint);
            case Call::v3_links:
                return v3::make_generate_invite_request({settings_.api_key, person.email},
                                                        settings_.endpoint);
            case Call::v3_send: break;
        }
        return v3::make_send_invite_request(
            {settings_.api_key, person.email, person.personal_email}, settings_.endpoint);
    }

    /// What the transport gave means for the row, by the call chosen.
    Verdict judge(
        const std::variant<onelogin::HttpResponse, onelogin::TransportError>& answer) const {
        namespace v3 = onelogin::v3;
        namespace api1 = onelogin::api1;
        switch (settings_.call) {
            case Call::api1_links:
                return judge_as<api1::GenerateInviteOutcome>(answer, [](auto body, auto status) {
                    return api1::parse_generate_invite_response(body, status);
                });
            case Call::api1_send:
                return judge_as<api1::SendInviteOutcome>(answer, [](auto body, auto status) {
                    return api1::parse_send_invite_response(body, status);
                });
            case Call::v3_links:
                return judge_as<v3::GenerateInviteOutcome>(answer, [](auto body, auto status) {
                    return v3::parse_generate_invite_response(body, status);
                });
            case Call::v3_send: break;
        }
        return judge_as<v3::SendInviteOutcome>(answer, [](auto body, auto status) {
            return v3::parse_send_invite_response(body, status);
        });
    }

    /// Starts as many due rows as the concurrency, the rate limit and the token allow: first
    /// every intent is written and made durable with one sync, then the requests go out.
    void start_due_jobs(CURLM* multi) {
        const auto now = Clock::now();
        while (!waiting_.empty() && waiting_.begin()->first <= now) {
            queue_.push_front(waiting_.begin()->second);
            waiting_.erase(waiting_.begin());
        }
        std::vector<InFlight> ready;
        while (in_flight_.size() + ready.size() < settings_.concurrency && !queue_.empty() &&
               stop_ == Stop::none && pacer_.may_start(now)) {
            const Job job = queue_.front();
            std::string token;
            if (settings_.api1() && job.person->problem.empty() && job.person->duplicate_of == 0) {
                const std::string* current = tokens_.current();
                if (current == nullptr) {
                    if (tokens_.failed() == TokenKeeper::Failure::refused) {
                        stop_for(Stop::credentials_refused, tokens_.why());
                    } else if (tokens_.failed() == TokenKeeper::Failure::unreachable) {
                        stop_for(Stop::run_error, tokens_.why());
                    }
                    break;  // a token is on its way
                }
                token = *current;
                if (!status_read_) {  // before the first request: where the hour stands
                    status_read_ = true;
                    read_rate_limit_status(token);
                    if (!pacer_.may_start(now)) break;
                }
            }
            queue_.pop_front();
            if (auto prepared = prepare(job, token)) {
                pacer_.started();
                ready.push_back(std::move(*prepared));
            }
        }
        if (ready.empty() || stop_ == Stop::journal_failed) return;
        if (!journal_.sync()) {  // no request goes out before its intent is on the disk
            stop_for(Stop::journal_failed, journal_.error());
            return;
        }
        for (InFlight& flight : ready) {
            CURL* easy = flight.transfer->easy;
            curl_multi_add_handle(multi, easy);
            in_flight_[easy] = std::move(flight);
        }
    }

    /// The row's request, ready to go and its intent written; nothing when the row ends here
    /// (an invalid row, a duplicate, a request the library refuses) or the run must stop.
    std::optional<InFlight> prepare(Job job, const std::string& token) {
        const Person& person = *job.person;
        if (!person.problem.empty()) {
            record(person, State::refused, "invalid_row", person.problem);
            return std::nullopt;
        }
        if (person.duplicate_of != 0) {
            record(person, State::duplicate, "duplicate",
                   "the same email address as row " + std::to_string(person.duplicate_of) +
                       ", which is sent once");
            return std::nullopt;
        }
        const auto built = build(person, token);
        if (const auto* invalid = std::get_if<onelogin::InvalidRequest>(&built)) {
            if (invalid->field == onelogin::RequestField::email ||
                invalid->field == onelogin::RequestField::personal_email) {
                record(person, State::refused, "invalid_request", onelogin::to_string(*invalid));
            } else {  // the run's own settings, not the row: stop, and mark nobody
                queue_.push_front(job);
                stop_for(Stop::run_error, onelogin::to_string(*invalid));
            }
            return std::nullopt;
        }
        auto transfer = std::make_unique<curl_transport::Transfer>();
        if (!curl_transport::prepare(*transfer, std::get<onelogin::HttpRequest>(built), 10'000,
                                     settings_.timeout_ms)) {
            queue_.push_front(job);
            stop_for(Stop::run_error, "cannot start libcurl");
            return std::nullopt;
        }
        if (!record(person, State::sending, "sending",
                    "attempt " + std::to_string(job.attempts + 1), false)) {
            return std::nullopt;
        }
        ++job.attempts;
        return InFlight{job, std::move(transfer), token};
    }

    void finish(CURLM* multi, CURL* easy, CURLcode code) {
        curl_multi_remove_handle(multi, easy);
        InFlight done = std::move(in_flight_[easy]);
        in_flight_.erase(easy);
        const auto answer = curl_transport::finish(*done.transfer, code);
        if (const auto* response = std::get_if<onelogin::HttpResponse>(&answer)) {
            pacer_.observe(onelogin::read_rate_limit(response->headers), in_flight_.size(),
                           Clock::now());
        }
        const Verdict verdict = judge(answer);
        if (verdict.wrong_endpoint) {
            stop_for(Stop::run_error, "the server answered " + verdict.report.words +
                                          ": the base URL leads to no invite call (is it right?)");
        }
        bool renewed = false;
        if (verdict.credentials_refused) {
            renewed = settings_.api1() && tokens_.renew_after_refusal(done.token);
            if (!renewed) stop_for(Stop::credentials_refused, verdict.report.words);
        }
        const bool retry = verdict.state == State::not_sent && stop_ == Stop::none &&
                           (renewed || done.job.attempts < settings_.max_attempts);
        if (!record(*done.job.person, verdict.state, verdict.report.name, verdict.report.words,
                    !retry)) {
            return;
        }
        if (renewed) {
            queue_.push_front(done.job);  // refused unread: safe to send with the new token
        } else if (retry) {
            // A 429 holds every request until the row's retry: the server's wait, else the backoff.
            const Clock::time_point due = retry_later(done.job, verdict.after);
            if (verdict.rate_limited) pacer_.hold_until(due);
        }
    }

    /// API /1: asks for the account's rate-limit status and paces the run by it from the first
    /// request on (the headers of each answer take over after that). A status that cannot be had
    /// changes nothing: the run is then paced by the headers alone.
    void read_rate_limit_status(const std::string& token) {
        const auto result = onelogin::api1::get_rate_limit(
            {token},
            [this](const onelogin::HttpRequest& request) {
                return send_now(request, settings_.timeout_ms);
            },
            settings_.api1_endpoint);
        if (const auto* status = std::get_if<onelogin::RateLimitStatus>(&result)) {
            pacer_.observe({status->limit, status->remaining, status->reset, {}}, in_flight_.size(),
                           Clock::now());
            std::printf("API /1 rate limit: %lld of %lld calls left, the window resets in %lld s\n",
                        status->remaining, status->limit, status->reset);
        }
    }

    void stop_for(Stop why, const std::string& words) {
        if (stop_ == Stop::none || why == Stop::journal_failed) {
            stop_ = why;
            stop_reason_ = settings_.without_secrets(words, tokens_.issued());
        }
    }

    // Exponential backoff with jitter (the n-th retry waits backoff * 2^(n-1), times 0.5 to 1),
    // and never less than the server asked for; when the row is due again.
    Clock::time_point retry_later(const Job& job, std::chrono::seconds asked) {
        const double base = static_cast<double>(settings_.backoff_ms) *
                            static_cast<double>(1L << std::min(job.attempts - 1, 16));
        const double wait_ms =
            std::min(base, 30'000.0) * std::uniform_real_distribution<>(0.5, 1.0)(random_);
        const auto wait =
            std::max<Clock::duration>(std::chrono::milliseconds(static_cast<long>(wait_ms)), asked);
        const Clock::time_point due = Clock::now() + wait;
        waiting_.emplace(due, job);
        progress_.retried();
        return due;
    }

    /// Writes a record, without any credential in it; `counted` ones are the row's answer for
    /// this run. A failed write stops the run: nothing more is sent.
    bool record(const Person& person, State state, const std::string& outcome,
                const std::string& detail, bool counted = true) {
        if (stop_ == Stop::journal_failed ||
            !journal_.append(person, state, outcome,
                             settings_.without_secrets(detail, tokens_.issued()))) {
            stop_for(Stop::journal_failed, journal_.error());
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
    bulk::Pacer pacer_;
    Stop stop_ = Stop::none;
    std::string stop_reason_;
    bool status_read_ = false;  // API /1: the rate-limit status was asked for
};

/// The command line, read; or the status to exit with.
struct Options {
    Settings settings;
    std::string input;
    std::string results_path;
    std::string report_path;
    bool resume = false;
    bool show_progress = isatty(fileno(stderr)) != 0;
    bulk::ColumnNames columns;
};

std::variant<Options, int> read_options(int argc, char** argv) {
    Options options;
    Settings& settings = options.settings;
    std::string key_file;
    std::string subdomain;
    std::string client_secret_file;
    std::string delimiter;
    long timeout_seconds = settings.timeout_ms / 1000;
    bool api1 = false;
    bool links = false;
    bool no_progress = false;
    CLI::App app(description, "bulk_invite");
    app.footer(footer);
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // last wins
    app.add_option("PEOPLE.csv", options.input, "the people to invite, a CSV file")
        ->type_name("FILE")
        ->required();
    app.add_option("--results", options.results_path,
                   "the results journal (default: PEOPLE.csv.results.csv, mode 0600); one run "
                   "at a time: a second run on it stops at once")
        ->type_name("FILE");
    app.add_option("--report", options.report_path,
                   "one row per input row with its final state (default: the results file's "
                   "name with .report.csv for .results.csv)")
        ->type_name("FILE");
    CLI::Option* resume =
        app.add_flag("--resume", options.resume, "continue the results file's run");
    app.add_flag("--resend-unknown", settings.resend_unknown,
                 "with --resume, send again the rows whose request may have arrived (check "
                 "first: each may invite the person a second time)")
        ->needs(resume);
    app.add_flag("--links", links,
                 "Generate Invite Link: write each link to the results file instead of "
                 "emailing it");
    CLI::Option* base_url = invite_cli::add_endpoint_options(app, settings.endpoint, key_file);
    invite_cli::add_api1_options(app, api1, subdomain, client_secret_file, base_url);
    app.add_option("--concurrency", settings.concurrency, "requests in flight at once")
        ->type_name("N")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    app.add_option("--max-attempts", settings.max_attempts,
                   "tries per row for failures that are safe to retry")
        ->type_name("N")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
    app.add_option("--backoff-ms", settings.backoff_ms,
                   "wait before the first retry, doubled each time")
        ->type_name("MS")
        ->check(CLI::Range(0L, 600'000L))
        ->capture_default_str();
    app.add_option("--timeout", timeout_seconds, "seconds to wait for each answer")
        ->type_name("SECONDS")
        ->check(CLI::Range(1L, 600L))
        ->capture_default_str();
    CLI::Option* email_column =
        app.add_option("--email-column", options.columns.email,
                       "the header's name for the email column (default: email or \"Email "
                       "Address\"); a header naming no email column stops the run")
            ->type_name("NAME");
    CLI::Option* personal_column =
        app.add_option("--personal-email-column", options.columns.personal_email,
                       "the header's name for the personal email column (default: "
                       "personal_email)")
            ->type_name("NAME");
    app.add_flag("--no-header", options.columns.no_header,
                 "the first row is a person: each row is email[,personal_email]")
        ->excludes(email_column)
        ->excludes(personal_column);
    app.add_option("--delimiter", delimiter,
                   "the field separator: , ; or tab (default: found from the first row)")
        ->type_name("SEPARATOR")
        ->check(CLI::IsMember({",", ";", "tab"}).description(""));
    app.add_flag("--no-progress", no_progress, "no progress line on standard error");
    if (const auto status = command_line::parse(app, argc, argv)) return *status;
    if (api1 && subdomain.empty() && base_url->count() == 0) {
        return command_line::usage_error(app, "--api1 needs --subdomain or --base-url");
    }
    if (!delimiter.empty()) options.columns.delimiter = delimiter == "tab" ? '\t' : delimiter[0];
    if (no_progress) options.show_progress = false;
    settings.timeout_ms = timeout_seconds * 1000;
    settings.call = api1 ? (links ? Call::api1_links : Call::api1_send)
                         : (links ? Call::v3_links : Call::v3_send);
    if (options.results_path.empty()) options.results_path = options.input + ".results.csv";
    if (options.report_path.empty())
        options.report_path = bulk::report_path_for(options.results_path);
    // The report is renamed over its path at the end, after its temporary is removed: neither may
    // be the people file or the results file, whose rows' states would be lost.
    const std::string temporary = bulk::report_temporary_path(options.report_path);
    char* resolved = ::realpath(options.input.c_str(), nullptr);  // the file a link names
    const std::string target = resolved != nullptr ? resolved : options.input;
    std::free(resolved);
    for (const std::string* kept : std::initializer_list<const std::string*>{
             &options.input, &target, &options.results_path}) {
        const bool input = kept != &options.results_path;
        if (bulk::same_entry(options.report_path, *kept) || bulk::same_entry(temporary, *kept) ||
            (input && bulk::same_entry(options.results_path, *kept))) {
            std::fprintf(stderr,
                         "bulk_invite: the %s %s would be overwritten: give --results and "
                         "--report files of their own (the report is written to FILE.tmp, then "
                         "renamed to FILE)\n",
                         input ? "people file" : "results file", kept->c_str());
            return usage_error;
        }
    }

    std::string error;
    if (api1) {
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
        const auto key =
            invite_cli::read_api_key(key_file.empty() ? nullptr : key_file.c_str(), error);
        if (!key) {
            std::fprintf(stderr, "bulk_invite: %s\n", error.c_str());
            return usage_error;
        }
        settings.api_key = *key;
    }
    return options;
}

/// Why the run's own settings cannot make any request (a malformed API key, client secret,
/// token or base URL), found before anything is read or sent; empty when they can. Such a run is
/// stopped without a mark on any row.
std::string settings_problem(const Settings& settings) {
    const std::string probe = "someone@example.com";  // an address every rule accepts
    std::variant<onelogin::HttpRequest, onelogin::InvalidRequest> built =
        onelogin::InvalidRequest{};
    if (!settings.api1()) {
        built =
            onelogin::v3::make_send_invite_request({settings.api_key, probe}, settings.endpoint);
    } else if (!settings.api1_credentials.client.client_id.empty()) {
        built = onelogin::api1::make_token_request(settings.api1_credentials.client,
                                                   settings.api1_endpoint);
    } else {
        built = onelogin::api1::make_send_invite_request(
            {settings.api1_credentials.access_token, probe}, settings.api1_endpoint);
    }
    const auto* invalid = std::get_if<onelogin::InvalidRequest>(&built);
    return invalid == nullptr ? std::string() : onelogin::to_string(*invalid);
}

/// The people file's text; false, with `error`, when it is not a file that can be read (a
/// directory, say). Regular files, pipes and devices are read.
bool read_people_file(const std::string& path, std::string& text, std::string& error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::string("cannot open it: ") + std::strerror(errno);
        return false;
    }
    struct stat status {};
    if (::fstat(fd, &status) != 0 || S_ISDIR(status.st_mode)) {
        error = "it is a directory";
        ::close(fd);
        return false;
    }
    char buffer[65536];
    ssize_t got = 0;
    while ((got = ::read(fd, buffer, sizeof buffer)) != 0) {
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            error = std::string("cannot read it: ") + std::strerror(errno);
            ::close(fd);
            return false;
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return true;
}

/// Holds a lock on the people file (a regular one) until the program ends; the id of the process
/// that holds it instead (-1 when unknown), or 0. Two runs from one people file with two results
/// files (another --results, or the file named through a link) would each invite everyone.
long lock_people_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat status {};
    if (fd < 0 || ::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        if (fd >= 0) ::close(fd);
        return 0;  // a pipe or device: no other run can read it again; or reading will say
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK) return 0;
    const long holder = bulk::Journal::lock_holder(status);
    ::close(fd);
    return holder > 0 ? holder : -1;
}

/// API /1: revokes the access tokens the run obtained from the exchange, which it no longer needs
/// (a token it was handed is the caller's to keep). Says so when one cannot be revoked; the run's
/// outcome does not depend on it.
void revoke(const Settings& settings, const std::vector<std::string>& tokens) {
    for (const std::string& token : tokens) {
        const auto result = onelogin::api1::revoke_token(
            {settings.api1_credentials.client, token},
            [&settings](const onelogin::HttpRequest& request) {
                return send_now(request, settings.timeout_ms);
            },
            settings.api1_endpoint);
        if (!onelogin::is_success(result)) {
            std::fprintf(stderr,
                         "bulk_invite: the access token could not be revoked (%s); it "
                         "expires by itself\n",
                         settings.without_secrets(onelogin::to_string(result), tokens).c_str());
        }
    }
}

/// The first rows in `rows`, as "2, 5, 9 and 4 more".
std::string first_rows(const std::vector<long>& rows) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(rows.size(), 10);
    for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + std::to_string(rows[i]);
    if (rows.size() > shown) out += " and " + std::to_string(rows.size() - shown) + " more";
    return out;
}

/// Prints the counts of the whole file, names the first rows of each kind that needs a look, and
/// gives the exit status.
int summarize(const bulk::PeopleFile& people, const bulk::Journal& journal,
              const std::string& report_path, bool report_written) {
    std::map<State, std::vector<long>> rows;
    for (const Person& person : people.people) {
        State state = journal.state_of(person.row);
        if (state == State::none) state = State::not_sent;
        rows[state].push_back(person.row);
    }
    std::printf("rows: %zu sent, %zu refused, %zu not sent yet, %zu unknown, %zu duplicate\n",
                rows[State::sent].size(), rows[State::refused].size(), rows[State::not_sent].size(),
                rows[State::unknown].size(), rows[State::duplicate].size());
    if (!rows[State::refused].empty())
        std::printf("refused: rows %s\n", first_rows(rows[State::refused]).c_str());
    if (!rows[State::not_sent].empty())
        std::printf("not sent yet: rows %s\n", first_rows(rows[State::not_sent]).c_str());
    if (!rows[State::unknown].empty())
        std::printf("unknown: rows %s\n", first_rows(rows[State::unknown]).c_str());
    for (const std::vector<long>& group : people.case_variants) {
        std::printf(
            "one address in different letter cases: rows %s (each was sent as written; OneLogin "
            "matches the spelling, so check which one is the person's)\n",
            first_rows(group).c_str());
    }
    if (report_written) std::printf("report: %s\n", report_path.c_str());
    if (!rows[State::unknown].empty()) {
        std::printf(
            "unknown: the request for %zu rows may have reached the server (a timeout, a "
            "gateway's 502 or 504, or a run stopped while it was out); check in OneLogin whether "
            "they were invited: --resume --resend-unknown sends every one of them again\n",
            rows[State::unknown].size());
        return some_unknown;
    }
    if (!rows[State::not_sent].empty()) {
        std::printf("run again with --resume to send the rows not sent yet\n");
        return some_not_sent;
    }
    return rows[State::refused].empty() ? all_sent : some_refused;
}

}  // namespace

int main(int argc, char** argv) {
    invite_cli::no_core_dumps();
    auto read = read_options(argc, argv);
    if (const int* status = std::get_if<int>(&read)) return *status;
    const Options& options = std::get<Options>(read);
    const Settings& settings = options.settings;

    const std::string problem = settings_problem(settings);
    if (!problem.empty()) {
        std::fprintf(stderr, "bulk_invite: nothing sent: %s\n", problem.c_str());
        return run_error;
    }
    std::string error;
    std::string text;
    if (!read_people_file(options.input, text, error)) {
        std::fprintf(stderr, "bulk_invite: cannot read %s: %s\n", options.input.c_str(),
                     error.c_str());
        return fatal;
    }
    bulk::PeopleFile people;
    if (!bulk::read_people(text, options.columns, people, error)) {
        std::fprintf(stderr, "bulk_invite: cannot read %s: %s\n", options.input.c_str(),
                     error.c_str());
        const bool usage = people.problem == bulk::ReadProblem::no_email_column ||
                           people.problem == bulk::ReadProblem::column_not_found;
        return usage ? usage_error : fatal;
    }
    if (!people.ignored_columns.empty()) {
        std::printf("ignoring %zu other columns of %s\n", people.ignored_columns.size(),
                    options.input.c_str());
    }
    const long holder = lock_people_file(options.input);
    if (holder != 0) {
        std::fprintf(stderr,
                     "bulk_invite: %s is in use by another run (%s): nothing was sent. Let it "
                     "finish: its results file has what it sent, and a new one would send to "
                     "everyone again\n",
                     options.input.c_str(),
                     holder > 0 ? ("process " + std::to_string(holder)).c_str()
                                : "its process id is unknown");
        return usage_error;
    }
    // Before the results file is written: a file size limit is an error there too.
    handle_signals();
    bulk::Journal journal;
    switch (journal.open(options.results_path, options.resume, people.people, error)) {
        case bulk::OpenStatus::ok: break;
        case bulk::OpenStatus::exists:
        case bulk::OpenStatus::locked:
            std::fprintf(stderr, "bulk_invite: %s\n", error.c_str());
            return usage_error;
        case bulk::OpenStatus::damaged:
        case bulk::OpenStatus::unsafe:
        case bulk::OpenStatus::failed:
            std::fprintf(stderr, "bulk_invite: %s\n", error.c_str());
            return fatal;
    }

    curl_global_init(CURL_GLOBAL_DEFAULT);
    Progress progress(people.people.size(), options.show_progress);
    const auto started = Clock::now();
    Stop stop = Stop::none;
    std::string stop_reason;
    std::vector<std::string> issued_tokens;
    {
        BulkRun run(settings, journal, progress);
        run.run(people.people);
        stop = run.stop();
        stop_reason = run.stop_reason();
        issued_tokens = run.issued_tokens();
    }
    if (stop != Stop::journal_failed && !journal.sync()) stop = Stop::journal_failed;
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    revoke(settings, issued_tokens);
    curl_global_cleanup();

    std::printf("this run: %.2f s, %zu retries; results: %s\n", seconds, progress.retries(),
                options.results_path.c_str());
    if (stop == Stop::journal_failed) {
        std::fprintf(stderr,
                     "bulk_invite: %s\nstopped: nothing more was sent. The file keeps every row "
                     "it recorded; rows whose request was out are unknown to --resume.\n",
                     journal.error().c_str());
        return fatal;
    }
    std::string report_error;
    const bool report_written =
        bulk::write_report(options.report_path, people, journal, report_error);
    if (!report_written) {
        std::fprintf(stderr, "bulk_invite: the report was not written: %s\n", report_error.c_str());
    }
    const int status = summarize(people, journal, options.report_path, report_written);
    switch (stop) {
        case Stop::credentials_refused:
            std::printf("stopped: the %s was refused (%s); fix it and run again with --resume\n",
                        settings.api1() ? "API credential" : "API key", stop_reason.c_str());
            return credentials_refused;
        case Stop::run_error:
            std::printf(
                "stopped: %s; no row was marked for it: fix it and run again with "
                "--resume\n",
                stop_reason.c_str());
            return run_error;
        case Stop::signal: std::printf("stopped by a signal: run again with --resume\n"); break;
        case Stop::none:
        case Stop::journal_failed: break;
    }
    return status;
}
