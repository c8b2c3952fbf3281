// onelogin-invite: the definitions of the API /1 Send Invite Link functions.
#pragma once

#include <onelogin/invite/api1/send_invite.hpp>
#include <onelogin/invite/api1/shared_impl.hpp>
#include <onelogin/invite/config.hpp>

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::api1 {

ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_send_invite_request(
    const SendInviteRequest& request, const Endpoint& endpoint) {
    const std::string* personal = request.personal_email ? &*request.personal_email : nullptr;
    const std::array<detail::JsonMember, 2> members{{
        {"email", request.email},
        {"personal_email", personal != nullptr ? std::string_view(*personal) : std::string_view()},
    }};
    return detail_api1::build_invite_request(
        request.access_token, members, personal != nullptr ? 2 : 1, endpoint, send_invite_path);
}

ONELOGIN_INVITE_INLINE SendInviteOutcome
parse_send_invite_response(std::string_view body, std::optional<int> http_status) {
    return detail_api1::read_invite_answer<SendInviteOutcome>(
        body, http_status, false, [](detail::StatusEnvelope& status) -> SendInviteOutcome {
            return detail::invite_sent_of(status);
        });
}

}  // namespace onelogin::api1
