// onelogin-invite: the definitions of the retry advice.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/retry_advice.hpp>

#include <chrono>
#include <optional>

namespace onelogin {

namespace detail {

/// `retry` after `seconds`, at least 1 and at most ONELOGIN_INVITE_MAX_WAIT_SECONDS, saying `why`.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RetryAdvice wait_then(Retry retry, long long seconds, std::string_view why) {
    const long long most = ONELOGIN_INVITE_MAX_WAIT_SECONDS;
    return RetryAdvice{retry,
                       std::chrono::seconds(seconds < 1      ? 1
                                            : seconds > most ? most
                                                             : seconds),
                       why};
}

/// Retry::later after `seconds`, saying `why`.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RetryAdvice later(long long seconds, std::string_view why) {
    return wait_then(Retry::later, seconds, why);
}

/// The headers to go by: each of `given`'s, else the one `carried` by the outcome.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RateLimit either(const RateLimit& given, const RateLimit& carried) {
    return RateLimit{given.limit ? given.limit : carried.limit,
                     given.remaining ? given.remaining : carried.remaining,
                     given.reset ? given.reset : carried.reset,
                     given.retry_after ? given.retry_after : carried.retry_after};
}

}  // namespace detail

namespace detail {

/// Advice after a failure that may have left the request done: Retry::check_first for a call that
/// emails a person, else Retry::later; both after `seconds`.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RetryAdvice maybe_done(CallEffect effect, long long seconds,
                                              std::string_view why_check,
                                              std::string_view why_later) {
    if (effect == CallEffect::emails_a_person)
        return wait_then(Retry::check_first, seconds, why_check);
    return later(seconds, why_later);
}

}  // namespace detail

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RetryAdvice retry_advice_for_status(std::optional<int> http_status,
                                                           const RateLimit& limits,
                                                           CallEffect effect) {
    const long long wait = limits.retry_after.value_or(ONELOGIN_INVITE_RETRY_WAIT_SECONDS);
    if (!http_status) {
        return detail::maybe_done(
            effect, wait,
            "no HTTP status: the answer may have been cut off after the invite went out; look in "
            "OneLogin before sending it again",
            "no HTTP status: the answer may have been cut off");
    }
    const int status = *http_status;
    if (status == 429) return detail::advice_for(RateLimited{}, limits, effect);
    if (status == 408 || status == 503) {
        return detail::later(wait, "the server did not take the request, for now");
    }
    if (status >= 500 && status <= 599) {
        return detail::maybe_done(
            effect, wait,
            "the server or a gateway failed, perhaps after the invite went out; look in OneLogin "
            "before sending it again",
            "the server or a proxy failed for now");
    }
    if (status == 401) {
        return RetryAdvice{Retry::with_new_token, std::chrono::seconds(0),
                           "the credentials were refused"};
    }
    return RetryAdvice{Retry::no, std::chrono::seconds(0), "a definite answer"};
}

namespace detail {

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RetryAdvice advice_for(const ApiError& error, const RateLimit& limits,
                                              CallEffect effect) {
    std::optional<int> status = error.http_status;
    if (!status && error.status_code && *error.status_code >= 100 && *error.status_code <= 599) {
        status = static_cast<int>(*error.status_code);
    }
    if (!status) return RetryAdvice{Retry::no, std::chrono::seconds(0), "a definite answer"};
    return retry_advice_for_status(status, either(limits, error.rate_limit), effect);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RetryAdvice advice_for(const MalformedResponse& malformed,
                                              const RateLimit& limits, CallEffect effect) {
    const RateLimit headers = either(limits, malformed.rate_limit);
    if (malformed.http_status && *malformed.http_status >= 200 && *malformed.http_status <= 299) {
        return maybe_done(effect, headers.retry_after.value_or(ONELOGIN_INVITE_RETRY_WAIT_SECONDS),
                          "a success status with a broken body: the invite may be out; look in "
                          "OneLogin before sending it again",
                          "a success status with a broken body");
    }
    return retry_advice_for_status(malformed.http_status, headers, effect);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RetryAdvice advice_for(const TransportError& error, const RateLimit& limits,
                                              CallEffect effect) {
    const long long wait = limits.retry_after.value_or(ONELOGIN_INVITE_RETRY_WAIT_SECONDS);
    if (!error.request_sent) {
        return later(wait, "the request never reached the server: sending it again is safe");
    }
    return maybe_done(effect, wait,
                      "no answer, but the request may have reached the server: look in OneLogin "
                      "before sending it again",
                      "no answer; the call emails nobody, so sending it again is harmless");
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RetryAdvice advice_for(const InvalidAccessToken& /*refused*/,
                                              const RateLimit& /*limits*/, CallEffect /*effect*/) {
    return RetryAdvice{Retry::with_new_token, std::chrono::seconds(0),
                       "the access token was refused"};
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RetryAdvice advice_for(const RateLimited& limited, const RateLimit& limits,
                                              CallEffect /*effect*/) {
    const RateLimit headers = either(limits, limited.rate_limit);
    if (headers.retry_after) return later(*headers.retry_after, "rate limited");
    return later(headers.reset.value_or(ONELOGIN_INVITE_RATE_LIMIT_WAIT_SECONDS), "rate limited");
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RetryAdvice advice_for(const InvalidClientCredentials& /*refused*/,
                                              const RateLimit& /*limits*/, CallEffect /*effect*/) {
    return RetryAdvice{Retry::no, std::chrono::seconds(0),
                       "the client credentials were refused: a new token cannot help"};
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RetryAdvice advice_for(const BadRequest& refused,
                                              const RateLimit& /*limits*/, CallEffect /*effect*/) {
    if (refused.reason == BadRequestReason::authorization_incorrect) {
        return RetryAdvice{Retry::with_new_token, std::chrono::seconds(0),
                           "the Authorization header was refused"};
    }
    return RetryAdvice{Retry::no, std::chrono::seconds(0), "the request was refused"};
}

}  // namespace detail

}  // namespace onelogin
