// onelogin-invite: what every v3 call shares: the request rules and shape, and how an answer is
// read (the status envelope, the XML key error, no such user, everything else).
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/answer.hpp>
#include <onelogin/invite/detail/json_post.hpp>
#include <onelogin/invite/detail/validate.hpp>
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
    return detail::build_json_post(detail::join_url(detail::trim_trailing_slashes(base_url), path),
                                   {}, members, count);
}

/// Reads a v3 answer into `Outcome`, by the rules every v3 call shares (see detail::read_answer):
/// the XML key error is an InvalidApiKey and "No User exists for input email" a NoSuchUser.
template <typename Outcome, typename Success>
Outcome read_v3_answer(std::string_view body, std::optional<int> http_status, bool read_data,
                       Success&& success) {
    return detail::read_answer<Outcome>(
        body, http_status, read_data, std::forward<Success>(success),
        [](detail::XmlError& error) -> std::optional<Outcome> {
            if (error.code != invalid_api_key_code) return std::nullopt;
            return InvalidApiKey{std::move(error.message), std::move(error.code)};
        },
        [](detail::StatusEnvelope& status) -> std::optional<Outcome> {
            if (status.message != detail::no_such_user_message) return std::nullopt;
            return NoSuchUser{std::move(status.message)};
        });
}

}  // namespace onelogin::v3::detail_v3
