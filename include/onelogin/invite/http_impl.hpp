// onelogin-invite: the definitions of HttpRequest's URL parts.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/url.hpp>
#include <onelogin/invite/detail/ascii.hpp>
#include <onelogin/invite/http.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace onelogin {

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
    const std::optional<long long> port = detail::port_number(parts.port);
    return port && *port >= 1 && *port <= 65535 ? static_cast<std::uint16_t>(*port)
                                                : std::uint16_t{0};
}

ONELOGIN_INVITE_INLINE std::string HttpRequest::target() const {
    const detail::UrlParts parts = detail::split_url(url);
    if (parts.host.empty()) return {};
    if (parts.target.empty()) return "/";
    if (parts.target.front() == '?') return "/" + std::string(parts.target);
    return std::string(parts.target);
}

}  // namespace onelogin
