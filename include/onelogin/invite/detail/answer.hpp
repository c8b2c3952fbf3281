// onelogin-invite: reading any response body into a call's outcome, by the rules every call
// shares: the body is sniffed, XML is read as an <error>, JSON as a status envelope; a success goes
// to the call, an error to the call's list of known errors, anything else is an ApiError or a
// MalformedResponse that keeps the whole body.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/body_problem.hpp>
#include <onelogin/invite/detail/body_sniffer.hpp>
#include <onelogin/invite/detail/status_envelope.hpp>
#include <onelogin/invite/detail/xml_error.hpp>
#include <onelogin/invite/outcomes.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// The message OneLogin sends, in v3 and API /1, when no user has the address.
inline constexpr std::string_view no_such_user_message = "No User exists for input email";

/// A MalformedResponse for `body` and `http_status`, saying `problem`.
ONELOGIN_INVITE_INLINE MalformedResponse malformed(std::string_view body,
                                                   std::optional<int> http_status,
                                                   BodyProblem&& problem) {
    return MalformedResponse{http_status, std::move(problem.detail), problem.offset,
                             std::string(body)};
}

/// Reads `body` into `Outcome`. A success envelope goes to `success(status)`, which makes the
/// call's own outcome (or a MalformedResponse); `read_data` asks for the top-level "data" strings
/// as well. An XML error goes to `known_xml(error)` and a JSON error to `known_json(status)`: each
/// returns the call's typed outcome for the errors it knows, or nothing, and then the error is an
/// ApiError.
template <typename Outcome, typename Success, typename KnownXml, typename KnownJson>
Outcome read_answer(std::string_view body, std::optional<int> http_status, bool read_data,
                    Success&& success, KnownXml&& known_xml, KnownJson&& known_json) {
    auto sniffed = sniff_body(body);
    if (auto* problem = std::get_if<BodyProblem>(&sniffed)) {
        return malformed(body, http_status, std::move(*problem));
    }
    const auto& [syntax, text, offset] = *std::get_if<SniffedBody>(&sniffed);

    if (syntax == BodySyntax::xml) {
        auto read = read_xml_error(text, offset);
        if (auto* problem = std::get_if<BodyProblem>(&read)) {
            return malformed(body, http_status, std::move(*problem));
        }
        auto& error = *std::get_if<XmlError>(&read);
        if (std::optional<Outcome> known = known_xml(error)) return std::move(*known);
        return ApiError{http_status,           std::nullopt,     {}, std::move(error.message),
                        std::move(error.code), std::string(body)};
    }

    auto read = read_status_envelope(text, offset, read_data);
    if (auto* problem = std::get_if<BodyProblem>(&read)) {
        return malformed(body, http_status, std::move(*problem));
    }
    auto& status = *std::get_if<StatusEnvelope>(&read);
    if (!status.error) return success(status);
    if (std::optional<Outcome> known = known_json(status)) return std::move(*known);
    return ApiError{
        http_status, status.code,      std::move(status.type), std::move(status.message),
        {},          std::string(body)};
}

/// How a Send Invite Link success names the address the link went to.
inline constexpr std::string_view sent_prefix = "Email sent successfully to ";

/// The address in "Email sent successfully to <address>", or empty for any other message.
ONELOGIN_INVITE_INLINE std::string recipient_of(std::string_view message) {
    if (message.size() <= sent_prefix.size() ||
        message.substr(0, sent_prefix.size()) != sent_prefix) {
        return {};
    }
    return std::string(message.substr(sent_prefix.size()));
}

/// The InviteSent of a Send Invite Link success.
ONELOGIN_INVITE_INLINE InviteSent invite_sent_of(StatusEnvelope& status) {
    std::string recipient = recipient_of(status.message);
    return InviteSent{std::move(status.message), std::move(recipient)};
}

/// The InviteLink of a Generate Invite Link success: the first string of its "data" array; a
/// MalformedResponse when there is none.
template <typename Outcome>
Outcome invite_link_of(StatusEnvelope& status, std::string_view body,
                       std::optional<int> http_status) {
    if (status.data.empty() || status.data.front().empty()) {
        return malformed(
            body, http_status,
            BodyProblem{"a success without a link: \"data\" has no first string", std::nullopt});
    }
    return InviteLink{std::move(status.message), std::move(status.data.front())};
}

}  // namespace onelogin::detail
