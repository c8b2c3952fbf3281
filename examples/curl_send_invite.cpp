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
    onelogin::v3::SendInviteRequest request;
    onelogin::v3::Endpoint endpoint;
    const char* key_file = nullptr;
    long timeout_seconds = 30;
    bool print_curl = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--personal-email" && has_value) {
            request.personal_email = argv[++i];
        } else if (arg == "--base-url" && has_value) {
            endpoint.base_url = argv[++i];
        } else if (arg == "--api-key-file" && has_value) {
            key_file = argv[++i];
        } else if (arg == "--timeout" && has_value) {
            timeout_seconds = std::strtol(argv[++i], nullptr, 10);
        } else if (arg == "--print-curl") {
            print_curl = true;
        } else if (arg == "--help") {
            std::fputs(usage, stdout);
            return invite_cli::exit_sent;
        } else if (!arg.empty() && arg[0] != '-' && request.email.empty()) {
            request.email = arg;
        } else {
            std::fputs(usage, stderr);
            return invite_cli::exit_usage;
        }
    }
    if (request.email.empty() || timeout_seconds <= 0) {
        std::fputs(usage, stderr);
        return invite_cli::exit_usage;
    }
    std::string error;
    const auto key = invite_cli::read_api_key(key_file, error);
    if (!key) {
        std::fprintf(stderr, "curl_send_invite: %s\n", error.c_str());
        return invite_cli::exit_usage;
    }
    request.api_key = *key;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    const auto transport = [&](const onelogin::HttpRequest& http) {
        if (print_curl) std::printf("%s\n", onelogin::to_curl_command(http).c_str());
        curl_transport::Transfer transfer;
        if (!curl_transport::prepare(transfer, http, 10'000, timeout_seconds * 1000)) {
            return std::variant<onelogin::HttpResponse, onelogin::TransportError>(
                onelogin::TransportError{"cannot start libcurl"});
        }
        return curl_transport::finish(transfer, curl_easy_perform(transfer.easy));
    };
    const invite_cli::Report report =
        invite_cli::describe(onelogin::v3::send_invite(request, transport, endpoint));
    curl_global_cleanup();

    std::printf("%s: %s\n", request.email.c_str(), report.words.c_str());
    return report.exit_status;
}
