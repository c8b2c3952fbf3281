// bulk_invite's run: sends the rows that need it with libcurl's multi interface, as many at once
// as the settings allow and the rate limit permits, records each step in the journal before and
// after its request, retries what provably did nothing, and stops in order on a signal, refused
// credentials or an error of the run's own settings.
#pragma once

#include "../curl_transport.hpp"
#include "call.hpp"
#include "journal.hpp"
#include "pacer.hpp"
#include "people_csv.hpp"
#include "settings.hpp"
#include "token_keeper.hpp"
#include "verdict.hpp"

#include <onelogin/invite.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace bulk {

using Clock = std::chrono::steady_clock;

/// One blocking request with libcurl, for the token calls; abandoned (a TransportError) once
/// `stop` is set, so that a run told to stop does not wait out a slow token endpoint.
inline Answer send_now(const onelogin::HttpRequest& request, long timeout_ms,
                       const std::atomic<bool>& stop) {
    curl_transport::Transfer transfer;
    if (!curl_transport::prepare(transfer, request, 10'000, timeout_ms)) {
        return onelogin::TransportError{"cannot start libcurl", false};
    }
    const curl_xferinfo_callback abort_on_stop = [](void* flag, curl_off_t, curl_off_t, curl_off_t,
                                                    curl_off_t) {
        return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0;
    };
    curl_easy_setopt(transfer.easy, CURLOPT_XFERINFOFUNCTION, abort_on_stop);
    curl_easy_setopt(transfer.easy, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(&stop));
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
    /// A run of `settings`' call, recorded in `journal`, counted in `progress`; it stops in order
    /// once `stop_requested` is set (by a signal).
    BulkRun(const Settings& settings, Journal& journal, Progress& progress,
            const std::atomic<bool>& stop_requested)
        : settings_(settings),
          call_(row_call_for(settings)),
          journal_(journal),
          progress_(progress),
          stop_requested_(stop_requested),
          tokens_(settings,
                  [&settings, &stop_requested] {
                      return onelogin::api1::get_access_token(
                          settings.api1_credentials.client,
                          [&settings, &stop_requested](const onelogin::HttpRequest& request) {
                              return send_now(request, settings.timeout_ms, stop_requested);
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
            if (stop_requested_) stop_for(Stop::signal, "");
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
        const auto built = call_.build(person, token);
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
        const Verdict verdict = call_.judge(answer);
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
            const Clock::time_point due =
                retry_later(done.job, verdict.after.value_or(std::chrono::seconds(0)));
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
                return send_now(request, settings_.timeout_ms, stop_requested_);
            },
            settings_.api1_endpoint);
        if (const auto* status = std::get_if<onelogin::RateLimitStatus>(&result)) {
            onelogin::RateLimit stated;
            stated.limit = status->limit;
            stated.remaining = status->remaining;
            stated.reset = status->reset;
            pacer_.observe(stated, in_flight_.size(), Clock::now());
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
    RowCall call_;
    Journal& journal_;
    Progress& progress_;
    const std::atomic<bool>& stop_requested_;
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

/// API /1: revokes the access tokens the run obtained from the exchange, which it no longer needs
/// (a token it was handed is the caller's to keep). Says so when one cannot be revoked; the run's
/// outcome does not depend on it.
inline void revoke(const Settings& settings, const std::vector<std::string>& tokens,
                   const std::atomic<bool>& stop) {
    for (const std::string& token : tokens) {
        const auto result = onelogin::api1::revoke_token(
            {settings.api1_credentials.client, token},
            [&settings, &stop](const onelogin::HttpRequest& request) {
                return send_now(request, settings.timeout_ms, stop);
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

}  // namespace bulk
