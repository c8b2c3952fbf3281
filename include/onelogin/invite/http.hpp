// onelogin-invite: the HTTP values exchanged with the caller's own HTTP stack. Declarations; the
// definitions of HttpRequest's URL parts are in http_impl.hpp. An HttpRequest prints (to_string,
// operator<< in print.hpp) with its secrets masked.
#pragma once

#include <onelogin/invite/config.hpp>

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace onelogin {

/// One HTTP header line: `name: value`.
struct HttpHeader {
    std::string name;
    std::string value;
};

/// A complete HTTP request, ready to be sent by any HTTP client: the library does no I/O.
struct HttpRequest {
    std::string method;               ///< "POST" (Get Rate Limit: "GET")
    std::string url;                  ///< absolute URL, scheme included
    std::vector<HttpHeader> headers;  ///< in the order they should be sent
    std::string body;                 ///< the exact bytes to send (none for a GET)

    /// The URL's scheme in lower case: "https", "http". Empty when `url` has no `scheme://host`.
    std::string scheme() const;
    /// `scheme://host[:port]`, what cpp-httplib's Client constructor takes
    /// ("https://api.onelogin.com", "http://[::1]:8080"): the scheme and host in lower case, the
    /// port when the URL names one; no user information, path or query. Empty when `url` has no
    /// `scheme://host`.
    std::string origin() const;
    /// The URL's host, as a resolver takes it: "api.onelogin.com", "127.0.0.1", or "::1" for
    /// "[::1]" (no brackets). Empty when `url` has no `scheme://host`.
    std::string host() const;
    /// The URL's port: the one it names, else 443 for https and 80 for http; 0 when `url` names
    /// neither a port nor one of those schemes, or names a port outside 1-65535.
    std::uint16_t port() const;
    /// What the request line names: the URL's path and query, "/" when it has no path
    /// ("/api/v3/invites/send_invite_link"). Empty when `url` has no `scheme://host`.
    std::string target() const;
};

/// What a transport hands back when the server answered: the status, the whole body and, when
/// the transport passes them, the response headers (retry_advice reads Retry-After and the
/// rate-limit headers from them).
struct HttpResponse {
    int status = 0;
    std::string body;
    std::vector<HttpHeader> headers = {};
};

/// What a transport hands back when there was no answer to read: no connection, a timeout, a
/// TLS failure, a connection dropped mid-body. `message` is the transport's own description.
struct TransportError {
    std::string message;
    /// Whether the request may have reached the server. Leave it true unless the transport knows
    /// the request never went out (the connection, DNS or TLS handshake failed first): the invite
    /// calls are not idempotent, and sending again a request that arrived invites the user twice.
    bool request_sent = true;
};
/// TransportError's texts, in which the one-call helpers mask the secret they were handed.
ONELOGIN_INVITE_DEFERRED inline auto texts(TransportError& error) {
    return std::tie(error.message);
}

}  // namespace onelogin
