// One invite through Boost.Beast's asynchronous client, as a program on an Asio event loop sends
// it: the library builds the request and reads the answer; Beast resolves, connects, writes and
// reads without blocking the loop. https:// goes over TLS with the peer verified; http:// is for
// a loopback test server (the library allows nothing else).
//
//   ONELOGIN_API_KEY=... beast_send_invite [options] EMAIL
#include "invite_cli.hpp"

#include <onelogin/invite.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <variant>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Answer = std::variant<onelogin::HttpResponse, onelogin::TransportError>;

/// One request on its way: resolve, connect, (TLS handshake,) write, read; then `done`.
/// `Stream` is beast::tcp_stream or beast::ssl_stream<beast::tcp_stream>.
template <typename Stream>
class Exchange : public std::enable_shared_from_this<Exchange<Stream>> {
public:
    Exchange(Stream stream, tcp::resolver resolver, const onelogin::HttpRequest& request,
             std::chrono::seconds timeout, std::function<void(Answer)> done)
        : stream_(std::move(stream)),
          resolver_(std::move(resolver)),
          timeout_(timeout),
          done_(std::move(done)) {
        request_.method_string(request.method);
        request_.target(request.target());
        request_.set(http::field::host, request.host());
        for (const auto& header : request.headers) request_.set(header.name, header.value);
        request_.body() = request.body;
        request_.prepare_payload();
        // Beast refuses a body over 8 MiB before reading any of it; read() stops at the library's
        // cap instead, so that a body too large is an answer, as with the other clients.
        parser_.body_limit(std::numeric_limits<std::uint64_t>::max());
        host_ = request.host();
        port_ = std::to_string(request.port());
    }

    void start() {
        resolver_.async_resolve(
            host_, port_,
            [self = this->shared_from_this()](beast::error_code error, auto endpoints) {
                if (error) return self->fail(error, false);
                // One deadline for the connection, the handshake, the request and the answer.
                beast::get_lowest_layer(self->stream_).expires_after(self->timeout_);
                beast::get_lowest_layer(self->stream_)
                    .async_connect(endpoints, [self](beast::error_code connected, const auto&) {
                        if (connected) return self->fail(connected, false);
                        self->handshake();
                    });
            });
    }

private:
    void handshake() {
        if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
            write();
        } else {
            if (!SSL_set_tlsext_host_name(stream_.native_handle(), host_.c_str())) {
                return fail(beast::error_code(static_cast<int>(::ERR_get_error()),
                                              asio::error::get_ssl_category()),
                            false);
            }
            stream_.set_verify_callback(asio::ssl::host_name_verification(host_));
            stream_.async_handshake(asio::ssl::stream_base::client,
                                    [self = this->shared_from_this()](beast::error_code error) {
                                        if (error) return self->fail(error, false);
                                        self->write();
                                    });
        }
    }

    void write() {
        // From here on the request may reach the server: a failure is request_sent = true.
        http::async_write(stream_, request_,
                          [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                              if (error) return self->fail(error, true);
                              self->read();
                          });
    }

    // Reads the response a piece at a time into `chunk_`, keeping the body no further than one
    // byte past the most the library reads: a longer body is an answer the library reports as
    // too large.
    void read() {
        parser_.get().body().data = chunk_.data();
        parser_.get().body().size = chunk_.size();
        http::async_read_some(
            stream_, buffer_, parser_,
            [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                if (error == http::error::need_buffer) error = {};  // chunk_ is full
                if (error) return self->fail(error, true);
                const std::size_t filled = self->chunk_.size() - self->parser_.get().body().size;
                self->body_.append(self->chunk_.data(), filled);
                if (self->parser_.is_done() ||
                    self->body_.size() > ONELOGIN_INVITE_MAX_BODY_BYTES) {
                    return self->succeed();
                }
                self->read();
            });
    }

    void succeed() {
        if (body_.size() > ONELOGIN_INVITE_MAX_BODY_BYTES) {
            body_.resize(ONELOGIN_INVITE_MAX_BODY_BYTES + 1);
        }
        onelogin::HttpResponse response{static_cast<int>(parser_.get().result_int()),
                                        std::move(body_)};
        for (const auto& field : parser_.get().base()) {
            response.headers.push_back(
                {std::string(field.name_string()), std::string(field.value())});
        }
        done_(std::move(response));
    }

    void fail(const beast::error_code& error, bool request_sent) {
        done_(onelogin::TransportError{error.message(), request_sent});
    }

    Stream stream_;
    tcp::resolver resolver_;
    std::chrono::seconds timeout_;
    std::function<void(Answer)> done_;
    http::request<http::string_body> request_{http::verb::post, "/", 11};
    http::response_parser<http::buffer_body> parser_;
    std::array<char, 16384> chunk_{};
    std::string body_;
    beast::flat_buffer buffer_;
    std::string host_;
    std::string port_;
};

/// Sends `request` on `loop` and calls `done` with the answer, without blocking the loop; gives up
/// `timeout` after the name is resolved.
void send_async(asio::io_context& loop, asio::ssl::context& tls,
                const onelogin::HttpRequest& request, std::chrono::seconds timeout,
                std::function<void(Answer)> done) {
    if (request.url.compare(0, 8, "https://") == 0) {
        std::make_shared<Exchange<beast::ssl_stream<beast::tcp_stream>>>(
            beast::ssl_stream<beast::tcp_stream>(loop, tls), tcp::resolver(loop), request, timeout,
            std::move(done))
            ->start();
    } else {
        std::make_shared<Exchange<beast::tcp_stream>>(beast::tcp_stream(loop), tcp::resolver(loop),
                                                      request, timeout, std::move(done))
            ->start();
    }
}

}  // namespace

int main(int argc, char** argv) {
    invite_cli::no_core_dumps();
    const invite_cli::ProgramHelp help{
        "beast_send_invite",
        "Sends one invite with Boost.Beast's asynchronous client on an Asio event loop, through "
        "OneLogin's v3 API.",
        "The API key is read from the file given with --api-key-file, else from the environment\n"
        "variable ONELOGIN_API_KEY, never from the command line."};
    auto read = invite_cli::read_client_options(argc, argv, help);
    if (const int* status = std::get_if<int>(&read)) return *status;
    const invite_cli::ClientOptions& options = std::get<invite_cli::ClientOptions>(read);

    const auto built = onelogin::v3::make_send_invite_request(options.request, options.endpoint);
    if (const auto* invalid = std::get_if<onelogin::InvalidRequest>(&built)) {
        std::printf("%s: %s\n", options.request.email.c_str(),
                    onelogin::to_string(*invalid).c_str());
        return invite_cli::exit_usage;
    }
    asio::io_context loop;
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.set_default_verify_paths();
    tls.set_verify_mode(asio::ssl::verify_peer);
    int status = invite_cli::exit_transport_error;
    const auto& request = std::get<onelogin::HttpRequest>(built);
    if (options.print_curl) std::printf("%s\n", onelogin::to_curl_command(request).c_str());
    const std::chrono::seconds timeout(options.timeout_seconds);
    send_async(loop, tls, request, timeout, [&](Answer answer) {
        onelogin::v3::SendInviteResult result = onelogin::TransportError{};
        if (auto* failed = std::get_if<onelogin::TransportError>(&answer)) {
            result = std::move(*failed);
        } else {
            const auto& response = std::get<onelogin::HttpResponse>(answer);
            result = std::visit(
                [&](auto&& outcome) -> onelogin::v3::SendInviteResult {
                    return std::move(outcome);
                },
                onelogin::v3::parse_send_invite_response(response.body, response.status));
        }
        const invite_cli::Report report = invite_cli::describe(result);
        std::printf("%s: %s\n", options.request.email.c_str(), report.words.c_str());
        status = report.exit_status;
    });
    loop.run();  // other work of the program would share this loop
    return status;
}
