// Fuzzes make_send_invite_request with fields cut from the input. Either the request is refused,
// with a reason that never quotes the API key, or its body is JSON that nlohmann/json reads back
// to exactly the given fields (a differential check against an independent parser).
// Input: a flags byte, then api_key, email, personal_email and base_url, each one length byte and
// that many bytes. Flags bit 0: personal_email is set; bits 1-2: base_url is the default, a
// loopback URL, or the given bytes.
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

    const auto built = make_send_invite_request(request, endpoint);
    if (const auto* refused = std::get_if<InvalidRequest>(&built)) {
        require(!refused->reason.empty());
        require(refused->reason.find(key_marker) == std::string::npos);
        require(refused->reason.find(request.api_key) == std::string::npos);
        require(
            refused->reason.compare(0, std::string_view(onelogin::to_string(refused->field)).size(),
                                    onelogin::to_string(refused->field)) == 0);
        return 0;
    }
    const auto& http = *std::get_if<HttpRequest>(&built);
    require(http.method == "POST");
    std::string_view trimmed = endpoint.base_url;
    while (!trimmed.empty() && trimmed.back() == '/') trimmed.remove_suffix(1);
    require(http.url == std::string(trimmed) + "/api/v3/invites/send_invite_link");

    const auto json = nlohmann::json::parse(http.body, nullptr, false);
    require(!json.is_discarded() && json.is_object());
    require(json.size() == (request.personal_email ? 3u : 2u));
    const auto field = [&json](const char* name) {
        const auto member = json.find(name);
        require(member != json.end() && member->is_string());
        return member->get<std::string>();
    };
    require(field("api_key") == request.api_key);
    require(field("email") == request.email);
    if (request.personal_email) require(field("personal_email") == *request.personal_email);
    return 0;
}
