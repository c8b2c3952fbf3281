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
#include "bulk/options.hpp"
#include "bulk/people_csv.hpp"
#include "bulk/people_file.hpp"
#include "bulk/report.hpp"
#include "bulk/run.hpp"
#include "bulk/settings.hpp"
#include "invite_cli.hpp"

#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace {

using bulk::Options;
using bulk::Stop;

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

/// Stops a run whose own settings cannot make any request, before anything is read or sent.
std::optional<int> check_settings(const bulk::Settings& settings) {
    const std::string problem = bulk::settings_problem(settings);
    if (problem.empty()) return std::nullopt;
    std::fprintf(stderr, "bulk_invite: nothing sent: %s\n", problem.c_str());
    return bulk::run_error;
}

/// Reads the people file into `people`; the status to exit with when it cannot be read.
std::optional<int> read_people(const Options& options, bulk::PeopleFile& people) {
    std::string error;
    std::string text;
    if (!bulk::read_people_file(options.input, text, error)) {
        std::fprintf(stderr, "bulk_invite: cannot read %s: %s\n", options.input.c_str(),
                     error.c_str());
        return bulk::fatal;
    }
    if (!bulk::read_people(text, options.columns, people, error)) {
        std::fprintf(stderr, "bulk_invite: cannot read %s: %s\n", options.input.c_str(),
                     error.c_str());
        const bool usage = people.problem == bulk::ReadProblem::no_email_column ||
                           people.problem == bulk::ReadProblem::column_not_found;
        return usage ? bulk::usage_error : bulk::fatal;
    }
    if (!people.ignored_columns.empty()) {
        std::printf("ignoring %zu other columns of %s\n", people.ignored_columns.size(),
                    options.input.c_str());
    }
    return std::nullopt;
}

/// Locks the people file for this run; the status to exit with when another run holds it.
std::optional<int> lock_people(const std::string& input) {
    const long holder = bulk::lock_people_file(input);
    if (holder == 0) return std::nullopt;
    std::fprintf(
        stderr,
        "bulk_invite: %s is in use by another run (%s): nothing was sent. Let it "
        "finish: its results file has what it sent, and a new one would send to "
        "everyone again\n",
        input.c_str(),
        holder > 0 ? ("process " + std::to_string(holder)).c_str() : "its process id is unknown");
    return bulk::usage_error;
}

/// Opens (or, with --resume, continues) the results file; the status to exit with when it cannot.
std::optional<int> open_journal(bulk::Journal& journal, const Options& options,
                                const bulk::PeopleFile& people) {
    std::string error;
    switch (journal.open(options.results_path, options.resume, people.people, error)) {
        case bulk::OpenStatus::ok: return std::nullopt;
        case bulk::OpenStatus::exists:
        case bulk::OpenStatus::locked:
            std::fprintf(stderr, "bulk_invite: %s\n", error.c_str());
            return bulk::usage_error;
        case bulk::OpenStatus::damaged:
        case bulk::OpenStatus::unsafe:
        case bulk::OpenStatus::failed: break;
    }
    std::fprintf(stderr, "bulk_invite: %s\n", error.c_str());
    return bulk::fatal;
}

/// How a run ended: why it stopped, if it did, in words without a secret.
struct RunEnd {
    Stop stop = Stop::none;
    std::string reason;
};

/// Sends every row that needs it, then revokes the tokens the run obtained (API /1).
RunEnd run(const Options& options, bulk::Journal& journal, const bulk::PeopleFile& people) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    bulk::Progress progress(people.people.size(), options.show_progress);
    const auto started = bulk::Clock::now();
    RunEnd end;
    std::vector<std::string> issued_tokens;
    {
        bulk::BulkRun run(options.settings, journal, progress, stop_requested);
        run.run(people.people);
        end = {run.stop(), run.stop_reason()};
        issued_tokens = run.issued_tokens();
    }
    if (end.stop != Stop::journal_failed && !journal.sync()) end.stop = Stop::journal_failed;
    const double seconds = std::chrono::duration<double>(bulk::Clock::now() - started).count();
    bulk::revoke(options.settings, issued_tokens, stop_requested);
    curl_global_cleanup();
    std::printf("this run: %.2f s, %zu retries; results: %s\n", seconds, progress.retries(),
                options.results_path.c_str());
    return end;
}

/// Writes the report, prints the summary and says why the run stopped; the exit status.
int report(const Options& options, const bulk::PeopleFile& people, const bulk::Journal& journal,
           const RunEnd& end) {
    if (end.stop == Stop::journal_failed) {
        std::fprintf(stderr,
                     "bulk_invite: %s\nstopped: nothing more was sent. The file keeps every row "
                     "it recorded; rows whose request was out are unknown to --resume.\n",
                     journal.error().c_str());
        return bulk::fatal;
    }
    std::string report_error;
    const bool report_written =
        bulk::write_report(options.report_path, people, journal, report_error);
    if (!report_written) {
        std::fprintf(stderr, "bulk_invite: the report was not written: %s\n", report_error.c_str());
    }
    const int status = bulk::summarize(people, journal, options.report_path, report_written);
    switch (end.stop) {
        case Stop::credentials_refused:
            std::printf("stopped: the %s was refused (%s); fix it and run again with --resume\n",
                        options.settings.api1() ? "API credential" : "API key", end.reason.c_str());
            return bulk::credentials_refused;
        case Stop::run_error:
            std::printf(
                "stopped: %s; no row was marked for it: fix it and run again with "
                "--resume\n",
                end.reason.c_str());
            return bulk::run_error;
        case Stop::signal: std::printf("stopped by a signal: run again with --resume\n"); break;
        case Stop::none:
        case Stop::journal_failed: break;
    }
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    invite_cli::no_core_dumps();
    auto read = bulk::read_options(argc, argv);
    if (const int* status = std::get_if<int>(&read)) return *status;
    const Options& options = std::get<Options>(read);
    if (const auto status = check_settings(options.settings)) return *status;

    bulk::PeopleFile people;
    if (const auto status = read_people(options, people)) return *status;
    if (const auto status = lock_people(options.input)) return *status;
    // Before the results file is written: a file size limit is an error there too.
    handle_signals();
    bulk::Journal journal;
    if (const auto status = open_journal(journal, options, people)) return *status;

    const RunEnd end = run(options, journal, people);
    return report(options, people, journal, end);
}
