// onelogin-invite: the definitions of the v3 Generate Invite Link functions.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/v3/generate_invite.hpp>
#include <onelogin/invite/v3/shared_impl.hpp>

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::v3 {

namespace detail_v3 {

/// make_generate_invite_request, to `base_url`; `check_base` is false only for default_base_url.
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> build_generate_invite(
    const GenerateInviteRequest& request, std::string_view base_url, bool check_base) {
    if (auto refused =
            check_v3_fields(request.api_key, request.email, nullptr, base_url, check_base)) {
        return std::move(*refused);
    }
    const std::array<detail::JsonMember, 3> members{{
        {"api_key", request.api_key},
        {"email", request.email},
        {},
    }};
    return build_v3_request(base_url, generate_invite_path, members, 2);
}

}  // namespace detail_v3

ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_generate_invite_request(
    const GenerateInviteRequest& request, const Endpoint& endpoint) {
    return detail_v3::build_generate_invite(request, endpoint.base_url, true);
}

ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_generate_invite_request(
    const GenerateInviteRequest& request) {
    return detail_v3::build_generate_invite(request, default_base_url, false);
}

ONELOGIN_INVITE_INLINE GenerateInviteOutcome
parse_generate_invite_response(std::string_view body, std::optional<int> http_status) {
    return detail_v3::read_v3_answer<GenerateInviteOutcome>(
        body, http_status, true, [&](detail::StatusEnvelope& status) {
            return detail::invite_link_of<GenerateInviteOutcome>(status, body, http_status);
        });
}

}  // namespace onelogin::v3
