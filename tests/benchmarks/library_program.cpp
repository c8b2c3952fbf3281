// What tools/bench compiles and measures for the library: one request built, one response read.
// With ONELOGIN_INVITE_SEPARATE_COMPILATION it is the declarations-only translation unit.
#include <onelogin/invite.hpp>

#include <cstdio>
#include <variant>

int main(int argc, char** argv) {
    using namespace onelogin::v3;
    const auto request = make_send_invite_request({argc > 1 ? argv[1] : "key", "a@b.example", {}});
    const auto outcome = parse_send_invite_response(argc > 2 ? argv[2] : "{}", 200);
    const auto* http = std::get_if<HttpRequest>(&request);
    std::printf("%zu %zu\n", http != nullptr ? http->body.size() : 0, outcome.index());
    return 0;
}
