// onelogin-invite: whether trying a call again can help, and when, for any outcome of any call.
// Declarations and templates; the definitions are in retry_advice_impl.hpp.
#pragma once

#include <onelogin/invite/http.hpp>
#include <onelogin/invite/outcomes.hpp>
#include <onelogin/invite/rate_limit.hpp>

#include <chrono>
#include <optional>
#include <string_view>
#include <variant>

namespace onelogin {

/// What a retry of the same request needs.
enum class Retry {
    no,              ///< a definite answer: the same request gets the same one (or it succeeded)
    later,           ///< the server or the path to it failed for now: send it again after `after`
    with_new_token,  ///< API /1: get a new access token, then send it again
    not_sent,        ///< the request never reached the server (TransportError::request_sent is
                     ///< false): sending it again cannot do anything twice; wait `after` first
};

/// The value's name: "no", "later", "with_new_token", "not_sent".
constexpr const char* to_string(Retry retry) noexcept {
    switch (retry) {
        case Retry::no: return "no";
        case Retry::later: return "later";
        case Retry::with_new_token: return "with_new_token";
        case Retry::not_sent: return "not_sent";
    }
    return "unknown";
}

/// The advice for one outcome.
struct RetryAdvice {
    Retry retry = Retry::no;
    std::chrono::seconds after{0};  ///< how long to wait first (0 for Retry::no)
    std::string_view why;           ///< in words, for logs
};

/// Advice for an outcome that carries an HTTP status: 429 (rate limited) waits for Retry-After,
/// else for the rate-limit window to reset, else ONELOGIN_INVITE_RATE_LIMIT_WAIT_SECONDS; 408, 500,
/// 502, 503 and 504 wait for Retry-After, else ONELOGIN_INVITE_RETRY_WAIT_SECONDS; 401 asks for a
/// new token; any other status, no retry. No status at all (the caller passed none) is treated as
/// a failure on the way, like a 502.
RetryAdvice retry_advice_for_status(std::optional<int> http_status, const RateLimit& limits);

namespace detail {

/// Advice for each kind of outcome; any type not named here (the successes, InvalidApiKey,
/// NoSuchUser, InvalidClientCredentials, InvalidRequest) is a definite answer.
template <typename Outcome>
RetryAdvice advice_for(const Outcome& /*outcome*/, const RateLimit& /*limits*/) {
    return RetryAdvice{Retry::no, std::chrono::seconds(0), "a definite answer"};
}
RetryAdvice advice_for(const ApiError& error, const RateLimit& limits);
RetryAdvice advice_for(const MalformedResponse& malformed, const RateLimit& limits);
RetryAdvice advice_for(const TransportError& error, const RateLimit& limits);
RetryAdvice advice_for(const InvalidAccessToken& refused, const RateLimit& limits);
RetryAdvice advice_for(const BadRequest& refused, const RateLimit& limits);
RetryAdvice advice_for(const RateLimited& limited, const RateLimit& limits);
RetryAdvice advice_for(const InvalidClientCredentials& refused, const RateLimit& limits);

}  // namespace detail

/// Whether sending the same request again can help, and after how long, for any outcome or result
/// of any call (a std::variant of the library's types). The waits come from the response's
/// Retry-After and rate-limit headers: those in `limits` when given, else those the outcome
/// carries (send_invite and the like fill them in from HttpResponse::headers). Never fails.
/// A TransportError with `request_sent` true is Retry::later, but the request may have reached the
/// server before the connection failed: the invite calls are not idempotent, and sending it again
/// may email the invite twice. One with `request_sent` false is Retry::not_sent.
template <typename... Outcomes>
RetryAdvice retry_advice(const std::variant<Outcomes...>& outcome, const RateLimit& limits = {}) {
    return std::visit([&limits](const auto& held) { return detail::advice_for(held, limits); },
                      outcome);
}

}  // namespace onelogin
