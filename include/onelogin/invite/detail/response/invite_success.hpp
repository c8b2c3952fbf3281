// onelogin-invite: what the invite calls' successes hold, v3's and API /1's alike: the sent email's
// message and the address it names, or the generated link.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/response/body_problem.hpp>
#include <onelogin/invite/detail/response/json_body.hpp>
#include <onelogin/invite/detail/response/known_errors.hpp>
#include <onelogin/invite/detail/response/read_response.hpp>
#include <onelogin/invite/outcomes.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace onelogin::detail {

/// How a Send Invite Link success names the address the link went to.
inline constexpr std::string_view sent_prefix = "Email sent successfully to ";

/// The address in "Email sent successfully to <address>", or empty for any other message.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string recipient_of(std::string_view message) {
    if (message.size() <= sent_prefix.size() ||
        message.substr(0, sent_prefix.size()) != sent_prefix) {
        return {};
    }
    return std::string(message.substr(sent_prefix.size()));
}

/// A Send Invite Link success as `Outcome`: the InviteSent, or a MalformedResponse when the body
/// has no status envelope.
template <typename Outcome>
Outcome invite_sent(SuccessBody&& success, std::string_view body, std::optional<int> http_status) {
    if (!success.message) {
        return malformed(body, http_status, wrong_shape(std::string(no_status_envelope)));
    }
    std::string recipient = recipient_of(*success.message);
    return InviteSent{std::move(*success.message), std::move(recipient), http_status};
}

/// A Generate Invite Link success as `Outcome`: the InviteLink, the first string of the body's
/// "data" array; or a MalformedResponse when there is no status envelope or no link.
template <typename Outcome>
Outcome invite_link(SuccessBody&& success, std::string_view body, std::optional<int> http_status) {
    if (!success.message) {
        return malformed(body, http_status, wrong_shape(std::string(no_status_envelope)));
    }
    JsonBody& document = success.document;
    const JsonValue* data = document.member(document.root(), "data");
    JsonValue* link = data != nullptr ? document.first_element(*data) : nullptr;
    if (link == nullptr || link->type != JsonType::string || link->text.empty()) {
        return malformed(body, http_status, wrong_shape(std::string(no_invite_link)));
    }
    return InviteLink{std::move(*success.message), std::move(link->text), http_status};
}

}  // namespace onelogin::detail
