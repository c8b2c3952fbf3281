// onelogin-invite: every answer a response body can give, as plain value types.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace onelogin {

/// The server accepted the request and emailed the invite link.
struct InviteSent {
    std::string message;    ///< the server's words, e.g. "Email sent successfully to a@b.com"
    std::string recipient;  ///< the address named in that message; empty if it names none
};

/// The server made an invite link and handed it back (Generate Invite Link).
struct InviteLink {
    std::string message;  ///< the server's words, "Success"
    std::string link;     ///< the link that lets the user set a password and join
};

/// The server rejected the API key (the XML `invalid_or_missing_api_key` error).
struct InvalidApiKey {
    std::string message;  ///< "API key is invalid or missing"
    std::string code;     ///< "invalid_or_missing_api_key"
};

/// No user of the account has the email address that was sent.
struct NoSuchUser {
    std::string message;  ///< "No User exists for input email"
};

/// API /1: the access token was refused (HTTP 401 "Authentication Failure"): it is invalid,
/// expired or revoked. Get a new one with the token exchange and try again.
struct InvalidAccessToken {
    std::string message;  ///< "Authentication Failure"
};

/// Token exchange: the client id and secret were refused (HTTP 401 "Authentication Failure").
struct InvalidClientCredentials {
    std::string message;  ///< "Authentication Failure"
};

/// The documented reasons API /1 gives for a 400 (besides "No User exists for input email").
enum class BadRequestReason {
    authorization_incorrect,  ///< "Authorization Information is incorrect"
    email_missing,            ///< "Email Parameter is missing"
    email_format,             ///< "Email Input is in incorrect format"
    content_type,             ///< "Content Type is not specified or specified incorrectly. ..."
    invalid_json,             ///< "Input JSON is not valid"
};

/// API /1 and the token exchange: the server refused the request for one of its documented
/// reasons. Requests as the library builds them meet the rules these name, so most mean that
/// something on the way changed the request; `email_format` that the server's idea of an address
/// is narrower than the library's.
struct BadRequest {
    BadRequestReason reason;
    std::string message;  ///< the server's words, one of those listed at BadRequestReason
};

/// A well-formed error the library has no dedicated type for. Nothing the server said is lost.
struct ApiError {
    std::optional<int> http_status;        ///< the HTTP status, when the caller passed it
    std::optional<long long> status_code;  ///< JSON `status.code`, when present
    std::string type;                      ///< JSON `status.type`; empty for XML errors
    std::string message;                   ///< JSON `status.message` or XML `<message>`
    std::string error_code;                ///< XML `<code>`; empty for JSON errors
    std::string body;                      ///< the whole response body, verbatim
};

/// A body that is not one of the API's answers: empty, cut short, not UTF-8, an HTML page from a
/// proxy, a JSON or XML document of the wrong shape, and so on.
struct MalformedResponse {
    std::optional<int> http_status;     ///< the HTTP status, when the caller passed it
    std::string detail;                 ///< what was wrong, in words
    std::optional<std::size_t> offset;  ///< byte offset in the body of the problem, where known
    std::string body;                   ///< the whole response body, verbatim
};

}  // namespace onelogin
