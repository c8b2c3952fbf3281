// onelogin-invite: reading a JSON response body into an nlohmann::json document, through
// nlohmann's SAX parser (iterative: hostile nesting cannot exhaust the stack), with two rules a
// plain parse lacks: nesting is cut off at ONELOGIN_INVITE_MAX_JSON_DEPTH, and an object that
// names a member twice is refused rather than resolved either way.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/response/body_problem.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace onelogin::detail {

/// A JSON text read: its document, or the problem that stopped the reading. (A plain struct rather
/// than a std::variant: nlohmann::json's implicit conversions make every variant that holds one
/// cost a noticeable part of a second to compile.)
struct JsonDocument {
    nlohmann::json root;                 ///< null when `problem` is set
    std::optional<BodyProblem> problem;  ///< cut short, invalid, too deep, a duplicate key
};

/// The SAX handler: builds the document as nlohmann's own DOM parser does, and stops at the first
/// member named twice or the first container nested too deep. Nothing in it throws but a failed
/// allocation, as in nlohmann's own parser (its noexcept destructor is what clang-tidy flags).
class JsonDocumentBuilder {  // NOLINT(bugprone-exception-escape)
public:
    using json = nlohmann::json;

    bool null() { return add(json(nullptr)); }
    bool boolean(bool value) { return add(json(value)); }
    bool number_integer(json::number_integer_t value) { return add(json(value)); }
    bool number_unsigned(json::number_unsigned_t value) { return add(json(value)); }
    bool number_float(json::number_float_t value, const json::string_t& /*text*/) {
        return add(json(value));
    }
    bool string(json::string_t& value) { return add(json(std::move(value))); }
    bool binary(json::binary_t& /*value*/) { return false; }  // JSON text has no binary values

    bool start_object(std::size_t /*size*/) { return open(json::value_t::object); }
    bool key(json::string_t& name) {
        // try_emplace leaves `name` alone when the object has it already.
        auto [member, added] =
            open_[depth_ - 1]->get_ref<json::object_t&>().try_emplace(std::move(name), nullptr);
        if (!added) {
            problem_ = BodyProblem{MalformedReason::duplicate_key,
                                   "duplicate key " + describe_key(name) + " in a JSON object",
                                   std::nullopt};
            return false;
        }
        member_ = &member->second;
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t /*size*/) { return open(json::value_t::array); }
    bool end_array() { return close(); }

    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& error) {
        // nlohmann counts the byte it failed on, or one past the end when the text ran out.
        const std::size_t at = position > 0 ? position - 1 : 0;
        if (at >= size_) {
            problem_ = BodyProblem{
                MalformedReason::cut_short,
                "the JSON ends early (truncated body?) at byte " + std::to_string(offset_ + size_),
                offset_ + size_};
        } else {
            problem_ = BodyProblem{MalformedReason::invalid_json,
                                   "invalid JSON at byte " + std::to_string(offset_ + at) + ": " +
                                       describe(error, last_token),
                                   offset_ + at};
        }
        return false;
    }

    /// Reads `text`, which starts at byte `offset` of the body.
    JsonDocument read(std::string_view text, std::size_t offset) && {
        size_ = text.size();
        offset_ = offset;
        // nlohmann's own JSON parser, called as json::sax_parse() calls it. sax_parse() picks the
        // input format at run time, so it would also compile nlohmann's CBOR, MessagePack, UBJSON
        // and BSON readers for this handler: about a second more per translation unit at -O2.
        using Input = decltype(nlohmann::detail::input_adapter(text.begin(), text.end()));
        nlohmann::detail::parser<json, Input> parser(
            nlohmann::detail::input_adapter(text.begin(), text.end()));
        if (!parser.sax_parse(this, /*strict=*/true)) return {nullptr, std::move(problem_)};
        return {std::move(root_), std::nullopt};
    }

private:
    /// nlohmann's words for an error, without its position prefix or any text it quotes from the
    /// body (which may hold a secret).
    static std::string describe(const nlohmann::detail::exception& error,
                                const std::string& last_token) {
        if (error.id != 101) return "a number is beyond the range of a double";
        std::string words = error.what();
        const std::size_t column = words.find(": ");
        if (column != std::string::npos) words.erase(0, column + 2);
        const std::string quoted = "; last read: '" + last_token + "'";
        if (const std::size_t at = words.find(quoted); at != std::string::npos) {
            words.erase(at, quoted.size());
        }
        return words;
    }

    /// A key as a message shows it: quoted when it is short printable ASCII, else described.
    static std::string describe_key(const std::string& name) {
        const bool plain = name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
                               return c >= 0x20 && c < 0x7F;
                           });
        return plain ? "\"" + name + "\"" : "(a long or unprintable name)";
    }

    /// Places a value: the root, an array's next element or the member just named.
    json* place(json&& value) {
        if (depth_ == 0) {
            root_ = std::move(value);
            return &root_;
        }
        json& parent = *open_[depth_ - 1];
        if (parent.is_array()) {
            auto& elements = parent.get_ref<json::array_t&>();
            elements.push_back(std::move(value));
            return &elements.back();
        }
        *member_ = std::move(value);
        return member_;
    }
    bool add(json&& value) {
        place(std::move(value));
        return true;
    }
    bool open(json::value_t type) {
        if (depth_ == open_.size()) {
            problem_ = BodyProblem{MalformedReason::too_deep,
                                   "the JSON is nested deeper than " +
                                       std::to_string(ONELOGIN_INVITE_MAX_JSON_DEPTH) +
                                       " levels (ONELOGIN_INVITE_MAX_JSON_DEPTH)",
                                   std::nullopt};
            return false;
        }
        open_[depth_++] = place(json(type));
        return true;
    }
    bool close() {
        --depth_;
        return true;
    }

    json root_;
    // The containers being filled, outermost first, and how many there are.
    std::array<json*, ONELOGIN_INVITE_MAX_JSON_DEPTH> open_{};
    std::size_t depth_ = 0;
    json* member_ = nullptr;  // the object member named by the last key
    BodyProblem problem_;
    std::size_t size_ = 0;
    std::size_t offset_ = 0;
};

/// Reads the JSON `text`, which starts at byte `offset` of the body: the document, or why it is
/// not one (cut short, invalid, too deep, a duplicate key).
ONELOGIN_INVITE_INLINE JsonDocument read_json_document(std::string_view text, std::size_t offset) {
    return JsonDocumentBuilder().read(text, offset);
}

}  // namespace onelogin::detail
