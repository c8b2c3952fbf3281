// Fuzzes make_send_invite_request with fields cut from the input. Either the request is refused,
// with a reason that never quotes the API key, or its body is JSON that nlohmann/json reads back
// to exactly the given fields (a differential check against an independent parser). Then the same
// fields go to API /1's builder (the key as the access token, base_url as the subdomain or base
// URL), to the token exchange (email as the client id, the key as the secret), to Revoke Token
// (those credentials, the key as the token to revoke) and to Get Rate Limit (the key as the
// token): no reason shows the token or the secret, and a masked rendering masks the whole
// credential. Seeds api1_revoke_token and api1_rate_limit reach those two requests built.
// Input: a flags byte, then api_key, email, personal_email and base_url, each one length byte and
// that many bytes. Flags bit 0: personal_email is set; bits 1-2: base_url is the default, a
// loopback URL, or the given bytes; bit 3: API /1 takes base_url as a subdomain.
#include <onelogin/invite.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

// Takes the next length-prefixed field from the input.
std::string take_field(const std::uint8_t*& data, std::size_t& size) {
    if (size == 0) return {};
    const std::size_t length = data[0] < size - 1 ? data[0] : size - 1;
    std::string field(reinterpret_cast<const char*>(data + 1), length);
    data += 1 + length;
    size -= 1 + length;
    return field;
}

// Every API key starts with this, so any reason that quotes the key, or its start, shows it.
constexpr std::string_view key_marker = "Zq8XvK3mPw";

// The string member `name` of `json`, which must be there.
std::string string_member(const nlohmann::json& json, const char* name) {
    const auto member = json.find(name);
    require(member != json.end() && member->is_string());
    return member->get<std::string>();
}

// True when `text` ends with `suffix` and holds more than it.
bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() > suffix.size() &&
           text.compare(text.size() - suffix.size(), std::string_view::npos, suffix) == 0;
}

// A refusal names its field first and never quotes `secret`.
void check_refusal(const onelogin::InvalidRequest& refused, std::string_view secret) {
    require(!refused.reason.empty());
    require(refused.reason.find(key_marker) == std::string::npos);
    require(refused.reason.find(secret) == std::string::npos);
    const std::string_view field = onelogin::to_string(refused.field);
    require(refused.reason.compare(0, field.size(), field) == 0);
}

// API /1's builder and the token exchange, with the v3 request's fields.
void check_api1(const onelogin::v3::SendInviteRequest& v3,
                const onelogin::api1::Endpoint& endpoint) {
    using namespace onelogin::api1;
    const SendInviteRequest request{v3.api_key, v3.email, v3.personal_email};
    const auto built = make_send_invite_request(request, endpoint);
    if (const auto* refused = std::get_if<InvalidRequest>(&built)) {
        check_refusal(*refused, request.access_token);
    } else {
        const auto& http = *std::get_if<HttpRequest>(&built);
        require(http.headers.size() == 3 && http.headers[0].name == "Authorization" &&
                http.headers[0].value == "bearer " + request.access_token);
        require(ends_with(http.url, send_invite_path));
        require(to_curl_command(http).find(" -H 'Authorization: bearer ****' ") !=
                std::string::npos);
        const auto json = nlohmann::json::parse(http.body, nullptr, false);
        require(!json.is_discarded() && json.is_object() &&
                json.size() == (request.personal_email ? 2u : 1u));
        require(string_member(json, "email") == request.email);
        if (request.personal_email) {
            require(string_member(json, "personal_email") == *request.personal_email);
        }
    }

    const ClientCredentials credentials{v3.email, v3.api_key};
    const auto token = make_token_request(credentials, endpoint);
    if (const auto* refused = std::get_if<InvalidRequest>(&token)) {
        check_refusal(*refused, credentials.client_secret);
    } else {
        const auto& http = *std::get_if<HttpRequest>(&token);
        require(http.headers[0].value == "client_id:" + credentials.client_id +
                                             ", client_secret:" + credentials.client_secret);
        require(http.body == R"({"grant_type":"client_credentials"})");
        require(to_curl_command(http).find(" -H 'Authorization: ****' ") != std::string::npos);
    }

    const RevokeTokenRequest revoke{credentials, v3.api_key};
    const auto revoke_built = make_revoke_token_request(revoke, endpoint);
    if (const auto* refused = std::get_if<InvalidRequest>(&revoke_built)) {
        check_refusal(*refused, credentials.client_secret);
        check_refusal(*refused, revoke.access_token);
    } else {
        const auto& http = *std::get_if<HttpRequest>(&revoke_built);
        require(http.method == "POST" && ends_with(http.url, revoke_token_path));
        require(http.headers[0].value == "client_id:" + credentials.client_id +
                                             ", client_secret:" + credentials.client_secret);
        const auto json = nlohmann::json::parse(http.body, nullptr, false);
        require(!json.is_discarded() && json.is_object() && json.size() == 1u);
        require(string_member(json, "access_token") == revoke.access_token);
        const std::string curl = to_curl_command(http);
        require(curl.find(" -H 'Authorization: ****' ") != std::string::npos);
        require(curl.find(R"( --data-raw '{"access_token":"****"}' )") != std::string::npos);
    }

    const RateLimitRequest status{v3.api_key};
    const auto status_built = make_rate_limit_request(status, endpoint);
    if (const auto* refused = std::get_if<InvalidRequest>(&status_built)) {
        check_refusal(*refused, status.access_token);
    } else {
        const auto& http = *std::get_if<HttpRequest>(&status_built);
        require(http.method == "GET" && http.body.empty() && ends_with(http.url, rate_limit_path));
        require(http.headers.size() == 2 && http.headers[0].name == "Authorization" &&
                http.headers[0].value == "bearer " + status.access_token);
        require(to_curl_command(http).find(" -H 'Authorization: bearer ****' ") !=
                std::string::npos);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace onelogin::v3;
    if (size == 0) return 0;
    const std::uint8_t flags = data[0];
    ++data;
    --size;
    SendInviteRequest request;
    request.api_key = std::string(key_marker) + take_field(data, size);
    request.email = take_field(data, size);
    std::string personal = take_field(data, size);
    if ((flags & 1u) != 0) request.personal_email = personal;
    Endpoint endpoint;
    std::string base = take_field(data, size);
    if ((flags & 6u) == 2u) endpoint.base_url = "http://127.0.0.1:8080/";
    if ((flags & 6u) >= 4u) endpoint.base_url = base;

    check_api1(request, (flags & 8u) != 0
                            ? onelogin::api1::Endpoint(onelogin::api1::Subdomain{base})
                            : onelogin::api1::Endpoint(onelogin::api1::BaseUrl{endpoint.base_url}));

    const auto built = make_send_invite_request(request, endpoint);
    if (const auto* refused = std::get_if<InvalidRequest>(&built)) {
        check_refusal(*refused, request.api_key);
        return 0;
    }
    const auto& http = *std::get_if<HttpRequest>(&built);
    require(http.method == "POST");
    std::string_view trimmed = endpoint.base_url;
    while (!trimmed.empty() && trimmed.back() == '/') trimmed.remove_suffix(1);
    // The scheme and host are written in lower case, the path as given.
    require(http.url == onelogin::detail::lower_scheme_and_host(std::string(trimmed)) +
                            "/api/v3/invites/send_invite_link");
    require(http.origin() + http.target() == http.url);

    // Neither a printed request nor the result of a server that echoes it shows the key, unless
    // the other fields themselves hold its start.
    const auto holds_marker = [](std::string_view field) {
        return field.find(key_marker) != std::string_view::npos;
    };
    const bool addresses_hold_marker =
        holds_marker(request.email) || holds_marker(endpoint.base_url) ||
        (request.personal_email && holds_marker(*request.personal_email));
    if (!addresses_hold_marker) {
        require(onelogin::to_string(http).find(key_marker) == std::string::npos);
        const auto echo = [](const HttpRequest& sent) {
            return onelogin::HttpResponse{502, "<html>" + sent.body + sent.url + "</html>"};
        };
        const SendInviteResult echoed = send_invite(request, echo, endpoint);
        const auto* page = std::get_if<onelogin::MalformedResponse>(&echoed);
        require(page != nullptr && page->body.find(key_marker) == std::string::npos);
    }

    const auto json = nlohmann::json::parse(http.body, nullptr, false);
    require(!json.is_discarded() && json.is_object());
    require(json.size() == (request.personal_email ? 3u : 2u));
    require(string_member(json, "api_key") == request.api_key);
    require(string_member(json, "email") == request.email);
    if (request.personal_email) {
        require(string_member(json, "personal_email") == *request.personal_email);
    }
    return 0;
}
