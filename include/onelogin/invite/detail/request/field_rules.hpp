// onelogin-invite: the rules a request's fields must meet before anything is built.
// No message quotes the value it refuses: keys, tokens and secrets are secret, and addresses are
// personal data.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/url.hpp>
#include <onelogin/invite/detail/ascii.hpp>
#include <onelogin/invite/detail/utf8.hpp>
#include <onelogin/invite/invalid_request.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace onelogin::detail {

/// The longest address the library accepts, in bytes (RFC 5321's path limit less the brackets).
inline constexpr std::size_t max_email_bytes = 254;

/// An InvalidRequest for `field`, its reason "<field> <what>".
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE InvalidRequest refuse(RequestField field, std::string_view what) {
    std::string reason = to_string(field);
    reason += ' ';
    reason += what;
    return InvalidRequest{field, std::move(reason)};
}

/// " at byte N", for messages that point into a value without quoting it.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string at_byte(std::size_t offset) {
    return " at byte " + std::to_string(offset);
}

/// Checks that `value` is non-empty UTF-8 with no whitespace, no control characters, no
/// bidirectional controls and no invisible format characters (which would make it read otherwise
/// than it is).
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_visible_text(std::string_view value,
                                                                        RequestField field) {
    if (value.empty()) return refuse(field, "is empty");
    std::size_t pos = 0;
    while (pos < value.size()) {
        // Printable ASCII, most of any key or address, eight bytes at a time, then one by one.
        if (value.size() - pos >= 8) {
            std::uint64_t word = 0;
            std::memcpy(&word, &value[pos], sizeof word);
            if (all_printable_ascii(word)) {
                pos += 8;
                continue;
            }
        }
        const auto byte = static_cast<unsigned char>(value[pos]);
        if (byte > 0x20 && byte < 0x7F) {
            ++pos;
            continue;
        }
        const std::size_t start = pos;
        char32_t c = 0;
        if (!decode_utf8(value, pos, c))
            return refuse(field, "is not valid UTF-8" + at_byte(start));
        if (is_unicode_space(c)) return refuse(field, "contains whitespace" + at_byte(start));
        if (is_control(c)) return refuse(field, "contains a control character" + at_byte(start));
        if (is_invisible_layout(c)) {
            return refuse(field, "contains a bidirectional control character" + at_byte(start));
        }
        if (is_invisible_format(c)) {
            return refuse(field, "contains an invisible character" + at_byte(start));
        }
    }
    return std::nullopt;
}

/// True for an ASCII character an unquoted local part cannot hold: RFC 5322's specials that end or
/// split an address (`<>[]:;,\"`, `@`) and whitespace. The comment brackets `(` `)` are let
/// through: some mail systems read them as a comment and strip it.
constexpr bool splits_address(char c) noexcept {
    return c == '<' || c == '>' || c == '[' || c == ']' || c == ':' || c == ';' || c == ',' ||
           c == '\\' || c == '"' || c == '@' || c == ' ' || c == '\t';
}

/// Checks an address's domain by RFC 5321's Domain, extended by RFC 6531 to UTF-8 labels:
/// dot-separated labels, none empty, of ASCII letters, digits and hyphens, or any non-ASCII
/// character. No address literal ([192.0.2.1]), no trailing dot. `offset` is the domain's offset
/// in the address, for the message.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_email_domain(std::string_view domain,
                                                                        std::size_t offset,
                                                                        RequestField field) {
    if (domain.empty()) return refuse(field, "has an empty domain");
    if (domain.find('@') != npos) return refuse(field, "has more than one '@'");
    bool label_start = true;
    for (std::size_t i = 0; i < domain.size(); ++i) {
        const char c = domain[i];
        if (c == '.') {
            if (label_start)
                return refuse(field, "has an empty domain label" + at_byte(offset + i));
            label_start = true;
            continue;
        }
        label_start = false;
        const char l = ascii_lower(c);
        const bool ok = (l >= 'a' && l <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                        static_cast<unsigned char>(c) >= 0x80;
        if (!ok) {
            return refuse(field, "has a character no mail domain has" + at_byte(offset + i) +
                                     " (a domain has letters, digits, hyphens and dots)");
        }
    }
    if (label_start) return refuse(field, "has an empty domain label at its end");
    return std::nullopt;
}

/// Checks an email address: a token of at most 254 bytes with a non-empty local part, an `@` and
/// a domain. An unquoted local part has no character of splits_address (RFC 5322's dot-atom
/// less the comment brackets, any non-ASCII UTF-8 allowed by RFC 6532); a quoted one
/// ("a@b"\@example.com) may hold any of them but whitespace, which is refused even inside quotes.
/// The domain follows check_email_domain. So `Ada;ada\@example.com;Ops`, a spreadsheet row pasted
/// whole, is refused.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_email(std::string_view value,
                                                                 RequestField field) {
    if (auto refused = check_visible_text(value, field)) return refused;
    if (value.size() > max_email_bytes) {
        return refuse(field, "is " + std::to_string(value.size()) +
                                 " bytes long; an address has at most 254");
    }
    std::size_t at = npos;
    if (value.front() == '"') {
        std::size_t i = 1;
        while (i < value.size() && value[i] != '"')
            i += value[i] == '\\' ? std::size_t{2} : std::size_t{1};
        if (i >= value.size()) return refuse(field, "has an unterminated quoted local part");
        if (i == 1) return refuse(field, "has an empty local part");
        at = i + 1;
        if (at >= value.size() || value[at] != '@') {
            return refuse(field, "has no '@' right after its quoted local part");
        }
    } else {
        at = value.find('@');
        if (at == npos) return refuse(field, "has no '@'");
        if (at == 0) return refuse(field, "has an empty local part");
        for (std::size_t i = 0; i < at; ++i) {
            if (splits_address(value[i])) {
                return refuse(field, "has a character an unquoted local part cannot have" +
                                         at_byte(i) + " (one of <>[]:;,\\\")");
            }
        }
    }
    return check_email_domain(value.substr(at + 1), at + 1, field);
}

/// Checks a credential that goes into an HTTP header (an access token, a client id or secret):
/// non-empty printable ASCII without spaces and, when `no_comma`, without commas (they separate
/// the token exchange's credentials).
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_header_credential(std::string_view value,
                                                                             RequestField field,
                                                                             bool no_comma) {
    if (value.empty()) return refuse(field, "is empty");
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c == ' ' || c == '\t') return refuse(field, "contains whitespace" + at_byte(i));
        if (c >= 0x80) return refuse(field, "contains a byte that is not ASCII" + at_byte(i));
        if (c < 0x20 || c == 0x7F) {
            return refuse(field, "contains a control character" + at_byte(i));
        }
        if (c == ',' && no_comma) {
            return refuse(field, "contains a comma" + at_byte(i) +
                                     ", which the Authorization header cannot carry");
        }
    }
    return std::nullopt;
}

/// Checks a base URL: printable ASCII, `https://` (or `http://` to a loopback host), a host and
/// an optional port, an optional path; no credentials, query or fragment.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<InvalidRequest> check_base_url(std::string_view url) {
    constexpr RequestField field = RequestField::base_url;
    if (url.empty()) return refuse(field, "is empty");
    for (std::size_t i = 0; i < url.size(); ++i) {
        const auto c = static_cast<unsigned char>(url[i]);
        if (c >= 0x80) {
            return refuse(field, "contains a non-ASCII byte" + at_byte(i) +
                                     "; write the host in its ASCII (punycode) form");
        }
        if (c <= 0x20 || c == 0x7F) {
            return refuse(field, "contains whitespace or a control character" + at_byte(i));
        }
    }
    bool cleartext = false;
    std::string_view rest;
    if (starts_with_ascii_nocase(url, "https://")) {
        rest = url.substr(8);
    } else if (starts_with_ascii_nocase(url, "http://")) {
        cleartext = true;
        rest = url.substr(7);
    } else {
        return refuse(field, "must start with https://");
    }
    if (rest.find_first_of("?#") != npos) return refuse(field, "must not have a query or fragment");
    const UrlParts parts = split_url(url);
    if (parts.authority.find('@') != npos) {
        return refuse(field, "must not contain user information (credentials)");
    }
    if (parts.unterminated_bracket) return refuse(field, "has an unterminated [IPv6] host");
    if (parts.junk_after_bracket) return refuse(field, "has junk after its [IPv6] host");
    if (parts.bracketed) {
        for (char c : parts.host) {
            const bool hex =
                (c >= '0' && c <= '9') || (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f');
            if (!hex && c != ':' && c != '.') return refuse(field, "has an invalid [IPv6] host");
        }
    } else if (parts.has_port && parts.port.empty()) {
        return refuse(field, "has an empty port");
    }
    if (parts.host.empty()) return refuse(field, "has no host");
    if (!parts.bracketed) {
        for (char c : parts.host) {
            const char l = ascii_lower(c);
            // No '%': a client that decodes it would reach another host than the one checked.
            const bool ok = (l >= 'a' && l <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_';
            if (!ok) return refuse(field, "has an invalid character in its host");
        }
    }
    if (!parts.port.empty()) {
        const std::optional<long long> port = port_number(parts.port);
        if (!port) return refuse(field, "has an invalid port");
        if (*port < 1 || *port > 65535) return refuse(field, "has a port outside 1-65535");
    }
    if (cleartext && !is_loopback_host(parts)) {
        return refuse(field,
                      "uses http:// for a host that is not loopback; use https:// (http:// is for "
                      "localhost, 127.0.0.0/8 and [::1] only)");
    }
    return std::nullopt;
}

}  // namespace onelogin::detail
