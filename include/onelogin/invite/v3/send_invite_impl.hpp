// onelogin-invite: the definitions of the v3 Send Invite Link functions.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/v3/send_invite.hpp>
#include <onelogin/invite/v3/shared_impl.hpp>

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::v3 {

namespace detail_v3 {

/// make_send_invite_request, to `base_url`; `check_base` is false only for default_base_url.
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> build_send_invite(
    const SendInviteRequest& request, std::string_view base_url, bool check_base) {
    const std::string* personal = request.personal_email ? &*request.personal_email : nullptr;
    if (auto refused =
            check_v3_fields(request.api_key, request.email, personal, base_url, check_base)) {
        return std::move(*refused);
    }
    const std::array<detail::JsonMember, 3> members{{
        {"api_key", request.api_key},
        {"email", request.email},
        {"personal_email", personal != nullptr ? std::string_view(*personal) : std::string_view()},
    }};
    return build_v3_request(base_url, send_invite_path, members, personal != nullptr ? 3 : 2);
}

}  // namespace detail_v3

ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_send_invite_request(
    const SendInviteRequest& request, const Endpoint& endpoint) {
    return detail_v3::build_send_invite(request, endpoint.base_url, true);
}

ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_send_invite_request(
    const SendInviteRequest& request) {
    return detail_v3::build_send_invite(request, default_base_url, false);
}

ONELOGIN_INVITE_INLINE SendInviteOutcome
parse_send_invite_response(std::string_view body, std::optional<int> http_status) {
    return detail_v3::read_v3_answer<SendInviteOutcome>(
        body, http_status, false, [](detail::StatusEnvelope& status) -> SendInviteOutcome {
            return detail::invite_sent_of(status);
        });
}

}  // namespace onelogin::v3
