// What one answer means for its row: the one place bulk_invite's delivery rules live. A row's
// state follows the library's retry advice: only advice that the request did nothing (later)
// makes it not_sent, and so sent again; advice to check first (it may have been done) makes it
// unknown, never sent again on its own.
#pragma once

#include "../invite_cli.hpp"
#include "journal.hpp"

#include <onelogin/invite.hpp>

#include <chrono>
#include <optional>
#include <type_traits>
#include <variant>

namespace bulk {

/// What an answer means for its row.
struct Verdict {
    State state = State::unknown;
    invite_cli::Report report;
    bool credentials_refused = false;  ///< the API key, or (API /1) the access token
    bool rate_limited = false;         ///< a 429: hold every request until the row's retry
    bool wrong_endpoint = false;       ///< no invite call there: the run's base URL is wrong
    std::optional<std::chrono::seconds> after;  ///< the server's wait before a retry, when it
                                                ///< gave one (else the run's own backoff)
};

/// Decides a row's state from one outcome of any of the calls, by the library's retry advice:
/// the one place the delivery rules live. Only advice that the request did nothing (later) makes
/// a row not_sent; advice to check first (it may have been done) makes it unknown.
template <typename Outcome>
Verdict verdict_of(const Outcome& outcome, const onelogin::RateLimit& limits) {
    Verdict verdict;
    verdict.report = invite_cli::describe(outcome);
    const onelogin::RetryAdvice advice = onelogin::retry_advice(outcome, limits);
    if (limits.retry_after || limits.reset) verdict.after = advice.after;
    verdict.rate_limited = std::holds_alternative<onelogin::RateLimited>(outcome);
    if constexpr (std::is_constructible_v<Outcome, onelogin::InviteLink>) {
        if (const auto* link = std::get_if<onelogin::InviteLink>(&outcome)) {
            verdict.state = State::sent;
            verdict.report.words = link->link;  // the link's only copy
            return verdict;
        }
    }
    if constexpr (std::is_constructible_v<Outcome, onelogin::InvalidApiKey>) {
        if (std::holds_alternative<onelogin::InvalidApiKey>(outcome)) {
            verdict.state = State::not_sent;  // refused before it was read
            verdict.credentials_refused = true;
            return verdict;
        }
    }
    if (onelogin::is_success(outcome)) {
        verdict.state = State::sent;
        return verdict;
    }
    switch (advice.retry) {
        case onelogin::Retry::no: verdict.state = State::refused; break;
        case onelogin::Retry::later: verdict.state = State::not_sent; break;
        case onelogin::Retry::check_first: verdict.state = State::unknown; break;
        case onelogin::Retry::with_new_token:  // API /1: the token, refused unread
            verdict.state = State::not_sent;
            verdict.credentials_refused = true;
            break;
    }
    return verdict;
}

/// A call's outcomes plus the transport's failure: what one request of the call can end in.
template <typename Outcome>
struct WithTransportError;
template <typename... Outcomes>
struct WithTransportError<std::variant<Outcomes...>> {
    using type = std::variant<Outcomes..., onelogin::TransportError>;
};

/// Whether an HTTP status says the request reached no call at all: a redirect, OneLogin's "No
/// Route Exists" (404), a method not allowed. Nothing was done, and every request of the run
/// would get the same: the base URL is wrong, not the row.
bool reached_no_call(int http_status) {
    return (http_status >= 300 && http_status <= 399) || http_status == 404 || http_status == 405;
}

/// What the transport gave for one request, read as the outcome of `Outcome`'s call.
template <typename Outcome, typename Parse>
Verdict judge_as(const std::variant<onelogin::HttpResponse, onelogin::TransportError>& answer,
                 Parse parse) {
    if (const auto* failed = std::get_if<onelogin::TransportError>(&answer)) {
        return verdict_of(typename WithTransportError<Outcome>::type(*failed), {});
    }
    const auto& response = std::get<onelogin::HttpResponse>(answer);
    Verdict verdict = verdict_of(parse(response.body, response.status),
                                 onelogin::read_rate_limit(response.headers));
    if (reached_no_call(response.status)) {
        verdict.state = State::not_sent;
        verdict.wrong_endpoint = true;
        verdict.credentials_refused = false;
    }
    return verdict;
}

}  // namespace bulk
