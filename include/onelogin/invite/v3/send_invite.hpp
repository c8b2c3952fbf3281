// onelogin-invite: the v3 Send Invite Link call, POST /api/v3/invites/send_invite_link.
// Declarations only; the definitions are in request_impl.hpp and response_impl.hpp.
#pragma once

#include <onelogin/invite/config.hpp>

#include <onelogin/invite/detail/call_transport.hpp>
#include <onelogin/invite/v3/endpoint.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::v3 {

/// What to send: whose invite, on whose authority.
struct SendInviteRequest {
    std::string api_key;                             ///< the account's v3 API key (a secret)
    std::string email;                               ///< the address of the user to invite
    std::optional<std::string> personal_email = {};  ///< send the link here instead, when set
};

/// The path of the call, appended to `Endpoint::base_url`.
inline constexpr std::string_view send_invite_path = "/api/v3/invites/send_invite_link";

/// Every answer `parse_send_invite_response` can give.
using SendInviteOutcome =
    std::variant<InviteSent, InvalidApiKey, NoSuchUser, RateLimited, ApiError, MalformedResponse>;

/// Builds the complete HTTP request: POST, URL, `Content-Type` and `Accept` headers, compact JSON
/// body. Bad input (an empty or malformed field, a non-https base URL) gives an InvalidRequest
/// naming the field; nothing throws, and no error text contains the API key.
ONELOGIN_INVITE_DEFERRED
std::variant<HttpRequest, InvalidRequest> make_send_invite_request(const SendInviteRequest& request,
                                                                   const Endpoint& endpoint);

/// The same, to OneLogin's own host (without building an Endpoint for it).
ONELOGIN_INVITE_DEFERRED
std::variant<HttpRequest, InvalidRequest> make_send_invite_request(
    const SendInviteRequest& request);

/// Reads any response body into an outcome. Pass the HTTP status when you have it: it is kept in
/// ApiError and MalformedResponse. Any bytes at all give a value; nothing throws.
ONELOGIN_INVITE_DEFERRED
SendInviteOutcome parse_send_invite_response(std::string_view body,
                                             std::optional<int> http_status = std::nullopt);

/// Everything `send_invite` can give: an answer, a request refused before sending, or the
/// transport's failure. One `std::visit` handles them all.
using SendInviteResult = detail::call_result_t<SendInviteOutcome>;

/// Builds the request, hands it to `transport`, and reads the answer, in one call. `transport`
/// is any callable taking `const HttpRequest&` and returning either `HttpResponse` or
/// `std::variant<HttpResponse, TransportError>`; it does the networking, the library does none.
/// Returns the InvalidRequest without calling `transport` when the request is refused. The API key
/// (8 bytes or more) is "****" in every text of the result, so that a server, proxy or transport
/// that echoes the request cannot hand it back.
template <typename Transport>
detail::when_called_t<SendInviteResult, Transport> send_invite(const SendInviteRequest& request,
                                                               Transport&& transport,
                                                               const Endpoint& endpoint = {}) {
    return detail::call_transport<SendInviteOutcome>(make_send_invite_request(request, endpoint),
                                                     std::forward<Transport>(transport),
                                                     parse_send_invite_response, request.api_key);
}

}  // namespace onelogin::v3
