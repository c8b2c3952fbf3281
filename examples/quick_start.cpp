// The README's first program: one invite through libcurl, every outcome handled.
//   ONELOGIN_API_KEY=... quick_start new.hire@example.com [BASE_URL]
#include <onelogin/invite.hpp>

#include <curl/curl.h>

#include <cstdlib>
#include <iostream>
#include <string>

// The library does no networking: this hands its request to libcurl and returns the answer.
std::variant<onelogin::HttpResponse, onelogin::TransportError> post(
    const onelogin::HttpRequest& request) {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    for (const auto& h : request.headers)
        headers = curl_slist_append(headers, (h.name + ": " + h.value).c_str());
    std::string body;
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 1L);  // libcurl must never resend a POST itself
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(
        curl, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t count, void* out) {
            static_cast<std::string*>(out)->append(data, size * count);
            return size * count;
        });
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (code != CURLE_OK) {  // request_sent: did it perhaps reach the server?
        return onelogin::TransportError{curl_easy_strerror(code), code != CURLE_COULDNT_CONNECT};
    }
    return onelogin::HttpResponse{static_cast<int>(status), body};
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
