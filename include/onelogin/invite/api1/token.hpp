// onelogin-invite: the token exchange, POST /auth/oauth2/v2/token: an API credential's client id
// and secret for the access token that API /1 calls carry. Declarations only; the definitions are
// in request_impl.hpp and response_impl.hpp.
#pragma once

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
std::variant<HttpRequest, InvalidRequest> make_token_request(const ClientCredentials& credentials,
                                                             const Endpoint& endpoint);

/// Reads any response body into an outcome: the token (which must have a non-empty
/// "access_token" string, a non-negative integer "expires_in" and a "token_type" string; the other
/// members, when present, must have their documented types), or an error in any shape and under
/// any status: a 401 is InvalidClientCredentials (the credentials were refused), a documented 400
/// message BadRequest, a 429 RateLimited, any other error ApiError, anything else
/// MalformedResponse. Details never quote a value, but a MalformedResponse keeps the whole body,
/// which may hold a token: log it with care.
TokenOutcome parse_token_response(std::string_view body,
                                  std::optional<int> http_status = std::nullopt);

/// Everything `get_access_token` can give: an answer, a request refused before sending, or the
/// transport's failure.
using TokenResult = detail::call_result_t<TokenOutcome>;

/// Builds the token request, hands it to `transport`, and reads the answer, in one call; the same
/// contract as send_invite, the client secret masked in every text of the result.
template <typename Transport>
TokenResult get_access_token(const ClientCredentials& credentials, Transport&& transport,
                             const Endpoint& endpoint) {
    return detail::call_transport<TokenResult>(
        make_token_request(credentials, endpoint), std::forward<Transport>(transport),
        [](const HttpResponse& response) {
            return parse_token_response(response.body, response.status);
        },
        credentials.client_secret);
}

}  // namespace onelogin::api1
