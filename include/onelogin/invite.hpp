// onelogin-invite: OneLogin's Send Invite Link protocol as pure functions, with no networking.
//
//   #include <onelogin/invite.hpp>
//   auto request = onelogin::v3::make_send_invite_request({api_key, "new.hire@example.com"});
//   ... send it with any HTTP client, then:
//   auto outcome = onelogin::v3::parse_send_invite_response(body, status);
//
// Needs pugixml. To keep it out of most translation units, see
// ONELOGIN_INVITE_SEPARATE_COMPILATION in invite/config.hpp. See README.md.
#pragma once

#include <onelogin/invite/version.hpp>
#include <onelogin/invite/config.hpp>
#include <onelogin/invite/http.hpp>
#include <onelogin/invite/invalid_request.hpp>
#include <onelogin/invite/outcomes.hpp>
#include <onelogin/invite/curl_command.hpp>
#include <onelogin/invite/v3/common.hpp>
#include <onelogin/invite/v3/send_invite.hpp>
#include <onelogin/invite/v3/generate_invite.hpp>

#if !defined(ONELOGIN_INVITE_SEPARATE_COMPILATION) || defined(ONELOGIN_INVITE_IMPLEMENTATION)
#include <onelogin/invite/curl_command_impl.hpp>
#include <onelogin/invite/v3/send_invite_impl.hpp>
#include <onelogin/invite/v3/generate_invite_impl.hpp>
#endif
