// onelogin-invite: how v3 response bodies are read: the errors v3 documents and the outcome each
// gives, then the parse function of each call. To type another v3 error, add it to v3_error.
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

/// v3's documented errors, both sent with HTTP 400:
///   XML  <code>invalid_or_missing_api_key</code>          InvalidApiKey
///   JSON status.message "No User exists for input email"  NoSuchUser
/// Any other error the server sends stays the ApiError it was read as.
template <typename Outcome>
Outcome v3_error(ApiError&& error, std::string_view body) {
    if (error.error_code == "invalid_or_missing_api_key") {
        return InvalidApiKey{std::move(error.message), std::move(error.error_code)};
    }
    if (error.message == no_such_user_message) return NoSuchUser{std::move(error.message)};
    return keep_body(std::move(error), body);
}

}  // namespace onelogin::detail

namespace onelogin::v3 {

ONELOGIN_INVITE_INLINE SendInviteOutcome
parse_send_invite_response(std::string_view body, std::optional<int> http_status) {
    detail::ReadResponse read = detail::read_response(body, http_status);
    if (auto* success = std::get_if<detail::SuccessBody>(&read)) {
        return detail::invite_sent<SendInviteOutcome>(std::move(*success), body, http_status);
    }
    if (auto* error = std::get_if<ApiError>(&read)) {
        return detail::v3_error<SendInviteOutcome>(std::move(*error), body);
    }
    return detail::not_read_further<SendInviteOutcome>(std::move(read));
}

ONELOGIN_INVITE_INLINE GenerateInviteOutcome
parse_generate_invite_response(std::string_view body, std::optional<int> http_status) {
    detail::ReadResponse read = detail::read_response(body, http_status);
    if (auto* success = std::get_if<detail::SuccessBody>(&read)) {
        return detail::invite_link<GenerateInviteOutcome>(std::move(*success), body, http_status);
    }
    if (auto* error = std::get_if<ApiError>(&read)) {
        return detail::v3_error<GenerateInviteOutcome>(std::move(*error), body);
    }
    return detail::not_read_further<GenerateInviteOutcome>(std::move(read));
}

}  // namespace onelogin::v3
