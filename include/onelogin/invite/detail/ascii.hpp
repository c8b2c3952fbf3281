// onelogin-invite: ASCII text as protocols write it: case folded for comparing names and schemes,
// searched ignoring case, and the whitespace between JSON and XML tokens.
#pragma once

#include <onelogin/invite/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onelogin::detail {

/// Marks "no position", as std::string_view::npos does.
inline constexpr std::size_t npos = std::string_view::npos;

/// True when each of the eight bytes in `word` is printable ASCII (0x21-0x7E). Eight bytes are
/// tested at once: subtracting 0x21 from a byte below 0x21 borrows into its high bit, adding 0x01
/// to 0x7F carries into it, and a byte above 0x7F has it already. (A borrow or carry that crosses
/// into the next byte only ever starts at a byte already caught, so the answer is exact.)
constexpr bool all_printable_ascii(std::uint64_t word) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101u;
    constexpr std::uint64_t high_bits = 0x8080808080808080u;
    const std::uint64_t below = (word - 0x21 * ones) & ~word & high_bits;
    const std::uint64_t above = ((word + ones) | word) & high_bits;
    return (below | above) == 0;
}

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
