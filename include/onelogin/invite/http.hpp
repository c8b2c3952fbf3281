// onelogin-invite: the HTTP values exchanged with the caller's own HTTP stack.
#pragma once

#include <string>
#include <vector>

namespace onelogin {

/// One HTTP header line: `name: value`.
struct HttpHeader {
    std::string name;
    std::string value;
};

/// A complete HTTP request, ready to be sent by any HTTP client: the library does no I/O.
struct HttpRequest {
    std::string method;               ///< "POST"
    std::string url;                  ///< absolute URL, scheme included
    std::vector<HttpHeader> headers;  ///< in the order they should be sent
    std::string body;                 ///< the exact bytes to send
};

/// What a transport hands back when the server answered: the status and the whole body.
struct HttpResponse {
    int status = 0;
    std::string body;
};

/// What a transport hands back when there was no answer to read: no connection, a timeout, a
/// TLS failure, a connection dropped mid-body. `message` is the transport's own description.
struct TransportError {
    std::string message;
};

}  // namespace onelogin
