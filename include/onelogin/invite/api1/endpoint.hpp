// onelogin-invite: where API /1 requests go, and the value types every API /1 call shares
// (the same ones v3 uses, so one std::visit handles the outcomes of both).
#pragma once

#include <onelogin/invite/curl_command.hpp>
#include <onelogin/invite/http.hpp>
#include <onelogin/invite/invalid_request.hpp>
#include <onelogin/invite/outcomes.hpp>
#include <onelogin/invite/rate_limit.hpp>
#include <onelogin/invite/retry_advice.hpp>

#include <string>
#include <variant>

namespace onelogin::api1 {

using onelogin::AccessToken;
using onelogin::ApiError;
using onelogin::BadRequest;
using onelogin::BadRequestReason;
using onelogin::HttpHeader;
using onelogin::HttpRequest;
using onelogin::HttpResponse;
using onelogin::InvalidAccessToken;
using onelogin::InvalidClientCredentials;
using onelogin::InvalidRequest;
using onelogin::InviteLink;
using onelogin::InviteSent;
using onelogin::MalformedResponse;
using onelogin::NoRoute;
using onelogin::NoSuchUser;
using onelogin::RateLimit;
using onelogin::RateLimited;
using onelogin::RateLimitStatus;
using onelogin::read_rate_limit;
using onelogin::RequestField;
using onelogin::Retry;
using onelogin::retry_advice;
using onelogin::RetryAdvice;
using onelogin::Secrets;
using onelogin::to_curl_command;
using onelogin::TokenRevoked;
using onelogin::TransportError;

/// The account's OneLogin subdomain: "acme" sends to https://acme.onelogin.com. One DNS label:
/// 1 to 63 ASCII letters, digits and hyphens, not starting or ending with a hyphen.
struct Subdomain {
    std::string name;
};

/// An explicit base URL, such as https://api.us.onelogin.com or a local test server. Must be
/// https://, or http:// to a loopback host (localhost, 127.0.0.0/8, [::1]); a path prefix is
/// allowed; trailing slashes are trimmed. The same rule as v3's Endpoint.
struct BaseUrl {
    std::string url;
};

/// Where an API /1 call goes. There is no default: every account has its own subdomain.
using Endpoint = std::variant<Subdomain, BaseUrl>;

}  // namespace onelogin::api1
