// onelogin-invite: the definitions that build v3 requests: the field rules every v3 call applies,
// then the POST of its JSON body.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/request/field_rules.hpp>
#include <onelogin/invite/detail/request/post_request.hpp>
#include <onelogin/invite/v3/generate_invite.hpp>
#include <onelogin/invite/v3/send_invite.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// Checks the fields every v3 call sends: the API key, the email and, when given, the personal
/// email, in that order; then the base URL.
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_v3_fields(
    std::string_view api_key, std::string_view email, const std::optional<std::string>& personal,
    std::string_view base_url) {
    if (auto refused = check_token(api_key, RequestField::api_key)) return refused;
    if (auto refused = check_email(email, RequestField::email)) return refused;
    if (personal) {
        if (auto refused = check_email(*personal, RequestField::personal_email)) return refused;
    }
    return check_base_url(base_url);
}

}  // namespace onelogin::detail

namespace onelogin::v3 {

ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_send_invite_request(
    const SendInviteRequest& request, const Endpoint& endpoint) {
    if (auto refused = detail::check_v3_fields(request.api_key, request.email,
                                               request.personal_email, endpoint.base_url)) {
        return std::move(*refused);
    }
    nlohmann::ordered_json body = {{"api_key", request.api_key}, {"email", request.email}};
    if (request.personal_email) body["personal_email"] = *request.personal_email;
    return detail::make_post_request(detail::join_url(endpoint.base_url, send_invite_path), {},
                                     body);
}

ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_send_invite_request(
    const SendInviteRequest& request) {
    return make_send_invite_request(request, Endpoint{});
}

ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_generate_invite_request(
    const GenerateInviteRequest& request, const Endpoint& endpoint) {
    if (auto refused = detail::check_v3_fields(request.api_key, request.email, std::nullopt,
                                               endpoint.base_url)) {
        return std::move(*refused);
    }
    const nlohmann::ordered_json body = {{"api_key", request.api_key}, {"email", request.email}};
    return detail::make_post_request(detail::join_url(endpoint.base_url, generate_invite_path), {},
                                     body);
}

ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_generate_invite_request(
    const GenerateInviteRequest& request) {
    return make_generate_invite_request(request, Endpoint{});
}

}  // namespace onelogin::v3
