// A program as a user of the library writes it. It prints "consumer ok" only if the library,
// however it was brought in, builds the documented request and reads the documented answers.
#include <onelogin/invite.hpp>

#include <cstdio>
#include <string>
#include <variant>

int main() {
    using namespace onelogin::v3;
    int failures = 0;
    const auto expect = [&failures](bool ok, const char* what) {
        if (!ok) {
            std::printf("FAILED: %s\n", what);
            ++failures;
        }
    };

    const auto built = make_send_invite_request({"key", "new.hire@example.com", {}});
    const auto* request = std::get_if<HttpRequest>(&built);
    expect(request != nullptr, "the request is built");
    expect(request && request->url == "https://api.onelogin.com/api/v3/invites/send_invite_link",
           "the request URL");

    const auto sent = parse_send_invite_response(
        R"({"status":{"type":"success","message":"Email sent successfully to a@b.example","error":false,"code":200}})",
        200);
    const auto* invite = std::get_if<InviteSent>(&sent);
    expect(invite && invite->recipient == "a@b.example", "InviteSent names the recipient");
    expect(std::holds_alternative<InvalidApiKey>(
               parse_send_invite_response("<error><message>API key is invalid or missing</message>"
                                          "<code>invalid_or_missing_api_key</code></error>",
                                          400)),
           "the XML error is InvalidApiKey");
    expect(std::holds_alternative<MalformedResponse>(parse_send_invite_response("", 502)),
           "an empty body is MalformedResponse");

    std::printf("onelogin-invite %d.%d.%d: %s\n", ONELOGIN_INVITE_VERSION_MAJOR,
                ONELOGIN_INVITE_VERSION_MINOR, ONELOGIN_INVITE_VERSION_PATCH,
                failures == 0 ? "consumer ok" : "consumer FAILED");
    return failures == 0 ? 0 : 1;
}
