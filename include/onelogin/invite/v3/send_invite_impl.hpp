// onelogin-invite: the definitions of the v3 Send Invite Link functions.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/body_sniffer.hpp>
#include <onelogin/invite/detail/json_writer.hpp>
#include <onelogin/invite/detail/status_envelope.hpp>
#include <onelogin/invite/detail/validate.hpp>
#include <onelogin/invite/detail/xml_error.hpp>
#include <onelogin/invite/v3/send_invite.hpp>

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::v3 {

namespace detail_v3 {

/// The message OneLogin sends when no user has the address.
inline constexpr std::string_view no_such_user_message = "No User exists for input email";
/// The XML error code for a rejected API key.
inline constexpr std::string_view invalid_api_key_code = "invalid_or_missing_api_key";
/// How the success message names the address the link went to.
inline constexpr std::string_view sent_prefix = "Email sent successfully to ";

/// The address in "Email sent successfully to <address>", or empty for any other message.
ONELOGIN_INVITE_INLINE std::string recipient_of(std::string_view message) {
    if (message.size() <= sent_prefix.size() ||
        message.substr(0, sent_prefix.size()) != sent_prefix)
        return {};
    return std::string(message.substr(sent_prefix.size()));
}

/// make_send_invite_request, to `base_url`; `check_base` is false only for default_base_url.
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> build_send_invite(
    const SendInviteRequest& request, std::string_view base_url, bool check_base) {
    if (auto refused = detail::check_token(request.api_key, RequestField::api_key))
        return std::move(*refused);
    if (auto refused = detail::check_email(request.email, RequestField::email))
        return std::move(*refused);
    if (request.personal_email) {
        if (auto refused =
                detail::check_email(*request.personal_email, RequestField::personal_email)) {
            return std::move(*refused);
        }
    }
    if (check_base) {
        if (auto refused = detail::check_base_url(base_url)) return std::move(*refused);
    }

    const std::array<detail::JsonMember, 3> members{{
        {"api_key", request.api_key},
        {"email", request.email},
        {"personal_email",
         request.personal_email ? std::string_view(*request.personal_email) : std::string_view()},
    }};
    const std::string_view base = detail::trim_trailing_slashes(base_url);
    HttpRequest http;
    http.method = "POST";
    http.url.reserve(base.size() + send_invite_path.size());
    http.url.append(base).append(send_invite_path);
    http.headers.reserve(2);  // moved in: an initializer list would copy every string
    http.headers.push_back(HttpHeader{"Content-Type", "application/json"});
    http.headers.push_back(HttpHeader{"Accept", "application/json"});
    http.body = detail::write_json_object(members, request.personal_email ? 3 : 2);
    return http;
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
    const auto malformed = [&](detail::BodyProblem&& problem) {
        return MalformedResponse{http_status, std::move(problem.detail), problem.offset,
                                 std::string(body)};
    };
    auto sniffed = detail::sniff_body(body);
    if (auto* problem = std::get_if<detail::BodyProblem>(&sniffed))
        return malformed(std::move(*problem));
    const auto& [syntax, text, offset] = *std::get_if<detail::SniffedBody>(&sniffed);

    if (syntax == detail::BodySyntax::xml) {
        auto read = detail::read_xml_error(text, offset);
        if (auto* problem = std::get_if<detail::BodyProblem>(&read))
            return malformed(std::move(*problem));
        auto& error = *std::get_if<detail::XmlError>(&read);
        if (error.code == detail_v3::invalid_api_key_code)
            return InvalidApiKey{std::move(error.message), std::move(error.code)};
        return ApiError{http_status,           std::nullopt,     {}, std::move(error.message),
                        std::move(error.code), std::string(body)};
    }

    auto read = detail::read_status_envelope(text, offset);
    if (auto* problem = std::get_if<detail::BodyProblem>(&read))
        return malformed(std::move(*problem));
    auto& status = *std::get_if<detail::StatusEnvelope>(&read);
    if (!status.error) {
        std::string recipient = detail_v3::recipient_of(status.message);
        return InviteSent{std::move(status.message), std::move(recipient)};
    }
    if (status.message == detail_v3::no_such_user_message)
        return NoSuchUser{std::move(status.message)};
    return ApiError{
        http_status, status.code,      std::move(status.type), std::move(status.message),
        {},          std::string(body)};
}

}  // namespace onelogin::v3
