// onelogin-invite: the definition of mask_secret, with which the one-call helpers keep the secret
// they were handed out of the outcome they return.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/call_transport.hpp>
#include <onelogin/invite/detail/ascii.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace onelogin::detail {

/// What a masked secret is shown as.
inline constexpr std::string_view masked_secret = "****";

/// Replaces every copy of `form` in `text` with masked_secret, then a start of `form` of at least
/// min_masked_secret_bytes that ends `text`.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE void mask_form(std::string& text, std::string_view form) {
    if (form.size() < min_masked_secret_bytes) return;
    for (std::size_t pos = text.find(form); pos != npos; pos = text.find(form, pos)) {
        text.replace(pos, form.size(), masked_secret);
        pos += masked_secret.size();
    }
    const std::string_view view = text;
    for (std::size_t length = std::min(form.size() - 1, text.size());
         length >= min_masked_secret_bytes; --length) {
        if (view.substr(view.size() - length) == form.substr(0, length)) {
            text.replace(text.size() - length, length, masked_secret);
            return;
        }
    }
}

/// `secret` as the inside of a JSON string: as nlohmann/json writes it, with non-ASCII escaped
/// when `ascii_only`, and with each '/' escaped when `slash` (as PHP's json_encode writes it).
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string json_form(std::string_view secret, bool ascii_only, bool slash) {
    const nlohmann::json value = std::string(secret);
    const std::string written =
        value.dump(-1, ' ', ascii_only, nlohmann::json::error_handler_t::replace);
    std::string inside = written.substr(1, written.size() - 2);
    if (!slash) return inside;
    std::string escaped;
    for (const char c : inside) {
        if (c == '/') escaped += '\\';
        escaped += c;
    }
    return escaped;
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE void mask_secret(std::string& text, std::string_view secret) {
    if (secret.size() < min_masked_secret_bytes) return;
    mask_form(text, secret);
    const std::array<std::string, 4> forms{
        {json_form(secret, false, false), json_form(secret, true, false),
         json_form(secret, false, true), json_form(secret, true, true)}};
    for (const std::string& form : forms) {
        if (form != secret) mask_form(text, form);
    }
}

}  // namespace onelogin::detail
