// onelogin-invite: the first reading every response body gets, whichever call it answers. The
// body is checked, then read as XML (the API's <error>) or JSON, whose errors come in three shapes
// (the `status` envelope, a flat object, an API /2-style object); each becomes an ApiError, which
// each API's table then types (v3/response_impl.hpp, api1/response_impl.hpp). A 429, or an error
// saying "rate_limit_exceeded", is RateLimited whatever else the body says.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/response/body_check.hpp>
#include <onelogin/invite/detail/response/body_problem.hpp>
#include <onelogin/invite/detail/response/json_document.hpp>
#include <onelogin/invite/detail/response/xml_error.hpp>
#include <onelogin/invite/outcomes.hpp>

#include <nlohmann/json.hpp>

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// A JSON body that reports no error: the document, and its `status.message` when it has the
/// status envelope (a token has none).
struct SuccessBody {
    nlohmann::json document;
    std::optional<std::string> message;
};

/// What a body says before a call looks at it: a success, the API's error, a rate limit, or not
/// an answer. The ApiError's `body` is left empty: the call's table sets it when the error stays
/// an ApiError (keep_body), so typed errors never copy the body.
using ReadResponse = std::variant<SuccessBody, ApiError, RateLimited, MalformedResponse>;

/// `error` with the whole body it was read from, as every ApiError handed out keeps it.
ONELOGIN_INVITE_INLINE ApiError keep_body(ApiError&& error, std::string_view body) {
    error.body = std::string(body);
    return std::move(error);
}

/// The outcome of a body that a call does not read further: its RateLimited or MalformedResponse.
template <typename Outcome>
Outcome not_read_further(ReadResponse&& read) {
    if (auto* limited = std::get_if<RateLimited>(&read)) return std::move(*limited);
    return std::get<MalformedResponse>(std::move(read));
}

/// How a message names a JSON value's type: "an object", "an integer", "null", ...
ONELOGIN_INVITE_INLINE const char* describe_json_type(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::object: return "an object";
        case nlohmann::json::value_t::array: return "an array";
        case nlohmann::json::value_t::string: return "a string";
        case nlohmann::json::value_t::boolean: return "a boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned: return "an integer";
        case nlohmann::json::value_t::number_float: return "a fractional number";
        case nlohmann::json::value_t::binary: return "binary data";  // never read from JSON text
        case nlohmann::json::value_t::null:
        case nlohmann::json::value_t::discarded: return "null";
    }
    return "null";
}

/// The problem of `value` (called `name` in messages) not being `expected`.
ONELOGIN_INVITE_INLINE BodyProblem not_a(std::string_view name, const nlohmann::json& value,
                                         const char* expected) {
    return wrong_shape(std::string(name) + " is " + describe_json_type(value) + ", expected " +
                       expected);
}

/// A JSON integer as a long long, or nothing when it is not an integer or does not fit.
ONELOGIN_INVITE_INLINE std::optional<long long> json_integer(const nlohmann::json& value) {
    if (value.is_number_integer() && !value.is_number_unsigned()) {
        return value.get<long long>();
    }
    if (value.is_number_unsigned() &&
        value.get<unsigned long long>() <=
            static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
        return static_cast<long long>(value.get<unsigned long long>());
    }
    return std::nullopt;
}

/// Where an error object keeps its fields: `{"status":{...}}`'s, a flat object's, API /2's.
struct ErrorFields {
    const char* prefix;    ///< how messages name the object's members: "status." or ""
    const char* code_key;  ///< "code", or API /2's "statusCode"
    const char* type_key;  ///< "type", or API /2's "name"
};

/// Reads an error object's message (a string, or an object with a `description` string and an
/// optional `attribute` string), its optional integer code and its optional string type.
ONELOGIN_INVITE_INLINE std::variant<ApiError, BodyProblem> read_error_fields(
    nlohmann::json& object, const ErrorFields& fields, std::optional<int> http_status) {
    ApiError error{http_status, std::nullopt, {}, {}, {}, {}, {}};
    const auto message = object.find("message");
    if (message == object.end())
        return wrong_shape(std::string(fields.prefix) + "message is missing");
    if (message->is_object()) {
        const auto description = message->find("description");
        const auto attribute = message->find("attribute");
        if (description == message->end() || !description->is_string()) {
            return wrong_shape(std::string(fields.prefix) +
                               "message is an object without a \"description\" string");
        }
        if (attribute != message->end()) {
            if (!attribute->is_string()) {
                return not_a(std::string(fields.prefix) + "message.attribute", *attribute,
                             "a string");
            }
            error.attribute = std::move(attribute->get_ref<std::string&>());
        }
        error.message = std::move(description->get_ref<std::string&>());
    } else if (message->is_string()) {
        error.message = std::move(message->get_ref<std::string&>());
    } else {
        return not_a(std::string(fields.prefix) + "message", *message, "a string or an object");
    }
    if (const auto code = object.find(fields.code_key); code != object.end()) {
        if (!code->is_number_integer()) {
            return not_a(std::string(fields.prefix) + fields.code_key, *code, "an integer");
        }
        error.status_code = json_integer(*code);
        if (!error.status_code) {
            return wrong_shape(std::string(fields.prefix) + fields.code_key + " is out of range");
        }
    }
    if (const auto type = object.find(fields.type_key); type != object.end()) {
        if (!type->is_string())
            return not_a(std::string(fields.prefix) + fields.type_key, *type, "a string");
        error.type = std::move(type->get_ref<std::string&>());
    }
    return error;
}

/// Reads a JSON document: the status envelope (an error, or a success with its message), a flat
/// error object (`"error": true`, or a `code` and a `message` without `error`), an API /2 error
/// (`statusCode` and `message`), or else a success without an envelope.
ONELOGIN_INVITE_INLINE std::variant<SuccessBody, ApiError, BodyProblem> read_json_response(
    nlohmann::json&& document, std::optional<int> http_status) {
    if (!document.is_object()) return not_a("the JSON body", document, "an object");
    std::variant<ApiError, BodyProblem> error;
    if (const auto status = document.find("status"); status != document.end()) {
        if (!status->is_object()) return not_a("status", *status, "an object");
        const auto flag = status->find("error");
        if (flag == status->end()) return wrong_shape("status has no \"error\" field");
        if (!flag->is_boolean()) return not_a("status.error", *flag, "a boolean");
        error = read_error_fields(*status, {"status.", "code", "type"}, http_status);
        if (!flag->get<bool>() && std::holds_alternative<ApiError>(error)) {
            return SuccessBody{std::move(document), std::move(std::get<ApiError>(error).message)};
        }
    } else if (const auto flag = document.find("error"); flag != document.end()) {
        if (!flag->is_boolean() || !flag->get<bool>()) return SuccessBody{std::move(document), {}};
        error = read_error_fields(document, {"", "code", "type"}, http_status);
    } else if (document.contains("code") && document.contains("message")) {
        error = read_error_fields(document, {"", "code", "type"}, http_status);
    } else if (document.contains("statusCode") && document.contains("message")) {
        error = read_error_fields(document, {"", "statusCode", "name"}, http_status);
    } else {
        return SuccessBody{std::move(document), std::nullopt};
    }
    if (auto* problem = std::get_if<BodyProblem>(&error)) return std::move(*problem);
    return std::get<ApiError>(std::move(error));
}

/// The message OneLogin sends when the account is over its rate limit (seen with HTTP 400).
inline constexpr std::string_view rate_limit_message = "rate_limit_exceeded";

/// Reads any body by the rules every call shares, before the rate-limit check.
ONELOGIN_INVITE_INLINE ReadResponse read_any_response(std::string_view body,
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
        auto& error = std::get<XmlError>(read);
        return ApiError{http_status,           std::nullopt, {}, std::move(error.message),
                        std::move(error.code), {},           {}};
    }

    JsonDocument document = read_json_document(text.text, text.offset);
    if (document.problem) {
        // Invalid UTF-8, which check_body left to nlohmann, is named before what nlohmann saw.
        if (auto not_utf8 = check_utf8(body)) {
            return malformed(body, http_status, std::move(*not_utf8));
        }
        return malformed(body, http_status, std::move(*document.problem));
    }
    auto read = read_json_response(std::move(document.root), http_status);
    if (auto* problem = std::get_if<BodyProblem>(&read)) {
        return malformed(body, http_status, std::move(*problem));
    }
    if (auto* error = std::get_if<ApiError>(&read)) return std::move(*error);
    return std::get<SuccessBody>(std::move(read));
}

/// Reads any body by the rules every call shares. XML must be the <error> document; an HTML page
/// is named as one. JSON must be an object: an error in one of its shapes, or a success. A 429,
/// whatever the body, and an error whose message is "rate_limit_exceeded" are RateLimited.
ONELOGIN_INVITE_INLINE ReadResponse read_response(std::string_view body,
                                                  std::optional<int> http_status) {
    ReadResponse read = read_any_response(body, http_status);
    auto* error = std::get_if<ApiError>(&read);
    if (http_status != 429 && (error == nullptr || error->message != rate_limit_message)) {
        return read;
    }
    return RateLimited{http_status, error != nullptr ? std::move(error->message) : std::string(),
                       std::string(body.substr(0, ONELOGIN_INVITE_MAX_BODY_BYTES))};
}

}  // namespace onelogin::detail
