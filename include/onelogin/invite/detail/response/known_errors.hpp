// onelogin-invite: the messages OneLogin sends that the library gives an outcome of their own, in
// one place: v3's errors, API /1's (the token calls' among them) and the rate limit's. To type
// another OneLogin message, add a row to its API's table (and, for a new meaning, a KnownError and
// its case in typed_error, read_response.hpp). Beside them, the words a success that lacks what
// OneLogin documents is refused with.
#pragma once

#include <onelogin/invite/outcomes.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace onelogin::detail {

/// What a documented error means: the outcome it becomes.
enum class KnownError {
    invalid_api_key,      ///< InvalidApiKey
    no_such_user,         ///< NoSuchUser, in a call that looks a user up (else an ApiError)
    refused_credentials,  ///< the call's refusal: InvalidAccessToken, or InvalidClientCredentials
                          ///< in a call that carries the client secret
    bad_request,          ///< BadRequest, for the row's reason
    no_route,             ///< NoRoute, in a call that has it (else an ApiError)
};

/// One error OneLogin documents: its XML error code (when not empty) or else its message, matched
/// exactly, and what it means.
struct KnownMessage {
    std::string_view xml_code;     ///< matched against ApiError::error_code when not empty
    std::string_view message;      ///< else matched against ApiError::message
    KnownError meaning;            ///< the outcome it becomes
    BadRequestReason reason = {};  ///< for KnownError::bad_request
};

/// The message OneLogin sends, in v3 and API /1, when no user has the address.
inline constexpr std::string_view no_such_user_message = "No User exists for input email";

/// Why a success body without OneLogin's "status" envelope is a MalformedResponse.
inline constexpr std::string_view no_status_envelope = "the JSON has no \"status\" object";

/// Why a Generate Invite Link success without its link is a MalformedResponse.
inline constexpr std::string_view no_invite_link =
    "a success without a link: \"data\" has no first string";

/// The message of an error that is read as RateLimited whatever its status (seen with HTTP 400).
inline constexpr std::string_view rate_limit_message = "rate_limit_exceeded";

/// v3's documented errors, both sent with HTTP 400. Any other error stays an ApiError.
inline constexpr std::array<KnownMessage, 2> v3_errors{{
    {"invalid_or_missing_api_key", {}, KnownError::invalid_api_key},
    {{}, no_such_user_message, KnownError::no_such_user},
}};

/// API /1's documented messages, for the invite calls and the token calls (all with HTTP 400 but
/// the 401 "Authentication Failure" and the 404 "No Route Exists"). Any other error stays an
/// ApiError, unless it says 401.
inline constexpr std::array<KnownMessage, 10> api1_errors{{
    {{}, no_such_user_message, KnownError::no_such_user},
    {{}, "Authentication Failure", KnownError::refused_credentials},
    {{},
     "Authorization Information is incorrect",
     KnownError::bad_request,
     BadRequestReason::authorization_incorrect},
    {{}, "Email Parameter is missing", KnownError::bad_request, BadRequestReason::email_missing},
    {{},
     "Email Input is in incorrect format",
     KnownError::bad_request,
     BadRequestReason::email_format},
    {{},
     "Content Type is not specified or specified incorrectly. Content-Type header must be set to "
     "application/json",
     KnownError::bad_request,
     BadRequestReason::content_type},
    {{}, "Input JSON is not valid", KnownError::bad_request, BadRequestReason::invalid_json},
    {{}, "Access Token Missing", KnownError::bad_request, BadRequestReason::access_token_missing},
    {{},
     "The authorization information is missing",
     KnownError::bad_request,
     BadRequestReason::authorization_missing},
    {{}, "No Route Exists", KnownError::no_route},
}};

/// The row of `table` that `error` matches, or nullptr.
template <std::size_t N>
constexpr const KnownMessage* find_known(const std::array<KnownMessage, N>& table,
                                         const ApiError& error) noexcept {
    for (const KnownMessage& known : table) {
        const bool matches = known.xml_code.empty() ? error.message == known.message
                                                    : error.error_code == known.xml_code;
        if (matches) return &known;
    }
    return nullptr;
}

}  // namespace onelogin::detail
