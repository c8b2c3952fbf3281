// onelogin-invite: the definition of to_curl_command.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/curl_command.hpp>
#include <onelogin/invite/detail/response/json_document.hpp>
#include <onelogin/invite/detail/utf8.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

namespace onelogin {

namespace detail {

/// What a masked secret is shown as.
inline constexpr std::string_view masked_secret = "****";

/// `text` as one POSIX shell word: in single quotes, each ' written as '\''.
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

/// An Authorization value with its credentials masked: "bearer ****", or "****" without a scheme.
ONELOGIN_INVITE_INLINE std::string mask_authorization(std::string_view value) {
    const std::size_t space = value.find(' ');
    const std::string_view scheme = value.substr(0, space);
    const bool has_scheme =
        space != std::string_view::npos && scheme.find(':') == npos && scheme.find(',') == npos;
    return has_scheme ? std::string(scheme) + " " + std::string(masked_secret)
                      : std::string(masked_secret);
}

/// `body` with the values of its top-level secret members ("api_key", "client_secret") masked,
/// whatever their type, written compactly by nlohmann/json (members in name order); `body` itself
/// when it has no such member or is not a JSON object.
ONELOGIN_INVITE_INLINE std::string mask_json_secrets(const std::string& body) {
    auto read = read_json_document(body, 0);
    auto* document = std::get_if<nlohmann::json>(&read);
    if (document == nullptr || !document->is_object()) return body;
    bool masked = false;
    for (const char* secret : {"api_key", "client_secret"}) {
        if (const auto member = document->find(secret); member != document->end()) {
            *member = masked_secret;
            masked = true;
        }
    }
    return masked ? document->dump() : body;
}

/// True when `name` is "Authorization", in any case.
ONELOGIN_INVITE_INLINE bool is_authorization(std::string_view name) noexcept {
    return name.size() == 13 && starts_with_ascii_nocase(name, "authorization");
}

}  // namespace detail

ONELOGIN_INVITE_INLINE std::string to_curl_command(const HttpRequest& request, Secrets secrets) {
    const bool mask = secrets == Secrets::masked;
    std::string command = "curl -X " + detail::shell_quote(request.method);
    for (const HttpHeader& header : request.headers) {
        const std::string value = mask && detail::is_authorization(header.name)
                                      ? detail::mask_authorization(header.value)
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
