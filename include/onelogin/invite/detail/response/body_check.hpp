// onelogin-invite: the checks a response body gets besides its parser's: its size, its encoding
// (NUL bytes, UTF-8), and whether it is JSON or XML; and how an HTML page is told and named.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/ascii.hpp>
#include <onelogin/invite/detail/response/body_problem.hpp>
#include <onelogin/invite/detail/utf8.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace onelogin::detail {

/// The two syntaxes the API answers in.
enum class BodySyntax { json, xml };

/// A body that passed the checks: its syntax, and its text from the first significant byte on.
struct CheckedBody {
    BodySyntax syntax;
    std::string_view text;  ///< the body without its BOM and leading whitespace
    std::size_t offset;     ///< where `text` starts in the body
};

/// A character as a reader can see it in a message: 'x' when printable ASCII, else 0xNN.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string describe_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte < 0x7F) return std::string{'\'', c, '\''};
    constexpr std::string_view hex = "0123456789ABCDEF";
    return std::string{'0', 'x', hex[byte >> 4], hex[byte & 0x0Fu]};
}

/// The text of an HTML page's <title>, whitespace collapsed, at most 80 bytes of whole
/// characters; empty if there is none. `page` must be valid UTF-8.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string html_title(std::string_view page) {
    const std::size_t open = find_ascii_nocase(page, "<title");
    if (open == npos) return {};
    const std::size_t start = page.find('>', open);
    if (start == npos) return {};
    const std::string_view rest = page.substr(start + 1);
    const std::string_view raw = rest.substr(0, find_ascii_nocase(rest, "</title"));
    std::string title;
    std::size_t pos = 0;
    while (pos < raw.size()) {
        const std::size_t begin = pos;
        char32_t c = 0;
        if (!decode_utf8(raw, pos, c)) break;
        if (is_unicode_space(c)) {
            if (!title.empty() && title.back() != ' ') title += ' ';
        } else if (!is_control(c)) {
            if (title.size() + (pos - begin) > 80) break;
            title.append(raw.substr(begin, pos - begin));
        }
    }
    while (!title.empty() && title.back() == ' ') title.pop_back();
    return title;
}

/// A BodyProblem for an HTML page (a proxy's or gateway's error page), naming its title.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE BodyProblem html_page_problem(std::string_view page, std::size_t offset) {
    std::string detail = "an HTML page, not an API response (a proxy or gateway error?)";
    const std::string title = html_title(page);
    if (!title.empty()) detail += ": \"" + title + "\"";
    return BodyProblem{MalformedReason::html_page, std::move(detail), offset};
}

/// True when a body that starts with '<' is HTML rather than XML: a tag in its first KiB is
/// <html or <!doctype html, in any case.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE bool looks_like_html(std::string_view text) noexcept {
    const std::string_view head = text.substr(0, 1024);
    for (std::size_t open = head.find('<'); open != npos; open = head.find('<', open + 1)) {
        const std::string_view tag = head.substr(open);
        if (starts_with_ascii_nocase(tag, "<html") ||
            starts_with_ascii_nocase(tag, "<!doctype html")) {
            return true;
        }
    }
    return false;
}

/// Where a body's text starts: after its UTF-8 byte order mark, if it has one.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::size_t text_start(std::string_view body) noexcept {
    constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
    return body.substr(0, utf8_bom.size()) == utf8_bom ? utf8_bom.size() : 0;
}

/// Where `body` stops being UTF-8, as a problem, if it does. A UTF-8 byte order mark is not text.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<BodyProblem> check_utf8(std::string_view body) {
    const std::size_t start = text_start(body);
    if (const std::size_t bad = find_invalid_utf8(body.substr(start)); bad != npos) {
        return BodyProblem{MalformedReason::not_utf8,
                           "invalid UTF-8 at byte " + std::to_string(start + bad), start + bad};
    }
    return std::nullopt;
}

/// Runs the checks on a whole body. Returns where the JSON or XML starts, or the first problem:
/// a body over ONELOGIN_INVITE_MAX_BODY_BYTES (not read further), an empty body, a UTF-16/UTF-32
/// body, a NUL byte, invalid UTF-8, or text that is neither JSON nor markup. (An HTML page starts
/// like XML; the XML reader's caller tells them apart.)
///
/// A JSON body's UTF-8 is left to nlohmann/json, which refuses invalid UTF-8 as it reads: only a
/// body it refuses can hold any, and read_any_response then names it with check_utf8. (A NUL byte
/// is checked here for every body: nlohmann reads one outside a string as the end of the text.)
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<CheckedBody, BodyProblem> check_body(std::string_view body) {
    constexpr std::size_t cap = ONELOGIN_INVITE_MAX_BODY_BYTES;
    if (body.size() > cap) {
        return BodyProblem{MalformedReason::too_large,
                           "the body is " + std::to_string(body.size()) + " bytes, over the " +
                               std::to_string(cap) +
                               " the library reads (ONELOGIN_INVITE_MAX_BODY_BYTES)",
                           cap};
    }
    if (body.empty()) return BodyProblem{MalformedReason::empty_body, "empty body", 0};
    const auto starts = [&](std::string_view prefix) {
        return body.substr(0, prefix.size()) == prefix;
    };
    using namespace std::string_view_literals;
    if (starts("\xFF\xFE\x00\x00"sv) || starts("\x00\x00\xFE\xFF"sv)) {
        return BodyProblem{
            MalformedReason::other_encoding,
            "the body is UTF-32 (it starts with a UTF-32 byte order mark); expected UTF-8", 0};
    }
    if (starts("\xFF\xFE"sv) || starts("\xFE\xFF"sv)) {
        return BodyProblem{
            MalformedReason::other_encoding,
            "the body is UTF-16 (it starts with a UTF-16 byte order mark); expected UTF-8", 0};
    }
    const std::size_t start = text_start(body);
    if (const std::size_t nul = body.find('\0', start); nul != npos) {
        const bool wide =
            body.size() >= start + 2 && (body[start] == '\0') != (body[start + 1] == '\0');
        if (wide) {
            return BodyProblem{MalformedReason::other_encoding,
                               "NUL byte at byte " + std::to_string(nul) +
                                   ": the body looks like UTF-16 or UTF-32; expected UTF-8",
                               nul};
        }
        return BodyProblem{MalformedReason::nul_byte, "NUL byte at byte " + std::to_string(nul),
                           nul};
    }
    std::size_t first = start;
    while (first < body.size() && is_markup_space(body[first])) ++first;
    if (first == body.size()) {
        return BodyProblem{MalformedReason::empty_body, "the body is only whitespace", first};
    }
    const std::string_view text = body.substr(first);
    const char lead = text.front();
    if (std::string_view("{[\"-tfn0123456789").find(lead) != npos) {
        return CheckedBody{BodySyntax::json, text, first};
    }
    if (auto problem = check_utf8(body)) return std::move(*problem);
    if (lead == '<') return CheckedBody{BodySyntax::xml, text, first};
    return BodyProblem{MalformedReason::not_json_or_xml,
                       "the body is neither JSON nor XML: it starts with " + describe_byte(lead) +
                           " at byte " + std::to_string(first),
                       first};
}

}  // namespace onelogin::detail
