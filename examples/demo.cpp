// Builds a Send Invite Link request, prints it as it would go on the wire, then reads the three
// answers OneLogin documents (and two it does not) and prints each outcome; then the same call
// through API /1, whose answers the same printing code handles, with the retry advice for each.
#include <onelogin/invite.hpp>

#include <iostream>
#include <string>
#include <type_traits>
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

// One printer for the outcomes of v3 and API /1: they share their types.
template <typename Outcome>
void print_outcome(const Outcome& outcome) {
    std::visit(
        [](const auto& result) {
            using T = std::decay_t<decltype(result)>;
            if constexpr (std::is_same_v<T, InviteSent>) {
                std::cout << "  InviteSent: the link went to " << result.recipient << '\n';
            } else if constexpr (std::is_same_v<T, InvalidApiKey>) {
                std::cout << "  InvalidApiKey: " << result.message << " (" << result.code << ")\n";
            } else if constexpr (std::is_same_v<T, onelogin::InvalidAccessToken>) {
                std::cout << "  InvalidAccessToken: " << result.message << '\n';
            } else if constexpr (std::is_same_v<T, onelogin::BadRequest>) {
                std::cout << "  BadRequest: " << result.message << '\n';
            } else if constexpr (std::is_same_v<T, NoSuchUser>) {
                std::cout << "  NoSuchUser: " << result.message << '\n';
            } else if constexpr (std::is_same_v<T, ApiError>) {
                std::cout << "  ApiError: " << result.message << '\n';
            } else if constexpr (std::is_same_v<T, MalformedResponse>) {
                std::cout << "  MalformedResponse: " << result.detail << '\n';
            }
        },
        outcome);
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
        std::cout << "  InvalidRequest (" << onelogin::to_string(invalid->field)
                  << "): " << invalid->reason << "\n\n";
    }

    std::cout << "The answers:\n";
    for (const Sample& sample : samples) {
        std::cout << sample.title << '\n';
        print_outcome(parse_send_invite_response(sample.body, sample.status));
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
        print_outcome(outcome);
        const onelogin::RetryAdvice advice =
            onelogin::retry_advice(outcome, onelogin::read_rate_limit(headers));
        const char* retry = advice.retry == onelogin::Retry::no      ? "do not retry"
                            : advice.retry == onelogin::Retry::later ? "retry later"
                                                                     : "retry with a new token";
        std::cout << "  advice: " << retry;
        if (advice.after.count() > 0) std::cout << ", after " << advice.after.count() << " s";
        std::cout << " (" << advice.why << ")\n";
    }
    return 0;
}
