// onelogin-invite: the definition of to_curl_command.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/curl_command.hpp>
#include <onelogin/invite/detail/response/json_body.hpp>
#include <onelogin/invite/detail/secret_masking.hpp>
#include <onelogin/invite/detail/ascii.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace onelogin {

namespace detail {

/// `text` as one POSIX shell word: in single quotes, each ' written as '\''.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string shell_quote(std::string_view text) {
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'') {
            quoted += "'\\''";
        } else {
            quoted += c;
        }
    }
    quoted += '\'';
    return quoted;
}

/// A secret header's value masked: "****", or for an Authorization header with a scheme word
/// ("Bearer", "Basic") that word and "****".
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string mask_header_value(std::string_view name,
                                                     std::string_view value) {
    const std::string_view scheme = value.substr(0, value.find(' '));
    const bool is_scheme_word =
        scheme.size() < value.size() && !scheme.empty() &&
        std::all_of(scheme.begin(), scheme.end(), [](char c) {
            const char l = ascii_lower(c);
            return (l >= 'a' && l <= 'z') || (c >= '0' && c <= '9') || c == '-';
        });
    if (find_ascii_nocase(name, "authorization") != npos && is_scheme_word) {
        return std::string(scheme) + " " + std::string(masked_secret);
    }
    return std::string(masked_secret);
}

/// True when a name says that what it names is a secret: it contains "secret", "key", "token",
/// "password" or "auth", in any case ("api_key", "client_secret", "X-Api-Key", "refresh_token").
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE bool names_a_secret(std::string_view name) noexcept {
    for (const std::string_view word : {"secret", "key", "token", "password", "auth"}) {
        if (find_ascii_nocase(name, word) != npos) return true;
    }
    return false;
}

/// True for a header whose value is a credential: Cookie, and any header whose name says secret,
/// key, token, password or auth, in any case (Authorization and Proxy-Authorization by "auth",
/// X-Api-Key, X-Auth-Token).
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE bool is_secret_header(std::string_view name) noexcept {
    return names_a_secret(name) || (name.size() == 6 && starts_with_ascii_nocase(name, "cookie"));
}

/// Replaces, at any depth of `value`, the value of every member whose name says it is a secret;
/// true if it replaced any. The depth is bounded by ONELOGIN_INVITE_MAX_JSON_DEPTH, as every
/// document the library reads is.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE bool mask_secret_members(nlohmann::json& value) {
    bool masked = false;
    if (value.is_object()) {
        for (auto& [name, member] : value.get_ref<nlohmann::json::object_t&>()) {
            if (names_a_secret(name)) {
                member = masked_secret;
                masked = true;
            } else {
                masked = mask_secret_members(member) || masked;
            }
        }
    } else if (value.is_array()) {
        for (auto& element : value.get_ref<nlohmann::json::array_t&>()) {
            masked = mask_secret_members(element) || masked;
        }
    }
    return masked;
}

/// `body` with the value of every member whose name says secret, key, token or password masked,
/// at any depth and whatever its type, written compactly by nlohmann/json (members in name order);
/// `body` itself when it has no such member; "****" whole when it cannot be read as JSON.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string mask_json_secrets(const std::string& body) {
    // Read first by the rules of a response body, so that the document masked and written below
    // is strict JSON nested no deeper than ONELOGIN_INVITE_MAX_JSON_DEPTH: masking and writing
    // recurse. (A name given twice in an array's later elements, which those rules let go, keeps
    // only its last value in nlohmann's document, masked like any other.)
    if (read_json_body(body, 0).problem) return std::string(masked_secret);
    const std::string_view text = body;
    nlohmann::json document = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    return mask_secret_members(document) ? document.dump() : body;
}

}  // namespace detail

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_curl_command(const HttpRequest& request, Secrets secrets) {
    const bool mask = secrets == Secrets::masked;
    std::string command = "curl -X " + detail::shell_quote(request.method);
    for (const HttpHeader& header : request.headers) {
        const std::string value = mask && detail::is_secret_header(header.name)
                                      ? detail::mask_header_value(header.name, header.value)
                                      : header.value;
        command += " -H " + detail::shell_quote(header.name + ": " + value);
    }
    if (!request.body.empty()) {
        command +=
            " --data-raw " +
            detail::shell_quote(mask ? detail::mask_json_secrets(request.body) : request.body);
    }
    command += " " + detail::shell_quote(request.url);
    return command;
}

}  // namespace onelogin
