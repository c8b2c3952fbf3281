// onelogin-invite: whether trying a call again can help, and when, for any outcome of any call.
// Declarations and templates; the definitions are in retry_advice_impl.hpp.
#pragma once

#include <onelogin/invite/config.hpp>

#include <onelogin/invite/http.hpp>
#include <onelogin/invite/outcomes.hpp>
#include <onelogin/invite/rate_limit.hpp>

#include <chrono>
#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>

namespace onelogin {

/// What a retry of the same request needs.
enum class Retry {
    no,              ///< a definite answer: the same request gets the same one (or it succeeded)
    later,           ///< the request provably did nothing (a 429, a 503, a 408, no connection), or
                     ///< the call emails nobody: send it again after `after`
    with_new_token,  ///< API /1: get a new access token, then send it again
    check_first,     ///< the call emails a person and may have done so (a 500, 502 or 504 from a
                     ///< gateway, a 2xx with a broken body, a connection lost after the request
                     ///< went out): look in OneLogin before sending it again
};

/// The value's name: "no", "later", "with_new_token", "check_first".
constexpr const char* to_string(Retry retry) noexcept {
    switch (retry) {
        case Retry::no: return "no";
        case Retry::later: return "later";
        case Retry::with_new_token: return "with_new_token";
        case Retry::check_first: return "check_first";
    }
    return "unknown";
}

/// The advice for one outcome.
struct RetryAdvice {
    Retry retry = Retry::no;
    std::chrono::seconds after{0};  ///< how long to wait first (0 for Retry::no)
    std::string_view why;           ///< in words, for logs
};

/// What a call does besides answering, which decides whether a failure may be sent again.
enum class CallEffect {
    emails_a_person,  ///< Send Invite Link (v3 and API /1): doing it twice emails the user twice
    emails_nobody,    ///< the token calls and Generate Invite Link: sending again is harmless
};

/// True when a result or outcome variant of a call that emails a person: one whose alternatives
/// include InviteSent.
template <typename Outcome>
struct emails_a_person : std::false_type {};
template <typename... Ts>
struct emails_a_person<std::variant<Ts...>> : std::disjunction<std::is_same<Ts, InviteSent>...> {};

/// Advice for an outcome that carries an HTTP status: 429 (rate limited) waits for Retry-After,
/// else for the rate-limit window to reset, else ONELOGIN_INVITE_RATE_LIMIT_WAIT_SECONDS; 408 and
/// 503, which prove the request did nothing, wait for Retry-After, else
/// ONELOGIN_INVITE_RETRY_WAIT_SECONDS; any other 5xx, and no status at all (the answer may have
/// been cut off), is Retry::check_first for a call that emails a person and Retry::later (with the
/// same wait) for one that does not; 401 asks for a new token; any other status, no retry.
ONELOGIN_INVITE_DEFERRED
RetryAdvice retry_advice_for_status(std::optional<int> http_status, const RateLimit& limits,
                                    CallEffect effect = CallEffect::emails_a_person);

namespace detail {

/// Advice for each kind of outcome; any type not named here (the successes, InvalidApiKey,
/// NoSuchUser, InvalidClientCredentials, InvalidRequest) is a definite answer.
template <typename Outcome>
RetryAdvice advice_for(const Outcome& /*outcome*/, const RateLimit& /*limits*/,
                       CallEffect /*effect*/) {
    return RetryAdvice{Retry::no, std::chrono::seconds(0), "a definite answer"};
}
ONELOGIN_INVITE_DEFERRED
RetryAdvice advice_for(const ApiError& error, const RateLimit& limits, CallEffect effect);
ONELOGIN_INVITE_DEFERRED
RetryAdvice advice_for(const MalformedResponse& malformed, const RateLimit& limits,
                       CallEffect effect);
ONELOGIN_INVITE_DEFERRED
RetryAdvice advice_for(const TransportError& error, const RateLimit& limits, CallEffect effect);
ONELOGIN_INVITE_DEFERRED
RetryAdvice advice_for(const InvalidAccessToken& refused, const RateLimit& limits,
                       CallEffect effect);
ONELOGIN_INVITE_DEFERRED
RetryAdvice advice_for(const BadRequest& refused, const RateLimit& limits, CallEffect effect);
ONELOGIN_INVITE_DEFERRED
RetryAdvice advice_for(const RateLimited& limited, const RateLimit& limits, CallEffect effect);
ONELOGIN_INVITE_DEFERRED
RetryAdvice advice_for(const InvalidClientCredentials& refused, const RateLimit& limits,
                       CallEffect effect);

}  // namespace detail

/// Whether sending the same request again can help, and after how long, for any outcome or result
/// of any call (a std::variant of the library's types). The waits come from the response's
/// Retry-After and rate-limit headers: those in `limits` when given, else those the outcome
/// carries (send_invite and the like fill them in from HttpResponse::headers). Never fails.
/// The call is known from the variant's type: for Send Invite Link (a variant that can hold
/// InviteSent) only an answer that proves the request did nothing (a 429, 503 or 408, a
/// TransportError with `request_sent` false) is Retry::later; a failure after which the invite may
/// be out (another 5xx, a 2xx with a broken body, no status, a connection lost after sending) is
/// Retry::check_first. For the calls that email nobody, any failure on the way is Retry::later.
template <typename... Outcomes>
RetryAdvice retry_advice(const std::variant<Outcomes...>& outcome, const RateLimit& limits = {}) {
    constexpr CallEffect effect = emails_a_person<std::variant<Outcomes...>>::value
                                      ? CallEffect::emails_a_person
                                      : CallEffect::emails_nobody;
    return std::visit(
        [&limits](const auto& held) { return detail::advice_for(held, limits, effect); }, outcome);
}

}  // namespace onelogin
