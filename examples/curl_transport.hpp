// Setting up a libcurl easy handle for an onelogin::HttpRequest: the one place the examples
// decide timeouts, TLS verification and what libcurl may do.
#pragma once

#include <onelogin/invite.hpp>

#include <curl/curl.h>

#include <string>
#include <vector>

namespace curl_transport {

/// One request's libcurl state. Keep it alive until the transfer is done.
struct Transfer {
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    std::string body;      ///< the request body; libcurl reads it in place
    std::string response;  ///< the response body, as it arrives
    std::vector<onelogin::HttpHeader> response_headers;  ///< the final response's headers
    char error[CURL_ERROR_SIZE] = {};

    Transfer() = default;
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;
    ~Transfer() {
        if (easy != nullptr) curl_easy_cleanup(easy);
        curl_slist_free_all(headers);
    }
};

/// Keeps the response body up to one byte past ONELOGIN_INVITE_MAX_BODY_BYTES, the most the
/// library reads, then stops the transfer (libcurl ends it with CURLE_WRITE_ERROR), so that a
/// server sending without end costs no more memory than that.
inline size_t append_response(char* data, size_t size, size_t count, void* transfer) {
    std::string& response = static_cast<Transfer*>(transfer)->response;
    response.append(data, size * count);
    if (response.size() <= ONELOGIN_INVITE_MAX_BODY_BYTES) return size * count;
    response.resize(ONELOGIN_INVITE_MAX_BODY_BYTES + 1);
    return 0;
}

/// Keeps each header line of the final response as name and value.
inline size_t append_header(char* data, size_t size, size_t count, void* transfer) {
    auto& headers = static_cast<Transfer*>(transfer)->response_headers;
    std::string line(data, size * count);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.compare(0, 5, "HTTP/") == 0) headers.clear();  // a new response (after a 100)
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::size_t value = colon + 1;
        while (value < line.size() && (line[value] == ' ' || line[value] == '\t')) ++value;
        headers.push_back({line.substr(0, colon), line.substr(value)});
    }
    return size * count;
}

/// Prepares `transfer` to send `request`: the method, URL, headers and body as given; TLS peer
/// and host verification on; http and https only; no redirects; the given timeouts.
inline bool prepare(Transfer& transfer, const onelogin::HttpRequest& request,
                    long connect_timeout_ms, long total_timeout_ms) {
    transfer.easy = curl_easy_init();
    if (transfer.easy == nullptr) return false;
    for (const auto& header : request.headers) {
        transfer.headers =
            curl_slist_append(transfer.headers, (header.name + ": " + header.value).c_str());
    }
    transfer.body = request.body;
    CURL* easy = transfer.easy;
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "GET") {  // Get Rate Limit: no body, and no form Content-Type either
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, transfer.body.data());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(transfer.body.size()));
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer.headers);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append_response);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, append_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.error);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, total_timeout_ms);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    // A new connection for each request. When a reused connection dies before any answer,
    // libcurl sends the request again by itself, POST included; the invite calls are not
    // idempotent, so that retry could invite someone twice without the caller knowing.
    curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "onelogin-invite-example");
    // The library allows http:// to loopback hosts only. Such a request must never go through a
    // proxy from the environment (http_proxy), which would see the credentials in clear text;
    // https:// through a proxy is a CONNECT tunnel the proxy cannot read.
    if (request.url.compare(0, 7, "http://") == 0) curl_easy_setopt(easy, CURLOPT_PROXY, "");
    return true;
}

/// True when libcurl failed before any byte of the request was written: the name did not
/// resolve, the connection or the TLS handshake failed, or time ran out before the transfer
/// began. Only then is sending it again sure not to do anything twice.
inline bool failed_before_sending(CURL* easy, CURLcode code) {
    switch (code) {
        // Not CURLE_UNSUPPORTED_PROTOCOL: libcurl gives it for an answer with no HTTP status line
        // too (HTTP/0.9, a bad version), after the request went out; the sizes below tell.
        case CURLE_URL_MALFORMAT:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION: return true;
        default: break;
    }
    curl_off_t pretransfer = 0;
    long request_bytes = 0;
    return curl_easy_getinfo(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer) == CURLE_OK &&
           curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_bytes) == CURLE_OK &&
           pretransfer == 0 && request_bytes == 0;
}

/// What a finished transfer gives: the HTTP status, body and headers, or libcurl's words for the
/// failure and whether the request may have reached the server. A body stopped past the cap is
/// a response, not a failure: the server answered, and the library reads the first
/// ONELOGIN_INVITE_MAX_BODY_BYTES + 1 bytes as a body too large (MalformedResponse).
inline std::variant<onelogin::HttpResponse, onelogin::TransportError> finish(Transfer& transfer,
                                                                             CURLcode code) {
    const bool cut =
        code == CURLE_WRITE_ERROR && transfer.response.size() > ONELOGIN_INVITE_MAX_BODY_BYTES;
    if (code != CURLE_OK && !cut) {
        std::string message = curl_easy_strerror(code);
        if (transfer.error[0] != '\0') message += std::string(": ") + transfer.error;
        return onelogin::TransportError{message, !failed_before_sending(transfer.easy, code)};
    }
    long status = 0;
    curl_easy_getinfo(transfer.easy, CURLINFO_RESPONSE_CODE, &status);
    return onelogin::HttpResponse{static_cast<int>(status), std::move(transfer.response),
                                  std::move(transfer.response_headers)};
}

}  // namespace curl_transport
