// onelogin-invite: numbers read from text (a port, an IPv4 octet, a header's value), through
// std::from_chars.
#pragma once

#include <onelogin/invite/config.hpp>

#include <charconv>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string_view>
#include <system_error>

namespace onelogin::detail {

/// The number `digits` writes, when it is nothing but 1 to 18 decimal digits (so that it always
/// fits a long long); nothing for anything else, a sign or a space included.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<long long> decimal(std::string_view digits) noexcept {
    if (digits.empty() || digits.size() > 18) return std::nullopt;
    if (digits.front() < '0' || digits.front() > '9') return std::nullopt;  // from_chars takes '-'
    long long number = 0;
    const char* end = std::next(digits.data(), static_cast<std::ptrdiff_t>(digits.size()));
    const auto [stop, error] = std::from_chars(digits.data(), end, number);
    if (error != std::errc() || stop != end) return std::nullopt;
    return number;
}

}  // namespace onelogin::detail
