// onelogin-invite: writing the compact JSON request bodies, without a DOM.
#pragma once

#include <onelogin/invite/config.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace onelogin::detail {

/// The number of bytes `append_json_string` writes for `value`, quotes included.
constexpr std::size_t json_string_size(std::string_view value) noexcept {
    std::size_t size = 2;
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' ||
            c == '\t') {
            size += 2;
        } else if (c < 0x20) {
            size += 6;
        } else {
            size += 1;
        }
    }
    return size;
}

/// Appends `value` (valid UTF-8) as a JSON string literal: quotes, backslashes and control
/// characters escaped, everything else, non-ASCII included, copied as it is.
ONELOGIN_INVITE_INLINE void append_json_string(std::string& out, std::string_view value) {
    constexpr std::string_view hex = "0123456789abcdef";
    out += '"';
    std::size_t plain_start = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(value.data() + plain_start, i - plain_start);
        plain_start = i + 1;
        out += '\\';
        switch (c) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '\b': out += 'b'; break;
            case '\f': out += 'f'; break;
            case '\n': out += 'n'; break;
            case '\r': out += 'r'; break;
            case '\t': out += 't'; break;
            default:
                out += "u00";
                out += hex[c >> 4];
                out += hex[c & 0x0Fu];
        }
    }
    out.append(value.data() + plain_start, value.size() - plain_start);
    out += '"';
}

/// One `"name": value` member of a JSON object, for `write_json_object`.
struct JsonMember {
    std::string_view name;
    std::string_view value;
};

/// A compact JSON object of string members, in the given order, built with one allocation.
template <std::size_t N>
std::string write_json_object(const std::array<JsonMember, N>& members, std::size_t count = N) {
    std::size_t size = 2 + (count > 0 ? count - 1 : 0);
    for (std::size_t i = 0; i < count; ++i) {
        size += json_string_size(members[i].name) + 1 + json_string_size(members[i].value);
    }
    std::string out;
    out.reserve(size);
    out += '{';
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) out += ',';
        append_json_string(out, members[i].name);
        out += ':';
        append_json_string(out, members[i].value);
    }
    out += '}';
    return out;
}

}  // namespace onelogin::detail
