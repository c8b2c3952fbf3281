// onelogin-invite: every outcome, result and advice as one line of text, for logs and messages:
// to_string and operator<<. Declarations and templates; the definitions are in print_impl.hpp.
//
// A printed value never shows a secret: an AccessToken prints without its tokens, an invite link
// with only its scheme, host and first path segment (the rest may hold the token that lets its
// holder join), and no body is printed (a token response's body may hold a token). What the server
// wrote is printed in quotes, with control characters, bidirectional controls, line separators,
// quotes and bytes that are not UTF-8 escaped, so that a hostile message cannot move a terminal's
// cursor, reorder what a reader sees or forge a log line.
#pragma once

#include <onelogin/invite/config.hpp>

#include <onelogin/invite/http.hpp>
#include <onelogin/invite/invalid_request.hpp>
#include <onelogin/invite/outcomes.hpp>
#include <onelogin/invite/rate_limit.hpp>
#include <onelogin/invite/retry_advice.hpp>

#include <iosfwd>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace onelogin {

/// "invite sent to a\@example.com: \"Email sent successfully to a\@example.com\""
ONELOGIN_INVITE_DEFERRED
std::string to_string(const InviteSent& sent);
/// "invite link made: \"https://acme.onelogin.com/password/****?****\"": the scheme, host, port
/// and first path segment; the rest of the path, the query and the fragment, where a link carries
/// its token, are "****"
ONELOGIN_INVITE_DEFERRED
std::string to_string(const InviteLink& link);
/// "API key refused: \"API key is invalid or missing\" (invalid_or_missing_api_key)"
ONELOGIN_INVITE_DEFERRED
std::string to_string(const InvalidApiKey& refused);
/// "no such user: \"<OneLogin's message>\""
ONELOGIN_INVITE_DEFERRED
std::string to_string(const NoSuchUser& missing);
/// "access token refused: \"Authentication Failure\""
ONELOGIN_INVITE_DEFERRED
std::string to_string(const InvalidAccessToken& refused);
/// "client credentials refused: \"Authentication Failure\""
ONELOGIN_INVITE_DEFERRED
std::string to_string(const InvalidClientCredentials& refused);
/// "bad request (email_format): \"Email Input is in incorrect format\""
ONELOGIN_INVITE_DEFERRED
std::string to_string(const BadRequest& refused);
/// "rate limited (HTTP 429): \"rate_limit_exceeded\""
ONELOGIN_INVITE_DEFERRED
std::string to_string(const RateLimited& limited);
/// "API error (HTTP 400, code 400, type \"bad request\"): \"Email is invalid\""
ONELOGIN_INVITE_DEFERRED
std::string to_string(const ApiError& error);
/// "malformed response (HTTP 502, HTML page, at byte 0): <the detail>; body of 120 bytes not shown"
ONELOGIN_INVITE_DEFERRED
std::string to_string(const MalformedResponse& malformed);
/// "invalid request (email): email is empty"
ONELOGIN_INVITE_DEFERRED
std::string to_string(const InvalidRequest& refused);
/// "no answer (the request may have reached the server): <the transport's words>"
ONELOGIN_INVITE_DEFERRED
std::string to_string(const TransportError& error);
/// "retry after 30 s: rate limited", "do not retry: a definite answer", "check before sending
/// again after 1 s: ..."
ONELOGIN_INVITE_DEFERRED
std::string to_string(const RetryAdvice& advice);

/// "POST https://api.onelogin.com/api/v3/invites/send_invite_link; Content-Type:
/// application/json; Accept: application/json; body {\"api_key\":\"****\",\"email\":\"a@b.c\"}":
/// secrets masked as to_curl_command masks them (secret headers, secret JSON members, a body that
/// is not JSON whole), and the URL's user information, query and fragment as "****"; every part
/// escaped as server text is.
ONELOGIN_INVITE_DEFERRED
std::string to_string(const HttpRequest& request);

/// "access token (\"bearer\", expires in 36000 s, created \"2015-11-11T03:36:18.714Z\", account
/// 1; token not shown)": the token and the refresh token are never shown.
ONELOGIN_INVITE_DEFERRED
std::string to_string(const AccessToken& token);
/// "token revoked: \"Success\"" (the token is never shown)
ONELOGIN_INVITE_DEFERRED
std::string to_string(const TokenRevoked& revoked);
/// "rate limit: 4988 of 5000 calls left, reset in 832 s"
ONELOGIN_INVITE_DEFERRED
std::string to_string(const RateLimitStatus& status);
/// "no such route (HTTP 404): \"No Route Exists\""
ONELOGIN_INVITE_DEFERRED
std::string to_string(const NoRoute& missing);

namespace detail {

/// True for the types with a to_string, found as a call finds it (in the type's namespace): every
/// type of the library, and a caller's own beside theirs.
template <typename T, typename = void>
struct has_to_string : std::false_type {};
template <typename T>
struct has_to_string<T, std::void_t<decltype(to_string(std::declval<const T&>()))>>
    : std::true_type {};

/// True for the types this header prints: those with a to_string, and a std::variant of them.
template <typename T>
struct printable : has_to_string<T> {};
template <typename... Ts>
struct printable<std::variant<Ts...>> : std::conjunction<printable<Ts>...> {};

}  // namespace detail

/// Whatever an outcome or result variant holds, printed as its type prints.
template <typename... Ts,
          typename = std::enable_if_t<detail::printable<std::variant<Ts...>>::value>>
std::string to_string(const std::variant<Ts...>& outcome) {
    if (outcome.valueless_by_exception()) return "no value";
    return std::visit([](const auto& held) -> std::string { return to_string(held); }, outcome);
}

/// Writes `to_string(value)` for any outcome, result, advice or enum of the library, and for a
/// std::variant of them.
template <typename T, typename = std::enable_if_t<detail::printable<T>::value>>
std::ostream& operator<<(std::ostream& out, const T& value) {
    return out << std::string(to_string(value));
}

}  // namespace onelogin
