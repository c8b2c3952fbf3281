// onelogin-invite: the typed error for a request that cannot be built.
#pragma once

#include <string>

namespace onelogin {

/// Which input of a request failed validation.
enum class RequestField { api_key, email, personal_email, base_url };

/// The field's name as it appears in the API ("api_key", "email", ...).
constexpr const char* to_string(RequestField field) noexcept {
    switch (field) {
        case RequestField::api_key: return "api_key";
        case RequestField::email: return "email";
        case RequestField::personal_email: return "personal_email";
        case RequestField::base_url: return "base_url";
    }
    return "unknown";
}

/// A request that was refused before anything was built. `reason` names the field and the rule
/// it broke; it never quotes a secret (the API key) and never quotes the addresses.
struct InvalidRequest {
    RequestField field;
    std::string reason;
};

}  // namespace onelogin
