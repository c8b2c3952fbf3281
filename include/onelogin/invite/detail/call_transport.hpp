// onelogin-invite: one request and its response through the caller's transport, the body of
// send_invite, get_access_token and the other one-call helpers.
#pragma once

#include <onelogin/invite/http.hpp>
#include <onelogin/invite/invalid_request.hpp>
#include <onelogin/invite/rate_limit.hpp>

#include <type_traits>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// True for the outcomes that carry the response's rate-limit headers, for retry_advice.
template <typename T, typename = void>
struct has_rate_limit : std::false_type {};
template <typename T>
struct has_rate_limit<T, std::void_t<decltype(std::declval<T&>().rate_limit)>> : std::true_type {};

/// Hands the built request to `transport` and reads its response with `parse`, giving `Result`:
/// the InvalidRequest when the request was refused (without calling `transport`), the
/// TransportError when there was no answer, else the parsed outcome, given the response's
/// rate-limit headers when it carries them (RateLimited, ApiError, MalformedResponse). `transport`
/// is any callable taking `const HttpRequest&` and returning `HttpResponse` or
/// `std::variant<HttpResponse, TransportError>`.
template <typename Result, typename Transport, typename Parse>
Result call_transport(std::variant<HttpRequest, InvalidRequest>&& built, Transport&& transport,
                      Parse&& parse) {
    if (auto* refused = std::get_if<InvalidRequest>(&built)) return std::move(*refused);
    const HttpRequest& http = std::get<HttpRequest>(built);

    using Returned = std::decay_t<std::invoke_result_t<Transport&, const HttpRequest&>>;
    static_assert(std::is_same_v<Returned, HttpResponse> ||
                      std::is_same_v<Returned, std::variant<HttpResponse, TransportError>>,
                  "the transport must return HttpResponse or "
                  "std::variant<HttpResponse, TransportError>");
    Returned returned = transport(http);
    const HttpResponse* response = nullptr;
    if constexpr (std::is_same_v<Returned, HttpResponse>) {
        response = &returned;
    } else {
        if (auto* failed = std::get_if<TransportError>(&returned)) return std::move(*failed);
        response = std::get_if<HttpResponse>(&returned);
    }
    return std::visit(
        [response](auto&& outcome) -> Result {
            using Outcome = std::decay_t<decltype(outcome)>;
            if constexpr (has_rate_limit<Outcome>::value) {
                outcome.rate_limit = read_rate_limit(response->headers);
            }
            return std::forward<decltype(outcome)>(outcome);
        },
        parse(*response));
}

}  // namespace onelogin::detail
