// bulk_invite's pacing: keeps a run inside the rate limit the server states, and holds every
// request after a 429. Pure bookkeeping over a clock the caller reads: it sends nothing.
#pragma once

#include <onelogin/invite.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <optional>

namespace bulk {

/// Whether a request may start now, from what the server said of its rate limit.
class Pacer {
public:
    using Clock = std::chrono::steady_clock;

    /// True when a request may start at `now`: no 429 holds the run, and a call is left in the
    /// window (once the window has ended, a new one allows the stated limit).
    bool may_start(Clock::time_point now) {
        if (now < held_until_) return false;
        if (remaining_ && *remaining_ <= 0) {
            if (now < window_ends_) return false;
            remaining_ = limit_;  // a new window: as many as the limit, if it was stated
        }
        return true;
    }

    /// A request started: one call fewer in the window.
    void started() {
        if (remaining_) --*remaining_;
    }

    /// An answer's rate-limit headers (or the Get Rate Limit status), read at `now` with
    /// `in_flight` requests out. X-RateLimit-Remaining calls are left until X-RateLimit-Reset
    /// seconds from now. The server's count only grows within a window, so the least Remaining
    /// seen is its latest count; of the requests out, any may not be counted yet. Each answer
    /// bounds the window's end from above (the server rounds its elapsed time down), so the
    /// earliest bound is kept. Headers without Remaining and Reset change nothing.
    void observe(const onelogin::RateLimit& limits, std::size_t in_flight, Clock::time_point now) {
        if (!limits.remaining || !limits.reset) return;
        if (limits.limit) limit_ = *limits.limit;
        const auto ends = now + std::chrono::seconds(*limits.reset);
        const bool new_window = now >= window_ends_;
        window_ends_ = new_window ? ends : std::min(window_ends_, ends);
        least_stated_ = new_window ? *limits.remaining : std::min(least_stated_, *limits.remaining);
        remaining_ = least_stated_ - static_cast<long long>(in_flight);
    }

    /// A 429: no request starts before `until`.
    void hold_until(Clock::time_point until) { held_until_ = std::max(held_until_, until); }

private:
    Clock::time_point held_until_{};
    std::optional<long long> remaining_;  // calls left in the window, when known
    std::optional<long long> limit_;      // calls a window allows, when stated
    long long least_stated_ = 0;          // the least X-RateLimit-Remaining seen in this window
    Clock::time_point window_ends_{};
};

}  // namespace bulk
