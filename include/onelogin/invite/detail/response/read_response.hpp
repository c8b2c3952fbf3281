// onelogin-invite: the first reading every response body gets, whichever call it answers. The
// body is checked, then read as XML (the API's <error>) or JSON; a JSON error envelope becomes an
// ApiError, which each API's table then types (v3/response_impl.hpp, api1/response_impl.hpp).
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

/// What a body says before a call looks at it: a success, the API's error, or not an answer.
/// The ApiError's `body` is left empty: the call's table sets it when the error stays an ApiError
/// (keep_body), so typed errors never copy the body.
using ReadResponse = std::variant<SuccessBody, ApiError, MalformedResponse>;

/// `error` with the whole body it was read from, as every ApiError handed out keeps it.
ONELOGIN_INVITE_INLINE ApiError keep_body(ApiError&& error, std::string_view body) {
    error.body = std::string(body);
    return std::move(error);
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
        default: return "null";
    }
}

/// The problem of `value` (called `name` in messages) not being `expected`.
ONELOGIN_INVITE_INLINE BodyProblem not_a(const char* name, const nlohmann::json& value,
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

/// Reads a `status` envelope: an ApiError when it reports an error, else the success's message; a
/// problem when a field is missing or of the wrong type.
ONELOGIN_INVITE_INLINE std::variant<std::string, ApiError, BodyProblem> read_status_envelope(
    nlohmann::json& status, std::optional<int> http_status) {
    if (!status.is_object()) return not_a("status", status, "an object");
    const auto error = status.find("error");
    const auto message = status.find("message");
    const auto type = status.find("type");
    const auto code = status.find("code");
    if (error == status.end()) return wrong_shape("status has no \"error\" field");
    if (!error->is_boolean()) return not_a("status.error", *error, "a boolean");
    if (message == status.end()) return wrong_shape("status has no \"message\" field");
    if (!message->is_string()) return not_a("status.message", *message, "a string");
    if (type != status.end() && !type->is_string()) return not_a("status.type", *type, "a string");
    std::optional<long long> code_value;
    if (code != status.end()) {
        if (!code->is_number_integer()) return not_a("status.code", *code, "an integer");
        code_value = json_integer(*code);
        if (!code_value) return wrong_shape("status.code is out of range");
    }
    std::string& words = message->get_ref<std::string&>();
    if (!error->get<bool>()) return std::move(words);
    return ApiError{http_status,
                    code_value,
                    type != status.end() ? std::move(type->get_ref<std::string&>()) : std::string(),
                    std::move(words),
                    {},
                    {}};
}

/// Reads any body by the rules every call shares. XML must be the <error> document; an HTML page
/// is named as one. JSON must be an object; with a `status` member it is the status envelope.
ONELOGIN_INVITE_INLINE ReadResponse read_response(std::string_view body,
                                                  std::optional<int> http_status) {
    auto checked = check_body(body);
    if (auto* problem = std::get_if<BodyProblem>(&checked)) {
        return malformed(body, http_status, std::move(*problem));
    }
    const CheckedBody& text = *std::get_if<CheckedBody>(&checked);

    if (text.syntax == BodySyntax::xml) {
        auto read = read_xml_error(text.text, text.offset);
        if (auto* problem = std::get_if<BodyProblem>(&read)) {
            if (looks_like_html(text.text)) {
                return malformed(body, http_status, html_page_problem(text.text, text.offset));
            }
            return malformed(body, http_status, std::move(*problem));
        }
        auto& error = *std::get_if<XmlError>(&read);
        return ApiError{
            http_status, std::nullopt, {}, std::move(error.message), std::move(error.code), {}};
    }

    auto read = read_json_document(text.text, text.offset);
    if (auto* problem = std::get_if<BodyProblem>(&read)) {
        return malformed(body, http_status, std::move(*problem));
    }
    nlohmann::json& document = *std::get_if<nlohmann::json>(&read);
    if (!document.is_object()) {
        return malformed(body, http_status, not_a("the JSON body", document, "an object"));
    }
    const auto status = document.find("status");
    if (status == document.end()) return SuccessBody{std::move(document), std::nullopt};
    auto envelope = read_status_envelope(*status, http_status);
    if (auto* problem = std::get_if<BodyProblem>(&envelope)) {
        return malformed(body, http_status, std::move(*problem));
    }
    if (auto* error = std::get_if<ApiError>(&envelope)) return std::move(*error);
    return SuccessBody{std::move(document), std::move(*std::get_if<std::string>(&envelope))};
}

}  // namespace onelogin::detail
