// onelogin-invite: UTF-8: decoding, encoding, cutting on whole characters, and the Unicode
// character classes the library's rules use.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/ascii.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace onelogin::detail {

/// Decodes the code point that starts at `text[pos]` and advances `pos` past it. Returns false
/// (leaving `pos` unchanged) for an invalid sequence: a stray continuation byte, a truncated
/// sequence, an overlong form, a surrogate or a value above U+10FFFF.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE bool decode_utf8(std::string_view text, std::size_t& pos,
                                        char32_t& code_point) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        code_point = lead;
        ++pos;
        return true;
    }
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1Fu;
        minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0Fu;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07u;
        minimum = 0x10000;
    } else {
        return false;
    }
    if (text.size() - pos < length) return false;
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char next = byte(pos + i);
        if ((next & 0xC0u) != 0x80u) return false;
        value = (value << 6) | (next & 0x3Fu);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
    code_point = value;
    pos += length;
    return true;
}

/// Offset of the first byte that is not part of valid UTF-8, or npos if all of `text` is valid.
/// ASCII, most of any body, is checked eight bytes at a time; the last eight bytes are read as
/// one word too, overlapping bytes already checked, so that an ASCII tail is not read bytewise.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::size_t find_invalid_utf8(std::string_view text) noexcept {
    std::size_t pos = 0;
    char32_t ignored = 0;
    while (pos < text.size()) {
        if (text.size() >= 8) {
            const std::size_t last_word = text.size() - 8;
            const std::size_t at = pos < last_word ? pos : last_word;
            std::uint64_t word = 0;
            std::memcpy(&word, &text[at], sizeof word);
            if ((word & 0x8080808080808080u) == 0) {
                pos = at + 8;
                continue;
            }
        }
        if (static_cast<unsigned char>(text[pos]) < 0x80) {
            ++pos;
        } else if (!decode_utf8(text, pos, ignored)) {
            return pos;
        }
    }
    return npos;
}

/// Appends `code_point` (at most U+10FFFF, not a surrogate) to `out` as UTF-8.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE void append_utf8(std::string& out, char32_t code_point) {
    const auto byte = [](char32_t bits) {
        return static_cast<char>(static_cast<unsigned char>(bits));
    };
    if (code_point < 0x80) {
        out += byte(code_point);
    } else if (code_point < 0x800) {
        out += byte(0xC0 | (code_point >> 6));
        out += byte(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += byte(0xE0 | (code_point >> 12));
        out += byte(0x80 | ((code_point >> 6) & 0x3F));
        out += byte(0x80 | (code_point & 0x3F));
    } else {
        out += byte(0xF0 | (code_point >> 18));
        out += byte(0x80 | ((code_point >> 12) & 0x3F));
        out += byte(0x80 | ((code_point >> 6) & 0x3F));
        out += byte(0x80 | (code_point & 0x3F));
    }
}

/// The longest start of `text` (valid UTF-8) of at most `max_bytes` that ends on a whole character.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string_view utf8_prefix(std::string_view text,
                                                    std::size_t max_bytes) noexcept {
    std::size_t end = 0;
    char32_t ignored = 0;
    while (end < text.size()) {
        std::size_t next = end;
        if (!decode_utf8(text, next, ignored) || next > max_bytes) break;
        end = next;
    }
    return text.substr(0, end);
}

/// True for the Unicode White_Space characters.
constexpr bool is_unicode_space(char32_t c) noexcept {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

/// True for the C0 and C1 control characters and DEL.
constexpr bool is_control(char32_t c) noexcept { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

/// True for the characters that reorder or break text where a terminal or log shows it: the
/// bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the line and
/// paragraph separators (U+2028, U+2029).
constexpr bool is_invisible_layout(char32_t c) noexcept {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x2028 && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

/// True for the format characters that show as nothing at all: the soft hyphen (U+00AD), U+180E,
/// the zero width space (U+200B), the word joiner and invisible operators (U+2060-U+2064) and the
/// zero width no-break space or byte order mark (U+FEFF). An address holding one looks like
/// another. (The zero width joiner and non-joiner, U+200C and U+200D, are left: IDNA2008 allows
/// them in some scripts' labels.)
constexpr bool is_invisible_format(char32_t c) noexcept {
    return c == 0xAD || c == 0x180E || c == 0x200B || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF;
}

}  // namespace onelogin::detail
