// onelogin-invite: the definitions that build v3 requests: the field rules every v3 call applies,
// then the POST of its JSON body.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/request/field_rules.hpp>
#include <onelogin/invite/detail/request/post_request.hpp>
#include <onelogin/invite/detail/url.hpp>
#include <onelogin/invite/v3/generate_invite.hpp>
#include <onelogin/invite/v3/send_invite.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// A v3 call: checks the API key, the email and, when given, the personal email, in that order,
/// then a base URL other than the default; then POSTs them as JSON to `base_url` + `path`.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_v3_request(
    const std::string& api_key, const std::string& email,
    const std::optional<std::string>& personal_email, std::string_view base_url,
    std::string_view path) {
    if (auto refused = check_visible_text(api_key, RequestField::api_key))
        return std::move(*refused);
    if (auto refused = check_email(email, RequestField::email)) return std::move(*refused);
    if (personal_email) {
        if (auto refused = check_email(*personal_email, RequestField::personal_email)) {
            return std::move(*refused);
        }
    }
    // The default base URL is the library's own, checked and in lower case already. A caller's is
    // checked, and the request sent, with its scheme and host in lower case: one spelling for all.
    std::string url = join_url(base_url, path);
    if (base_url != v3::default_base_url) {
        if (auto refused = check_base_url(lower_scheme_and_host(std::string(base_url)))) {
            return std::move(*refused);
        }
        url = lower_scheme_and_host(std::move(url));
    }
    nlohmann::json body;
    body["api_key"] = api_key;
    body["email"] = email;
    if (personal_email) body["personal_email"] = *personal_email;
    return make_post_request(std::move(url), {}, body);
}

}  // namespace onelogin::detail

namespace onelogin::v3 {

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_send_invite_request(
    const SendInviteRequest& request, const Endpoint& endpoint) {
    return detail::make_v3_request(request.api_key, request.email, request.personal_email,
                                   endpoint.base_url, send_invite_path);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_send_invite_request(
    const SendInviteRequest& request) {
    return detail::make_v3_request(request.api_key, request.email, request.personal_email,
                                   default_base_url, send_invite_path);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_generate_invite_request(
    const GenerateInviteRequest& request, const Endpoint& endpoint) {
    return detail::make_v3_request(request.api_key, request.email, std::nullopt, endpoint.base_url,
                                   generate_invite_path);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_generate_invite_request(
    const GenerateInviteRequest& request) {
    return detail::make_v3_request(request.api_key, request.email, std::nullopt, default_base_url,
                                   generate_invite_path);
}

}  // namespace onelogin::v3
