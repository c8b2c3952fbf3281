// onelogin-invite: the typed error for a request that cannot be built.
#pragma once

#include <onelogin/invite/config.hpp>

#include <string>
#include <tuple>

namespace onelogin {

/// Which input of a request failed validation.
enum class RequestField {
    api_key,
    email,
    personal_email,
    base_url,
    access_token,   ///< API /1: the bearer token
    subdomain,      ///< API /1: the account's subdomain
    client_id,      ///< token exchange: the API credential's id
    client_secret,  ///< token exchange: the API credential's secret
};

/// The field's name as it appears in the API ("api_key", "email", ...).
constexpr const char* to_string(RequestField field) noexcept {
    switch (field) {
        case RequestField::api_key: return "api_key";
        case RequestField::email: return "email";
        case RequestField::personal_email: return "personal_email";
        case RequestField::base_url: return "base_url";
        case RequestField::access_token: return "access_token";
        case RequestField::subdomain: return "subdomain";
        case RequestField::client_id: return "client_id";
        case RequestField::client_secret: return "client_secret";
    }
    return "unknown";
}

/// A request that was refused before anything was built. `reason` names the field and the rule
/// it broke; it never quotes a value: not a secret (API key, access token, client secret), not an
/// address.
struct InvalidRequest {
    RequestField field;
    std::string reason;
};
/// InvalidRequest's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(InvalidRequest& refused) {
    return std::tie(refused.reason);
}

}  // namespace onelogin
