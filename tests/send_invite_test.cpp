// send_invite: one call over a caller-supplied transport.
#include "support.hpp"

#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

using namespace onelogin::v3;
using test_support::require;

TEST_CASE("send_invite hands the built request to the transport and reads its answer") {
    std::vector<HttpRequest> sent;
    const auto transport = [&sent](const HttpRequest& request) {
        sent.push_back(request);
        return HttpResponse{
            400, R"({"status":{"error":true,"message":"No User exists for input email"}})"};
    };
    const SendInviteResult result = send_invite({"key", "who@example.com", {}}, transport);
    CHECK(require<NoSuchUser>(result).message == "No User exists for input email");
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].url == "https://api.onelogin.com/api/v3/invites/send_invite_link");
    CHECK(sent[0].body == R"({"api_key":"key","email":"who@example.com"})");
}

namespace {
/// A transport's type, for the return types below (never called).
struct Answers {
    HttpResponse operator()(const HttpRequest& request) const;
};
}  // namespace

// Each one-call helper returns its call's Result type itself (its declaration names the type
// through the transport, so that the variant is compiled only where the helper is called).
namespace {
[[maybe_unused]] void each_helper_returns_its_result(const onelogin::api1::Endpoint& endpoint) {
    namespace api1 = onelogin::api1;
    static_assert(
        std::is_same_v<decltype(send_invite(SendInviteRequest{}, Answers{})), SendInviteResult>);
    static_assert(std::is_same_v<decltype(generate_invite(GenerateInviteRequest{}, Answers{})),
                                 GenerateInviteResult>);
    static_assert(
        std::is_same_v<decltype(api1::send_invite(api1::SendInviteRequest{}, Answers{}, endpoint)),
                       api1::SendInviteResult>);
    static_assert(std::is_same_v<decltype(api1::generate_invite(api1::GenerateInviteRequest{},
                                                                Answers{}, endpoint)),
                                 api1::GenerateInviteResult>);
    static_assert(std::is_same_v<decltype(api1::get_access_token(api1::ClientCredentials{},
                                                                 Answers{}, endpoint)),
                                 api1::TokenResult>);
    static_assert(std::is_same_v<decltype(api1::revoke_token(api1::RevokeTokenRequest{}, Answers{},
                                                             endpoint)),
                                 api1::RevokeTokenResult>);
    static_assert(std::is_same_v<decltype(api1::get_rate_limit(api1::RateLimitRequest{}, Answers{},
                                                               endpoint)),
                                 api1::RateLimitResult>);
}
}  // namespace

TEST_CASE("send_invite passes the endpoint and the HTTP status through") {
    std::string url;
    const auto result = send_invite(
        {"key", "who@example.com", {}},
        [&url](const HttpRequest& request) {
            url = request.url;
            return HttpResponse{503, ""};
        },
        Endpoint{"http://127.0.0.1:8080/"});
    CHECK(url == "http://127.0.0.1:8080/api/v3/invites/send_invite_link");
    CHECK(require<MalformedResponse>(result).http_status == 503);
}

TEST_CASE("send_invite returns the transport's failure as a TransportError") {
    using Answer = std::variant<HttpResponse, TransportError>;
    const auto failing = [](const HttpRequest&) -> Answer { return TransportError{"timed out"}; };
    CHECK(require<TransportError>(send_invite({"key", "a@b.example", {}}, failing)).message ==
          "timed out");
    const auto answering = [](const HttpRequest&) -> Answer {
        return HttpResponse{
            200,
            R"({"status":{"error":false,"message":"Email sent successfully to a@b.example"}})"};
    };
    CHECK(require<InviteSent>(send_invite({"key", "a@b.example", {}}, answering)).recipient ==
          "a@b.example");
}

TEST_CASE("send_invite does not call the transport for a refused request") {
    int calls = 0;
    const auto result = send_invite({"key", "not-an-address", {}}, [&calls](const HttpRequest&) {
        ++calls;
        return HttpResponse{200, ""};
    });
    CHECK(require<InvalidRequest>(result).field == RequestField::email);
    CHECK(calls == 0);
}

namespace {

/// Every text of a result, joined, to look for a secret in.
template <typename Result>
std::string all_texts(const Result& result) {
    std::string joined = onelogin::to_string(result);
    std::visit(
        [&joined](const auto& held) {
            auto copy = held;
            std::apply([&](const auto&... text) { ((joined += '|', joined += text), ...); },
                       texts(copy));
        },
        result);
    return joined;
}

}  // namespace

TEST_CASE("send_invite never hands the API key back, even from a server that echoes it") {
    const std::string key = "0123456789abcdef0123456789abcdef01234567";
    const auto echo_error = [](const HttpRequest& request) {
        std::string echoed = request.body;  // its quotes as apostrophes, so that the error is JSON
        for (char& c : echoed) {
            if (c == '"') c = '\'';
        }
        return HttpResponse{400, R"({"status":{"error":true,"code":400,"type":"bad request",)"
                                 R"("message":"could not read )" +
                                     echoed + "\"}}"};
    };
    const SendInviteResult echoed = send_invite({key, "who@example.com", {}}, echo_error);
    CHECK(all_texts(echoed).find(key) == std::string::npos);
    const auto& error = require<ApiError>(echoed);
    CHECK(error.message.find("****") != std::string::npos);
    CHECK(error.body.find("who@example.com") != std::string::npos);  // the rest is kept

    // Echoed into an HTML page, whose body is kept whole; into an XML error's message.
    const auto echo_html = [](const HttpRequest& request) {
        return HttpResponse{502, "<html><body>" + request.body + "</body></html>"};
    };
    const SendInviteResult page = send_invite({key, "who@example.com", {}}, echo_html);
    CHECK(require<MalformedResponse>(page).body.find(key) == std::string::npos);
    const auto echo_xml = [&key](const HttpRequest&) {
        return HttpResponse{400,
                            "<error><code>x</code><message>bad key " + key + "</message></error>"};
    };
    CHECK(all_texts(send_invite({key, "who@example.com", {}}, echo_xml)).find(key) ==
          std::string::npos);

    // A transport that quotes the request in its error.
    const auto quoting =
        [](const HttpRequest& request) -> std::variant<HttpResponse, TransportError> {
        return TransportError{"failed to send " + request.body};
    };
    const SendInviteResult failed = send_invite({key, "who@example.com", {}}, quoting);
    CHECK(require<TransportError>(failed).message.find(key) == std::string::npos);

    // Generate Invite Link, the same; and a body cut at the size cap in the middle of the key.
    const auto cut = [&key](const HttpRequest&) {
        std::string body(ONELOGIN_INVITE_MAX_BODY_BYTES - 20, ' ');
        body += key;
        return HttpResponse{502, "<html>" + body + "</html>"};
    };
    const GenerateInviteResult made = generate_invite({key, "who@example.com"}, cut);
    const auto& malformed = require<MalformedResponse>(made);
    CHECK(malformed.reason == onelogin::MalformedReason::too_large);
    CHECK(malformed.body.find(key.substr(0, 14)) == std::string::npos);
    CHECK(malformed.body.substr(malformed.body.size() - 4) == "****");
}

TEST_CASE("send_invite masks the key in its JSON-escaped forms too") {
    const std::string key = "key/with\"quote\\and/slash";
    const auto echo_php = [](const HttpRequest&) {
        // PHP's json_encode writes '/' as "\/".
        return HttpResponse{
            400, R"({"status":{"error":true,"code":400,"type":"x","message":"key/with\"quote)"
                 R"(\\and/slash or key\/with\"quote\\and\/slash"}})"};
    };
    const SendInviteResult result = send_invite({key, "who@example.com", {}}, echo_php);
    const auto& error = require<ApiError>(result);
    CHECK(error.message == "**** or ****");
    CHECK(error.body.find("with") == std::string::npos);
}

TEST_CASE("a secret shorter than 8 bytes is not masked: it would garble the server's words") {
    // "Success" is a whole answer's word; a 7-byte key must not turn it into "****".
    const auto ok = [](const HttpRequest&) {
        return HttpResponse{200, R"({"status":{"error":false,"code":200,"type":"Success",)"
                                 R"("message":"Success"}})"};
    };
    const SendInviteResult result = send_invite({"Success", "who@example.com", {}}, ok);
    CHECK(require<InviteSent>(result).message == "Success");
    STATIC_REQUIRE(onelogin::detail::min_masked_secret_bytes == 8);
    std::string text = "a 12345678 b";
    onelogin::detail::mask_secret(text, "1234567");
    CHECK(text == "a 12345678 b");
    onelogin::detail::mask_secret(text, "12345678");
    CHECK(text == "a **** b");
}
