// onelogin-invite: the definitions of to_string for every outcome, result and advice.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/curl_command_impl.hpp>
#include <onelogin/invite/detail/secret_masking.hpp>
#include <onelogin/invite/detail/url.hpp>
#include <onelogin/invite/detail/ascii.hpp>
#include <onelogin/invite/detail/utf8.hpp>
#include <onelogin/invite/http_impl.hpp>
#include <onelogin/invite/print.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace onelogin {

namespace detail {

/// `text`, safe on any terminal and in any log: a backslash (and, `in_quotes`, a double quote) is
/// escaped; a control character (C0, DEL, C1), a bidirectional control, a line or paragraph
/// separator (U+2028, U+2029) and a byte that is not UTF-8 are written byte by byte as a
/// backslash, x and two hex digits.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string escaped(std::string_view text, bool in_quotes = false) {
    constexpr std::string_view hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t begin = pos;
        char32_t c = 0;
        if (!decode_utf8(text, pos, c) || is_control(c) || is_invisible_layout(c)) {
            const std::size_t end = pos > begin ? pos : begin + 1;  // one character, or one byte
            for (std::size_t i = begin; i < end; ++i) {
                const auto byte = static_cast<unsigned char>(text[i]);
                out += "\\x";
                out += hex[byte >> 4];
                out += hex[byte & 0x0Fu];
            }
            pos = end;
        } else if (c == '\\' || (c == '"' && in_quotes)) {
            out += '\\';
            out += static_cast<char>(c);
        } else {
            out.append(text.substr(begin, pos - begin));
        }
    }
    return out;
}

/// A URL as it may be printed: the scheme, host and port; then the whole path when `whole_path`,
/// else the path's first segment and every later segment as "****"; the query and the fragment as
/// "****". User information is dropped. A URL that is not absolute (`scheme://host...`) is "****"
/// whole.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string url_without_secrets(std::string_view url, bool whole_path) {
    const UrlParts parts = split_url(url);
    if (parts.scheme.empty() || parts.host.empty()) return std::string(masked_secret);
    std::string shown(parts.scheme);
    shown += "://";
    const bool ipv6 = parts.host.find(':') != npos;
    shown.append(ipv6 ? "[" : "").append(parts.host).append(ipv6 ? "]" : "");
    if (!parts.port.empty()) shown.append(":").append(parts.port);
    const std::string_view target = parts.target;
    const std::size_t query = target.find('?');
    const std::string_view path = target.substr(0, query);
    const std::size_t second = whole_path ? npos : path.find('/', 1);
    shown.append(path.substr(0, second));
    if (second != npos && path.size() > second + 1) shown.append("/").append(masked_secret);
    if (second != npos && path.size() == second + 1) shown.append("/");
    if (query != npos) shown.append("?").append(masked_secret);
    if (url.find('#') != npos) shown.append("#").append(masked_secret);
    return shown;
}

/// An invite link as it may be printed: the scheme, host, port and the path's first segment; every
/// later path segment, the query and the fragment, where a link carries its token, as "****"
/// ("https://acme.onelogin.com/password/****?****"). User information is dropped. A link that is
/// not an absolute URL (`scheme://host...`) is "****" whole.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string link_without_token(std::string_view link) {
    return url_without_secrets(link, false);
}

/// `text` escaped and in double quotes: how what the server wrote is printed.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string quoted(std::string_view text) {
    return "\"" + escaped(text, true) + "\"";
}

/// Appends `part` to `parts`, after ", " when `parts` has some already.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE void add_part(std::string& parts, std::string_view part) {
    if (!parts.empty()) parts += ", ";
    parts += part;
}

/// " (a, b)" for the parts, or nothing when there are none.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string in_parentheses(const std::string& parts) {
    return parts.empty() ? std::string() : " (" + parts + ")";
}

/// "HTTP 400" for a status, else empty.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string status_part(std::optional<int> http_status) {
    return http_status ? "HTTP " + std::to_string(*http_status) : std::string();
}

}  // namespace detail

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const InviteSent& sent) {
    const std::string to = sent.recipient.empty() ? "" : " to " + detail::quoted(sent.recipient);
    return "invite sent" + to + ": " + detail::quoted(sent.message);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const InviteLink& link) {
    return "invite link made: " + detail::quoted(detail::link_without_token(link.link));
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const InvalidApiKey& refused) {
    return "API key refused: " + detail::quoted(refused.message) + " (" +
           detail::quoted(refused.code) + ")";
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const NoSuchUser& missing) {
    return "no such user: " + detail::quoted(missing.message);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const InvalidAccessToken& refused) {
    return "access token refused: " + detail::quoted(refused.message);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const InvalidClientCredentials& refused) {
    return "client credentials refused: " + detail::quoted(refused.message);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const BadRequest& refused) {
    return std::string("bad request (") + to_string(refused.reason) +
           "): " + detail::quoted(refused.message);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const RateLimited& limited) {
    std::string text =
        "rate limited" + detail::in_parentheses(detail::status_part(limited.http_status));
    if (!limited.message.empty()) text += ": " + detail::quoted(limited.message);
    return text;
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const ApiError& error) {
    std::string parts = detail::status_part(error.http_status);
    if (error.status_code) detail::add_part(parts, "code " + std::to_string(*error.status_code));
    if (!error.type.empty()) detail::add_part(parts, "type " + detail::quoted(error.type));
    if (!error.error_code.empty()) {
        detail::add_part(parts, "error code " + detail::quoted(error.error_code));
    }
    if (!error.attribute.empty()) {
        detail::add_part(parts, "attribute " + detail::quoted(error.attribute));
    }
    return "API error" + detail::in_parentheses(parts) + ": " + detail::quoted(error.message);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const MalformedResponse& malformed) {
    std::string parts = detail::status_part(malformed.http_status);
    detail::add_part(parts, to_string(malformed.reason));
    if (malformed.offset) detail::add_part(parts, "at byte " + std::to_string(*malformed.offset));
    return "malformed response" + detail::in_parentheses(parts) + ": " +
           detail::escaped(malformed.detail) + "; body of " +
           std::to_string(malformed.body.size()) + " bytes not shown";
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const InvalidRequest& refused) {
    return std::string("invalid request (") + to_string(refused.field) +
           "): " + detail::escaped(refused.reason);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const TransportError& error) {
    return std::string(error.request_sent ? "no answer (the request may have reached the server): "
                                          : "not sent (the request never reached the server): ") +
           detail::escaped(error.message);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const RetryAdvice& advice) {
    const std::string after = " after " + std::to_string(advice.after.count()) + " s: ";
    switch (advice.retry) {
        case Retry::no: return "do not retry: " + std::string(advice.why);
        case Retry::later: return "retry" + after + std::string(advice.why);
        case Retry::with_new_token: return "retry with a new token: " + std::string(advice.why);
        case Retry::check_first:
            return "check before sending again" + after + std::string(advice.why);
    }
    return "retry " + std::string(to_string(advice.retry)) + after + std::string(advice.why);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const HttpRequest& request) {
    std::string text = detail::escaped(request.method) + " " +
                       detail::escaped(detail::url_without_secrets(request.url, true));
    for (const HttpHeader& header : request.headers) {
        const std::string value = detail::is_secret_header(header.name)
                                      ? detail::mask_header_value(header.name, header.value)
                                      : header.value;
        text += "; " + detail::escaped(header.name) + ": " + detail::escaped(value);
    }
    if (!request.body.empty())
        text += "; body " + detail::escaped(detail::mask_json_secrets(request.body));
    return text;
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const AccessToken& token) {
    std::string parts = detail::quoted(token.token_type);
    detail::add_part(parts, "expires in " + std::to_string(token.expires_in) + " s");
    if (!token.created_at.empty())
        detail::add_part(parts, "created " + detail::quoted(token.created_at));
    if (token.account_id) detail::add_part(parts, "account " + std::to_string(*token.account_id));
    return "access token (" + parts + "; token not shown)";
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const TokenRevoked& revoked) {
    return "token revoked" +
           (revoked.message.empty() ? "" : ": " + detail::quoted(revoked.message));
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const RateLimitStatus& status) {
    return "rate limit: " + std::to_string(status.remaining) + " of " +
           std::to_string(status.limit) + " calls left, reset in " + std::to_string(status.reset) +
           " s";
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string to_string(const NoRoute& missing) {
    return "no such route" + detail::in_parentheses(detail::status_part(missing.http_status)) +
           ": " + detail::quoted(missing.message);
}

}  // namespace onelogin
