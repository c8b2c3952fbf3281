// onelogin-invite: the definitions of the rate-limit header reader.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/utf8.hpp>
#include <onelogin/invite/rate_limit.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace onelogin::detail {

/// The headers RateLimitReader reads, in the order of its slots.
inline constexpr std::array<std::string_view, 4> rate_limit_headers{
    {"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after"}};

/// The whole number `value` states, spaces and tabs around it allowed; nothing for anything else,
/// or for more than 18 digits (it always fits a long long).
ONELOGIN_INVITE_INLINE std::optional<long long> header_number(std::string_view value) noexcept {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (value.empty() || value.size() > 18) return std::nullopt;
    long long number = 0;
    for (const char c : value) {
        if (c < '0' || c > '9') return std::nullopt;
        number = number * 10 + (c - '0');
    }
    return number;
}

ONELOGIN_INVITE_INLINE void RateLimitReader::add(std::string_view name, std::string_view value) {
    for (std::size_t i = 0; i < rate_limit_headers.size(); ++i) {
        const std::string_view expected = rate_limit_headers[i];
        if (name.size() != expected.size() || !starts_with_ascii_nocase(name, expected)) continue;
        const std::optional<long long> number = header_number(value);
        if (seen_[i] == Seen::no) {
            values_[i] = number;
            seen_[i] = Seen::once;
        } else if (values_[i] != number) {
            seen_[i] = Seen::conflicting;
        }
        return;
    }
}

ONELOGIN_INVITE_INLINE RateLimit RateLimitReader::result() const {
    RateLimit limit;
    const std::array<std::optional<long long>*, 4> fields{
        {&limit.limit, &limit.remaining, &limit.reset, &limit.retry_after}};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (seen_[i] != Seen::once) continue;
        *fields[i] = values_[i];
        const bool is_wait = fields[i] == &limit.reset || fields[i] == &limit.retry_after;
        if (is_wait && values_[i] && *values_[i] > ONELOGIN_INVITE_MAX_WAIT_SECONDS) {
            *fields[i] = ONELOGIN_INVITE_MAX_WAIT_SECONDS;
        }
    }
    return limit;
}

}  // namespace onelogin::detail
