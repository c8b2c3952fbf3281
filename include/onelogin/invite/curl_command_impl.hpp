// onelogin-invite: the definition of to_curl_command.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/curl_command.hpp>
#include <onelogin/invite/detail/json_reader.hpp>
#include <onelogin/invite/detail/utf8.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
/// whatever their type; `body` itself when it is not a JSON object. Everything else is kept
/// byte for byte.
ONELOGIN_INVITE_INLINE std::string mask_json_secrets(const std::string& body) {
    if (body.find('\0') != npos || find_invalid_utf8(body) != npos) return body;
    JsonReader reader(body, 0);
    if (reader.next() != JsonToken::object_begin) return body;
    std::vector<std::pair<std::size_t, std::size_t>> secrets;  // [begin, end) of each value
    while (true) {
        JsonToken token = reader.next();
        if (token == JsonToken::object_end) break;
        if (token != JsonToken::key) return body;
        const bool secret = reader.raw_equals("api_key") || reader.raw_equals("client_secret");
        token = reader.next();
        const std::size_t begin = reader.token_begin();
        if (!reader.skip(token)) return body;
        if (secret) secrets.emplace_back(begin, reader.token_end());
    }
    if (reader.next() != JsonToken::end) return body;
    std::string masked;
    std::size_t copied = 0;
    for (const auto& [begin, end] : secrets) {
        masked.append(body, copied, begin - copied);
        masked += '"';
        masked += masked_secret;
        masked += '"';
        copied = end;
    }
    return masked.append(body, copied, std::string::npos);
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
