// onelogin-invite: the definitions of HttpRequest's URL parts.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/utf8.hpp>
#include <onelogin/invite/http.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace onelogin {

namespace detail {

/// The parts of an absolute URL `scheme://authority/path?query#fragment` that a transport needs.
struct UrlParts {
    std::string_view scheme;  ///< "https"; empty when the URL has no "://"
    std::string_view host;    ///< without the brackets of an IPv6 address
    std::string_view port;    ///< as written; empty when the URL names none
    std::string_view target;  ///< path and query; empty when the URL has no path
};

/// Splits `url`; user information before an '@' is skipped, a fragment dropped.
ONELOGIN_INVITE_INLINE UrlParts split_url(std::string_view url) noexcept {
    UrlParts parts;
    const std::size_t separator = url.find("://");
    if (separator == npos) return parts;
    parts.scheme = url.substr(0, separator);
    std::string_view rest = url.substr(separator + 3);
    rest = rest.substr(0, rest.find('#'));
    const std::size_t path = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, path);
    parts.target = path == npos ? std::string_view() : rest.substr(path);
    if (const std::size_t at = authority.rfind('@'); at != npos) authority.remove_prefix(at + 1);
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == npos) return UrlParts{};
        parts.host = authority.substr(1, close - 1);
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after.front() == ':') parts.port = after.substr(1);
    } else {
        const std::size_t colon = authority.find(':');
        parts.host = authority.substr(0, colon);
        if (colon != npos) parts.port = authority.substr(colon + 1);
    }
    return parts;
}

/// `url` with its scheme and host in ASCII lower case (`HTTP://Api.Example.com/Path` becomes
/// `http://api.example.com/Path`), so that every check and every request sees one spelling; the
/// rest, user information and path included, is kept as it is. A URL without "://" is returned
/// as it is.
ONELOGIN_INVITE_INLINE std::string lower_scheme_and_host(std::string_view url) {
    std::string lowered(url);
    const std::size_t separator = url.find("://");
    if (separator == npos) return lowered;
    const std::size_t authority_end = url.find_first_of("/?#", separator + 3);
    const std::string_view authority =
        url.substr(separator + 3, authority_end == npos ? npos : authority_end - separator - 3);
    const std::size_t at = authority.rfind('@');
    const std::size_t host_begin = separator + 3 + (at == npos ? 0 : at + 1);
    const std::size_t host_end = authority_end == npos ? url.size() : authority_end;
    for (std::size_t i = 0; i < lowered.size(); ++i) {
        if (i < separator || (i >= host_begin && i < host_end))
            lowered[i] = ascii_lower(lowered[i]);
    }
    return lowered;
}

}  // namespace detail

ONELOGIN_INVITE_INLINE std::string HttpRequest::scheme() const {
    const detail::UrlParts parts = detail::split_url(url);
    if (parts.host.empty()) return {};
    std::string lowered(parts.scheme);
    for (char& c : lowered) c = detail::ascii_lower(c);
    return lowered;
}

ONELOGIN_INVITE_INLINE std::string HttpRequest::origin() const {
    const detail::UrlParts parts = detail::split_url(url);
    if (parts.scheme.empty() || parts.host.empty()) return {};
    std::string host(parts.host);
    for (char& c : host) c = detail::ascii_lower(c);
    std::string origin =
        scheme() + "://" + (host.find(':') != detail::npos ? "[" + host + "]" : host);
    if (!parts.port.empty()) origin.append(":").append(parts.port);
    return origin;
}

ONELOGIN_INVITE_INLINE std::string HttpRequest::host() const {
    return std::string(detail::split_url(url).host);
}

ONELOGIN_INVITE_INLINE std::uint16_t HttpRequest::port() const {
    const detail::UrlParts parts = detail::split_url(url);
    if (parts.port.empty()) {
        if (parts.host.empty()) return 0;
        if (parts.scheme.size() == 5 && detail::starts_with_ascii_nocase(parts.scheme, "https")) {
            return 443;
        }
        if (parts.scheme.size() == 4 && detail::starts_with_ascii_nocase(parts.scheme, "http")) {
            return 80;
        }
        return 0;
    }
    if (parts.port.size() > 5) return 0;
    unsigned value = 0;
    for (const char c : parts.port) {
        if (c < '0' || c > '9') return 0;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value >= 1 && value <= 65535 ? static_cast<std::uint16_t>(value) : std::uint16_t{0};
}

ONELOGIN_INVITE_INLINE std::string HttpRequest::target() const {
    const detail::UrlParts parts = detail::split_url(url);
    if (parts.host.empty()) return {};
    if (parts.target.empty()) return "/";
    if (parts.target.front() == '?') return "/" + std::string(parts.target);
    return std::string(parts.target);
}

}  // namespace onelogin
