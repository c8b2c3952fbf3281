// Builds a Send Invite Link request, prints it as it would go on the wire, then reads the three
// answers OneLogin documents (and two it does not) and prints each outcome with the library's own
// operator<<; then the same call through API /1, with the retry advice for each.
#include <onelogin/invite.hpp>

#include <iostream>
#include <string>
#include <variant>
#include <vector>

namespace {

using namespace onelogin::v3;

void print_request(const HttpRequest& request) {
    std::cout << request.method << ' ' << request.url << '\n';
    for (const HttpHeader& header : request.headers) {
        std::cout << header.name << ": " << header.value << '\n';
    }
    std::cout << '\n' << request.body << "\n\n";
}

struct Sample {
    const char* title;
    int status;
    const char* body;
};

// The first three are the v3 page's samples (the success one with the '}' the page leaves out).
constexpr Sample samples[] = {
    {"200 OK, JSON", 200,
     "{\n\"status\": {\n\"type\": \"success\",\n\"message\": \"Email sent successfully to "
     "email@example.com\",\n\"error\": false,\n\"code\": 200\n}\n}\n"},
    {"400 Bad Request, XML", 400,
     "<error>\n<message>API key is invalid or missing</message>\n"
     "<code>invalid_or_missing_api_key</code>\n</error>\n"},
    {"400 Bad Request, JSON", 400,
     "{\n\"status\": {\n\"type\": \"bad request\",\n\"message\": \"No User exists for input "
     "email\",\n\"error\": true,\n\"code\": 400\n}\n}\n"},
    {"502 from a proxy", 502, "<html><head><title>502 Bad Gateway</title></head></html>"},
    {"200 cut short", 200, "{\"status\":{\"type\":\"success\",\"message\":\"Email sent"},
};

}  // namespace

int main() {
    std::cout << "The request:\n\n";
    const auto built = make_send_invite_request(
        {"YOUR_API_KEY", "new.hire@example.com", std::string("new.hire@home.example")});
    if (const auto* invalid = std::get_if<InvalidRequest>(&built)) {
        std::cout << "refused: " << invalid->reason << '\n';
        return 1;
    }
    print_request(*std::get_if<HttpRequest>(&built));

    std::cout << "A request the library refuses:\n";
    const auto refused = make_send_invite_request({"YOUR_API_KEY", "new.hire.example.com", {}});
    if (const auto* invalid = std::get_if<InvalidRequest>(&refused)) {
        std::cout << "  " << *invalid << "\n\n";
    }

    std::cout << "The answers:\n";
    for (const Sample& sample : samples) {
        std::cout << sample.title << '\n';
        std::cout << "  " << parse_send_invite_response(sample.body, sample.status) << '\n';
    }

    std::cout << "\nThe same call through API /1, with a token from the token exchange:\n\n";
    namespace api1 = onelogin::api1;
    const auto api1_built = api1::make_send_invite_request(
        {"YOUR_ACCESS_TOKEN", "new.hire@example.com", {}}, api1::Subdomain{"your-company"});
    if (const auto* request = std::get_if<HttpRequest>(&api1_built)) {
        std::cout << onelogin::to_curl_command(*request) << "\n\n";
    }
    std::cout << "Its answers, and what onelogin::retry_advice says of each:\n";
    const Sample api1_samples[] = {
        {"200 OK", 200,
         R"({"status":{"type":"success","message":"Email sent successfully to new.hire@example.com","error":false,"code":200}})"},
        {"401 Unauthorized", 401,
         R"({"status":{"error":true,"code":401,"type":"Unauthorized","message":"Authentication Failure"}})"},
        {"400 Bad Request", 400,
         R"({"status":{"error":true,"code":400,"type":"bad request","message":"Email Parameter is missing"}})"},
        {"429 Too Many Requests", 429, ""},
    };
    const std::vector<HttpHeader> headers = {{"X-RateLimit-Remaining", "0"},
                                             {"X-RateLimit-Reset", "1200"}};
    for (const Sample& sample : api1_samples) {
        std::cout << sample.title << '\n';
        const auto outcome = api1::parse_send_invite_response(sample.body, sample.status);
        std::cout << "  " << outcome << '\n';
        std::cout << "  advice: "
                  << onelogin::retry_advice(outcome, onelogin::read_rate_limit(headers)) << '\n';
    }
    return 0;
}
