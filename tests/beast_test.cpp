// The library beside Boost.Beast, as its users pair them: the request's host, port and target for
// the resolver and the request line, and the rate-limit headers read from Beast's own fields.
#include "support.hpp"

#include <boost/beast/http.hpp>

#include <string>

namespace http = boost::beast::http;

TEST_CASE("Boost.Beast: a built request maps onto http::request and its fields feed retry_advice") {
    const auto built = onelogin::v3::make_send_invite_request(
        {"key", "a@b.example"}, onelogin::v3::Endpoint{"https://api.onelogin.com:8443/x"});
    const auto& request = std::get<onelogin::HttpRequest>(built);
    http::request<http::string_body> beast_request{http::verb::post, request.target(), 11};
    beast_request.set(http::field::host, request.host());
    for (const auto& header : request.headers) beast_request.set(header.name, header.value);
    beast_request.body() = request.body;
    CHECK(std::string(beast_request.target()) == "/x/api/v3/invites/send_invite_link");
    CHECK(std::to_string(request.port()) == "8443");

    http::response<http::string_body> response{http::status::too_many_requests, 11};
    response.set("Retry-After", "12");
    response.set("X-RateLimit-Remaining", "0");
    const onelogin::RateLimit limits = onelogin::read_rate_limit(response.base());
    CHECK(limits.retry_after == 12);
    CHECK(limits.remaining == 0);
    const auto outcome = onelogin::v3::parse_send_invite_response(
        response.body(), static_cast<int>(response.result_int()));
    CHECK(onelogin::retry_advice(outcome, limits).after == std::chrono::seconds(12));
}
