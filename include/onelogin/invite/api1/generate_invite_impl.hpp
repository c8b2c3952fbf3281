// onelogin-invite: the definitions of the API /1 Generate Invite Link functions.
#pragma once

#include <onelogin/invite/api1/generate_invite.hpp>
#include <onelogin/invite/api1/shared_impl.hpp>
#include <onelogin/invite/config.hpp>

#include <array>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::api1 {

ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_generate_invite_request(
    const GenerateInviteRequest& request, const Endpoint& endpoint) {
    const std::array<detail::JsonMember, 2> members{{{"email", request.email}, {}}};
    return detail_api1::build_invite_request(request.access_token, members, 1, endpoint,
                                             generate_invite_path);
}

ONELOGIN_INVITE_INLINE GenerateInviteOutcome
parse_generate_invite_response(std::string_view body, std::optional<int> http_status) {
    return detail_api1::read_invite_answer<GenerateInviteOutcome>(
        body, http_status, true, [&](detail::StatusEnvelope& status) {
            return detail::invite_link_of<GenerateInviteOutcome>(status, body, http_status);
        });
}

}  // namespace onelogin::api1
