// onelogin-invite: ASCII text as protocols write it: case folded for comparing names and schemes,
// searched ignoring case, and the whitespace between JSON and XML tokens.
#pragma once

#include <onelogin/invite/config.hpp>

#include <cstddef>
#include <string_view>

namespace onelogin::detail {

/// Marks "no position", as std::string_view::npos does.
inline constexpr std::size_t npos = std::string_view::npos;

/// True for the whitespace JSON and XML allow between tokens.
constexpr bool is_markup_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// ASCII-only lower case, for comparing protocol tokens.
constexpr char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// True when `text` starts with `prefix`, ignoring ASCII case. `prefix` must be lower case.
constexpr bool starts_with_ascii_nocase(std::string_view text, std::string_view prefix) noexcept {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (ascii_lower(text[i]) != prefix[i]) return false;
    }
    return true;
}

/// Offset of the first occurrence of `needle` (lower case) in `text`, ignoring ASCII case.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::size_t find_ascii_nocase(std::string_view text,
                                                     std::string_view needle) noexcept {
    if (needle.size() > text.size()) return npos;
    for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
        if (starts_with_ascii_nocase(text.substr(i), needle)) return i;
    }
    return npos;
}

}  // namespace onelogin::detail
