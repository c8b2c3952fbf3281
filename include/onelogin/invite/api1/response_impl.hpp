// onelogin-invite: how API /1 and token exchange response bodies are read: each call's parse
// function, the shared recipe (parse_response) with the call's success reader and API /1's table
// of messages (api1_errors, in detail/response/known_errors.hpp); the token's members.
#pragma once

#include <onelogin/invite/api1/generate_invite.hpp>
#include <onelogin/invite/api1/send_invite.hpp>
#include <onelogin/invite/api1/token.hpp>
#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/response/invite_success.hpp>
#include <onelogin/invite/detail/response/json_body.hpp>
#include <onelogin/invite/detail/response/known_errors.hpp>
#include <onelogin/invite/detail/response/read_response.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace onelogin::detail {

/// An error body as an API /1 call's `Outcome`, by api1_errors (known_errors.hpp). A refused
/// credential (the 401's message, or any error with HTTP status or code 401, whatever its shape)
/// becomes `Refused`: the invite calls' InvalidAccessToken, the token exchange's
/// InvalidClientCredentials.
template <typename Outcome, typename Refused>
Outcome api1_error(ApiError&& error, std::string_view body) {
    return typed_error<Outcome, Refused>(std::move(error), body, api1_errors);
}

/// The member `key` of a token as a whole number of at least 0: nothing when it is absent, a
/// problem when it is of another type or out of range.
ONELOGIN_INVITE_DEFERRED
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
ONELOGIN_INVITE_DEFERRED
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

/// A token exchange success as `Outcome`: the AccessToken, or a MalformedResponse when the body
/// has a status envelope (where the token has none) or is not a token.
template <typename Outcome>
Outcome access_token(SuccessBody&& success, std::string_view body, std::optional<int> http_status) {
    if (success.message) {
        return malformed(body, http_status,
                         wrong_shape("a status envelope that reports no error, where a token was "
                                     "expected"));
    }
    auto token = read_access_token(success.document);
    if (auto* problem = std::get_if<BodyProblem>(&token)) {
        return malformed(body, http_status, std::move(*problem));
    }
    AccessToken issued = std::get<AccessToken>(std::move(token));
    issued.http_status = http_status;
    return issued;
}

/// A Revoke Token success as `Outcome`: TokenRevoked, with the status envelope's message. The SDKs
/// decide on the status alone, so under a 2xx any JSON body that reports no error will do; without
/// a status the envelope must be there, else it is a MalformedResponse.
template <typename Outcome>
Outcome token_revoked(SuccessBody&& success, std::string_view body,
                      std::optional<int> http_status) {
    const bool success_status = http_status && *http_status >= 200 && *http_status <= 299;
    if (!success.message && !success_status) {
        return malformed(body, http_status, wrong_shape(std::string(no_status_envelope)));
    }
    return TokenRevoked{success.message.value_or(std::string()), http_status};
}

/// A Get Rate Limit success as `Outcome`: the RateLimitStatus in the "data" object (or an array's
/// first element, as older answers had it), whose three members must be integers of at least 0; a
/// reset over ONELOGIN_INVITE_MAX_WAIT_SECONDS is read as that. Else a MalformedResponse.
template <typename Outcome>
Outcome rate_limit_status(SuccessBody&& success, std::string_view body,
                          std::optional<int> http_status) {
    if (!success.message) {
        return malformed(body, http_status, wrong_shape(std::string(no_status_envelope)));
    }
    JsonBody& document = success.document;
    const JsonValue* data = document.member(document.root(), "data");
    if (data != nullptr && data->type == JsonType::array) data = document.first_element(*data);
    if (data == nullptr || data->type != JsonType::object) {
        return malformed(body, http_status, wrong_shape("a success without a \"data\" object"));
    }
    RateLimitStatus status;
    for (auto [key, field] : {std::pair{"X-RateLimit-Limit", &status.limit},
                              std::pair{"X-RateLimit-Remaining", &status.remaining},
                              std::pair{"X-RateLimit-Reset", &status.reset}}) {
        const JsonValue* member = document.member(*data, key);
        const std::string name = std::string("data.") + key;
        if (member == nullptr)
            return malformed(body, http_status, wrong_shape(name + " is missing"));
        if (member->type != JsonType::integer) {
            return malformed(body, http_status, not_a(name, *member, "an integer"));
        }
        if (!member->integer || *member->integer < 0) {
            return malformed(body, http_status, wrong_shape(name + " is out of range"));
        }
        *field = *member->integer;
    }
    status.reset = std::min<long long>(status.reset, ONELOGIN_INVITE_MAX_WAIT_SECONDS);
    status.http_status = http_status;
    return status;
}

}  // namespace onelogin::detail

namespace onelogin::api1 {

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE SendInviteOutcome
parse_send_invite_response(std::string_view body, std::optional<int> http_status) {
    return detail::parse_response<SendInviteOutcome>(
        body, http_status, detail::invite_sent<SendInviteOutcome>,
        detail::api1_error<SendInviteOutcome, InvalidAccessToken>);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE GenerateInviteOutcome
parse_generate_invite_response(std::string_view body, std::optional<int> http_status) {
    return detail::parse_response<GenerateInviteOutcome>(
        body, http_status, detail::invite_link<GenerateInviteOutcome>,
        detail::api1_error<GenerateInviteOutcome, InvalidAccessToken>);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE TokenOutcome parse_token_response(std::string_view body,
                                                         std::optional<int> http_status) {
    return detail::parse_response<TokenOutcome>(
        body, http_status, detail::access_token<TokenOutcome>,
        detail::api1_error<TokenOutcome, InvalidClientCredentials>);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RevokeTokenOutcome
parse_revoke_token_response(std::string_view body, std::optional<int> http_status) {
    return detail::parse_response<RevokeTokenOutcome>(
        body, http_status, detail::token_revoked<RevokeTokenOutcome>,
        detail::api1_error<RevokeTokenOutcome, InvalidClientCredentials>);
}

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE RateLimitOutcome parse_rate_limit_response(std::string_view body,
                                                                  std::optional<int> http_status) {
    return detail::parse_response<RateLimitOutcome>(
        body, http_status, detail::rate_limit_status<RateLimitOutcome>,
        detail::api1_error<RateLimitOutcome, InvalidAccessToken>);
}

}  // namespace onelogin::api1
