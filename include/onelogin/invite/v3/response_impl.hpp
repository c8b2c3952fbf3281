// onelogin-invite: how v3 response bodies are read: each call's parse function, the shared recipe
// (parse_response) with the call's success reader and v3's table of errors (v3_errors, in
// detail/response/known_errors.hpp).
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/response/invite_success.hpp>
#include <onelogin/invite/detail/response/read_response.hpp>
#include <onelogin/invite/v3/generate_invite.hpp>
#include <onelogin/invite/v3/send_invite.hpp>

#include <optional>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// An error body as a v3 call's `Outcome`, by v3_errors (known_errors.hpp).
template <typename Outcome>
Outcome v3_error(ApiError&& error, std::string_view body) {
    return typed_error<Outcome, void>(std::move(error), body, v3_errors);
}

}  // namespace onelogin::detail

namespace onelogin::v3 {

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE SendInviteOutcome
parse_send_invite_response(std::string_view body, std::optional<int> http_status) {
    return detail::parse_response<SendInviteOutcome>(body, http_status,
                                                     detail::invite_sent<SendInviteOutcome>,
                                                     detail::v3_error<SendInviteOutcome>);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE GenerateInviteOutcome
parse_generate_invite_response(std::string_view body, std::optional<int> http_status) {
    return detail::parse_response<GenerateInviteOutcome>(body, http_status,
                                                         detail::invite_link<GenerateInviteOutcome>,
                                                         detail::v3_error<GenerateInviteOutcome>);
}

}  // namespace onelogin::v3
