// onelogin-invite: reading the API's XML error body, `<error><message/><code/></error>`, with one
// non-throwing pugixml load and one check of the document's shape. A document type declaration is
// refused; pugixml never defines or expands an entity of its own accord.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/response/body_problem.hpp>
#include <onelogin/invite/detail/ascii.hpp>
#include <onelogin/invite/detail/utf8.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace onelogin::detail {

/// The two fields of the XML error body.
struct XmlError {
    std::string message;
    std::string code;
};

/// How pugixml reads the body: its defaults (CDATA, predefined and numeric references, line
/// ends), the DOCTYPE kept as a node so it can be refused, as a fragment so that text after the
/// root element shows up rather than being dropped, and an element whose only content is
/// whitespace keeps it (`<message> </message>` says " ").
inline constexpr unsigned xml_parse_options =
    pugi::parse_default | pugi::parse_doctype | pugi::parse_fragment | pugi::parse_ws_pcdata_single;

/// The text of `element`: its text and CDATA children joined. A problem if it holds an element,
/// or if a character reference made it something other than UTF-8 text (such as a surrogate).
/// Without `references` (the body has no "&#"), the text is UTF-8, as check_body found the
/// body to be, and is not checked again.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<std::string, BodyProblem> element_text(
    const pugi::xml_node& element, bool references) {
    const pugi::xml_node only = element.first_child();
    if (only.type() == pugi::node_pcdata && !only.next_sibling()) {
        const std::string_view value = only.value();  // the usual case, one run of text
        if (!references || find_invalid_utf8(value) == npos) return std::string(value);
    }
    std::string text;
    for (const pugi::xml_node& child : element.children()) {
        if (child.type() == pugi::node_element) {
            return wrong_shape("XML <" + std::string(element.name()) +
                               "> holds an element, expected text");
        }
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            text += child.value();
        }
    }
    if (references && find_invalid_utf8(text) != npos) {
        return BodyProblem{
            MalformedReason::invalid_xml,
            "XML <" + std::string(element.name()) + "> has a character reference to no character",
            std::nullopt};
    }
    return text;
}

/// Reads the error element, with one message and one code element, from `text`, which starts at
/// `offset` in the body. Other elements inside `<error>` are ignored.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<XmlError, BodyProblem> read_xml_error(std::string_view text,
                                                                          std::size_t offset) {
    pugi::xml_document document;
    const pugi::xml_parse_result parsed =
        document.load_buffer(text.data(), text.size(), xml_parse_options, pugi::encoding_utf8);
    if (!parsed) {
        // pugixml can point one past the end, at the terminator it adds.
        const auto stop = std::min(static_cast<std::size_t>(parsed.offset), text.size());
        // Cut short when the parser failed at the very end, or an element was left open with no
        // '>' after the point of failure.
        const bool cut_short =
            stop == text.size() || ((parsed.status == pugi::status_end_element_mismatch ||
                                     parsed.status == pugi::status_bad_end_element) &&
                                    text.find('>', stop + 1) == npos);
        return BodyProblem{
            cut_short ? MalformedReason::cut_short : MalformedReason::invalid_xml,
            std::string(cut_short ? "the XML ends early (truncated body?): " : "invalid XML: ") +
                parsed.description() + " at byte " + std::to_string(offset + stop),
            offset + stop};
    }

    pugi::xml_node root;
    for (pugi::xml_node node = document.first_child(); node; node = node.next_sibling()) {
        switch (node.type()) {
            case pugi::node_doctype:
                return BodyProblem{MalformedReason::doctype_refused,
                                   "the XML has a document type declaration; DTDs are refused",
                                   std::nullopt};
            case pugi::node_pcdata:
            case pugi::node_cdata: return wrong_shape("the XML has text outside its root element");
            case pugi::node_element:
                if (root) return wrong_shape("the XML has a second root element");
                root = node;
                break;
            case pugi::node_null:
            case pugi::node_document:
            case pugi::node_comment:
            case pugi::node_pi:
            case pugi::node_declaration: break;  // nothing to read in these
        }
    }
    if (!root) return wrong_shape("the XML has no root element");
    if (std::strcmp(root.name(), "error") != 0) {
        return wrong_shape("the XML root element is <" + std::string(utf8_prefix(root.name(), 40)) +
                           ">, expected <error>");
    }
    const pugi::xml_node message = root.child("message");  // a null node when there is none,
    const pugi::xml_node code = root.child("code");        // whose next_sibling() is null too
    if (message.next_sibling("message") || code.next_sibling("code")) {
        return wrong_shape("XML <error> has a second <message> or <code>");
    }
    if (!message) return wrong_shape("XML <error> has no <message>");
    if (!code) return wrong_shape("XML <error> has no <code>");
    // pugixml writes a numeric character reference's code point as UTF-8 whatever it is (a
    // surrogate, say): the only way it makes text that is not UTF-8 from a body that is.
    const bool references = text.find("&#") != npos;
    auto message_text = element_text(message, references);
    if (auto* problem = std::get_if<BodyProblem>(&message_text)) return std::move(*problem);
    auto code_text = element_text(code, references);
    if (auto* problem = std::get_if<BodyProblem>(&code_text)) return std::move(*problem);
    return XmlError{std::get<std::string>(std::move(message_text)),
                    std::get<std::string>(std::move(code_text))};
}

}  // namespace onelogin::detail
