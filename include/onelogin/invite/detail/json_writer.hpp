// onelogin-invite: writing the compact JSON request bodies, without a DOM: the size is counted
// first, then every byte is written once into a string of exactly that size.
#pragma once

#include <onelogin/invite/config.hpp>

#include <array>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace onelogin::detail {

/// How many bytes each byte grows by when written inside a JSON string: 1 for `"`, `\` and the
/// controls with a short escape (\b \f \n \r \t), 5 for the other controls (\u00XX), else 0.
inline constexpr std::array<unsigned char, 256> json_escape_growth = [] {
    std::array<unsigned char, 256> growth{};
    for (std::size_t c = 0; c < 0x20; ++c) growth[c] = 5;
    for (const char c : {'"', '\\', '\b', '\f', '\n', '\r', '\t'}) {
        growth[static_cast<unsigned char>(c)] = 1;
    }
    return growth;
}();

/// The number of bytes `value` grows by when escaped.
constexpr std::size_t json_escape_growth_of(std::string_view value) noexcept {
    std::size_t growth = 0;
    for (const char c : value) growth += json_escape_growth[static_cast<unsigned char>(c)];
    return growth;
}

/// The number of bytes `append_json_string` writes for `value`, quotes included.
constexpr std::size_t json_string_size(std::string_view value) noexcept {
    return value.size() + 2 + json_escape_growth_of(value);
}

/// Writes `value` (valid UTF-8) at `out` as a JSON string literal: quotes, backslashes and control
/// characters escaped, everything else, non-ASCII included, copied as it is. `escaped` says
/// whether anything needs escaping. Returns the end of what it wrote.
ONELOGIN_INVITE_INLINE char* write_json_string(char* out, std::string_view value, bool escaped) {
    *out++ = '"';
    if (!escaped) {
        if (!value.empty()) std::memcpy(out, value.data(), value.size());
        out += value.size();
        *out++ = '"';
        return out;
    }
    constexpr std::string_view hex = "0123456789abcdef";
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (json_escape_growth[c] == 0) {
            *out++ = ch;
            continue;
        }
        *out++ = '\\';
        switch (c) {
            case '"': *out++ = '"'; break;
            case '\\': *out++ = '\\'; break;
            case '\b': *out++ = 'b'; break;
            case '\f': *out++ = 'f'; break;
            case '\n': *out++ = 'n'; break;
            case '\r': *out++ = 'r'; break;
            case '\t': *out++ = 't'; break;
            default:
                *out++ = 'u';
                *out++ = '0';
                *out++ = '0';
                *out++ = hex[c >> 4];
                *out++ = hex[c & 0x0Fu];
        }
    }
    *out++ = '"';
    return out;
}

/// Appends `value` to `out` as a JSON string literal (see `write_json_string`).
ONELOGIN_INVITE_INLINE void append_json_string(std::string& out, std::string_view value) {
    const std::size_t growth = json_escape_growth_of(value);
    const std::size_t start = out.size();
    out.resize(start + value.size() + 2 + growth);
    write_json_string(out.data() + start, value, growth != 0);
}

/// One `"name": value` member of a JSON object, for `write_json_object`.
struct JsonMember {
    std::string_view name;  ///< written as it is: it must need no escaping
    std::string_view value;
};

/// A compact JSON object of the first `count` string members, in order, with one allocation.
template <std::size_t N>
std::string write_json_object(const std::array<JsonMember, N>& members, std::size_t count = N) {
    std::array<std::size_t, N> growth{};
    std::size_t size = 2 + (count > 0 ? count - 1 : 0);
    for (std::size_t i = 0; i < count; ++i) {
        growth[i] = json_escape_growth_of(members[i].value);
        size += members[i].name.size() + 3 + members[i].value.size() + 2 + growth[i];
    }
    std::string out(size, '\0');
    char* end = out.data();
    *end++ = '{';
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) *end++ = ',';
        end = write_json_string(end, members[i].name, false);
        *end++ = ':';
        end = write_json_string(end, members[i].value, growth[i] != 0);
    }
    *end = '}';
    return out;
}

}  // namespace onelogin::detail
