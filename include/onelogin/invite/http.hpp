// onelogin-invite: the HTTP request description that callers hand to their own HTTP stack.
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

}  // namespace onelogin
