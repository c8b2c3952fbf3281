// onelogin-invite: the definitions that build API /1 requests and the token exchange's: the
// endpoint and credential rules, then each call's request (a POST of its JSON body; Get Rate
// Limit's GET).
#pragma once

#include <onelogin/invite/api1/generate_invite.hpp>
#include <onelogin/invite/api1/send_invite.hpp>
#include <onelogin/invite/api1/token.hpp>
#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/request/field_rules.hpp>
#include <onelogin/invite/detail/request/post_request.hpp>
#include <onelogin/invite/detail/url.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// The longest DNS label.
inline constexpr std::size_t max_subdomain_bytes = 63;

/// Checks a subdomain: one DNS label of ASCII letters, digits and hyphens.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_subdomain(std::string_view name) {
    constexpr RequestField field = RequestField::subdomain;
    if (name.empty()) return refuse(field, "is empty");
    if (name.find('.') != npos) {
        return refuse(field,
                      "contains '.': give its first label only (acme for acme.onelogin.com), or a "
                      "BaseUrl");
    }
    if (name.size() > max_subdomain_bytes) {
        return refuse(
            field, "is " + std::to_string(name.size()) + " bytes long; a DNS label has at most 63");
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = ascii_lower(name[i]);
        if ((c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-') {
            return refuse(field,
                          "has a character other than a letter, digit or hyphen" + at_byte(i));
        }
    }
    if (name.front() == '-' || name.back() == '-') {
        return refuse(field, "must not start or end with a hyphen");
    }
    return std::nullopt;
}

/// Checks an API /1 endpoint: the subdomain, or the base URL by v3's rule.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_endpoint(
    const api1::Endpoint& endpoint) {
    if (const auto* subdomain = std::get_if<api1::Subdomain>(&endpoint)) {
        return check_subdomain(subdomain->name);
    }
    return check_base_url(lower_scheme_and_host(std::get<api1::BaseUrl>(endpoint).url));
}

/// The URL of `path` at a checked API /1 `endpoint`, its scheme and host in lower case.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string url_of(const api1::Endpoint& endpoint, std::string_view path) {
    if (const auto* subdomain = std::get_if<api1::Subdomain>(&endpoint)) {
        return lower_scheme_and_host(
            join_url("https://" + subdomain->name + ".onelogin.com", path));
    }
    return lower_scheme_and_host(join_url(std::get<api1::BaseUrl>(endpoint).url, path));
}

/// An invite call of API /1: checks the token, the email, the personal email when given and the
/// endpoint, in that order, then POSTs the body with the bearer token.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_api1_invite_request(
    const std::string& access_token, const std::string& email,
    const std::optional<std::string>& personal_email, const api1::Endpoint& endpoint,
    std::string_view path) {
    if (auto refused = check_header_credential(access_token, RequestField::access_token, false)) {
        return std::move(*refused);
    }
    if (auto refused = check_email(email, RequestField::email)) return std::move(*refused);
    if (personal_email) {
        if (auto refused = check_email(*personal_email, RequestField::personal_email)) {
            return std::move(*refused);
        }
    }
    if (auto refused = check_endpoint(endpoint)) return std::move(*refused);
    nlohmann::json body;
    body["email"] = email;
    if (personal_email) body["personal_email"] = *personal_email;
    return make_post_request(url_of(endpoint, path), "bearer " + access_token, body);
}

/// Checks a client id and secret, in that order (no whitespace, no comma: they are written into
/// one header).
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_client_credentials(
    const api1::ClientCredentials& credentials) {
    if (auto refused =
            check_header_credential(credentials.client_id, RequestField::client_id, true)) {
        return refused;
    }
    return check_header_credential(credentials.client_secret, RequestField::client_secret, true);
}

/// The Authorization value of the calls a client id and secret authorize.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string client_authorization(
    const api1::ClientCredentials& credentials) {
    return "client_id:" + credentials.client_id + ", client_secret:" + credentials.client_secret;
}

}  // namespace onelogin::detail

namespace onelogin::api1 {

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_send_invite_request(
    const SendInviteRequest& request, const Endpoint& endpoint) {
    return detail::make_api1_invite_request(request.access_token, request.email,
                                            request.personal_email, endpoint, send_invite_path);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_generate_invite_request(
    const GenerateInviteRequest& request, const Endpoint& endpoint) {
    return detail::make_api1_invite_request(request.access_token, request.email, std::nullopt,
                                            endpoint, generate_invite_path);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_token_request(
    const ClientCredentials& credentials, const Endpoint& endpoint) {
    if (auto refused = detail::check_client_credentials(credentials)) return std::move(*refused);
    if (auto refused = detail::check_endpoint(endpoint)) return std::move(*refused);
    nlohmann::json body;
    body["grant_type"] = "client_credentials";
    return detail::make_post_request(detail::url_of(endpoint, token_path),
                                     detail::client_authorization(credentials), body);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_revoke_token_request(
    const RevokeTokenRequest& request, const Endpoint& endpoint) {
    if (auto refused = detail::check_client_credentials(request.credentials)) {
        return std::move(*refused);
    }
    if (auto refused = detail::check_header_credential(request.access_token,
                                                       RequestField::access_token, false)) {
        return std::move(*refused);
    }
    if (auto refused = detail::check_endpoint(endpoint)) return std::move(*refused);
    nlohmann::json body;
    body["access_token"] = request.access_token;
    return detail::make_post_request(detail::url_of(endpoint, revoke_token_path),
                                     detail::client_authorization(request.credentials), body);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_rate_limit_request(
    const RateLimitRequest& request, const Endpoint& endpoint) {
    if (auto refused = detail::check_header_credential(request.access_token,
                                                       RequestField::access_token, false)) {
        return std::move(*refused);
    }
    if (auto refused = detail::check_endpoint(endpoint)) return std::move(*refused);
    return detail::make_get_request(detail::url_of(endpoint, rate_limit_path),
                                    "bearer " + request.access_token);
}

}  // namespace onelogin::api1
