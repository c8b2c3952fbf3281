// onelogin-invite: where v3 requests go, and the value types every v3 call shares.
#pragma once

#include <onelogin/invite/curl_command.hpp>
#include <onelogin/invite/http.hpp>
#include <onelogin/invite/invalid_request.hpp>
#include <onelogin/invite/outcomes.hpp>

#include <string>
#include <string_view>

namespace onelogin::v3 {

using onelogin::ApiError;
using onelogin::HttpHeader;
using onelogin::HttpRequest;
using onelogin::HttpResponse;
using onelogin::InvalidApiKey;
using onelogin::InvalidRequest;
using onelogin::InviteLink;
using onelogin::InviteSent;
using onelogin::MalformedResponse;
using onelogin::NoSuchUser;
using onelogin::RateLimited;
using onelogin::RequestField;
using onelogin::Secrets;
using onelogin::to_curl_command;
using onelogin::TransportError;

/// OneLogin's v3 API host, the default `Endpoint::base_url`.
inline constexpr std::string_view default_base_url = "https://api.onelogin.com";

/// Where to send it. Must be https://, or http:// to a loopback host (localhost, 127.0.0.0/8,
/// [::1]) for local test servers. A path prefix is allowed; trailing slashes are trimmed.
struct Endpoint {
    std::string base_url = std::string(default_base_url);
};

}  // namespace onelogin::v3
