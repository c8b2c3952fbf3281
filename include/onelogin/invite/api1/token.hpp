// onelogin-invite: the token calls. The token exchange, POST /auth/oauth2/v2/token: an API
// credential's client id and secret for the access token that API /1 calls carry; Revoke Token,
// POST /auth/oauth2/revoke, which ends a token; Get Rate Limit, GET /auth/rate_limit, the
// account's rate-limit status. Declarations only; the definitions are in request_impl.hpp and
// response_impl.hpp.
#pragma once

#include <onelogin/invite/config.hpp>

#include <onelogin/invite/api1/endpoint.hpp>
#include <onelogin/invite/detail/call_transport.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::api1 {

/// An API credential of the account (Developers > API Credentials), with "Manage All" scope for
/// the invite calls.
struct ClientCredentials {
    std::string client_id;
    std::string client_secret;  ///< a secret
};

/// The path of the call, appended to the endpoint's base URL.
inline constexpr std::string_view token_path = "/auth/oauth2/v2/token";

}  // namespace onelogin::api1

namespace onelogin::api1 {

/// Every answer `parse_token_response` can give.
using TokenOutcome = std::variant<AccessToken, InvalidClientCredentials, BadRequest, RateLimited,
                                  ApiError, MalformedResponse>;

/// Builds the complete HTTP request: POST, URL, `Authorization: client_id:<id>,
/// client_secret:<secret>`, `Content-Type` and `Accept` headers, and the body
/// {"grant_type":"client_credentials"}. Bad input (an empty id or secret, one with whitespace,
/// a comma or a byte that is not printable ASCII; a bad endpoint) gives an InvalidRequest naming
/// the field, never quoting it; to_curl_command masks the whole Authorization value.
ONELOGIN_INVITE_DEFERRED
std::variant<HttpRequest, InvalidRequest> make_token_request(const ClientCredentials& credentials,
                                                             const Endpoint& endpoint);

/// Reads any response body into an outcome: the token (which must have a non-empty
/// "access_token" string, a non-negative integer "expires_in" and a "token_type" string; the other
/// members, when present, must have their documented types), or an error in any shape and under
/// any status: a 401 is InvalidClientCredentials (the credentials were refused), a documented 400
/// message BadRequest, a 429 RateLimited, any other error ApiError, anything else
/// MalformedResponse. Details never quote a value, but a MalformedResponse keeps the whole body,
/// which may hold a token: log it with care.
ONELOGIN_INVITE_DEFERRED
TokenOutcome parse_token_response(std::string_view body,
                                  std::optional<int> http_status = std::nullopt);

/// Everything `get_access_token` can give: an answer, a request refused before sending, or the
/// transport's failure.
using TokenResult = detail::call_result_t<TokenOutcome>;

/// Builds the token request, hands it to `transport`, and reads the answer, in one call; the same
/// contract as send_invite, the client secret masked in every text of the result.
template <typename Transport>
detail::when_called_t<TokenResult, Transport> get_access_token(const ClientCredentials& credentials,
                                                               Transport&& transport,
                                                               const Endpoint& endpoint) {
    return detail::call_transport<TokenOutcome>(make_token_request(credentials, endpoint),
                                                std::forward<Transport>(transport),
                                                parse_token_response, credentials.client_secret);
}

/// What Revoke Token sends: the token to end, on the authority of the credential it was issued to.
struct RevokeTokenRequest {
    ClientCredentials credentials;  ///< the client id and secret that made the token
    std::string access_token;       ///< the token to revoke (a secret)
};

/// The path of Revoke Token, appended to the endpoint's base URL.
inline constexpr std::string_view revoke_token_path = "/auth/oauth2/revoke";

/// Every answer `parse_revoke_token_response` can give.
using RevokeTokenOutcome = std::variant<TokenRevoked, InvalidClientCredentials, BadRequest, NoRoute,
                                        RateLimited, ApiError, MalformedResponse>;

/// Builds the complete HTTP request: POST, URL, `Authorization: client_id:<id>,
/// client_secret:<secret>`, `Content-Type` and `Accept` headers, and the body
/// {"access_token":"<token>"}. Bad input (an id, secret or token that make_token_request or
/// make_send_invite_request would refuse; a bad endpoint) gives an InvalidRequest naming the field,
/// never quoting it; to_curl_command masks the Authorization value and the token.
ONELOGIN_INVITE_DEFERRED
std::variant<HttpRequest, InvalidRequest> make_revoke_token_request(
    const RevokeTokenRequest& request, const Endpoint& endpoint);

/// Reads any response body into an outcome: TokenRevoked for a success (the status envelope that
/// reports no error; under a 2xx status, any JSON body that reports none, as the SDKs decide on
/// the status alone); the documented 400 messages (content_type, access_token_missing,
/// authorization_missing) BadRequest; a 401 in any error shape InvalidClientCredentials; "No Route
/// Exists" NoRoute; a 429 RateLimited; any other error ApiError; anything else MalformedResponse.
ONELOGIN_INVITE_DEFERRED
RevokeTokenOutcome parse_revoke_token_response(std::string_view body,
                                               std::optional<int> http_status = std::nullopt);

/// Everything `revoke_token` can give: an answer, a request refused before sending, or the
/// transport's failure.
using RevokeTokenResult = detail::call_result_t<RevokeTokenOutcome>;

/// Builds the revoke request, hands it to `transport`, and reads the answer, in one call; the same
/// contract as send_invite, the client secret and the access token masked in every text of the
/// result. Revoking emails nobody: retry_advice says a failure on the way may be sent again.
template <typename Transport>
detail::when_called_t<RevokeTokenResult, Transport> revoke_token(const RevokeTokenRequest& request,
                                                                 Transport&& transport,
                                                                 const Endpoint& endpoint) {
    return detail::call_transport<RevokeTokenOutcome>(
        make_revoke_token_request(request, endpoint), std::forward<Transport>(transport),
        parse_revoke_token_response, request.credentials.client_secret, request.access_token);
}

/// What Get Rate Limit sends: the token whose account to ask about.
struct RateLimitRequest {
    std::string access_token;  ///< from the token exchange (a secret)
};

/// The path of Get Rate Limit, appended to the endpoint's base URL.
inline constexpr std::string_view rate_limit_path = "/auth/rate_limit";

/// Every answer `parse_rate_limit_response` can give.
using RateLimitOutcome = std::variant<RateLimitStatus, InvalidAccessToken, BadRequest, NoRoute,
                                      RateLimited, ApiError, MalformedResponse>;

/// Builds the complete HTTP request: GET, URL, `Authorization: bearer <token>` and `Accept`
/// headers, no body. Bad input (a token make_send_invite_request would refuse, a bad endpoint)
/// gives an InvalidRequest naming the field, never the token.
ONELOGIN_INVITE_DEFERRED
std::variant<HttpRequest, InvalidRequest> make_rate_limit_request(const RateLimitRequest& request,
                                                                  const Endpoint& endpoint);

/// Reads any response body into an outcome: RateLimitStatus for a success (the status envelope
/// that reports no error, with a "data" object, or an array whose first element is one, holding
/// "X-RateLimit-Limit", "X-RateLimit-Remaining" and "X-RateLimit-Reset" as integers of at least 0;
/// else MalformedResponse); "Authorization Information is incorrect" BadRequest; a 401 in any error
/// shape InvalidAccessToken; "No Route Exists" NoRoute; a 429 RateLimited; any other error
/// ApiError; anything else MalformedResponse.
ONELOGIN_INVITE_DEFERRED
RateLimitOutcome parse_rate_limit_response(std::string_view body,
                                           std::optional<int> http_status = std::nullopt);

/// Everything `get_rate_limit` can give: an answer, a request refused before sending, or the
/// transport's failure.
using RateLimitResult = detail::call_result_t<RateLimitOutcome>;

/// Asks for the account's rate-limit status in one call; the same contract as send_invite, the
/// access token masked in every text of the result. Asking emails nobody.
template <typename Transport>
detail::when_called_t<RateLimitResult, Transport> get_rate_limit(const RateLimitRequest& request,
                                                                 Transport&& transport,
                                                                 const Endpoint& endpoint) {
    return detail::call_transport<RateLimitOutcome>(
        make_rate_limit_request(request, endpoint), std::forward<Transport>(transport),
        parse_rate_limit_response, request.access_token);
}

}  // namespace onelogin::api1
