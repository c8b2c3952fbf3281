// onelogin-invite: the API /1 Generate Invite Link call, POST /api/1/invites/get_invite_link: the
// link itself, for you to deliver. Declarations only; the definitions are in request_impl.hpp
// and response_impl.hpp.
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

/// Whose link to make, on whose authority.
struct GenerateInviteRequest {
    std::string access_token;  ///< from the token exchange (a secret)
    std::string email;         ///< the user to invite
};

/// The path of the call, appended to the endpoint's base URL.
inline constexpr std::string_view generate_invite_path = "/api/1/invites/get_invite_link";

/// Every answer `parse_generate_invite_response` can give: Send Invite Link's, with the link in
/// place of the sent email.
using GenerateInviteOutcome = std::variant<InviteLink, NoSuchUser, InvalidAccessToken, BadRequest,
                                           RateLimited, ApiError, MalformedResponse>;

/// Builds the complete HTTP request, by Send Invite Link's rules (the same fields, checks, headers
/// and endpoint rules); bad input gives an InvalidRequest naming the field, never the token.
ONELOGIN_INVITE_DEFERRED
std::variant<HttpRequest, InvalidRequest> make_generate_invite_request(
    const GenerateInviteRequest& request, const Endpoint& endpoint);

/// Reads any response body into an outcome, by Send Invite Link's rules; a success must carry
/// the link as the first string of its "data" array, else it is a MalformedResponse.
ONELOGIN_INVITE_DEFERRED
GenerateInviteOutcome parse_generate_invite_response(std::string_view body,
                                                     std::optional<int> http_status = std::nullopt);

/// Everything `generate_invite` can give: an answer, a request refused before sending, or the
/// transport's failure.
using GenerateInviteResult = detail::call_result_t<GenerateInviteOutcome>;

/// Builds the request, hands it to `transport`, and reads the answer, in one call; the same
/// contract as send_invite, the access token masked in every text of the result.
template <typename Transport>
detail::when_called_t<GenerateInviteResult, Transport> generate_invite(
    const GenerateInviteRequest& request, Transport&& transport, const Endpoint& endpoint) {
    return detail::call_transport<GenerateInviteOutcome>(
        make_generate_invite_request(request, endpoint), std::forward<Transport>(transport),
        parse_generate_invite_response, request.access_token);
}

}  // namespace onelogin::api1
