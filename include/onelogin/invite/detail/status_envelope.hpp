// onelogin-invite: reading the JSON `status` envelope the API answers with, through nlohmann's
// SAX interface: no DOM, no exceptions, bounded nesting.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/body_problem.hpp>
#include <onelogin/invite/detail/body_sniffer.hpp>

#include <nlohmann/json.hpp>

#include <climits>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// The fields of `{"status": {"error", "message", "type", "code"}}` that the library reads.
struct StatusEnvelope {
    bool error = false;
    std::string message;
    std::string type;               ///< empty when absent
    std::optional<long long> code;  ///< absent when absent
};

/// A SAX handler that keeps the `status` fields and ignores every other member. It stops at the
/// first problem: a top-level value that is not an object, a status field of the wrong type, a
/// duplicate status key, or nesting deeper than ONELOGIN_INVITE_MAX_JSON_DEPTH.
class StatusEnvelopeHandler {
public:
    using json = nlohmann::json;

    bool null() { return ignore("null"); }
    bool boolean(bool value) {
        if (!accept("a boolean")) return false;
        if (consume() == Slot::error) envelope_.error = value;
        return true;
    }
    bool number_integer(json::number_integer_t value) {
        if (!accept("an integer")) return false;
        if (consume() == Slot::code) envelope_.code = value;
        return true;
    }
    bool number_unsigned(json::number_unsigned_t value) {
        if (!accept("an integer")) return false;
        if (consume() == Slot::code) {
            if (value > static_cast<json::number_unsigned_t>(LLONG_MAX))
                return fail("status.code is out of range");
            envelope_.code = static_cast<long long>(value);
        }
        return true;
    }
    bool number_float(json::number_float_t /*value*/, const json::string_t& /*text*/) {
        return ignore("a fractional number");
    }
    bool string(json::string_t& value) {
        if (!accept("a string")) return false;
        const Slot slot = consume();
        if (slot == Slot::message) {
            envelope_.message = std::move(value);
        } else if (slot == Slot::type) {
            envelope_.type = std::move(value);
        }
        return true;
    }
    bool binary(json::binary_t& /*value*/) { return ignore("binary data"); }
    bool start_object(std::size_t /*elements*/) {
        if (!accept("an object")) return false;
        const bool is_status = consume() == Slot::status;
        if (!descend()) return false;
        if (is_status) status_depth_ = depth_;
        return true;
    }
    bool key(json::string_t& name) {
        if (depth_ == 1 && name == "status") return claim(Slot::status);
        if (depth_ == status_depth_) {
            if (name == "error") return claim(Slot::error);
            if (name == "message") return claim(Slot::message);
            if (name == "type") return claim(Slot::type);
            if (name == "code") return claim(Slot::code);
        }
        return true;
    }
    bool end_object() {
        if (depth_ == status_depth_) status_depth_ = 0;
        return ascend();
    }
    bool start_array(std::size_t /*elements*/) { return ignore("an array") && descend(); }
    bool end_array() { return ascend(); }
    bool parse_error(std::size_t position, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& error) {
        syntax_error_position_ = position;
        syntax_error_id_ = error.id;
        return false;
    }

    /// The outcome of a finished parse. `parsed` is what sax_parse returned, `text` the JSON
    /// and `offset` where it starts in the body.
    std::variant<StatusEnvelope, BodyProblem> result(bool parsed, std::string_view text,
                                                     std::size_t offset) {
        if (!problem_.empty()) return BodyProblem{std::move(problem_), std::nullopt};
        if (!parsed) return syntax_problem(text, offset);
        if ((seen_ & bit(Slot::status)) == 0)
            return BodyProblem{"the JSON has no \"status\" object", std::nullopt};
        if ((seen_ & bit(Slot::error)) == 0)
            return BodyProblem{"status has no \"error\" field", std::nullopt};
        if ((seen_ & bit(Slot::message)) == 0)
            return BodyProblem{"status has no \"message\" field", std::nullopt};
        return std::move(envelope_);
    }

private:
    // Where a value goes: nowhere, or a field the reader keeps.
    enum class Slot : unsigned { none, status, error, message, type, code };
    static constexpr unsigned bit(Slot slot) { return 1u << static_cast<unsigned>(slot); }
    static constexpr const char* name(Slot slot) {
        switch (slot) {
            case Slot::status: return "status";
            case Slot::error: return "status.error";
            case Slot::message: return "status.message";
            case Slot::type: return "status.type";
            case Slot::code: return "status.code";
            case Slot::none: break;
        }
        return "";
    }
    static constexpr const char* expected(Slot slot) {
        switch (slot) {
            case Slot::status: return "an object";
            case Slot::error: return "a boolean";
            case Slot::message:
            case Slot::type: return "a string";
            case Slot::code: return "an integer";
            case Slot::none: break;
        }
        return "";
    }

    bool fail(std::string detail) {
        problem_ = std::move(detail);
        return false;
    }
    // The next value belongs to `slot`, unless the key came twice.
    bool claim(Slot slot) {
        if ((seen_ & bit(slot)) != 0) return fail(std::string("duplicate key ") + name(slot));
        seen_ |= bit(slot);
        pending_ = slot;
        return true;
    }
    // Checks a value of kind `kind` against where it stands: the top level must be an object and
    // a status field must have its type.
    bool accept(const char* kind) {
        if (depth_ == 0 && std::string_view(kind) != "an object") {
            return fail(std::string("the JSON body is ") + kind + ", expected an object");
        }
        if (pending_ != Slot::none && std::string_view(kind) != expected(pending_)) {
            return fail(std::string(name(pending_)) + " is " + kind + ", expected " +
                        expected(pending_));
        }
        return true;
    }
    // The slot the value being read belongs to; the next value belongs to none until a key says.
    Slot consume() { return std::exchange(pending_, Slot::none); }
    // Checks a value the reader does not keep.
    bool ignore(const char* kind) {
        if (!accept(kind)) return false;
        consume();
        return true;
    }
    bool descend() {
        if (depth_ == ONELOGIN_INVITE_MAX_JSON_DEPTH) {
            return fail("the JSON is nested deeper than " +
                        std::to_string(ONELOGIN_INVITE_MAX_JSON_DEPTH) + " levels");
        }
        ++depth_;
        return true;
    }
    bool ascend() {
        --depth_;
        if (depth_ == 0) complete_ = true;
        return true;
    }
    BodyProblem syntax_problem(std::string_view text, std::size_t offset) const {
        // nlohmann counts the bytes it has read, so the offending byte is the last one read.
        const std::size_t at = syntax_error_position_ > 0 ? syntax_error_position_ - 1 : 0;
        const std::size_t where = offset + at;
        if (syntax_error_id_ == 406)
            return BodyProblem{"JSON number out of range at byte " + std::to_string(where), where};
        if (at >= text.size()) {
            return BodyProblem{"the JSON ends early (truncated body?) at byte " +
                                   std::to_string(offset + text.size()),
                               offset + text.size()};
        }
        if (complete_) {
            return BodyProblem{"unexpected " + describe_byte(text[at]) +
                                   " after the JSON value at byte " + std::to_string(where),
                               where};
        }
        return BodyProblem{"invalid JSON: unexpected " + describe_byte(text[at]) + " at byte " +
                               std::to_string(where),
                           where};
    }

    StatusEnvelope envelope_;
    std::string problem_;
    std::size_t depth_ = 0;
    std::size_t status_depth_ = 0;
    unsigned seen_ = 0;
    Slot pending_ = Slot::none;
    bool complete_ = false;
    std::size_t syntax_error_position_ = 0;
    int syntax_error_id_ = 0;
};

/// Reads a JSON status envelope from `text`, which starts at `offset` in the body.
ONELOGIN_INVITE_INLINE std::variant<StatusEnvelope, BodyProblem> read_status_envelope(
    std::string_view text, std::size_t offset) {
    StatusEnvelopeHandler handler;
    const bool parsed = nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &handler);
    return handler.result(parsed, text, offset);
}

}  // namespace onelogin::detail
