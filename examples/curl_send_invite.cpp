// Sends one invite with libcurl's easy interface.
//
//   ONELOGIN_API_KEY=... curl_send_invite [options] EMAIL
//
// Prints the outcome in plain words and exits with a status per outcome (see invite_cli.hpp).
#include "curl_transport.hpp"
#include "invite_cli.hpp"

#include <onelogin/invite.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

const char* const usage =
    "usage: curl_send_invite [--personal-email ADDRESS] [--base-url URL] [--api-key-file PATH]\n"
    "                        [--timeout SECONDS] [--print-curl] EMAIL\n"
    "The API key is read from the file given with --api-key-file, else from the environment\n"
    "variable ONELOGIN_API_KEY; never from the command line, which every local user can read.\n"
    "Exit status: 0 sent, 2 usage or invalid request, 3 invalid API key, 4 no such user,\n"
    "5 other API error, 6 malformed response, 7 no answer (connection, timeout, TLS).\n";

}  // namespace

int main(int argc, char** argv) {
    auto read = invite_cli::read_client_options(argc, argv, usage);
    if (const int* status = std::get_if<int>(&read)) return *status;
    const invite_cli::ClientOptions& options = *std::get_if<invite_cli::ClientOptions>(&read);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    const auto transport = [&](const onelogin::HttpRequest& http) {
        if (options.print_curl) std::printf("%s\n", onelogin::to_curl_command(http).c_str());
        curl_transport::Transfer transfer;
        if (!curl_transport::prepare(transfer, http, 10'000, options.timeout_seconds * 1000)) {
            return std::variant<onelogin::HttpResponse, onelogin::TransportError>(
                onelogin::TransportError{"cannot start libcurl"});
        }
        return curl_transport::finish(transfer, curl_easy_perform(transfer.easy));
    };
    const invite_cli::Report report = invite_cli::describe(
        onelogin::v3::send_invite(options.request, transport, options.endpoint));
    curl_global_cleanup();

    std::printf("%s: %s\n", options.request.email.c_str(), report.words.c_str());
    return report.exit_status;
}
