// onelogin-invite: the first reading every response body gets, whichever call it answers. The
// body is checked, then read as XML (the API's <error>) or JSON, whose errors come in three shapes
// (the `status` envelope, a flat object, an API /2-style object); each becomes an ApiError, which
// typed_error types by its API's table (known_errors.hpp). A 429, or an error saying
// "rate_limit_exceeded", is RateLimited whatever else the body says. Every parse function is
// parse_response: this reading, then the call's success reader or its API's error table.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/response/body_check.hpp>
#include <onelogin/invite/detail/response/body_problem.hpp>
#include <onelogin/invite/detail/response/json_body.hpp>
#include <onelogin/invite/detail/response/known_errors.hpp>
#include <onelogin/invite/detail/response/xml_error.hpp>
#include <onelogin/invite/outcomes.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// A JSON body that reports no error: its values, and its `status.message` when it has the
/// status envelope (a token has none).
struct SuccessBody {
    JsonBody document;
    std::optional<std::string> message;
};

/// What a body says before a call looks at it: a success, the API's error, a rate limit, or not
/// an answer. The ApiError's `body` is left empty: the call's table sets it when the error stays
/// an ApiError (keep_body), so typed errors never copy the body.
using BodyReading = std::variant<SuccessBody, ApiError, RateLimited, MalformedResponse>;

/// `error` with the whole body it was read from, as every ApiError handed out keeps it.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE ApiError keep_body(ApiError&& error, std::string_view body) {
    error.body = std::string(body);
    return std::move(error);
}

/// The outcome of a body that a call does not read further: its RateLimited or MalformedResponse.
template <typename Outcome>
Outcome not_read_further(BodyReading&& read) {
    if (auto* limited = std::get_if<RateLimited>(&read)) return std::move(*limited);
    return std::get<MalformedResponse>(std::move(read));
}

/// How a message names a JSON value's type: "an object", "an integer", "null", ...
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE const char* describe_json_type(const JsonValue& value) {
    switch (value.type) {
        case JsonType::object: return "an object";
        case JsonType::array: return "an array";
        case JsonType::string: return "a string";
        case JsonType::boolean: return "a boolean";
        case JsonType::integer: return "an integer";
        case JsonType::fraction: return "a fractional number";
        case JsonType::null: return "null";
    }
    return "null";
}

/// The problem of `value` (called `name` in messages) not being `expected`.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE BodyProblem not_a(std::string_view name, const JsonValue& value,
                                         const char* expected) {
    return wrong_shape(std::string(name) + " is " + describe_json_type(value) + ", expected " +
                       expected);
}

/// Where an error object keeps its fields: `{"status":{...}}`'s, a flat object's, API /2's.
struct ErrorFields {
    const char* prefix;    ///< how messages name the object's members: "status." or ""
    const char* code_key;  ///< "code", or API /2's "statusCode"
    const char* type_key;  ///< "type", or API /2's "name"
};

/// Reads the error `object` of `document`: its message (a string, or an object with a
/// `description` string and an optional `attribute` string), its optional integer code and its
/// optional string type.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<ApiError, BodyProblem> read_error_fields(
    JsonBody& document, const JsonValue& object, const ErrorFields& fields,
    std::optional<int> http_status) {
    ApiError error;
    error.http_status = http_status;
    JsonValue* message = document.member(object, "message");
    if (message == nullptr) return wrong_shape(std::string(fields.prefix) + "message is missing");
    if (message->type == JsonType::object) {
        JsonValue* description = document.member(*message, "description");
        JsonValue* attribute = document.member(*message, "attribute");
        if (description == nullptr || description->type != JsonType::string) {
            return wrong_shape(std::string(fields.prefix) +
                               "message is an object without a \"description\" string");
        }
        if (attribute != nullptr) {
            if (attribute->type != JsonType::string) {
                return not_a(std::string(fields.prefix) + "message.attribute", *attribute,
                             "a string");
            }
            error.attribute = std::move(attribute->text);
        }
        error.message = std::move(description->text);
    } else if (message->type == JsonType::string) {
        error.message = std::move(message->text);
    } else {
        return not_a(std::string(fields.prefix) + "message", *message, "a string or an object");
    }
    if (const JsonValue* code = document.member(object, fields.code_key); code != nullptr) {
        if (code->type != JsonType::integer) {
            return not_a(std::string(fields.prefix) + fields.code_key, *code, "an integer");
        }
        if (!code->integer) {
            return wrong_shape(std::string(fields.prefix) + fields.code_key + " is out of range");
        }
        error.status_code = code->integer;
    }
    if (JsonValue* type = document.member(object, fields.type_key); type != nullptr) {
        if (type->type != JsonType::string) {
            return not_a(std::string(fields.prefix) + fields.type_key, *type, "a string");
        }
        error.type = std::move(type->text);
    }
    return error;
}

/// What an error object read as: the API's error, or why it is not one.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<SuccessBody, ApiError, BodyProblem> error_read(
    std::variant<ApiError, BodyProblem>&& read) {
    if (auto* problem = std::get_if<BodyProblem>(&read)) return std::move(*problem);
    return std::get<ApiError>(std::move(read));
}

/// Reads a JSON body: the status envelope (an error, or a success with its message), a flat
/// error object (`"error": true`, or a `code` and a `message` without `error`), an API /2 error
/// (`statusCode` and `message`), or else a success without an envelope.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::variant<SuccessBody, ApiError, BodyProblem> read_json_response(
    JsonBody&& document, std::optional<int> http_status) {
    const JsonValue& root = document.root();
    if (root.type != JsonType::object) return not_a("the JSON body", root, "an object");
    if (const JsonValue* status = document.member(root, "status"); status != nullptr) {
        if (status->type != JsonType::object) return not_a("status", *status, "an object");
        const JsonValue* flag = document.member(*status, "error");
        if (flag == nullptr) return wrong_shape("status has no \"error\" field");
        if (flag->type != JsonType::boolean) return not_a("status.error", *flag, "a boolean");
        auto read = read_error_fields(document, *status, {"status.", "code", "type"}, http_status);
        if (!flag->boolean && std::holds_alternative<ApiError>(read)) {
            return SuccessBody{std::move(document), std::move(std::get<ApiError>(read).message)};
        }
        return error_read(std::move(read));
    }
    if (const JsonValue* flag = document.member(root, "error"); flag != nullptr) {
        if (flag->type != JsonType::boolean || !flag->boolean) {
            return SuccessBody{std::move(document), std::nullopt};
        }
        return error_read(read_error_fields(document, root, {"", "code", "type"}, http_status));
    }
    const bool has_message = document.member(root, "message") != nullptr;
    if (has_message && document.member(root, "code") != nullptr) {
        return error_read(read_error_fields(document, root, {"", "code", "type"}, http_status));
    }
    if (has_message && document.member(root, "statusCode") != nullptr) {
        return error_read(
            read_error_fields(document, root, {"", "statusCode", "name"}, http_status));
    }
    return SuccessBody{std::move(document), std::nullopt};
}

/// The API's XML error as a reading. The ApiError is built where the reading holds it rather
/// than moved in: it is large (five strings), and the XML error is the one reading that is
/// otherwise nothing but pugixml's load.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE BodyReading xml_error_reading(XmlError&& error,
                                                     std::optional<int> http_status) {
    BodyReading reading{std::in_place_type<ApiError>};
    auto& api_error = std::get<ApiError>(reading);
    api_error.http_status = http_status;
    api_error.message = std::move(error.message);
    api_error.error_code = std::move(error.code);
    return reading;
}

/// Reads any body by the rules every call shares, before the rate-limit check.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE BodyReading read_any_response(std::string_view body,
                                                     std::optional<int> http_status) {
    auto checked = check_body(body);
    if (auto* problem = std::get_if<BodyProblem>(&checked)) {
        return malformed(body, http_status, std::move(*problem));
    }
    const CheckedBody& text = std::get<CheckedBody>(checked);

    if (text.syntax == BodySyntax::xml) {
        auto read = read_xml_error(text.text, text.offset);
        if (auto* problem = std::get_if<BodyProblem>(&read)) {
            if (looks_like_html(text.text)) {
                return malformed(body, http_status, html_page_problem(text.text, text.offset));
            }
            return malformed(body, http_status, std::move(*problem));
        }
        return xml_error_reading(std::get<XmlError>(std::move(read)), http_status);
    }

    JsonBody document = read_json_body(text.text, text.offset);
    if (document.problem) {
        // Invalid UTF-8, which check_body left to nlohmann, is named before what nlohmann saw.
        if (auto not_utf8 = check_utf8(body)) {
            return malformed(body, http_status, std::move(*not_utf8));
        }
        return malformed(body, http_status, std::move(*document.problem));
    }
    auto read = read_json_response(std::move(document), http_status);
    if (auto* problem = std::get_if<BodyProblem>(&read)) {
        return malformed(body, http_status, std::move(*problem));
    }
    if (auto* error = std::get_if<ApiError>(&read)) return std::move(*error);
    return std::get<SuccessBody>(std::move(read));
}

/// Reads any body by the rules every call shares. XML must be the <error> document; an HTML page
/// is named as one. JSON must be an object: an error in one of its shapes, or a success. A 429,
/// whatever the body, and an error whose message is "rate_limit_exceeded" are RateLimited.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE BodyReading read_response(std::string_view body,
                                                 std::optional<int> http_status) {
    BodyReading read = read_any_response(body, http_status);
    auto* error = std::get_if<ApiError>(&read);
    if (http_status == 429 || (error != nullptr && error->message == rate_limit_message)) {
        read =
            RateLimited{http_status, error != nullptr ? std::move(error->message) : std::string(),
                        std::string(body.substr(0, ONELOGIN_INVITE_MAX_BODY_BYTES))};
    }
    return read;  // one object returned on every path, so it is built in place, never moved
}

/// `error` as the outcome its row of `table` gives, when `Outcome` has that type; else, for a
/// call whose refusal is `Refused` (void for v3's, which has none), any error with HTTP status or
/// code 401 as `Refused`; else the ApiError, with the body (keep_body).
template <typename Outcome, typename Refused, std::size_t N>
Outcome typed_error(ApiError&& error, std::string_view body,
                    const std::array<KnownMessage, N>& table) {
    if (const KnownMessage* known = find_known(table, error)) {
        switch (known->meaning) {
            case KnownError::invalid_api_key:
                if constexpr (std::is_constructible_v<Outcome, InvalidApiKey>) {
                    return InvalidApiKey{std::move(error.message), std::move(error.error_code)};
                }
                break;
            case KnownError::no_such_user:
                if constexpr (std::is_constructible_v<Outcome, NoSuchUser>) {
                    return NoSuchUser{std::move(error.message)};
                }
                break;
            case KnownError::refused_credentials:
                if constexpr (!std::is_void_v<Refused>) return Refused{std::move(error.message)};
                break;
            case KnownError::bad_request:
                if constexpr (std::is_constructible_v<Outcome, BadRequest>) {
                    return BadRequest{known->reason, std::move(error.message)};
                }
                break;
            case KnownError::no_route:
                if constexpr (std::is_constructible_v<Outcome, NoRoute>) {
                    return NoRoute{std::move(error.message), error.http_status};
                }
                break;
        }
    }
    if constexpr (!std::is_void_v<Refused>) {
        if (error.http_status == 401 || error.status_code == 401) {
            return Refused{std::move(error.message)};
        }
    }
    return keep_body(std::move(error), body);
}

/// How a call reads a success body (SuccessBody) into its outcome.
template <typename Outcome>
using SuccessReader = Outcome (*)(SuccessBody&& success, std::string_view body,
                                  std::optional<int> http_status);

/// How an API types an error body (ApiError) into a call's outcome.
template <typename Outcome>
using ErrorTyper = Outcome (*)(ApiError&& error, std::string_view body);

/// The recipe of every parse function: the body read by the rules every call shares
/// (read_response); a success handed to the call's `read_success`, an error to its API's
/// `type_error`; a rate limit or a body that is no answer kept as it was read.
template <typename Outcome>
Outcome parse_response(std::string_view body, std::optional<int> http_status,
                       SuccessReader<Outcome> read_success, ErrorTyper<Outcome> type_error) {
    BodyReading read = read_response(body, http_status);
    if (auto* success = std::get_if<SuccessBody>(&read)) {
        return read_success(std::move(*success), body, http_status);
    }
    if (auto* error = std::get_if<ApiError>(&read)) return type_error(std::move(*error), body);
    return not_read_further<Outcome>(std::move(read));
}

}  // namespace onelogin::detail
