// onelogin-invite: an HttpRequest rendered as a curl command line, for logs and bug reports.
// Declaration only; the definition is in curl_command_impl.hpp.
#pragma once

#include <onelogin/invite/config.hpp>

#include <onelogin/invite/http.hpp>

#include <string>

namespace onelogin {

/// Whether `to_curl_command` shows the request's secrets or masks them.
enum class Secrets { masked, shown };

/// The request as one `curl` command line that a POSIX shell runs as it is, every argument in
/// single quotes and the body passed with --data-raw. Unless `Secrets::shown` is passed, secrets
/// are replaced by "****", failing closed for requests built by hand too: in a JSON body, the
/// value of every member whose name says secret, key, token, password or auth, at any depth; a
/// body that is not JSON, whole; the value of Authorization, Proxy-Authorization and Cookie
/// headers and of any header whose name says the same (X-Api-Key), keeping a scheme word
/// ("bearer ****").
ONELOGIN_INVITE_DEFERRED
std::string to_curl_command(const HttpRequest& request, Secrets secrets = Secrets::masked);

}  // namespace onelogin
