// onelogin-invite: URLs, read in one place: an absolute URL split into its parts, its scheme and
// host in lower case, its port as a number, and whether its host is loopback. The base URL rules,
// HttpRequest's parts, the request builders and the printing all read URLs through this header.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/decimal.hpp>
#include <onelogin/invite/detail/ascii.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace onelogin::detail {

/// The parts of an absolute URL `scheme://authority/path?query#fragment`.
struct UrlParts {
    std::string_view scheme;            ///< "https"; empty when the URL has no "://"
    std::string_view authority;         ///< user information, host and port, as written
    std::string_view host;              ///< without the brackets of an IPv6 address
    std::string_view port;              ///< as written; empty when the URL names none
    std::string_view target;            ///< path and query; empty when the URL has no path
    bool bracketed = false;             ///< the host is an [IPv6] address
    bool has_port = false;              ///< a ':' follows the host (its port may still be empty)
    bool junk_after_bracket = false;    ///< something other than ":port" follows ']'
    bool unterminated_bracket = false;  ///< a '[' without its ']': no host and no port then
};

/// Offset of the authority's end in `url` (the first '/', '?' or '#' after `authority_begin`), or
/// the URL's size.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::size_t authority_end(std::string_view url,
                                                 std::size_t authority_begin) noexcept {
    // A loop rather than find_first_of, which calls memchr on "/?#" for every character.
    std::size_t end = authority_begin;
    while (end < url.size() && url[end] != '/' && url[end] != '?' && url[end] != '#') ++end;
    return end;
}

/// Splits `url`; user information before an '@' is skipped, a fragment dropped. A URL without
/// "://" has no parts.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE UrlParts split_url(std::string_view url) noexcept {
    UrlParts parts;
    const std::size_t separator = url.find("://");
    if (separator == npos) return parts;
    parts.scheme = url.substr(0, separator);
    const std::size_t begin = separator + 3;
    const std::size_t end = authority_end(url, begin);
    parts.authority = url.substr(begin, end - begin);
    const std::string_view rest = url.substr(end);
    parts.target = rest.substr(0, rest.find('#'));
    std::string_view host_port = parts.authority;
    if (const std::size_t at = host_port.rfind('@'); at != npos) host_port.remove_prefix(at + 1);
    std::size_t colon = npos;
    if (!host_port.empty() && host_port.front() == '[') {
        const std::size_t close = host_port.find(']');
        if (close == npos) {
            parts.unterminated_bracket = true;
            return parts;
        }
        parts.bracketed = true;
        parts.host = host_port.substr(1, close - 1);
        const std::string_view after = host_port.substr(close + 1);
        parts.junk_after_bracket = !after.empty() && after.front() != ':';
        if (!after.empty() && after.front() == ':') colon = close + 1;
    } else {
        colon = host_port.find(':');
        parts.host = host_port.substr(0, colon);
    }
    if (colon != npos) {
        parts.has_port = true;
        parts.port = host_port.substr(colon + 1);
    }
    return parts;
}

/// The number a port is written as: 1 to 5 decimal digits; nothing for anything else (the range
/// 1-65535 is the caller's to check).
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<long long> port_number(std::string_view port) noexcept {
    if (port.size() > 5) return std::nullopt;
    return decimal(port);
}

/// `url` with its scheme and host in ASCII lower case (`HTTP://Api.Example.com/Path` becomes
/// `http://api.example.com/Path`), so that every check and every request sees one spelling; the
/// rest, user information and path included, is kept as it is. A URL without "://" is returned
/// as it is. It is lowered where it lies: hand over a URL built for the purpose, not a copy.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string lower_scheme_and_host(std::string url) {
    const std::size_t separator = url.find("://");
    if (separator == npos) return url;
    const std::size_t begin = separator + 3;
    const std::size_t host_end = authority_end(url, begin);
    const std::size_t at = std::string_view(url).substr(begin, host_end - begin).rfind('@');
    const std::size_t host_begin = begin + (at == npos ? 0 : at + 1);
    for (std::size_t i = 0; i < separator; ++i) url[i] = ascii_lower(url[i]);
    for (std::size_t i = host_begin; i < host_end; ++i) url[i] = ascii_lower(url[i]);
    return url;
}

/// `base`, less its trailing slashes, followed by `path`.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string join_url(std::string_view base, std::string_view path) {
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    std::string url;
    url.reserve(base.size() + path.size());
    return url.append(base).append(path);
}

/// True for a dotted-quad IPv4 address in 127.0.0.0/8 (decimal octets, no leading zeros).
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE bool is_ipv4_loopback(std::string_view host) noexcept {
    int octets = 0;
    std::size_t pos = 0;
    while (pos <= host.size()) {
        std::size_t end = host.find('.', pos);
        if (end == npos) end = host.size();
        const std::string_view octet = host.substr(pos, end - pos);
        if (octet.size() > 3 || (octet.size() > 1 && octet[0] == '0')) return false;
        const std::optional<long long> value = decimal(octet);
        if (!value || *value > 255 || (octets == 0 && *value != 127)) return false;
        ++octets;
        pos = end + 1;
    }
    return octets == 4;
}

/// True when the URL split into `parts` names a host that never leaves the machine: localhost,
/// 127.0.0.0/8 or [::1].
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE bool is_loopback_host(const UrlParts& parts) noexcept {
    if (parts.bracketed) return parts.host == "::1";
    if (parts.host.size() == 9 && starts_with_ascii_nocase(parts.host, "localhost")) return true;
    return is_ipv4_loopback(parts.host);
}

}  // namespace onelogin::detail
