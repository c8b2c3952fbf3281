// onelogin-invite: reading the API's XML error body, `<error><message/><code/></error>`, with
// pugixml's non-throwing loader. Document type declarations are refused, so no entity is ever
// defined, let alone expanded; references are replaced by the library, by XML 1.0's rules.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/body_problem.hpp>
#include <onelogin/invite/detail/body_sniffer.hpp>
#include <onelogin/invite/detail/utf8.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// The two fields of the XML error body.
struct XmlError {
    std::string message;
    std::string code;
};

/// Where `node` starts in the body (the '<' of its markup; the first byte of text), given the XML
/// `text` and where it starts in the body; unknown if pugixml cannot say.
ONELOGIN_INVITE_INLINE std::optional<std::size_t> node_offset(const pugi::xml_node& node,
                                                              std::string_view text,
                                                              std::size_t offset) {
    const std::ptrdiff_t at = node.offset_debug();
    if (at < 0) return std::nullopt;
    auto start = static_cast<std::size_t>(at);
    if (node.type() != pugi::node_pcdata && node.type() != pugi::node_cdata) {
        start = text.rfind('<', start);
        if (start == npos) return std::nullopt;
    }
    return offset + start;
}

/// An element's name for a message: <name>, cut to 40 bytes of whole characters.
ONELOGIN_INVITE_INLINE std::string describe_element(const pugi::xml_node& node) {
    std::string_view name = node.name();
    std::size_t cut = 0;
    while (cut < name.size() && cut < 40) {
        char32_t ignored = 0;
        if (!decode_utf8(name, cut, ignored)) break;
    }
    return "<" + std::string(name.substr(0, cut)) + (cut < name.size() ? "...>" : ">");
}

/// True for the characters XML 1.0 allows in a document.
constexpr bool is_xml_char(char32_t c) noexcept {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/// Appends `raw` XML text to `out` with its references replaced: the five predefined entities and
/// numeric references to XML characters. Returns false at anything else (an undefined entity, a
/// reference to NUL or a surrogate, a bare '&'), since a document without a DTD defines no other.
ONELOGIN_INVITE_INLINE bool append_xml_text(std::string& out, std::string_view raw) {
    std::size_t pos = 0;
    while (pos < raw.size()) {
        const std::size_t amp = raw.find('&', pos);
        out.append(raw.substr(pos, amp == npos ? npos : amp - pos));
        if (amp == npos) break;
        const std::size_t semicolon = raw.find(';', amp);
        if (semicolon == npos) return false;
        const std::string_view name = raw.substr(amp + 1, semicolon - amp - 1);
        pos = semicolon + 1;
        if (name == "lt")
            out += '<';
        else if (name == "gt")
            out += '>';
        else if (name == "amp")
            out += '&';
        else if (name == "apos")
            out += '\'';
        else if (name == "quot")
            out += '"';
        else if (name.size() >= 2 && name[0] == '#') {
            const bool hex = name[1] == 'x';
            const std::string_view digits = name.substr(hex ? 2 : 1);
            if (digits.empty() || digits.size() > 7) return false;
            char32_t value = 0;
            for (char c : digits) {
                const char l = ascii_lower(c);
                const int digit = (c >= '0' && c <= '9')          ? c - '0'
                                  : (hex && l >= 'a' && l <= 'f') ? l - 'a' + 10
                                                                  : -1;
                if (digit < 0) return false;
                value = value * (hex ? 16u : 10u) + static_cast<char32_t>(digit);
            }
            if (!is_xml_char(value)) return false;
            append_utf8(out, value);
        } else {
            return false;
        }
    }
    return true;
}

/// The text of `element` of the XML `xml`: its text and CDATA children joined, references
/// replaced. A problem if it holds an element or a reference `append_xml_text` refuses.
ONELOGIN_INVITE_INLINE std::variant<std::string, BodyProblem> element_text(
    const pugi::xml_node& element, std::string_view xml, std::size_t offset) {
    // The usual case, one run of text without references, is copied as it is.
    const pugi::xml_node only = element.first_child();
    if (only && !only.next_sibling() && only.type() == pugi::node_pcdata) {
        const std::string_view value = only.value();
        if (value.find('&') == std::string_view::npos) return std::string(value);
    }
    std::string text;
    for (const pugi::xml_node& child : element.children()) {
        const pugi::xml_node_type type = child.type();
        if (type == pugi::node_element) {
            return BodyProblem{
                "XML " + describe_element(element) + " holds an element, expected text",
                node_offset(child, xml, offset)};
        }
        if (type == pugi::node_cdata) text += child.value();
        if (type == pugi::node_pcdata && !append_xml_text(text, child.value())) {
            return BodyProblem{
                "XML " + describe_element(element) +
                    " has an undefined entity, an invalid character reference or a bare '&'",
                node_offset(element, xml, offset)};
        }
    }
    return text;
}

/// How pugixml reads the body: CDATA and line ends as XML says; references left for
/// `append_xml_text`; the DOCTYPE kept as a node so it can be refused; as a fragment, so that text
/// after the root element shows up as a node rather than being dropped; and an element whose only
/// content is whitespace keeps it (`<message> </message>` says " ").
inline constexpr unsigned xml_parse_options = pugi::parse_cdata | pugi::parse_eol |
                                              pugi::parse_doctype | pugi::parse_fragment |
                                              pugi::parse_ws_pcdata_single;

/// Reads `<error>` with one `<message>` and one `<code>` from `text`, which starts at `offset`
/// in the body. Other elements inside `<error>` are ignored.
ONELOGIN_INVITE_INLINE std::variant<XmlError, BodyProblem> read_xml_document(std::string_view text,
                                                                             std::size_t offset) {
    pugi::xml_document document;
    const pugi::xml_parse_result parsed =
        document.load_buffer(text.data(), text.size(), xml_parse_options, pugi::encoding_utf8);
    if (!parsed) {
        // pugixml can point one past the end, at the terminator it adds.
        const auto stop = std::min(static_cast<std::size_t>(parsed.offset), text.size());
        const std::size_t at = offset + stop;
        // The body was cut short when the parser failed at its very end, or an element was left
        // open with no '>' after the point of failure.
        const bool truncated =
            stop == text.size() || ((parsed.status == pugi::status_end_element_mismatch ||
                                     parsed.status == pugi::status_bad_end_element) &&
                                    text.find('>', stop + 1) == npos);
        return BodyProblem{
            std::string(truncated ? "the XML ends early (truncated body?): " : "invalid XML: ") +
                parsed.description() + " at byte " + std::to_string(at),
            at};
    }
    pugi::xml_node root;
    for (const pugi::xml_node& node : document.children()) {
        if (node.type() == pugi::node_doctype) {
            return BodyProblem{"the XML has a document type declaration; DTDs are refused",
                               node_offset(node, text, offset)};
        }
        if (node.type() == pugi::node_pcdata) {
            return BodyProblem{"the XML has text outside its root element",
                               node_offset(node, text, offset)};
        }
        if (node.type() == pugi::node_element) {
            if (root)
                return BodyProblem{"the XML has a second root element",
                                   node_offset(node, text, offset)};
            root = node;
        }
    }
    if (!root) return BodyProblem{"the XML has no root element", offset};
    if (std::strcmp(root.name(), "error") != 0) {
        return BodyProblem{
            "the XML root element is " + describe_element(root) + ", expected <error>",
            node_offset(root, text, offset)};
    }
    pugi::xml_node message;
    pugi::xml_node code;
    for (const pugi::xml_node& child : root.children()) {
        pugi::xml_node* slot = std::strcmp(child.name(), "message") == 0 ? &message
                               : std::strcmp(child.name(), "code") == 0  ? &code
                                                                         : nullptr;
        if (slot == nullptr || child.type() != pugi::node_element) continue;
        if (*slot)
            return BodyProblem{"XML <error> has a second " + describe_element(child),
                               node_offset(child, text, offset)};
        *slot = child;
    }
    if (!message) return BodyProblem{"XML <error> has no <message>", std::nullopt};
    if (!code) return BodyProblem{"XML <error> has no <code>", std::nullopt};
    XmlError error;
    for (auto [node, field] : {std::pair{message, &error.message}, std::pair{code, &error.code}}) {
        auto value = element_text(node, text, offset);
        if (auto* problem = std::get_if<BodyProblem>(&value)) return std::move(*problem);
        *field = std::move(*std::get_if<std::string>(&value));
    }
    return error;
}

/// The error body in the plain shape OneLogin sends: `<error>`, then `<message>` and `<code>` in
/// either order, each holding text without markup, references or carriage returns, then
/// `</error>`, with only whitespace between. Such a document is well-formed XML and reads the same
/// as through pugixml (fuzz_parse_response checks both agree); for anything else, nothing.
ONELOGIN_INVITE_INLINE std::optional<XmlError> read_plain_xml_error(std::string_view text) {
    std::size_t pos = 0;
    const auto skip_space = [&] {
        while (pos < text.size() && is_markup_space(text[pos])) ++pos;
    };
    const auto take = [&](std::string_view literal) {
        if (text.substr(pos, literal.size()) != literal) return false;
        pos += literal.size();
        return true;
    };
    if (!take("<error>")) return std::nullopt;
    XmlError error;
    bool seen_message = false;
    bool seen_code = false;
    for (int field = 0; field < 2; ++field) {
        skip_space();
        const bool is_message = take("<message>");
        if (!is_message && !take("<code>")) return std::nullopt;
        bool& seen = is_message ? seen_message : seen_code;
        if (seen) return std::nullopt;
        seen = true;
        const std::size_t end = text.find('<', pos);
        if (end == npos) return std::nullopt;
        const std::string_view value = text.substr(pos, end - pos);
        if (value.find('&') != npos || value.find('\r') != npos) return std::nullopt;
        (is_message ? error.message : error.code) = std::string(value);
        pos = end;
        if (!take(is_message ? "</message>" : "</code>")) return std::nullopt;
    }
    skip_space();
    if (!take("</error>")) return std::nullopt;
    skip_space();
    if (pos != text.size()) return std::nullopt;
    return error;
}

/// Reads the XML error body from `text`, which starts at `offset` in the body, as
/// `read_xml_document` does (through `read_plain_xml_error` when it can); a document that is not
/// the API's error and is an HTML page (a proxy's or gateway's) is reported as such. Only a failure
/// pays for that check.
ONELOGIN_INVITE_INLINE std::variant<XmlError, BodyProblem> read_xml_error(std::string_view text,
                                                                          std::size_t offset) {
    if (auto plain = read_plain_xml_error(text)) return std::move(*plain);
    auto read = read_xml_document(text, offset);
    if (std::holds_alternative<BodyProblem>(read) && looks_like_html(text)) {
        return html_page_problem(text, offset);
    }
    return read;
}

}  // namespace onelogin::detail
