// onelogin-invite: what every v3 call shares: the request rules and shape, and how an answer is
// read (the status envelope, the XML key error, no such user, everything else).
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/body_sniffer.hpp>
#include <onelogin/invite/detail/json_writer.hpp>
#include <onelogin/invite/detail/status_envelope.hpp>
#include <onelogin/invite/detail/validate.hpp>
#include <onelogin/invite/detail/xml_error.hpp>
#include <onelogin/invite/http.hpp>
#include <onelogin/invite/invalid_request.hpp>
#include <onelogin/invite/outcomes.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::v3::detail_v3 {

/// The message OneLogin sends when no user has the address.
inline constexpr std::string_view no_such_user_message = "No User exists for input email";
/// The XML error code for a rejected API key.
inline constexpr std::string_view invalid_api_key_code = "invalid_or_missing_api_key";

/// Checks the fields every v3 call sends: the API key, the email and, when given, the personal
/// email, in that order; then the base URL when `check_base` (the default host needs no check).
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_v3_fields(
    std::string_view api_key, std::string_view email, const std::string* personal_email,
    std::string_view base_url, bool check_base) {
    if (auto refused = detail::check_token(api_key, RequestField::api_key)) return refused;
    if (auto refused = detail::check_email(email, RequestField::email)) return refused;
    if (personal_email != nullptr) {
        if (auto refused = detail::check_email(*personal_email, RequestField::personal_email)) {
            return refused;
        }
    }
    if (check_base) return detail::check_base_url(base_url);
    return std::nullopt;
}

/// A v3 request: POST of the first `count` members as compact JSON to `base_url` + `path`.
ONELOGIN_INVITE_INLINE HttpRequest
build_v3_request(std::string_view base_url, std::string_view path,
                 const std::array<detail::JsonMember, 3>& members, std::size_t count) {
    const std::string_view base = detail::trim_trailing_slashes(base_url);
    HttpRequest http;
    http.method = "POST";
    http.url.reserve(base.size() + path.size());
    http.url.append(base).append(path);
    http.headers.reserve(2);  // moved in: an initializer list would copy every string
    http.headers.push_back(HttpHeader{"Content-Type", "application/json"});
    http.headers.push_back(HttpHeader{"Accept", "application/json"});
    http.body = detail::write_json_object(members, count);
    return http;
}

/// A MalformedResponse for `body` and `http_status`, saying `problem`.
ONELOGIN_INVITE_INLINE MalformedResponse malformed(std::string_view body,
                                                   std::optional<int> http_status,
                                                   detail::BodyProblem&& problem) {
    return MalformedResponse{http_status, std::move(problem.detail), problem.offset,
                             std::string(body)};
}

/// Reads a v3 answer into `Outcome`, by the rules every v3 call shares. A success envelope goes to
/// `success(status)`, which makes the call's own outcome (or a MalformedResponse); `read_data`
/// asks for the top-level "data" strings as well.
template <typename Outcome, typename Success>
Outcome read_v3_answer(std::string_view body, std::optional<int> http_status, bool read_data,
                       Success&& success) {
    auto sniffed = detail::sniff_body(body);
    if (auto* problem = std::get_if<detail::BodyProblem>(&sniffed)) {
        return malformed(body, http_status, std::move(*problem));
    }
    const auto& [syntax, text, offset] = *std::get_if<detail::SniffedBody>(&sniffed);

    if (syntax == detail::BodySyntax::xml) {
        auto read = detail::read_xml_error(text, offset);
        if (auto* problem = std::get_if<detail::BodyProblem>(&read)) {
            return malformed(body, http_status, std::move(*problem));
        }
        auto& error = *std::get_if<detail::XmlError>(&read);
        if (error.code == invalid_api_key_code) {
            return InvalidApiKey{std::move(error.message), std::move(error.code)};
        }
        return ApiError{http_status,           std::nullopt,     {}, std::move(error.message),
                        std::move(error.code), std::string(body)};
    }

    auto read = detail::read_status_envelope(text, offset, read_data);
    if (auto* problem = std::get_if<detail::BodyProblem>(&read)) {
        return malformed(body, http_status, std::move(*problem));
    }
    auto& status = *std::get_if<detail::StatusEnvelope>(&read);
    if (!status.error) return success(status);
    if (status.message == no_such_user_message) return NoSuchUser{std::move(status.message)};
    return ApiError{
        http_status, status.code,      std::move(status.type), std::move(status.message),
        {},          std::string(body)};
}

}  // namespace onelogin::v3::detail_v3
