// Invites everyone in a CSV file: the job an administrator onboarding a company has.
//
//   ONELOGIN_API_KEY=... bulk_invite [options] INPUT.csv
//
// INPUT.csv has one row per person, `email[,personal_email]`, with an optional header row.
// Invites go out concurrently over libcurl's multi interface, a bounded number in flight.
// Failures another try may mend (no answer, HTTP 429, HTTP 5xx) are retried with exponential
// backoff, up to --max-attempts tries; a definite answer is never retried. Rows that are not
// valid requests are reported and not sent. Each row's result is appended to the results file
// (line,email,personal_email,outcome,detail) as soon as it is known, so an interrupted run
// (Ctrl-C lets the requests in flight finish first) continues with --resume, without inviting
// anyone again. A run killed outright may send again the few requests it had in flight.
#include "curl_transport.hpp"
#include "invite_cli.hpp"

#include <onelogin/invite.hpp>

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using onelogin::v3::SendInviteResult;

const char* const usage =
    "usage: bulk_invite [--results FILE] [--resume] [--base-url URL] [--api-key-file PATH]\n"
    "                   [--concurrency N] [--max-attempts N] [--backoff-ms N] [--timeout SECONDS]\n"
    "                   [--no-progress] INPUT.csv\n"
    "  --results FILE      where results go (default: INPUT.csv.results.csv)\n"
    "  --resume            continue an interrupted run: skip the rows FILE already has\n"
    "  --concurrency N     requests in flight at once (default 8)\n"
    "  --max-attempts N    tries per row for failures that may pass (default 5)\n"
    "  --backoff-ms N      wait before the first retry, doubled for each next one (default 500)\n"
    "The API key is read from --api-key-file, else from ONELOGIN_API_KEY.\n"
    "Exit status: 0 every row answered, 1 some rows got no answer after every try,\n"
    "2 usage, 3 the API key was refused (the run stops), 130 interrupted.\n";

volatile std::sig_atomic_t interrupted = 0;

void on_interrupt(int signal_number) {
    interrupted = 1;
    std::signal(signal_number, SIG_DFL);  // a second Ctrl-C ends the program at once
}

/// One input row.
struct Row {
    long line = 0;
    std::string email;
    std::optional<std::string> personal_email;
    std::string problem;  ///< why the row cannot be read, if it cannot
};

/// Splits one CSV line into fields: commas, double quotes around a field, "" for a quote.
std::optional<std::vector<std::string>> split_csv(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    if (quoted) return std::nullopt;
    return fields;
}

std::string trim(std::string text) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!text.empty() && blank(text.back())) text.pop_back();
    std::size_t start = 0;
    while (start < text.size() && blank(text[start])) ++start;
    return text.substr(start);
}

/// `text` as one CSV field, quoted when it has to be.
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
        quoted += c;
        if (c == '"') quoted += '"';
    }
    return quoted + "\"";
}

/// Reads the input rows: blank lines are skipped, and so is a first row that starts "email".
bool read_rows(const std::string& path, std::vector<Row>& rows) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string line;
    long number = 0;
    bool first = true;
    while (std::getline(in, line)) {
        ++number;
        if (trim(line).empty()) continue;
        Row row;
        row.line = number;
        const auto fields = split_csv(line);
        if (!fields) {
            row.problem = "unterminated quote";
        } else if (fields->size() > 2) {
            row.problem = "more than two fields";
        } else {
            row.email = trim((*fields)[0]);
            if (fields->size() == 2 && !trim((*fields)[1]).empty())
                row.personal_email = trim((*fields)[1]);
        }
        const bool header =
            first && fields && row.email.size() == 5 &&
            std::equal(row.email.begin(), row.email.end(), "email", [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == b;
            });
        first = false;
        if (!header) rows.push_back(std::move(row));
    }
    return true;
}

/// The results file: one line per input row, appended and flushed as each result is known.
class ResultsFile {
public:
    /// Opens `path` for a new run, or, with `resume`, reads the rows it has and continues it.
    bool open(const std::string& path, bool resume, const std::vector<Row>& rows,
              std::string& error) {
        namespace fs = std::filesystem;
        std::error_code ignored;
        const bool exists = fs::exists(path, ignored) && fs::file_size(path, ignored) > 0;
        if (exists && !resume) {
            error = "the results file " + path +
                    " exists: pass --resume to continue that run, or remove it to start again";
            return false;
        }
        if (exists && !load(path, rows, error)) return false;
        file_ = std::fopen(path.c_str(), "ab");
        if (file_ == nullptr) {
            error = "cannot write the results file " + path;
            return false;
        }
        if (!exists) {
            std::fputs("line,email,personal_email,outcome,detail\n", file_);
            std::fflush(file_);
        }
        return true;
    }

    ~ResultsFile() {
        if (file_ != nullptr) std::fclose(file_);
    }

    bool has(long line) const { return done_.count(line) != 0; }
    std::size_t resumed() const { return done_.size(); }

    void write(const Row& row, const std::string& outcome, const std::string& detail) {
        std::fprintf(file_, "%ld,%s,%s,%s,%s\n", row.line, csv_field(row.email).c_str(),
                     csv_field(row.personal_email.value_or("")).c_str(), outcome.c_str(),
                     csv_field(detail).c_str());
        std::fflush(file_);
        done_.insert(row.line);
    }

private:
    // Reads the lines of a results file. A last line without its newline (the run was killed while
    // writing it) is cut off; that row will be done again.
    bool load(const std::string& path, const std::vector<Row>& rows, std::string& error) {
        std::ifstream in(path, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::size_t complete =
            text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
        if (complete < text.size()) std::filesystem::resize_file(path, complete);
        std::map<long, const Row*> by_line;
        for (const Row& row : rows) by_line[row.line] = &row;
        std::istringstream lines(text.substr(0, complete));
        std::string line;
        std::getline(lines, line);  // the header
        while (std::getline(lines, line)) {
            const auto fields = split_csv(line);
            const long number = fields && fields->size() == 5 ? std::atol((*fields)[0].c_str()) : 0;
            const auto row = by_line.find(number);
            if (row == by_line.end() || row->second->email != (*fields)[1]) {
                error = "the results file " + path + " does not belong to this input file";
                return false;
            }
            done_.insert(number);
        }
        return true;
    }

    std::FILE* file_ = nullptr;
    std::set<long> done_;
};

/// Counts per outcome, the progress bar and the summary.
class Tally {
public:
    explicit Tally(std::size_t total, bool show_progress) : total_(total), show_(show_progress) {}

    void count(const std::string& outcome) {
        ++by_outcome_[outcome];
        ++done_;
    }
    void retried() { ++retries_; }
    std::size_t done() const { return done_; }
    long of(const std::string& outcome) const {
        const auto found = by_outcome_.find(outcome);
        return found == by_outcome_.end() ? 0 : found->second;
    }

    /// Redraws the progress bar, at most ten times a second unless `final`.
    void progress(std::size_t waiting_retry, bool final = false) {
        if (!show_) return;
        const auto now = Clock::now();
        if (!final && now - drawn_ < std::chrono::milliseconds(100)) return;
        drawn_ = now;
        constexpr std::size_t width = 30;
        const std::size_t filled = total_ == 0 ? width : done_ * width / total_;
        std::fprintf(
            stderr, "\r%zu/%zu [%s%s] sent %ld, no user %ld, not sent %ld, retrying %zu   ", done_,
            total_, std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(),
            of("sent"), of("no_such_user"), of("invalid_request"), waiting_retry);
        if (final) std::fputc('\n', stderr);
        std::fflush(stderr);
    }

    void summary(double seconds, std::size_t concurrency) const {
        std::printf("%zu rows answered in %.2f s: %.1f invites/s with %zu in flight at most\n",
                    done_, seconds, seconds > 0 ? static_cast<double>(done_) / seconds : 0.0,
                    concurrency);
        for (const auto& [outcome, count] : by_outcome_)
            std::printf("  %-20s %ld\n", outcome.c_str(), count);
        std::printf("  %-20s %ld\n", "(retries)", retries_);
    }

private:
    std::size_t total_;
    bool show_;
    std::size_t done_ = 0;
    long retries_ = 0;
    std::map<std::string, long> by_outcome_;
    Clock::time_point drawn_{};
};

struct Settings {
    onelogin::v3::Endpoint endpoint;
    std::string api_key;
    std::size_t concurrency = 8;
    int max_attempts = 5;
    long backoff_ms = 500;
    long timeout_ms = 30'000;
};

/// One row on its way: how often it was tried and when it may be tried next.
struct Job {
    const Row* row = nullptr;
    int attempts = 0;
    Clock::time_point due{};
};

/// Runs the invites of `rows` not yet in `results`. Returns the exit status.
class BulkRun {
public:
    BulkRun(const Settings& settings, ResultsFile& results, Tally& tally)
        : settings_(settings), results_(results), tally_(tally), random_(std::random_device{}()) {}

    int run(const std::vector<Row>& rows) {
        for (const Row& row : rows) {
            if (!results_.has(row.line)) queue_.push_back(Job{&row, 0, Clock::now()});
        }
        CURLM* multi = curl_multi_init();
        // One connection per request in flight, kept for the next request: no more, no churn.
        const auto connections = static_cast<long>(settings_.concurrency);
        curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections);
        curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, connections);
        while (true) {
            if (interrupted) stopping_ = true;
            if (!stopping_) start_due_jobs(multi);
            if (in_flight_.empty() && (stopping_ || (queue_.empty() && retries_.empty()))) break;
            int running = 0;
            curl_multi_perform(multi, &running);
            int left = 0;
            bool finished_any = false;
            while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
                if (message->msg != CURLMSG_DONE) continue;
                finish(multi, message->easy_handle, message->data.result);
                finished_any = true;
            }
            // A finished transfer frees a place: fill it before waiting for the network.
            if (!finished_any) curl_multi_poll(multi, nullptr, 0, poll_ms(), nullptr);
            tally_.progress(retries_.size());
        }
        curl_multi_cleanup(multi);
        tally_.progress(retries_.size(), true);
        if (key_refused_) return invite_cli::exit_invalid_api_key;
        if (interrupted) return invite_cli::exit_interrupted;
        return gave_up_ ? invite_cli::exit_failed : invite_cli::exit_sent;
    }

private:
    struct InFlight {
        Job job;
        std::unique_ptr<curl_transport::Transfer> transfer;
    };

    void start_due_jobs(CURLM* multi) {
        const auto now = Clock::now();
        while (!retries_.empty() && retries_.begin()->first <= now) {
            queue_.push_front(retries_.begin()->second);
            retries_.erase(retries_.begin());
        }
        while (in_flight_.size() < settings_.concurrency && !queue_.empty()) {
            Job job = queue_.front();
            queue_.pop_front();
            start(multi, job);
        }
    }

    void start(CURLM* multi, Job job) {
        const Row& row = *job.row;
        if (!row.problem.empty()) {
            record(row, "invalid_request", "not sent: " + row.problem);
            return;
        }
        const auto built = onelogin::v3::make_send_invite_request(
            {settings_.api_key, row.email, row.personal_email}, settings_.endpoint);
        if (const auto* invalid = std::get_if<onelogin::InvalidRequest>(&built)) {
            record(row, "invalid_request", "not sent: " + invalid->reason);
            return;
        }
        auto transfer = std::make_unique<curl_transport::Transfer>();
        if (!curl_transport::prepare(*transfer, *std::get_if<onelogin::HttpRequest>(&built), 10'000,
                                     settings_.timeout_ms)) {
            record(row, "transport_error", "cannot start libcurl");
            return;
        }
        ++job.attempts;
        CURL* easy = transfer->easy;
        curl_multi_add_handle(multi, easy);
        in_flight_[easy] = InFlight{job, std::move(transfer)};
    }

    void finish(CURLM* multi, CURL* easy, CURLcode code) {
        curl_multi_remove_handle(multi, easy);
        InFlight done = std::move(in_flight_[easy]);
        in_flight_.erase(easy);
        auto answer = curl_transport::finish(*done.transfer, code);
        SendInviteResult result = onelogin::TransportError{};
        if (auto* failed = std::get_if<onelogin::TransportError>(&answer)) {
            result = std::move(*failed);
        } else {
            const auto& response = *std::get_if<onelogin::HttpResponse>(&answer);
            result = std::visit(
                [](auto&& outcome) -> SendInviteResult { return std::move(outcome); },
                onelogin::v3::parse_send_invite_response(response.body, response.status));
        }
        if (invite_cli::is_transient(result) && done.job.attempts < settings_.max_attempts) {
            // When the run is stopping, the row stays unrecorded, for --resume to try again.
            if (!stopping_) retry_later(done.job);
            return;
        }
        const invite_cli::Report report = invite_cli::describe(result);
        if (invite_cli::is_transient(result)) gave_up_ = true;
        if (std::holds_alternative<onelogin::InvalidApiKey>(result)) {
            key_refused_ = true;
            stopping_ = true;
        }
        record(*done.job.row, report.name, report.words);
    }

    // Exponential backoff with jitter: the n-th retry waits backoff * 2^(n-1), times 0.5 to 1.
    void retry_later(Job job) {
        const double base = static_cast<double>(settings_.backoff_ms) *
                            static_cast<double>(1L << std::min(job.attempts - 1, 16));
        const double wait_ms =
            std::min(base, 30'000.0) * std::uniform_real_distribution<>(0.5, 1.0)(random_);
        job.due = Clock::now() + std::chrono::milliseconds(static_cast<long>(wait_ms));
        retries_.emplace(job.due, job);
        tally_.retried();
    }

    void record(const Row& row, const std::string& outcome, const std::string& detail) {
        results_.write(row, outcome, detail);
        tally_.count(outcome);
    }

    // How long to wait for network activity: until the next retry is due, at most 100 ms.
    int poll_ms() const {
        if (retries_.empty()) return 100;
        const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(
            retries_.begin()->first - Clock::now());
        return static_cast<int>(std::clamp<long>(until.count(), 0, 100));
    }

    const Settings& settings_;
    ResultsFile& results_;
    Tally& tally_;
    std::mt19937 random_;
    std::deque<Job> queue_;
    std::multimap<Clock::time_point, Job> retries_;
    std::map<CURL*, InFlight> in_flight_;
    bool stopping_ = false;
    bool key_refused_ = false;
    bool gave_up_ = false;
};

}  // namespace

int main(int argc, char** argv) {
    Settings settings;
    std::string input;
    std::string results_path;
    const char* key_file = nullptr;
    bool resume = false;
    bool show_progress = isatty(fileno(stderr)) != 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--results" && has_value) {
            results_path = argv[++i];
        } else if (arg == "--resume") {
            resume = true;
        } else if (arg == "--base-url" && has_value) {
            settings.endpoint.base_url = argv[++i];
        } else if (arg == "--api-key-file" && has_value) {
            key_file = argv[++i];
        } else if (arg == "--concurrency" && has_value) {
            settings.concurrency = static_cast<std::size_t>(std::max(1L, std::atol(argv[++i])));
        } else if (arg == "--max-attempts" && has_value) {
            settings.max_attempts = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--backoff-ms" && has_value) {
            settings.backoff_ms = std::max(0L, std::atol(argv[++i]));
        } else if (arg == "--timeout" && has_value) {
            settings.timeout_ms = std::max(1L, std::atol(argv[++i])) * 1000;
        } else if (arg == "--no-progress") {
            show_progress = false;
        } else if (arg == "--help") {
            std::fputs(usage, stdout);
            return invite_cli::exit_sent;
        } else if (!arg.empty() && arg[0] != '-' && input.empty()) {
            input = arg;
        } else {
            std::fputs(usage, stderr);
            return invite_cli::exit_usage;
        }
    }
    if (input.empty()) {
        std::fputs(usage, stderr);
        return invite_cli::exit_usage;
    }
    if (results_path.empty()) results_path = input + ".results.csv";

    std::string error;
    const auto key = invite_cli::read_api_key(key_file, error);
    std::vector<Row> rows;
    if (key && !read_rows(input, rows)) error = "cannot read " + input;
    ResultsFile results;
    if (!error.empty() || !results.open(results_path, resume, rows, error)) {
        std::fprintf(stderr, "bulk_invite: %s\n", error.c_str());
        return invite_cli::exit_usage;
    }
    settings.api_key = *key;
    if (results.resumed() > 0) {
        std::printf("resuming: %zu of %zu rows are already done\n", results.resumed(), rows.size());
    }

    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Tally tally(rows.size() - results.resumed(), show_progress);
    const auto started = Clock::now();
    const int status = BulkRun(settings, results, tally).run(rows);
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    curl_global_cleanup();

    tally.summary(seconds, settings.concurrency);
    std::printf("results: %s\n", results_path.c_str());
    if (status == invite_cli::exit_invalid_api_key) {
        std::printf("stopped: the API key was refused; fix it and run again with --resume\n");
    } else if (status == invite_cli::exit_interrupted) {
        std::printf("interrupted: run again with --resume to invite the rest\n");
    } else if (status == invite_cli::exit_failed) {
        std::printf("some rows got no answer after %d tries; see the results file\n",
                    settings.max_attempts);
    }
    return status;
}
