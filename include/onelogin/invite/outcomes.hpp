// onelogin-invite: every answer a response body can give, as plain value types. Each type says
// what it is beside its definition: a success has `static constexpr bool success = true` (what
// is_success reads), an `http_status` member keeps the status (what http_status reads), and a
// `texts` function beside it names its strings (what the one-call helpers mask their secret in). A
// type's printed form is its to_string (print.hpp). Nothing else lists the types.
#pragma once

#include <onelogin/invite/config.hpp>

#include <onelogin/invite/rate_limit.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <tuple>

namespace onelogin {

/// The server accepted the request and emailed the invite link.
struct InviteSent {
    static constexpr bool success = true;  ///< the call did what it was asked
    std::string message;    ///< the server's words, e.g. "Email sent successfully to a@b.com"
    std::string recipient;  ///< the address named in that message; empty if it names none
    std::optional<int> http_status = {};  ///< the HTTP status, when the caller passed it
};
/// InviteSent's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(InviteSent& sent) {
    return std::tie(sent.message, sent.recipient);
}

/// The server made an invite link and handed it back (Generate Invite Link).
struct InviteLink {
    static constexpr bool success = true;  ///< the call did what it was asked
    std::string message;                   ///< the server's words, "Success"
    std::string link;                      ///< the link that lets the user set a password and join
    std::optional<int> http_status = {};   ///< the HTTP status, when the caller passed it
};
/// InviteLink's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(InviteLink& link) {
    return std::tie(link.message, link.link);
}

/// Token exchange: a token the server issued. `access_token` and `refresh_token` are secrets.
struct AccessToken {
    static constexpr bool success = true;  ///< the call did what it was asked
    std::string access_token;              ///< what api1::SendInviteRequest::access_token takes
    std::string created_at;                ///< when it was made, as the server wrote it (ISO 8601)
    long long expires_in = 0;              ///< seconds it lasts from created_at (36000: 10 hours)
    std::string refresh_token;             ///< empty when the answer has none
    std::string token_type;                ///< "bearer"
    std::optional<long long> account_id = {};  ///< the account, when the answer names it
    std::optional<int> http_status = {};       ///< the HTTP status, when the caller passed it
};
/// AccessToken's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(AccessToken& token) {
    return std::tie(token.access_token, token.created_at, token.refresh_token, token.token_type);
}

/// Revoke Token: the server revoked the access token and its refresh token; neither works again.
struct TokenRevoked {
    static constexpr bool success = true;  ///< the call did what it was asked
    std::string message;                   ///< the server's words, "Success"; empty if none
    std::optional<int> http_status = {};   ///< the HTTP status, when the caller passed it
};
/// TokenRevoked's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(TokenRevoked& revoked) {
    return std::tie(revoked.message);
}

/// Get Rate Limit: the account's rate-limit status, as the server counts it (API /1 allows 5,000
/// calls an hour per account, whatever the number of tokens).
struct RateLimitStatus {
    static constexpr bool success = true;  ///< the call did what it was asked
    long long limit = 0;                   ///< calls allowed in the hour ("X-RateLimit-Limit")
    long long remaining = 0;               ///< calls left in this hour ("X-RateLimit-Remaining")
    long long reset = 0;  ///< seconds until the hour resets, a countdown ("X-RateLimit-Reset");
                          ///< at most ONELOGIN_INVITE_MAX_WAIT_SECONDS
    std::optional<int> http_status = {};  ///< the HTTP status, when the caller passed it
};
/// RateLimitStatus's texts (none: it holds numbers only).
ONELOGIN_INVITE_DEFERRED inline std::tuple<> texts(RateLimitStatus& /*status*/) { return {}; }

/// The server rejected the API key (the XML `invalid_or_missing_api_key` error).
struct InvalidApiKey {
    std::string message;  ///< "API key is invalid or missing"
    std::string code;     ///< "invalid_or_missing_api_key"
};
/// InvalidApiKey's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(InvalidApiKey& refused) {
    return std::tie(refused.message, refused.code);
}

/// No user of the account has the email address that was sent.
struct NoSuchUser {
    std::string message;  ///< OneLogin's message (detail::no_such_user_message)
};
/// NoSuchUser's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(NoSuchUser& missing) {
    return std::tie(missing.message);
}

/// API /1: the server has no such route (HTTP 404 "No Route Exists"): the method or the path is
/// not one it serves, so the request did nothing. A base URL with a wrong path prefix gives it,
/// for every request alike.
struct NoRoute {
    std::string message;                  ///< "No Route Exists"
    std::optional<int> http_status = {};  ///< the HTTP status, when the caller passed it
};
/// NoRoute's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(NoRoute& missing) { return std::tie(missing.message); }

/// API /1: the access token was refused (HTTP 401 "Authentication Failure", or a 401 in any other
/// error shape): it is invalid, expired or revoked. Get a new one with the token exchange and try
/// again.
struct InvalidAccessToken {
    std::string message;  ///< "Authentication Failure", "Unauthorized", ...
};
/// InvalidAccessToken's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(InvalidAccessToken& refused) {
    return std::tie(refused.message);
}

/// Token exchange: the client id and secret were refused (a 401, or "Authentication Failure"
/// under any status). A new token cannot come from the exchange that refused them: fix the
/// credentials.
struct InvalidClientCredentials {
    std::string message;  ///< "Authentication Failure", "Unauthorized", ...
};
/// InvalidClientCredentials's texts, in which the one-call helpers mask the secret they were
/// handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(InvalidClientCredentials& refused) {
    return std::tie(refused.message);
}

/// The documented reasons API /1 and its token calls give for a 400 (besides NoSuchUser's).
enum class BadRequestReason {
    authorization_incorrect,  ///< "Authorization Information is incorrect"
    email_missing,            ///< "Email Parameter is missing"
    email_format,             ///< "Email Input is in incorrect format"
    content_type,             ///< "Content Type is not specified or specified incorrectly. ..."
    invalid_json,             ///< "Input JSON is not valid"
    access_token_missing,     ///< Revoke Token: "Access Token Missing"
    authorization_missing,    ///< Revoke Token: "The authorization information is missing"
};

/// The value's name: "authorization_incorrect", "email_missing", ...
constexpr const char* to_string(BadRequestReason reason) noexcept {
    switch (reason) {
        case BadRequestReason::authorization_incorrect: return "authorization_incorrect";
        case BadRequestReason::email_missing: return "email_missing";
        case BadRequestReason::email_format: return "email_format";
        case BadRequestReason::content_type: return "content_type";
        case BadRequestReason::invalid_json: return "invalid_json";
        case BadRequestReason::access_token_missing: return "access_token_missing";
        case BadRequestReason::authorization_missing: return "authorization_missing";
    }
    return "unknown";
}

/// API /1 and the token exchange: the server refused the request for one of its documented
/// reasons. Requests as the library builds them meet the rules these name, so most mean that
/// something on the way changed the request; `email_format` that the server's idea of an address
/// is narrower than the library's.
struct BadRequest {
    BadRequestReason reason;
    std::string message;  ///< the server's words, one of those listed at BadRequestReason
};
/// BadRequest's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(BadRequest& refused) {
    return std::tie(refused.message);
}

/// The account is over its rate limit: HTTP 429, whatever the body says (JSON, an HTML page,
/// nothing), or an error whose message is "rate_limit_exceeded". retry_advice says how long to
/// wait, from the response's Retry-After or X-RateLimit-Reset header.
struct RateLimited {
    std::optional<int> http_status = {};  ///< the HTTP status, when the caller passed it
    std::string message;                  ///< the server's words, when the body had any
    std::string body;           ///< the body verbatim (at most ONELOGIN_INVITE_MAX_BODY_BYTES)
    RateLimit rate_limit = {};  ///< the response's rate-limit and Retry-After headers, when
                                ///< send_invite and the like had them from the transport
};
/// RateLimited's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(RateLimited& limited) {
    return std::tie(limited.message, limited.body);
}

/// A well-formed error the library has no dedicated type for. Nothing the server said is lost.
/// It is read from any of the shapes OneLogin sends: the `status` envelope, a flat
/// `{"error":true,"code","type","message"}` object, an API /2-style
/// `{"statusCode","name","message"}` object, or the XML `<error>`.
struct ApiError {
    std::optional<int> http_status = {};        ///< the HTTP status, when the caller passed it
    std::optional<long long> status_code = {};  ///< the JSON `code` (or `statusCode`), when present
    std::string type;           ///< the JSON `type` (or `name`); empty for XML errors
    std::string message;        ///< the JSON `message` (its `description` when it is an
                                ///< object) or the XML `<message>`
    std::string error_code;     ///< the XML error's code element; empty for JSON
    std::string body;           ///< the whole response body, verbatim
    std::string attribute;      ///< the `attribute` a message object names, else empty
    RateLimit rate_limit = {};  ///< the response's rate-limit and Retry-After headers,
                                ///< when send_invite and the like had them
};
/// ApiError's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(ApiError& error) {
    return std::tie(error.type, error.message, error.error_code, error.body, error.attribute);
}

/// Why a body is not one of the API's answers: a value to switch on, beside the words in
/// MalformedResponse::detail (as pugixml's xml_parse_status is beside its description()).
enum class MalformedReason {
    empty_body,       ///< no bytes, or only whitespace
    too_large,        ///< over ONELOGIN_INVITE_MAX_BODY_BYTES; not parsed
    other_encoding,   ///< UTF-16 or UTF-32, by its byte order mark or its NUL bytes
    not_utf8,         ///< a byte sequence that is not UTF-8
    nul_byte,         ///< a NUL byte in otherwise UTF-8 text
    html_page,        ///< an HTML page, such as a proxy's or gateway's error page
    not_json_or_xml,  ///< text that starts like neither JSON nor XML
    cut_short,        ///< JSON or XML that ends before the document does (a dropped connection?)
    invalid_json,     ///< JSON that breaks the grammar, or a number beyond a double's range
    invalid_xml,      ///< XML that is not well-formed
    doctype_refused,  ///< XML with a document type declaration, which is never read
    too_deep,         ///< JSON nested deeper than ONELOGIN_INVITE_MAX_JSON_DEPTH
    duplicate_key,    ///< a JSON object that names the same member twice
    wrong_shape,      ///< a well-formed document that is not an answer of the call
};

/// The reason in a few words: "empty body", "too large", ... Never empty.
constexpr const char* to_string(MalformedReason reason) noexcept {
    switch (reason) {
        case MalformedReason::empty_body: return "empty body";
        case MalformedReason::too_large: return "too large";
        case MalformedReason::other_encoding: return "not UTF-8 but UTF-16 or UTF-32";
        case MalformedReason::not_utf8: return "not UTF-8";
        case MalformedReason::nul_byte: return "NUL byte";
        case MalformedReason::html_page: return "HTML page";
        case MalformedReason::not_json_or_xml: return "neither JSON nor XML";
        case MalformedReason::cut_short: return "cut short";
        case MalformedReason::invalid_json: return "invalid JSON";
        case MalformedReason::invalid_xml: return "invalid XML";
        case MalformedReason::doctype_refused: return "XML document type declaration";
        case MalformedReason::too_deep: return "nested too deep";
        case MalformedReason::duplicate_key: return "duplicate key";
        case MalformedReason::wrong_shape: return "wrong shape";
    }
    return "unknown";
}

/// A body that is not one of the API's answers: empty, cut short, not UTF-8, an HTML page from a
/// proxy, a JSON or XML document of the wrong shape, and so on.
struct MalformedResponse {
    std::optional<int> http_status = {};  ///< the HTTP status, when the caller passed it
    MalformedReason reason = MalformedReason::wrong_shape;  ///< what was wrong, to switch on
    std::string detail;                                     ///< what was wrong, in words
    std::optional<std::size_t> offset = {};  ///< byte offset of the problem, where known
    std::string body;           ///< the body verbatim; of a body over the size cap, its first
                                ///< ONELOGIN_INVITE_MAX_BODY_BYTES bytes
    RateLimit rate_limit = {};  ///< the response's rate-limit and Retry-After headers, when
                                ///< send_invite and the like had them from the transport
};
/// MalformedResponse's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(MalformedResponse& malformed) {
    return std::tie(malformed.detail, malformed.body);
}

}  // namespace onelogin
