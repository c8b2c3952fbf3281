// onelogin-invite: the API /1 Send Invite Link call, POST /api/1/invites/send_invite_link.
// Declarations only; the definitions are in request_impl.hpp and response_impl.hpp.
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

/// What to send: whose invite, on whose authority.
struct SendInviteRequest {
    std::string access_token;                        ///< from the token exchange (a secret)
    std::string email;                               ///< the user to invite; OneLogin matches it
                                                     ///< case-sensitively
    std::optional<std::string> personal_email = {};  ///< send the link here instead, when set
};

/// The path of the call, appended to the endpoint's base URL.
inline constexpr std::string_view send_invite_path = "/api/1/invites/send_invite_link";

/// Every answer `parse_send_invite_response` can give. Its alternatives are v3's, less
/// InvalidApiKey, plus InvalidAccessToken and BadRequest.
using SendInviteOutcome = std::variant<InviteSent, NoSuchUser, InvalidAccessToken, BadRequest,
                                       RateLimited, ApiError, MalformedResponse>;

/// Builds the complete HTTP request: POST, URL, `Authorization: bearer <token>`, `Content-Type`
/// and `Accept` headers, compact JSON body. Bad input (an empty or malformed token or address, a
/// bad subdomain or base URL) gives an InvalidRequest naming the field; nothing throws, and no
/// error text contains the token.
ONELOGIN_INVITE_DEFERRED
std::variant<HttpRequest, InvalidRequest> make_send_invite_request(const SendInviteRequest& request,
                                                                   const Endpoint& endpoint);

/// Reads any response body into an outcome: the documented success, no user for the address
/// (NoSuchUser), each documented 400 message (BadRequest), a 401 in any error shape
/// (InvalidAccessToken), a 429 (RateLimited); any other error an ApiError, anything that is not an
/// answer a MalformedResponse. Nothing throws.
ONELOGIN_INVITE_DEFERRED
SendInviteOutcome parse_send_invite_response(std::string_view body,
                                             std::optional<int> http_status = std::nullopt);

/// Everything `send_invite` can give: an answer, a request refused before sending, or the
/// transport's failure.
using SendInviteResult = detail::call_result_t<SendInviteOutcome>;

/// Builds the request, hands it to `transport`, and reads the answer, in one call; the same
/// contract as v3::send_invite, the access token masked in every text of the result.
template <typename Transport>
detail::when_called_t<SendInviteResult, Transport> send_invite(const SendInviteRequest& request,
                                                               Transport&& transport,
                                                               const Endpoint& endpoint) {
    return detail::call_transport<SendInviteOutcome>(
        make_send_invite_request(request, endpoint), std::forward<Transport>(transport),
        parse_send_invite_response, request.access_token);
}

}  // namespace onelogin::api1
