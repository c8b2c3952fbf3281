// onelogin-invite: OneLogin's Send Invite Link protocol as pure functions, with no networking:
// the v3 calls (onelogin::v3), their API /1 successors and the token calls (onelogin::api1): the
// token exchange, Revoke Token and Get Rate Limit.
//
//   #include <onelogin/invite.hpp>
//   auto request = onelogin::v3::make_send_invite_request({api_key, "new.hire@example.com"});
//   ... send it with any HTTP client, then:
//   auto outcome = onelogin::v3::parse_send_invite_response(body, status);
//
// Needs nlohmann/json and pugixml. To keep them out of most translation units, see
// ONELOGIN_INVITE_SEPARATE_COMPILATION in invite/config.hpp. See README.md.
#pragma once

#include <onelogin/invite/version.hpp>
#include <onelogin/invite/config.hpp>
#include <onelogin/invite/http.hpp>
#include <onelogin/invite/invalid_request.hpp>
#include <onelogin/invite/outcomes.hpp>
#include <onelogin/invite/curl_command.hpp>
#include <onelogin/invite/rate_limit.hpp>
#include <onelogin/invite/retry_advice.hpp>
#include <onelogin/invite/v3/endpoint.hpp>
#include <onelogin/invite/v3/send_invite.hpp>
#include <onelogin/invite/v3/generate_invite.hpp>
#include <onelogin/invite/api1/endpoint.hpp>
#include <onelogin/invite/api1/send_invite.hpp>
#include <onelogin/invite/api1/generate_invite.hpp>
#include <onelogin/invite/api1/token.hpp>
#include <onelogin/invite/print.hpp>
#include <onelogin/invite/outcome_queries.hpp>

#if !defined(ONELOGIN_INVITE_SEPARATE_COMPILATION) || defined(ONELOGIN_INVITE_IMPLEMENTATION)
#include <onelogin/invite/curl_command_impl.hpp>
#include <onelogin/invite/detail/secret_masking.hpp>
#include <onelogin/invite/http_impl.hpp>
#include <onelogin/invite/print_impl.hpp>
#include <onelogin/invite/rate_limit_impl.hpp>
#include <onelogin/invite/retry_advice_impl.hpp>
#include <onelogin/invite/v3/request_impl.hpp>
#include <onelogin/invite/v3/response_impl.hpp>
#include <onelogin/invite/api1/request_impl.hpp>
#include <onelogin/invite/api1/response_impl.hpp>
#endif
