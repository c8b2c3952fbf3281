// A translation unit as a strict consumer writes it: built with every warning the consumer tests
// turn on (g++'s long list, clang's -Weverything less a few) and -Werror, it shows that the
// library's headers, and the ordinary ways of using them, compile cleanly. Brace initialisation
// with fewer fields than a struct has is one of those ways.
//
// Like -Wc++98-compat, -Wreturn-std-move-in-c++11 (clang before 13, 11 among them) only concerns
// another standard: C++11 compilers from before the defect report that moves a returned local
// into a different return type. C++17 always moves it.
#if defined(__has_warning)
#if __has_warning("-Wreturn-std-move-in-c++11")
#pragma clang diagnostic ignored "-Wreturn-std-move-in-c++11"
#endif
#endif

#include <onelogin/invite.hpp>

#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <variant>

namespace {

onelogin::HttpResponse answer(const onelogin::HttpRequest& request) {
    if (request.host().empty() || request.port() == 0 || request.target().empty()) {
        return onelogin::HttpResponse{400, ""};
    }
    return onelogin::HttpResponse{200, R"({"status":{"error":false,"message":"Success"}})"};
}

std::variant<onelogin::HttpResponse, onelogin::TransportError> refuse(
    const onelogin::HttpRequest&) {
    return onelogin::TransportError{"connection refused", false};
}

}  // namespace

int main() {
    const onelogin::v3::SendInviteResult sent =
        onelogin::v3::send_invite({"api-key", "new.hire@example.com"}, answer);
    std::cout << sent << '\n' << onelogin::is_success(sent) << '\n';

    const onelogin::api1::TokenResult token = onelogin::api1::get_access_token(
        {"id", "secret"}, refuse, onelogin::api1::Subdomain{"acme"});
    const onelogin::RetryAdvice advice = onelogin::retry_advice(token);
    std::cout << token << '\n' << advice << '\n';
    if (advice.retry == onelogin::Retry::later) std::cout << "safe to send again\n";
    if (advice.retry == onelogin::Retry::check_first) std::cout << "look in OneLogin first\n";

    const onelogin::api1::SendInviteOutcome outcome =
        onelogin::api1::parse_send_invite_response(R"({"code":401,"message":"Unauthorized"})", 401);
    if (const auto status = onelogin::http_status(outcome)) std::cout << *status << '\n';

    const std::map<std::string, std::string> headers = {{"Retry-After", "3"}};
    const onelogin::RateLimit limits = onelogin::read_rate_limit(headers);
    const auto wait = onelogin::retry_advice(outcome, limits).after;
    std::cout << std::chrono::duration_cast<std::chrono::milliseconds>(wait).count() << '\n';

    const auto built = onelogin::v3::make_send_invite_request({"api-key", "a@b.example"});
    if (const auto* request = std::get_if<onelogin::HttpRequest>(&built)) {
        std::cout << onelogin::to_curl_command(*request) << '\n';
    }
    return 0;
}
