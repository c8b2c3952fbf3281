// onelogin-invite: reading the JSON `status` envelope the API answers with, in one pass of
// JsonReader: no DOM, no recursion, no allocation but the strings the outcome keeps.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/body_problem.hpp>
#include <onelogin/invite/detail/json_reader.hpp>

#include <array>
#include <climits>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace onelogin::detail {

/// The fields of `{"status": {"error", "message", "type", "code"}}` that the library reads.
struct StatusEnvelope {
    bool error = false;
    std::string message;
    std::string type;               ///< empty when absent
    std::optional<long long> code;  ///< absent when absent
    std::vector<std::string> data;  ///< the top-level "data" strings, when they were asked for
};

/// Reads the top-level "data" value, which `next` has just returned as `token`: an array of
/// strings. Returns false, with the problem in the reader, for anything else.
ONELOGIN_INVITE_INLINE bool read_data_strings(JsonReader& reader, JsonToken token,
                                              std::vector<std::string>& data) {
    if (token == JsonToken::error) return false;
    if (token != JsonToken::array_begin) {
        reader.fail_at(std::string("data is ") + describe_json_token(token, reader.raw()) +
                           ", expected an array of strings",
                       std::nullopt);
        return false;
    }
    for (token = reader.next(); token != JsonToken::array_end; token = reader.next()) {
        if (token == JsonToken::error) return false;
        if (token != JsonToken::string) {
            reader.fail_at("data[" + std::to_string(data.size()) + "] is " +
                               describe_json_token(token, reader.raw()) + ", expected a string",
                           std::nullopt);
            return false;
        }
        data.push_back(reader.decoded());
    }
    return true;
}

/// The value of a JSON integer, or nothing when it does not fit a long long. `raw` is checked.
ONELOGIN_INVITE_INLINE std::optional<long long> json_integer(std::string_view raw) noexcept {
    const bool negative = !raw.empty() && raw.front() == '-';
    unsigned long long magnitude = 0;
    for (const char c : raw.substr(negative ? 1 : 0)) {
        const auto digit = static_cast<unsigned long long>(c - '0');
        if (magnitude > (ULLONG_MAX - digit) / 10) return std::nullopt;
        magnitude = magnitude * 10 + digit;
    }
    const unsigned long long limit =
        negative ? static_cast<unsigned long long>(LLONG_MAX) + 1 : LLONG_MAX;
    if (magnitude > limit) return std::nullopt;
    return negative ? static_cast<long long>(0 - magnitude) : static_cast<long long>(magnitude);
}

/// A field of `status` the library reads: its key, its name in messages, the type it must have.
struct StatusField {
    std::string_view key;
    const char* name;
    const char* expected;
};

/// The four fields, in the order of the bits that mark them seen.
inline constexpr std::array<StatusField, 4> status_fields{{
    {"error", "status.error", "a boolean"},
    {"message", "status.message", "a string"},
    {"type", "status.type", "a string"},
    {"code", "status.code", "an integer"},
}};

/// Reads the status fields with `reader`, whose `next` must have just returned the status object's
/// `object_begin`, marking in `seen` the ones it found (bit i for status_fields[i]). Returns false,
/// with the problem in the reader, at the first problem: a field of the wrong type, a duplicate
/// field, or bad JSON.
ONELOGIN_INVITE_INLINE bool read_status_fields(JsonReader& reader, StatusEnvelope& envelope,
                                               unsigned& seen) {
    while (true) {
        JsonToken token = reader.next();
        if (token == JsonToken::object_end) return true;
        if (token != JsonToken::key) return false;
        std::size_t index = status_fields.size();
        for (std::size_t i = 0; i < status_fields.size(); ++i) {
            if (reader.raw_equals(status_fields[i].key)) index = i;
        }
        const unsigned bit = index < status_fields.size() ? 1u << index : 0u;
        if ((seen & bit) != 0) {
            reader.fail_at(std::string("duplicate key ") + status_fields[index].name, std::nullopt);
            return false;
        }
        seen |= bit;
        token = reader.next();
        if (token == JsonToken::error) return false;
        if (bit == 0) {
            if (!reader.skip(token)) return false;
            continue;
        }
        const StatusField& field = status_fields[index];
        const std::string_view kind = describe_json_token(token, reader.raw());
        if (kind != field.expected) {
            reader.fail_at(std::string(field.name) + " is " + std::string(kind) + ", expected " +
                               field.expected,
                           std::nullopt);
            return false;
        }
        switch (index) {
            case 0: envelope.error = token == JsonToken::literal_true; break;
            case 1: envelope.message = reader.decoded(); break;
            case 2: envelope.type = reader.decoded(); break;
            default:
                envelope.code = json_integer(reader.raw());
                if (!envelope.code) {
                    reader.fail_at("status.code is out of range", std::nullopt);
                    return false;
                }
        }
    }
}

/// Reads a JSON status envelope from `text`, which starts at `offset` in the body, and, when
/// `read_data`, the top-level "data" array of strings. Other members, and fields of `status` other
/// than the four, are checked and skipped.
ONELOGIN_INVITE_INLINE std::variant<StatusEnvelope, BodyProblem> read_status_envelope(
    std::string_view text, std::size_t offset, bool read_data = false) {
    JsonReader reader(text, offset);
    StatusEnvelope envelope;
    JsonToken token = reader.next();
    if (token != JsonToken::object_begin && token != JsonToken::error) {
        reader.fail_at(std::string("the JSON body is ") + describe_json_token(token, reader.raw()) +
                           ", expected an object",
                       std::nullopt);
    }
    bool has_status = false;
    bool has_data = false;
    unsigned seen = 0;
    while (token != JsonToken::error) {
        token = reader.next();
        if (token == JsonToken::object_end || token == JsonToken::error) break;
        const bool is_status = reader.raw_equals("status");
        const bool is_data = read_data && reader.raw_equals("data");
        token = reader.next();
        if (is_data) {
            if (has_data) {
                token = reader.fail_at("duplicate key data", std::nullopt);
            } else if (!read_data_strings(reader, token, envelope.data)) {
                token = JsonToken::error;
            }
            has_data = true;
            continue;
        }
        if (!is_status) {
            if (!reader.skip(token)) break;
            continue;
        }
        if (has_status) {
            token = reader.fail_at("duplicate key status", std::nullopt);
        } else if (token != JsonToken::object_begin && token != JsonToken::error) {
            token = reader.fail_at(std::string("status is ") +
                                       describe_json_token(token, reader.raw()) +
                                       ", expected an object",
                                   std::nullopt);
        } else if (token == JsonToken::object_begin &&
                   !read_status_fields(reader, envelope, seen)) {
            token = JsonToken::error;
        }
        has_status = true;
    }
    if (token != JsonToken::error) token = reader.next();  // only the end may follow
    if (token != JsonToken::end) return reader.problem();
    if (!has_status) return BodyProblem{"the JSON has no \"status\" object", std::nullopt};
    if ((seen & 1u) == 0) return BodyProblem{"status has no \"error\" field", std::nullopt};
    if ((seen & 2u) == 0) return BodyProblem{"status has no \"message\" field", std::nullopt};
    return envelope;
}

}  // namespace onelogin::detail
