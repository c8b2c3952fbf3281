// Sends one invite with cpp-httplib's client: the same program as curl_send_invite over another
// HTTP stack, to show that the library does not care which one carries its bytes.
//
//   ONELOGIN_API_KEY=... httplib_send_invite [options] EMAIL
#include "invite_cli.hpp"

#include <onelogin/invite.hpp>

#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

const char* const usage =
    "usage: httplib_send_invite [--personal-email ADDRESS] [--base-url URL] [--api-key-file PATH]\n"
    "                           [--timeout SECONDS] [--print-curl] EMAIL\n"
    "The API key is read from the file given with --api-key-file, else from the environment\n"
    "variable ONELOGIN_API_KEY. Exit statuses as curl_send_invite's.\n";

using Answer = std::variant<onelogin::HttpResponse, onelogin::TransportError>;

// cpp-httplib's error in words a person can act on, its own name kept.
std::string describe(httplib::Error error) {
    std::string words;
    switch (error) {
        case httplib::Error::Connection: words = "cannot connect"; break;
        case httplib::Error::ConnectionTimeout: words = "the connection timed out"; break;
        case httplib::Error::Read:
            words = "the connection closed or timed out before the whole answer came";
            break;
        case httplib::Error::Write: words = "the connection closed while sending"; break;
        case httplib::Error::SSLConnection: words = "the TLS handshake failed"; break;
        case httplib::Error::SSLServerVerification:
            words = "the server's TLS certificate is not trusted";
            break;
        default: words = "the request failed"; break;
    }
    return words + " (cpp-httplib: " + httplib::to_string(error) + ")";
}

// Sends `request` with cpp-httplib: TLS verification on, the given timeouts, no redirects.
Answer send_with_httplib(const onelogin::HttpRequest& request, time_t timeout_seconds) {
    // cpp-httplib wants "scheme://host:port" and the path apart.
    const std::size_t authority = request.url.find("://") + 3;
    const std::size_t path_start = request.url.find('/', authority);
    httplib::Client client(request.url.substr(0, path_start));
    client.enable_server_certificate_verification(true);
    client.set_connection_timeout(10, 0);
    client.set_read_timeout(timeout_seconds, 0);
    client.set_write_timeout(timeout_seconds, 0);
    client.set_follow_location(false);
    client.set_tcp_nodelay(true);

    httplib::Headers headers;
    std::string content_type;
    for (const auto& header : request.headers) {
        if (header.name == "Content-Type") {
            content_type = header.value;  // cpp-httplib sends it from its own argument
        } else {
            headers.emplace(header.name, header.value);
        }
    }
    const auto result =
        client.Post(request.url.substr(path_start), headers, request.body, content_type);
    if (!result) return onelogin::TransportError{describe(result.error())};
    return onelogin::HttpResponse{result->status, result->body};
}

}  // namespace

int main(int argc, char** argv) {
    invite_cli::no_core_dumps();  // the process holds a credential
    auto read = invite_cli::read_client_options(argc, argv, usage);
    if (const int* status = std::get_if<int>(&read)) return *status;
    const invite_cli::ClientOptions& options = *std::get_if<invite_cli::ClientOptions>(&read);

    const auto transport = [&](const onelogin::HttpRequest& http) {
        if (options.print_curl) std::printf("%s\n", onelogin::to_curl_command(http).c_str());
        return send_with_httplib(http, static_cast<time_t>(options.timeout_seconds));
    };
    const invite_cli::Report report = invite_cli::describe(
        onelogin::v3::send_invite(options.request, transport, options.endpoint));
    std::printf("%s: %s\n", options.request.email.c_str(), report.words.c_str());
    return report.exit_status;
}
