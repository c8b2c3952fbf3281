// The README's first program: one invite through libcurl, every outcome handled.
//   ONELOGIN_API_KEY=... quick_start new.hire@example.com [BASE_URL]
#include <onelogin/invite.hpp>

#include <curl/curl.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

// What libcurl hands over as the response arrives.
struct Received {
    std::string body;
    std::vector<onelogin::HttpHeader> headers;  // Retry-After among them, for retry_advice
};

// Keeps the response body, up to one byte past the most the library reads.
size_t on_body(char* data, size_t size, size_t count, void* out) {
    std::string& body = static_cast<Received*>(out)->body;
    body.append(data, size * count);
    if (body.size() <= ONELOGIN_INVITE_MAX_BODY_BYTES) return size * count;
    body.resize(ONELOGIN_INVITE_MAX_BODY_BYTES + 1);  // enough for the library to call it too large
    return 0;                                         // and libcurl stops reading
}

// Keeps each header line of the final response as a name and a value.
size_t on_header(char* data, size_t size, size_t count, void* out) {
    std::vector<onelogin::HttpHeader>& headers = static_cast<Received*>(out)->headers;
    const std::string line(data, size * count);
    if (line.compare(0, 5, "HTTP/") == 0) headers.clear();  // a new response (after a 100)
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
        const size_t value = line.find_first_not_of(" \t", colon + 1);
        const size_t end = line.find_last_not_of("\r\n");
        headers.push_back(
            {line.substr(0, colon), value > end ? "" : line.substr(value, end + 1 - value)});
    }
    return size * count;
}

// True when libcurl failed before any byte of the request went out (the name did not resolve,
// the connection or TLS handshake failed or timed out): only then is sending it again safe.
bool failed_before_sending(CURL* curl, CURLcode code) {
    if (code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_CONNECT ||
        code == CURLE_SSL_CONNECT_ERROR || code == CURLE_PEER_FAILED_VERIFICATION) {
        return true;
    }
    curl_off_t pretransfer = 0;
    long request_bytes = 0;
    curl_easy_getinfo(curl, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
    curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_bytes);
    return pretransfer == 0 && request_bytes == 0;
}

// The library does no networking: this hands its request to libcurl and returns the answer.
std::variant<onelogin::HttpResponse, onelogin::TransportError> post(
    const onelogin::HttpRequest& request) {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    for (const auto& h : request.headers)
        headers = curl_slist_append(headers, (h.name + ": " + h.value).c_str());
    Received received;
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 1L);  // libcurl must never resend a POST itself
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 20000L);  // the whole exchange
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &received);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &received);
    // http:// is for a loopback test server only: no proxy from the environment may see the key.
    if (request.url.compare(0, 7, "http://") == 0) curl_easy_setopt(curl, CURLOPT_PROXY, "");
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    const bool sent = !failed_before_sending(curl, code);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    // A body past the cap stopped the transfer (CURLE_WRITE_ERROR): the server did answer, and
    // the library reports the body as too large.
    const bool cut =
        code == CURLE_WRITE_ERROR && received.body.size() > ONELOGIN_INVITE_MAX_BODY_BYTES;
    if (code != CURLE_OK && !cut) return onelogin::TransportError{curl_easy_strerror(code), sent};
    return onelogin::HttpResponse{static_cast<int>(status), received.body, received.headers};
}

int main(int argc, char** argv) {
    const char* api_key = std::getenv("ONELOGIN_API_KEY");
    if (api_key == nullptr || argc < 2) {
        std::cerr << "usage: ONELOGIN_API_KEY=... quick_start EMAIL [BASE_URL]\n";
        return 2;
    }
    onelogin::v3::Endpoint endpoint;
    if (argc > 2) endpoint.base_url = argv[2];
    const auto result = onelogin::v3::send_invite({api_key, argv[1]}, post, endpoint);
    std::cout << result << '\n';  // e.g. invite sent to "new.hire@example.com": "Email sent ..."
    if (onelogin::is_success(result)) return 0;
    std::cout << onelogin::retry_advice(result) << '\n';  // e.g. do not retry: a definite answer
    return 1;
}
