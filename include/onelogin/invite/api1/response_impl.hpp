// onelogin-invite: how API /1 and token exchange response bodies are read: the messages OneLogin
// documents and the outcome each gives, then the parse function of each call. To type another
// API /1 error, add its message to api1_messages.
#pragma once

#include <onelogin/invite/api1/generate_invite.hpp>
#include <onelogin/invite/api1/send_invite.hpp>
#include <onelogin/invite/api1/token.hpp>
#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/response/invite_success.hpp>
#include <onelogin/invite/detail/response/json_body.hpp>
#include <onelogin/invite/detail/response/read_response.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// What a documented API /1 error message means.
enum class Api1Error {
    no_such_user,         ///< NoSuchUser
    refused_credentials,  ///< the 401: InvalidAccessToken, or InvalidClientCredentials (token)
    bad_request,          ///< BadRequest, with the reason in the table
};

/// One documented message and what it means.
struct Api1Message {
    std::string_view message;
    Api1Error error;
    BadRequestReason reason;  ///< for Api1Error::bad_request
};

/// The messages API /1 documents (all with HTTP 400 but the 401 "Authentication Failure").
/// A message not listed here, or not matched exactly, stays the ApiError it was read as.
inline constexpr std::array<Api1Message, 7> api1_messages{{
    {"No User exists for input email", Api1Error::no_such_user, {}},
    {"Authentication Failure", Api1Error::refused_credentials, {}},
    {"Authorization Information is incorrect", Api1Error::bad_request,
     BadRequestReason::authorization_incorrect},
    {"Email Parameter is missing", Api1Error::bad_request, BadRequestReason::email_missing},
    {"Email Input is in incorrect format", Api1Error::bad_request, BadRequestReason::email_format},
    {"Content Type is not specified or specified incorrectly. Content-Type header must be set to "
     "application/json",
     Api1Error::bad_request, BadRequestReason::content_type},
    {"Input JSON is not valid", Api1Error::bad_request, BadRequestReason::invalid_json},
}};

/// `error` typed by api1_messages as `Outcome`. A refused credential (the 401's message, or any
/// error with HTTP status or code 401, whatever its shape) becomes `Refused`: the invite calls'
/// InvalidAccessToken, the token exchange's InvalidClientCredentials.
template <typename Outcome, typename Refused>
Outcome api1_error(ApiError&& error, std::string_view body) {
    for (const Api1Message& known : api1_messages) {
        if (error.message != known.message) continue;
        switch (known.error) {
            case Api1Error::no_such_user:
                // The token exchange names no user: there it is an ApiError like any other.
                if constexpr (std::is_constructible_v<Outcome, NoSuchUser>) {
                    return NoSuchUser{std::move(error.message)};
                }
                break;
            case Api1Error::refused_credentials: return Refused{std::move(error.message)};
            case Api1Error::bad_request: return BadRequest{known.reason, std::move(error.message)};
        }
    }
    // A documented message is read as documented; any other error that says 401 is a refusal.
    if (error.http_status == 401 || error.status_code == 401) {
        return Refused{std::move(error.message)};
    }
    return keep_body(std::move(error), body);
}

/// The member `key` of a token as a whole number of at least 0: nothing when it is absent, a
/// problem when it is of another type or out of range.
ONELOGIN_INVITE_INLINE std::variant<std::optional<long long>, BodyProblem> token_number(
    JsonBody& document, const char* key) {
    const JsonValue* member = document.member(document.root(), key);
    if (member == nullptr) return std::nullopt;
    if (member->type != JsonType::integer) return not_a(key, *member, "an integer");
    if (!member->integer || *member->integer < 0) {
        return wrong_shape(std::string(key) + " is out of range");
    }
    return member->integer;
}

/// The token in a token exchange success, or what is wrong with it. A problem never quotes a
/// value: the body holds secrets.
ONELOGIN_INVITE_INLINE std::variant<api1::AccessToken, BodyProblem> read_access_token(
    JsonBody& document) {
    api1::AccessToken token;
    for (auto [key, field] : {std::pair{"access_token", &token.access_token},
                              std::pair{"created_at", &token.created_at},
                              std::pair{"refresh_token", &token.refresh_token},
                              std::pair{"token_type", &token.token_type}}) {
        JsonValue* member = document.member(document.root(), key);
        if (member == nullptr) continue;
        if (member->type != JsonType::string) return not_a(key, *member, "a string");
        *field = std::move(member->text);
    }
    auto expires_in = token_number(document, "expires_in");
    if (auto* problem = std::get_if<BodyProblem>(&expires_in)) return std::move(*problem);
    auto account_id = token_number(document, "account_id");
    if (auto* problem = std::get_if<BodyProblem>(&account_id)) return std::move(*problem);
    if (token.access_token.empty()) return wrong_shape("the token has no \"access_token\"");
    const auto& expires = std::get<std::optional<long long>>(expires_in);
    if (!expires) return wrong_shape("the token has no \"expires_in\"");
    if (document.member(document.root(), "token_type") == nullptr) {
        return wrong_shape("the token has no \"token_type\"");
    }
    token.expires_in = *expires;
    token.account_id = std::get<std::optional<long long>>(account_id);
    return token;
}

}  // namespace onelogin::detail

namespace onelogin::api1 {

ONELOGIN_INVITE_INLINE SendInviteOutcome
parse_send_invite_response(std::string_view body, std::optional<int> http_status) {
    detail::ReadResponse read = detail::read_response(body, http_status);
    if (auto* success = std::get_if<detail::SuccessBody>(&read)) {
        return detail::invite_sent<SendInviteOutcome>(std::move(*success), body, http_status);
    }
    if (auto* error = std::get_if<ApiError>(&read)) {
        return detail::api1_error<SendInviteOutcome, InvalidAccessToken>(std::move(*error), body);
    }
    return detail::not_read_further<SendInviteOutcome>(std::move(read));
}

ONELOGIN_INVITE_INLINE GenerateInviteOutcome
parse_generate_invite_response(std::string_view body, std::optional<int> http_status) {
    detail::ReadResponse read = detail::read_response(body, http_status);
    if (auto* success = std::get_if<detail::SuccessBody>(&read)) {
        return detail::invite_link<GenerateInviteOutcome>(std::move(*success), body, http_status);
    }
    if (auto* error = std::get_if<ApiError>(&read)) {
        return detail::api1_error<GenerateInviteOutcome, InvalidAccessToken>(std::move(*error),
                                                                             body);
    }
    return detail::not_read_further<GenerateInviteOutcome>(std::move(read));
}

ONELOGIN_INVITE_INLINE TokenOutcome parse_token_response(std::string_view body,
                                                         std::optional<int> http_status) {
    detail::ReadResponse read = detail::read_response(body, http_status);
    if (auto* error = std::get_if<ApiError>(&read)) {
        return detail::api1_error<TokenOutcome, InvalidClientCredentials>(std::move(*error), body);
    }
    auto* success_body = std::get_if<detail::SuccessBody>(&read);
    if (success_body == nullptr) return detail::not_read_further<TokenOutcome>(std::move(read));
    detail::SuccessBody& success = *success_body;
    if (success.message) {
        return detail::malformed(body, http_status,
                                 detail::wrong_shape("a status envelope that reports no error, "
                                                     "where a token was expected"));
    }
    auto token = detail::read_access_token(success.document);
    if (auto* problem = std::get_if<detail::BodyProblem>(&token)) {
        return detail::malformed(body, http_status, std::move(*problem));
    }
    AccessToken issued = std::get<AccessToken>(std::move(token));
    issued.http_status = http_status;
    return issued;
}

}  // namespace onelogin::api1
