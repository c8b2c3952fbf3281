// onelogin-invite: a strict JSON pull reader (RFC 8259) for the response bodies. One pass, no
// recursion, no allocation: it checks the grammar and hands out tokens as views into the text, so
// a caller keeps only what it needs. The text must already be valid UTF-8 without NUL bytes
// (body_sniffer.hpp checks both).
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/body_problem.hpp>
#include <onelogin/invite/detail/body_sniffer.hpp>
#include <onelogin/invite/detail/utf8.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace onelogin::detail {

/// What `JsonReader::next` found.
enum class JsonToken {
    object_begin,
    object_end,
    array_begin,
    array_end,
    key,
    string,
    number,
    literal_true,
    literal_false,
    literal_null,
    end,    ///< the text is done, and it was one complete JSON value
    error,  ///< the text is not JSON; `problem()` says why and where
};

/// How a message names a value of kind `token` (a key counts as a string).
ONELOGIN_INVITE_INLINE const char* describe_json_token(JsonToken token, std::string_view raw) {
    switch (token) {
        case JsonToken::object_begin: return "an object";
        case JsonToken::array_begin: return "an array";
        case JsonToken::key:
        case JsonToken::string: return "a string";
        case JsonToken::number:
            return raw.find_first_of(".eE") == std::string_view::npos ? "an integer"
                                                                      : "a fractional number";
        case JsonToken::literal_true:
        case JsonToken::literal_false: return "a boolean";
        case JsonToken::literal_null: return "null";
        default: return "nothing";
    }
}

/// Reads JSON text one token at a time. Separators (`,` and `:`) are checked, not returned.
class JsonReader {
public:
    /// Reads `text`, which starts at byte `offset` of the body (for the offsets in problems).
    JsonReader(std::string_view text, std::size_t offset) : text_(text), offset_(offset) {}

    /// The next token. After `end` or `error` it returns the same again.
    JsonToken next() {
        if (state_ == State::failed) return JsonToken::error;
        while (true) {
            skip_whitespace();
            start_ = pos_;
            if (state_ == State::done) {
                return pos_ == text_.size() ? JsonToken::end
                                            : fail("unexpected " + describe_byte(text_[pos_]) +
                                                   " after the JSON value");
            }
            if (pos_ == text_.size()) return truncated();
            const char c = text_[pos_];
            switch (state_) {
                case State::colon:
                    if (c != ':') return unexpected();
                    ++pos_;
                    state_ = State::value;
                    continue;
                case State::comma_or_close:
                    if (c == ',') {
                        ++pos_;
                        state_ = in_object() ? State::key : State::value;
                        continue;
                    }
                    return close_container(c);
                case State::first_key:
                    if (c == '}') return close_container(c);
                    [[fallthrough]];
                case State::key:
                    if (c != '"') return unexpected();
                    if (!scan_string()) return JsonToken::error;
                    state_ = State::colon;
                    return JsonToken::key;
                case State::first_value:
                    if (c == ']') return close_container(c);
                    [[fallthrough]];
                default: return read_value(c);
            }
        }
    }

    /// The current token's text: a string or key without its quotes and still escaped, a number
    /// or literal as written.
    std::string_view raw() const {
        const bool quoted = text_[start_] == '"';
        return text_.substr(start_ + (quoted ? 1 : 0), pos_ - start_ - (quoted ? 2 : 0));
    }

    /// Where the current token starts and ends in the text.
    std::size_t token_begin() const { return start_; }
    std::size_t token_end() const { return pos_; }

    /// The current string or key with its escapes replaced.
    std::string decoded() const {
        std::string out;
        append_decoded(out, raw());
        return out;
    }

    /// True when the current string or key, decoded, is `expected`; allocates only for escapes.
    bool raw_equals(std::string_view expected) const {
        const std::string_view text = raw();
        if (text.find('\\') == std::string_view::npos) return text == expected;
        return decoded() == expected;
    }

    /// Skips the value that starts with `token` (which `next` just returned), nested ones and all.
    /// Returns false at an error.
    bool skip(JsonToken token) {
        std::size_t open =
            token == JsonToken::object_begin || token == JsonToken::array_begin ? 1 : 0;
        while (open > 0) {
            switch (next()) {
                case JsonToken::object_begin:
                case JsonToken::array_begin: ++open; break;
                case JsonToken::object_end:
                case JsonToken::array_end: --open; break;
                case JsonToken::error:
                case JsonToken::end: return false;
                default: break;
            }
        }
        return token != JsonToken::error && token != JsonToken::end;
    }

    /// Why the text is not JSON, after `next` returned `error`.
    const BodyProblem& problem() const { return problem_; }

    /// Stops reading with `detail` as the problem; `next` returns `error` from then on.
    JsonToken fail_at(std::string detail, std::optional<std::size_t> at) {
        problem_ = BodyProblem{std::move(detail), at};
        state_ = State::failed;
        return JsonToken::error;
    }

private:
    enum class State { value, first_value, key, first_key, colon, comma_or_close, done, failed };

    static constexpr std::size_t max_depth = ONELOGIN_INVITE_MAX_JSON_DEPTH;

    bool in_object() const { return depth_ > 0 && objects_[depth_ - 1]; }

    void skip_whitespace() {
        while (pos_ < text_.size() && is_markup_space(text_[pos_])) ++pos_;
    }

    JsonToken fail(const std::string& what) {
        const std::size_t at = offset_ + pos_;
        return fail_at(what + " at byte " + std::to_string(at), at);
    }
    JsonToken unexpected() {
        return fail("invalid JSON: unexpected " + describe_byte(text_[pos_]));
    }
    JsonToken truncated() {
        const std::size_t at = offset_ + text_.size();
        return fail_at("the JSON ends early (truncated body?) at byte " + std::to_string(at), at);
    }

    void after_value() { state_ = depth_ == 0 ? State::done : State::comma_or_close; }

    JsonToken open_container(bool object) {
        if (depth_ == max_depth) {
            return fail_at(
                "the JSON is nested deeper than " + std::to_string(max_depth) + " levels",
                offset_ + pos_);
        }
        objects_[depth_++] = object;
        ++pos_;
        state_ = object ? State::first_key : State::first_value;
        return object ? JsonToken::object_begin : JsonToken::array_begin;
    }

    JsonToken close_container(char c) {
        if (c != (in_object() ? '}' : ']')) return unexpected();
        const bool object = in_object();
        --depth_;
        ++pos_;
        after_value();
        return object ? JsonToken::object_end : JsonToken::array_end;
    }

    JsonToken read_value(char c) {
        switch (c) {
            case '{': return open_container(true);
            case '[': return open_container(false);
            case '"':
                if (!scan_string()) return JsonToken::error;
                after_value();
                return JsonToken::string;
            case 't': return read_literal("true", JsonToken::literal_true);
            case 'f': return read_literal("false", JsonToken::literal_false);
            case 'n': return read_literal("null", JsonToken::literal_null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return read_number();
                return unexpected();
        }
    }

    JsonToken read_literal(std::string_view word, JsonToken token) {
        for (const char expected : word) {
            if (pos_ == text_.size()) return truncated();
            if (text_[pos_] != expected) return unexpected();
            ++pos_;
        }
        after_value();
        return token;
    }

    bool digit() const { return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9'; }

    // One or more digits, or a problem.
    bool digits() {
        if (pos_ == text_.size()) {
            truncated();
            return false;
        }
        if (!digit()) {
            unexpected();
            return false;
        }
        while (digit()) ++pos_;
        return true;
    }

    JsonToken read_number() {
        if (text_[pos_] == '-') ++pos_;
        if (pos_ < text_.size() && text_[pos_] == '0') {
            ++pos_;
        } else if (!digits()) {
            return JsonToken::error;
        }
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            if (!digits()) return JsonToken::error;
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
            if (!digits()) return JsonToken::error;
        }
        after_value();
        return JsonToken::number;
    }

    // Four hex digits after "\u" at `pos_`, as a value; advances past them.
    bool hex4(char32_t& value) {
        value = 0;
        for (int i = 0; i < 4; ++i) {
            if (pos_ == text_.size()) {
                truncated();
                return false;
            }
            const char c = ascii_lower(text_[pos_]);
            const bool decimal = c >= '0' && c <= '9';
            if (!decimal && !(c >= 'a' && c <= 'f')) {
                unexpected();
                return false;
            }
            value = value * 16 + static_cast<char32_t>(decimal ? c - '0' : c - 'a' + 10);
            ++pos_;
        }
        return true;
    }

    // Checks a string from its opening quote at `pos_` to past its closing one.
    bool scan_string() {
        ++pos_;
        while (true) {
            while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\\' &&
                   static_cast<unsigned char>(text_[pos_]) >= 0x20) {
                ++pos_;
            }
            if (pos_ == text_.size()) {
                truncated();
                return false;
            }
            const char c = text_[pos_];
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (c != '\\') {
                fail("invalid JSON: a control character in a string");
                return false;
            }
            ++pos_;
            if (pos_ == text_.size()) {
                truncated();
                return false;
            }
            const char escape = text_[pos_];
            if (escape != 'u') {
                if (std::string_view("\"\\/bfnrt").find(escape) == std::string_view::npos) {
                    {
                        unexpected();
                        return false;
                    }
                }
                ++pos_;
                continue;
            }
            ++pos_;
            char32_t unit = 0;
            if (!hex4(unit)) return false;
            if (unit >= 0xDC00 && unit <= 0xDFFF) {
                {
                    fail("invalid JSON: a lone low surrogate escape");
                    return false;
                }
            }
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                if (text_.substr(pos_, 2) != "\\u") {
                    if (text_.size() - pos_ < 2) {
                        truncated();
                        return false;
                    }
                    {
                        fail("invalid JSON: a high surrogate escape without its low half");
                        return false;
                    }
                }
                pos_ += 2;
                char32_t low = 0;
                if (!hex4(low)) return false;
                if (low < 0xDC00 || low > 0xDFFF) {
                    {
                        fail("invalid JSON: a high surrogate escape without its low half");
                        return false;
                    }
                }
            }
        }
    }

    // Appends a checked string's text with its escapes replaced.
    static void append_decoded(std::string& out, std::string_view raw) {
        out.reserve(out.size() + raw.size());
        std::size_t pos = 0;
        const auto hex4_at = [&raw](std::size_t at) {
            char32_t value = 0;
            for (std::size_t i = at; i < at + 4; ++i) {
                const char c = ascii_lower(raw[i]);
                value = value * 16 + static_cast<char32_t>(c <= '9' ? c - '0' : c - 'a' + 10);
            }
            return value;
        };
        while (pos < raw.size()) {
            const std::size_t backslash = raw.find('\\', pos);
            out.append(raw.substr(
                pos, backslash == std::string_view::npos ? raw.size() - pos : backslash - pos));
            if (backslash == std::string_view::npos) break;
            const char escape = raw[backslash + 1];
            pos = backslash + 2;
            switch (escape) {
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    char32_t code_point = hex4_at(pos);
                    pos += 4;
                    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
                        code_point =
                            0x10000 + ((code_point - 0xD800) << 10) + (hex4_at(pos + 2) - 0xDC00);
                        pos += 6;
                    }
                    append_utf8(out, code_point);
                    break;
                }
                default: out += escape; break;  // " \ /
            }
        }
    }

    std::string_view text_;
    std::size_t offset_;
    std::size_t pos_ = 0;
    std::size_t start_ = 0;
    std::size_t depth_ = 0;
    std::array<bool, max_depth> objects_{};
    State state_ = State::value;
    BodyProblem problem_;
};

}  // namespace onelogin::detail
