// onelogin-invite: one request and its response through the caller's transport, the body of
// send_invite, get_access_token and the other one-call helpers.
#pragma once

#include <onelogin/invite/config.hpp>

#include <onelogin/invite/http.hpp>
#include <onelogin/invite/invalid_request.hpp>
#include <onelogin/invite/outcomes.hpp>
#include <onelogin/invite/rate_limit.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// The result of a one-call helper: its parse function's outcomes, then InvalidRequest and
/// TransportError.
template <typename Outcome>
struct call_result;
template <typename... Outcomes>
struct call_result<std::variant<Outcomes...>> {
    using type = std::variant<Outcomes..., InvalidRequest, TransportError>;
};
template <typename Outcome>
using call_result_t = typename call_result<Outcome>::type;

/// `Result`, named through a one-call helper's `Transport`. A helper declared to return
/// `when_called_t<XResult, Transport>` returns XResult, but the variant is compiled where the
/// helper is called rather than in every file that includes the library (a return type that does
/// not depend on the template's parameters is compiled with the template's definition).
template <typename Result, typename Transport>
struct when_called {
    using type = Result;
};
template <typename Result, typename Transport>
using when_called_t = typename when_called<Result, Transport>::type;

/// True for the outcomes that carry the response's rate-limit headers, for retry_advice.
template <typename T, typename = void>
struct has_rate_limit : std::false_type {};
template <typename T>
struct has_rate_limit<T, std::void_t<decltype(std::declval<T&>().rate_limit)>> : std::true_type {};

/// Secrets shorter than this are not masked in outcomes: replacing every copy of a few bytes would
/// garble the server's words, and no credential OneLogin issues is that short.
inline constexpr std::size_t min_masked_secret_bytes = 8;

/// Replaces in `text` every copy of `secret`, as written and as a JSON string writes it, and a
/// start of it of at least min_masked_secret_bytes that ends `text` (a body cut at the size cap),
/// with "****". A `secret` shorter than min_masked_secret_bytes is left alone. Defined in
/// detail/secret_masking.hpp.
ONELOGIN_INVITE_DEFERRED
void mask_secret(std::string& text, std::string_view secret);

/// `outcome` with `secret` masked in each of its texts (those its `texts` function names: a type
/// without one does not compile in a one-call helper, so that no text of a new type is forgotten).
template <typename Outcome>
void mask_secret_in(Outcome& outcome, std::string_view secret) {
    std::apply([secret](auto&... text) { (mask_secret(text, secret), ...); }, texts(outcome));
}

/// Hands the built request to `transport` and reads its response with `parse` (the call's parse
/// function, given the body and the status), giving the call's result (call_result_t<Outcome>): the
/// InvalidRequest when the request was refused (without calling `transport`), the TransportError
/// when there was no answer, else the parsed outcome, given the response's rate-limit headers when
/// it carries them (RateLimited, ApiError, MalformedResponse). `transport` is any callable taking
/// `const HttpRequest&` and returning `HttpResponse` or `std::variant<HttpResponse,
/// TransportError>`.
template <typename Outcome, typename Transport>
call_result_t<Outcome> call_transport_unmasked(std::variant<HttpRequest, InvalidRequest>&& built,
                                               Transport&& transport,
                                               Outcome (*parse)(std::string_view body,
                                                                std::optional<int> http_status)) {
    using Result = call_result_t<Outcome>;
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
            using Held = std::decay_t<decltype(outcome)>;
            if constexpr (has_rate_limit<Held>::value) {
                outcome.rate_limit = read_rate_limit(response->headers);
            }
            return std::forward<decltype(outcome)>(outcome);
        },
        parse(response->body, response->status));
}

/// call_transport_unmasked, then each of `secrets` (the API key, access token or client secret the
/// request carries) masked in every text of the result: a server or proxy that echoes the request
/// into its answer, or a transport that quotes it in its error, does not hand a secret back.
template <typename Outcome, typename Transport, typename... Secrets>
call_result_t<Outcome> call_transport(std::variant<HttpRequest, InvalidRequest>&& built,
                                      Transport&& transport,
                                      Outcome (*parse)(std::string_view body,
                                                       std::optional<int> http_status),
                                      const Secrets&... secrets) {
    call_result_t<Outcome> result = call_transport_unmasked<Outcome>(
        std::move(built), std::forward<Transport>(transport), parse);
    std::visit([&secrets...](auto& held) { (mask_secret_in(held, secrets), ...); }, result);
    return result;
}

}  // namespace onelogin::detail
