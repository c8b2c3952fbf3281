// Sends one invite with cpp-httplib's client: the same program as curl_send_invite over another
// HTTP stack, to show that the library does not care which one carries its bytes.
//
//   ONELOGIN_API_KEY=... httplib_send_invite [options] EMAIL
#include "invite_cli.hpp"

#include <onelogin/invite.hpp>

#include <httplib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

const invite_cli::ProgramHelp help{
    "httplib_send_invite", "Sends one invite with cpp-httplib's client, through OneLogin's v3 API.",
    "The API key is read from the file given with --api-key-file, else from the environment\n"
    "variable ONELOGIN_API_KEY, never from the command line."};

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

// True for cpp-httplib's errors that come before any byte of the request is written: the name
// did not resolve, the connection or the TLS handshake failed. Only then is sending it again
// sure not to do anything twice.
bool failed_before_sending(httplib::Error error) {
    return error == httplib::Error::Connection || error == httplib::Error::ConnectionTimeout ||
           error == httplib::Error::SSLConnection || error == httplib::Error::SSLServerVerification;
}

// Sends `request` with cpp-httplib: TLS verification on, the given timeouts, no redirects; reads
// the body up to one byte past the most the library reads.
Answer send_with_httplib(const onelogin::HttpRequest& request, time_t timeout_seconds) {
    httplib::Client client(request.origin());  // "scheme://host[:port]"; the path goes apart
    client.enable_server_certificate_verification(true);
    client.set_connection_timeout(10, 0);
    client.set_read_timeout(timeout_seconds, 0);
    client.set_write_timeout(timeout_seconds, 0);
    client.set_follow_location(false);
    client.set_tcp_nodelay(true);

    httplib::Request http;
    http.method = request.method;
    http.path = request.target();
    for (const auto& header : request.headers) http.headers.emplace(header.name, header.value);
    http.body = request.body;
    onelogin::HttpResponse response;
    http.response_handler = [&response](const httplib::Response& head) {
        response.status = head.status;
        for (const auto& header : head.headers)
            response.headers.push_back({header.first, header.second});
        return true;
    };
    http.content_receiver = [&response](const char* data, std::size_t length, std::uint64_t,
                                        std::uint64_t) {
        response.body.append(data, length);
        if (response.body.size() <= ONELOGIN_INVITE_MAX_BODY_BYTES) return true;
        response.body.resize(ONELOGIN_INVITE_MAX_BODY_BYTES + 1);
        return false;  // cpp-httplib stops reading, with Error::Canceled
    };
    const auto result = client.send(http);
    // A body stopped past the cap is an answer: the library reads it as a body too large.
    if (!result && !(result.error() == httplib::Error::Canceled &&
                     response.body.size() > ONELOGIN_INVITE_MAX_BODY_BYTES)) {
        return onelogin::TransportError{describe(result.error()),
                                        !failed_before_sending(result.error())};
    }
    return response;
}

}  // namespace

int main(int argc, char** argv) {
    invite_cli::no_core_dumps();  // the process holds a credential
    auto read = invite_cli::read_client_options(argc, argv, help);
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
