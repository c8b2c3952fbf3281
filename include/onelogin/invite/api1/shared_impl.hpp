// onelogin-invite: what every API /1 call shares: the endpoint and credential rules, the request
// shape, and how an error answer is typed.
#pragma once

#include <onelogin/invite/api1/common.hpp>
#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/answer.hpp>
#include <onelogin/invite/detail/json_post.hpp>
#include <onelogin/invite/detail/validate.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::api1::detail_api1 {

/// The message of API /1's 401, for a refused access token or client credentials.
inline constexpr std::string_view authentication_failure = "Authentication Failure";

/// The documented 400 messages, in the order of BadRequestReason.
inline constexpr std::array<std::string_view, 5> bad_request_messages{{
    "Authorization Information is incorrect",
    "Email Parameter is missing",
    "Email Input is in incorrect format",
    "Content Type is not specified or specified incorrectly. Content-Type header must be set to "
    "application/json",
    "Input JSON is not valid",
}};

/// The BadRequest for a documented 400 message, or nothing for any other message.
ONELOGIN_INVITE_INLINE std::optional<BadRequest> bad_request(std::string& message) {
    for (std::size_t i = 0; i < bad_request_messages.size(); ++i) {
        if (message == bad_request_messages[i]) {
            return BadRequest{static_cast<BadRequestReason>(i), std::move(message)};
        }
    }
    return std::nullopt;
}

/// Checks a credential that goes into an HTTP header: non-empty printable ASCII without spaces
/// and, when `no_comma`, without commas (they separate the token exchange's credentials).
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_header_credential(std::string_view value,
                                                                             RequestField field,
                                                                             bool no_comma) {
    if (value.empty()) return detail::refuse(field, "is empty");
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c == ' ' || c == '\t') {
            return detail::refuse(field, "contains whitespace" + detail::at_byte(i));
        }
        if (c >= 0x80) {
            return detail::refuse(field, "contains a byte that is not ASCII" + detail::at_byte(i));
        }
        if (c < 0x20 || c == 0x7F) {
            return detail::refuse(field, "contains a control character" + detail::at_byte(i));
        }
        if (c == ',' && no_comma) {
            return detail::refuse(field, "contains a comma" + detail::at_byte(i) +
                                             ", which the Authorization header cannot carry");
        }
    }
    return std::nullopt;
}

/// The longest DNS label.
inline constexpr std::size_t max_subdomain_bytes = 63;

/// Checks a subdomain: one DNS label of ASCII letters, digits and hyphens.
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_subdomain(std::string_view name) {
    constexpr RequestField field = RequestField::subdomain;
    if (name.empty()) return detail::refuse(field, "is empty");
    if (name.find('.') != detail::npos) {
        return detail::refuse(field,
                              "contains '.': give its first label only (acme for acme.onelogin.com)"
                              ", or a BaseUrl");
    }
    if (name.size() > max_subdomain_bytes) {
        return detail::refuse(
            field, "is " + std::to_string(name.size()) + " bytes long; a DNS label has at most 63");
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = detail::ascii_lower(name[i]);
        if ((c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-') {
            return detail::refuse(
                field, "has a character other than a letter, digit or hyphen" + detail::at_byte(i));
        }
    }
    if (name.front() == '-' || name.back() == '-') {
        return detail::refuse(field, "must not start or end with a hyphen");
    }
    return std::nullopt;
}

/// Checks an endpoint: the subdomain, or the base URL by v3's rule.
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_endpoint(const Endpoint& endpoint) {
    if (const auto* subdomain = std::get_if<Subdomain>(&endpoint)) {
        return check_subdomain(subdomain->name);
    }
    return detail::check_base_url(std::get_if<BaseUrl>(&endpoint)->url);
}

/// The URL of `path` at a checked `endpoint`, in one allocation.
ONELOGIN_INVITE_INLINE std::string url_of(const Endpoint& endpoint, std::string_view path) {
    if (const auto* subdomain = std::get_if<Subdomain>(&endpoint)) {
        constexpr std::string_view scheme = "https://";
        constexpr std::string_view domain = ".onelogin.com";
        std::string url;
        url.reserve(scheme.size() + subdomain->name.size() + domain.size() + path.size());
        url.append(scheme).append(subdomain->name).append(domain).append(path);
        return url;
    }
    return detail::join_url(detail::trim_trailing_slashes(std::get_if<BaseUrl>(&endpoint)->url),
                            path);
}

/// Builds an invite call: checks the token, the email, the personal email when given and the
/// endpoint, in that order, then POSTs the first `count` members with the bearer token.
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> build_invite_request(
    std::string_view access_token, const std::array<detail::JsonMember, 2>& members,
    std::size_t count, const Endpoint& endpoint, std::string_view path) {
    if (auto refused = check_header_credential(access_token, RequestField::access_token, false)) {
        return std::move(*refused);
    }
    if (auto refused = detail::check_email(members[0].value, RequestField::email)) {
        return std::move(*refused);
    }
    if (count > 1) {
        if (auto refused = detail::check_email(members[1].value, RequestField::personal_email)) {
            return std::move(*refused);
        }
    }
    if (auto refused = check_endpoint(endpoint)) return std::move(*refused);
    constexpr std::string_view scheme = "bearer ";
    std::string authorization;
    authorization.reserve(scheme.size() + access_token.size());
    authorization.append(scheme).append(access_token);
    return detail::build_json_post(url_of(endpoint, path), std::move(authorization), members,
                                   count);
}

/// Reads an invite call's answer into `Outcome`: "No User exists for input email" is a
/// NoSuchUser, the 401 an InvalidAccessToken, a documented 400 a BadRequest.
template <typename Outcome, typename Success>
Outcome read_invite_answer(std::string_view body, std::optional<int> http_status, bool read_data,
                           Success&& success) {
    return detail::read_answer<Outcome>(
        body, http_status, read_data, std::forward<Success>(success),
        [](detail::XmlError& /*error*/) -> std::optional<Outcome> { return std::nullopt; },
        [](detail::StatusEnvelope& status) -> std::optional<Outcome> {
            if (status.message == detail::no_such_user_message) {
                return NoSuchUser{std::move(status.message)};
            }
            if (status.message == authentication_failure) {
                return InvalidAccessToken{std::move(status.message)};
            }
            if (auto refused = bad_request(status.message)) return std::move(*refused);
            return std::nullopt;
        });
}

}  // namespace onelogin::api1::detail_api1
