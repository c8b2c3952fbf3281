// onelogin-invite: reading a JSON response body with nlohmann's SAX parser (iterative: hostile
// nesting cannot exhaust the stack) into the values a reader can reach: every object member and
// the first element of every array, kept in one list. No document is built: the parser checks
// the rest of the text and lets it go. Two rules a plain parse lacks: nesting is cut off at
// ONELOGIN_INVITE_MAX_JSON_DEPTH, and an object that names a member twice is refused rather than
// resolved either way.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/response/body_problem.hpp>
#include <onelogin/invite/detail/response/json_parser.hpp>
#include <onelogin/invite/detail/ascii.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace onelogin::detail {

/// A JSON value's type, as the readers check it.
enum class JsonType : unsigned char { null, boolean, integer, fraction, string, object, array };

/// One value of a JSON body: what it holds, and where it sits among the others.
struct JsonValue {
    JsonType type = JsonType::null;
    bool boolean = false;              ///< a boolean's value
    std::optional<long long> integer;  ///< an integer's value, when it fits a long long
    std::string text;                  ///< a string's text
    std::string key;                   ///< its name, when an object holds it
    std::size_t first = npos;          ///< an object's first member, an array's first element
    std::size_t next = npos;           ///< the next member of the object that holds it
};

/// A JSON body read: its values, the root first, or the problem that stopped the reading.
struct JsonBody {
    std::vector<JsonValue> values;       ///< empty when `problem` is set
    std::optional<BodyProblem> problem;  ///< cut short, invalid, too deep, a duplicate key

    /// The value the whole text is.
    JsonValue& root() { return values.front(); }

    /// The member `key` of `object`, or null when it has none or is not an object.
    JsonValue* member(const JsonValue& object, std::string_view key) {
        if (object.type != JsonType::object) return nullptr;
        for (std::size_t at = object.first; at != npos; at = values[at].next) {
            if (values[at].key == key) return &values[at];
        }
        return nullptr;
    }

    /// The first element of `array`, or null when it is empty or not an array.
    JsonValue* first_element(const JsonValue& array) {
        if (array.type != JsonType::array || array.first == npos) return nullptr;
        return &values[array.first];
    }
};

/// The SAX handler: keeps each value a reader can reach, and stops at the first container nested
/// too deep or the first object that names a member twice. Nothing in it throws but a failed
/// allocation, as in nlohmann's own parser (its noexcept destructor is what clang-tidy flags).
class JsonBodyReader {  // NOLINT(bugprone-exception-escape)
public:
    using json = nlohmann::json;

    bool null() {
        add(JsonType::null);
        return true;
    }
    bool boolean(bool value) {
        if (JsonValue* kept = add(JsonType::boolean)) kept->boolean = value;
        return true;
    }
    bool number_integer(json::number_integer_t value) {
        if (JsonValue* kept = add(JsonType::integer)) kept->integer = value;
        return true;
    }
    bool number_unsigned(json::number_unsigned_t value) {
        JsonValue* kept = add(JsonType::integer);
        if (kept != nullptr &&
            value <= static_cast<json::number_unsigned_t>(std::numeric_limits<long long>::max())) {
            kept->integer = static_cast<long long>(value);
        }
        return true;
    }
    bool number_float(json::number_float_t /*value*/, const json::string_t& /*text*/) {
        add(JsonType::fraction);
        return true;
    }
    bool string(json::string_t& value) {
        if (JsonValue* kept = add(JsonType::string)) kept->text = std::move(value);
        return true;
    }
    bool binary(json::binary_t& /*value*/) { return false; }  // JSON text has no binary values

    bool start_object(std::size_t /*size*/) { return open(JsonType::object); }
    bool key(json::string_t& name) {
        key_ = std::move(name);
        return true;
    }
    bool end_object() {
        const std::size_t object = open_[--depth_].index;
        return object == npos || members_named_once(values_[object]);
    }
    bool start_array(std::size_t /*size*/) { return open(JsonType::array); }
    bool end_array() {
        --depth_;
        return true;
    }

    bool parse_error(std::size_t position, const std::string& last_token,
                     const json::exception& error) {
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

    /// Reads `text`, which starts at byte `offset` of the body. Deferred, as the library's free
    /// functions are: nlohmann's parser is compiled only where a body is read.
    ONELOGIN_INVITE_DEFERRED
    JsonBody read(std::string_view text, std::size_t offset) && {
        size_ = text.size();
        offset_ = offset;
        values_.reserve(8);  // a documented body has no more values, nor an object more members
        names_.reserve(8);
        if (!parse_json_events(text, *this)) return {{}, std::move(problem_)};
        return {std::move(values_), std::nullopt};
    }

private:
    /// A container being read: where its value is kept (npos when it is not), and its last
    /// member or element so far.
    struct Open {
        std::size_t index = npos;
        std::size_t last = npos;
    };

    /// nlohmann's words for an error, without its position prefix or any text it quotes from the
    /// body (which may hold a secret).
    static std::string describe(const json::exception& error, const std::string& last_token) {
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
    static std::string describe_key(std::string_view name) {
        const bool plain = name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
                               return c >= 0x20 && c < 0x7F;
                           });
        return plain ? "\"" + std::string(name) + "\"" : "(a long or unprintable name)";
    }

    /// Keeps a value where a reader can reach it: the root, an object's member, an array's first
    /// element. Returns it, or null for a value no reader reaches (a later element of an array,
    /// or anything inside one).
    JsonValue* add(JsonType type) {
        const std::size_t at = values_.size();
        bool named = false;  // a member, rather than the root or an array's element
        if (depth_ > 0) {
            Open& holder = open_[depth_ - 1];
            if (holder.index == npos) return nullptr;
            JsonValue& container = values_[holder.index];
            if (container.type == JsonType::array && container.first != npos) return nullptr;
            named = container.type == JsonType::object;
            if (holder.last == npos) {
                container.first = at;
            } else {
                values_[holder.last].next = at;
            }
            holder.last = at;
        }
        JsonValue& value = values_.emplace_back();
        value.type = type;
        if (named) value.key = std::move(key_);
        return &value;
    }

    bool open(JsonType type) {
        if (depth_ == open_.size()) {
            problem_ = BodyProblem{MalformedReason::too_deep,
                                   "the JSON is nested deeper than " +
                                       std::to_string(ONELOGIN_INVITE_MAX_JSON_DEPTH) +
                                       " levels (ONELOGIN_INVITE_MAX_JSON_DEPTH)",
                                   std::nullopt};
            return false;
        }
        const std::size_t at = values_.size();
        const bool kept = add(type) != nullptr;
        open_[depth_++] = Open{kept ? at : npos};
        return true;
    }

    /// True when no two members of `object` have one name; else the problem says which name.
    bool members_named_once(const JsonValue& object) {
        if (object.first == npos || values_[object.first].next == npos) return true;
        names_.clear();
        for (std::size_t at = object.first; at != npos; at = values_[at].next) {
            names_.push_back(values_[at].key);
        }
        std::sort(names_.begin(), names_.end());
        const auto twice = std::adjacent_find(names_.begin(), names_.end());
        if (twice == names_.end()) return true;
        problem_ = BodyProblem{MalformedReason::duplicate_key,
                               "duplicate key " + describe_key(*twice) + " in a JSON object",
                               std::nullopt};
        return false;
    }

    std::vector<JsonValue> values_;
    // The containers being read, outermost first, and how many there are.
    std::array<Open, ONELOGIN_INVITE_MAX_JSON_DEPTH> open_{};
    std::size_t depth_ = 0;
    std::string key_;                      // the name of the member whose value comes next
    std::vector<std::string_view> names_;  // an object's member names, to find one named twice
    BodyProblem problem_;
    std::size_t size_ = 0;
    std::size_t offset_ = 0;
};

/// Reads the JSON `text`, which starts at byte `offset` of the body: its values, or why it is
/// not JSON the library reads (cut short, invalid, too deep, a duplicate key).
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE JsonBody read_json_body(std::string_view text, std::size_t offset) {
    return JsonBodyReader().read(text, offset);
}

}  // namespace onelogin::detail
