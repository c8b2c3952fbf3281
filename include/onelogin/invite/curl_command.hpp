// onelogin-invite: an HttpRequest rendered as a curl command line, for logs and bug reports.
// Declaration only; the definition is in curl_command_impl.hpp.
#pragma once

#include <onelogin/invite/http.hpp>

#include <string>

namespace onelogin {

/// Whether `to_curl_command` shows the request's secrets or masks them.
enum class Secrets { masked, shown };

/// The request as one `curl` command line that a POSIX shell runs as it is, every argument in
/// single quotes and the body passed with --data-raw. Unless `Secrets::shown` is passed, secrets
/// are replaced by "****": the top-level "api_key" and "client_secret" members of a JSON body,
/// and the credentials of an Authorization header (its scheme word is kept).
std::string to_curl_command(const HttpRequest& request, Secrets secrets = Secrets::masked);

}  // namespace onelogin
