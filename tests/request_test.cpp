// make_send_invite_request: the request it builds, and every validation rule.
#include "support.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using onelogin::HttpRequest;
using onelogin::InvalidRequest;
using onelogin::RequestField;
using onelogin::v3::Endpoint;
using onelogin::v3::make_send_invite_request;
using onelogin::v3::SendInviteRequest;
using test_support::require;

namespace {

HttpRequest require_built(const std::variant<HttpRequest, InvalidRequest>& built) {
    return require<HttpRequest>(built);
}

// The InvalidRequest for `request` sent to `endpoint`; the test fails if it was built.
InvalidRequest refused(const SendInviteRequest& request, const Endpoint& endpoint = {}) {
    return require<InvalidRequest>(make_send_invite_request(request, endpoint));
}

SendInviteRequest with_email(std::string email) { return {"key-123", std::move(email), {}}; }
SendInviteRequest with_personal(std::string personal) {
    return {"key-123", "new.hire@example.com", std::move(personal)};
}
SendInviteRequest with_key(std::string key) { return {std::move(key), "new.hire@example.com", {}}; }
Endpoint at(std::string base_url) { return Endpoint{std::move(base_url)}; }

// `address` is refused for `reason` as the email and as the personal email, each named.
void check_refused_as_either_address(const std::string& address, const std::string& reason) {
    const InvalidRequest as_email = refused(with_email(address));
    CHECK(as_email.field == RequestField::email);
    CHECK(as_email.reason == "email " + reason);
    const InvalidRequest as_personal = refused(with_personal(address));
    CHECK(as_personal.field == RequestField::personal_email);
    CHECK(as_personal.reason == "personal_email " + reason);
}

}  // namespace

TEST_CASE("the request is a POST of compact JSON to the v3 endpoint") {
    const auto built = make_send_invite_request({"key-123", "new.hire@example.com", {}});
    const HttpRequest http = require_built(built);
    CHECK(http.method == "POST");
    CHECK(http.url == "https://api.onelogin.com/api/v3/invites/send_invite_link");
    REQUIRE(http.headers.size() == 2);
    CHECK(http.headers[0].name == "Content-Type");
    CHECK(http.headers[0].value == "application/json");
    CHECK(http.headers[1].name == "Accept");
    CHECK(http.headers[1].value == "application/json");
    CHECK(http.body == R"({"api_key":"key-123","email":"new.hire@example.com"})");
}

TEST_CASE("personal_email is in the body only when it is set") {
    const auto built = make_send_invite_request(with_personal("me@home.example"));
    CHECK(
        require_built(built).body ==
        R"({"api_key":"key-123","email":"new.hire@example.com","personal_email":"me@home.example"})");
}

TEST_CASE("values are escaped so that any valid UTF-8 survives the round trip") {
    const std::vector<SendInviteRequest> requests = {
        {R"(k"e\y)", R"("quoted\"local"@example.com)", std::string(R"("a\\b"@example.com)")},
        {"ключ-🔑", "josé@exämple.com", std::string("用户@例子.广告")},
        {"key", "\"a@b\"@example.com", std::string("o'brien+tag@example.com")},
    };
    for (const auto& request : requests) {
        const HttpRequest http = require_built(make_send_invite_request(request));
        INFO(http.body);
        const auto parsed = nlohmann::json::parse(http.body, nullptr, false);
        REQUIRE_FALSE(parsed.is_discarded());
        REQUIRE(parsed.is_object());
        CHECK(parsed.size() == 3);
        CHECK(parsed.value("api_key", "") == request.api_key);
        CHECK(parsed.value("email", "") == request.email);
        CHECK(parsed.value("personal_email", "") == *request.personal_email);
        CHECK(parsed.dump() == http.body);  // compact: nlohmann writes the same bytes
    }
}

TEST_CASE("the base URL loses its trailing slashes and keeps its path") {
    CHECK(require_built(
              make_send_invite_request(with_email("a@b.c"), at("https://api.onelogin.com/")))
              .url == "https://api.onelogin.com/api/v3/invites/send_invite_link");
    CHECK(
        require_built(make_send_invite_request(with_email("a@b.c"), at("https://gw.example.com//")))
            .url == "https://gw.example.com/api/v3/invites/send_invite_link");
    CHECK(require_built(make_send_invite_request(with_email("a@b.c"),
                                                 at("https://gw.example.com:8443/onelogin/")))
              .url == "https://gw.example.com:8443/onelogin/api/v3/invites/send_invite_link");
}

TEST_CASE("the base URL's scheme and host are written in lower case, its path as given") {
    CHECK(require_built(make_send_invite_request(with_email("a@b.c"), at("HTTP://127.0.0.1:8080")))
              .url == "http://127.0.0.1:8080/api/v3/invites/send_invite_link");
    CHECK(require_built(
              make_send_invite_request(with_email("a@b.c"), at("HTTPS://Api.OneLogin.COM/Base/")))
              .url == "https://api.onelogin.com/Base/api/v3/invites/send_invite_link");
    CHECK(
        require_built(make_send_invite_request(with_email("a@b.c"), at("Http://LOCALHOST"))).url ==
        "http://localhost/api/v3/invites/send_invite_link");
    // Every check sees the one form: http:// to a host that is not loopback is refused in any case.
    CHECK(refused(with_email("a@b.c"), at("HTTP://Api.OneLogin.com")).field ==
          RequestField::base_url);
    // API /1: the base URL and the subdomain alike.
    namespace api1 = onelogin::api1;
    CHECK(require<HttpRequest>(api1::make_send_invite_request(
                                   {"tok", "a@b.c", {}}, api1::BaseUrl{"HTTP://LocalHost:9/X"}))
              .url == "http://localhost:9/X/api/1/invites/send_invite_link");
    CHECK(require<HttpRequest>(api1::make_token_request({"id", "secret"}, api1::Subdomain{"ACME"}))
              .url == "https://acme.onelogin.com/auth/oauth2/v2/token");
}

TEST_CASE("http:// is accepted for loopback hosts only") {
    for (const char* base : {"http://localhost", "http://LocalHost:8080", "http://127.0.0.1:9000/",
                             "http://127.255.255.254", "http://[::1]:8080", "HTTP://127.0.0.1"}) {
        INFO(base);
        CHECK(std::holds_alternative<HttpRequest>(
            make_send_invite_request(with_email("a@b.c"), at(base))));
    }
    for (const char* base : {"http://api.onelogin.com", "http://10.0.0.1", "http://128.0.0.1",
                             "http://127.0.0.1.evil.com", "http://localhost.evil.com",
                             "http://evil.com/localhost", "http://127.0.0.01", "http://127.0.0",
                             "http://127.0.0.256", "http://[::2]", "http://0x7f.0.0.1"}) {
        INFO(base);
        const InvalidRequest error = refused(with_email("a@b.c"), at(base));
        CHECK(error.field == RequestField::base_url);
        CHECK(error.reason.find("https://") != std::string::npos);
    }
}

TEST_CASE("base URLs that are not a plain https origin and path are refused") {
    for (const char* base :
         {"", "api.onelogin.com", "ftp://api.onelogin.com", "https://", "https:///path",
          "https://[::1", "https://host:", "https://host:0", "https://host:65536",
          "https://host:80a", "https://user:pw@host", "https://host/?q=1", "https://host/#frag",
          "https://ho st", "https://host\t", "https://hóst.example", "https://ho<st",
          // Whitespace and non-ASCII bytes are refused in the path too, where no host rule looks.
          "https://host/a b", "https://host/\x80", "https://host/\x20", "https://[::1]x",
          // Percent-encoding in a host: libcurl decodes it and would reach another host.
          "https://api.onelogin.com%2eevil.example", "https://%61pi.onelogin.com"}) {
        INFO(base);
        CHECK(refused(with_email("a@b.c"), at(base)).field == RequestField::base_url);
    }
}

TEST_CASE("the API key must be non-empty UTF-8 without whitespace or control characters") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "is empty"},
        {"key 123", "contains whitespace at byte 3"},
        {"key\t123", "contains whitespace at byte 3"},
        {"key123\n", "contains whitespace at byte 6"},
        {"key\u00a0123", "contains whitespace at byte 3"},
        {"key\u2028", "contains whitespace at byte 3"},
        {std::string("key\0", 4), "contains a control character at byte 3"},
        {"key\x7f", "contains a control character at byte 3"},
        {"key\u0085", "contains whitespace at byte 3"},
        {"key\u0090", "contains a control character at byte 3"},
        {"key\xff", "is not valid UTF-8 at byte 3"},
        {"key\xc0\xaf", "is not valid UTF-8 at byte 3"},
        {"key\xed\xa0\x80", "is not valid UTF-8 at byte 3"},
    };
    for (const auto& [key, reason] : cases) {
        INFO(reason);
        const InvalidRequest error = refused(with_key(key));
        CHECK(error.field == RequestField::api_key);
        CHECK(error.reason == "api_key " + reason);
    }
}

TEST_CASE("a key is refused at the byte where it stops being visible text, wherever that is") {
    // Printable ASCII is read eight bytes at a time: a bad byte at each position of a 41-byte key
    // lands in every place of a word and in the bytes after the last whole word.
    const std::vector<std::pair<std::string, std::string>> bad = {
        {" ", "contains whitespace"},
        {"\x01", "contains a control character"},
        {"\x7f", "contains a control character"},
        {"\xff", "is not valid UTF-8"},
        {"\xc2\xa0", "contains whitespace"},
        {"\x80", "is not valid UTF-8"}};
    for (std::size_t at = 0; at < 41; ++at) {
        for (const auto& [bytes, reason] : bad) {
            std::string key(41, 'k');
            key.replace(at, 1, bytes);
            INFO(at << ": " << reason);
            const InvalidRequest error = refused(with_key(key));
            CHECK(error.field == RequestField::api_key);
            CHECK(error.reason == "api_key " + reason + " at byte " + std::to_string(at));
        }
    }
    // Keys of printable ASCII of every length to 41, each byte 0x21 or 0x7E, the ends of the range.
    for (std::size_t length = 1; length <= 41; ++length) {
        INFO(length);
        CHECK(std::holds_alternative<HttpRequest>(
            make_send_invite_request(with_key(std::string(length, length % 2 ? '!' : '~')))));
    }
}

TEST_CASE("email and personal_email follow the address rules") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "is empty"},
        {"new.hire.example.com", "has no '@'"},
        {"@example.com", "has an empty local part"},
        {"new.hire@", "has an empty domain"},
        {"a@b@example.com", "has more than one '@'"},
        {"new hire@example.com", "contains whitespace at byte 3"},
        {"new.hire@example.com ", "contains whitespace at byte 20"},
        {"new\x01hire@example.com", "contains a control character at byte 3"},
        {"new\xe9@example.com", "is not valid UTF-8 at byte 3"},
        {"\"unterminated@example.com", "has an unterminated quoted local part"},
        {"\"\"@example.com", "has an empty local part"},
        {"\"ab\"x@example.com", "has no '@' right after its quoted local part"},
        {"\"a b\"@example.com", "contains whitespace at byte 2"},
        {std::string(64, 'a') + "@" + std::string(190, 'b'),
         "is 255 bytes long; an address has at most 254"},
    };
    for (const auto& [address, reason] : cases) {
        INFO(address);
        check_refused_as_either_address(address, reason);
    }
}

TEST_CASE("addresses no mail system accepts are refused: RFC 5321 domains, RFC 5322 local parts") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        // A spreadsheet row pasted whole.
        {"Ada;ada@example.com;Ops",
         "has a character an unquoted local part cannot have at byte 3 (one of <>[]:;,\\\")"},
        {"a,b@example.com",
         "has a character an unquoted local part cannot have at byte 1 (one of <>[]:;,\\\")"},
        {"Ada <ada@example.com>", "contains whitespace at byte 3"},
        {"<ada@example.com>",
         "has a character an unquoted local part cannot have at byte 0 (one of <>[]:;,\\\")"},
        {"a\"b@example.com",
         "has a character an unquoted local part cannot have at byte 1 (one of <>[]:;,\\\")"},
        {"group:a@example.com",
         "has a character an unquoted local part cannot have at byte 5 (one of <>[]:;,\\\")"},
        {"a@example.com;Ops",
         "has a character no mail domain has at byte 13 (a domain has "
         "letters, digits, hyphens and dots)"},
        {"a@example.com,b@example.com", "has more than one '@'"},
        {"a@exa,mple.com",
         "has a character no mail domain has at byte 5 (a domain has letters, "
         "digits, hyphens and dots)"},
        {"a@example.com>",
         "has a character no mail domain has at byte 13 (a domain has letters, "
         "digits, hyphens and dots)"},
        {"a@(x)example.com",
         "has a character no mail domain has at byte 2 (a domain has "
         "letters, digits, hyphens and dots)"},
        {"a@[192.0.2.1]",
         "has a character no mail domain has at byte 2 (a domain has letters, "
         "digits, hyphens and dots)"},
        {"a@exam\"ple.com",
         "has a character no mail domain has at byte 6 (a domain has "
         "letters, digits, hyphens and dots)"},
        {"a@exam'ple.com",
         "has a character no mail domain has at byte 6 (a domain has letters, "
         "digits, hyphens and dots)"},
        {"a@exam_ple.com",
         "has a character no mail domain has at byte 6 (a domain has letters, "
         "digits, hyphens and dots)"},
        {"a@.example.com", "has an empty domain label at byte 2"},
        {"a@example..com", "has an empty domain label at byte 10"},
        {"a@example.com.", "has an empty domain label at its end"},
        {"a\xE2\x80\xAE@example.com", "contains a bidirectional control character at byte 1"},
        {"a@exam\xE2\x81\xA6ple.com", "contains a bidirectional control character at byte 6"},
        {"ad\xE2\x80\x8B"
         "a@example.com",
         "contains an invisible character at byte 2"},  // U+200B
        {"ad\xC2\xAD"
         "a@example.com",
         "contains an invisible character at byte 2"},                               // U+00AD
        {"a@exam\xEF\xBB\xBFple.com", "contains an invisible character at byte 6"},  // U+FEFF
        {"a\xE2\x81\xA0@example.com", "contains an invisible character at byte 1"},  // U+2060
    };
    for (const auto& [address, reason] : cases) {
        INFO(address);
        check_refused_as_either_address(address, reason);
    }
    // API /1 follows the same rule.
    CHECK(require<InvalidRequest>(
              onelogin::api1::make_send_invite_request({"tok", "Ada;ada@example.com;Ops", {}},
                                                       onelogin::api1::Subdomain{"acme"}))
              .field == RequestField::email);
}

TEST_CASE("internationalized, quoted and 254-byte addresses are accepted") {
    for (const std::string& address :
         {std::string("josé@exämple.com"), std::string("用户@例子.广告"),
          std::string("\"john..doe\"@example.com"), std::string("\"a@b\"@example.com"),
          std::string("\"a\\\"b\"@example.com"), std::string("\"a;b,c<d>\"@example.com"),
          std::string("o'brien+tag@example.com"), std::string("a(comment)@example.com"),
          std::string("!#$%&'*+-/=?^_`{|}~.a@xn--bcher-kva.example"),
          std::string(64, 'a') + "@" + std::string(189, 'b'), std::string("x@y")}) {
        INFO(address);
        CHECK(std::holds_alternative<HttpRequest>(make_send_invite_request(with_email(address))));
        CHECK(
            std::holds_alternative<HttpRequest>(make_send_invite_request(with_personal(address))));
    }
}

TEST_CASE("no error text contains the API key or the addresses") {
    const std::string key = "SECRET-KEY-7f3a";
    const std::vector<std::pair<SendInviteRequest, Endpoint>> cases = {
        {{key + " ", "a@b.c", {}}, {}},
        {{key + "\n", "a@b.c", {}}, {}},
        {{key + "\xff", "a@b.c", {}}, {}},
        {{key, "SECRET-KEY-7f3a-no-at", {}}, {}},
        {{key, "a@b.c", std::string("SECRET-KEY-7f3a personal@b.c")}, {}},
        {{key, "a@b.c", {}}, {"http://SECRET-KEY-7f3a.example.com"}},
        {{key, "a@b.c", {}}, {"https://SECRET-KEY-7f3a@example.com"}},
    };
    for (const auto& [request, endpoint] : cases) {
        const InvalidRequest error = refused(request, endpoint);
        INFO(error.reason);
        CHECK(error.reason.find("SECRET") == std::string::npos);
        CHECK(error.reason.find("7f3a") == std::string::npos);
    }
}

TEST_CASE("fields are checked in order: api_key, email, personal_email, base_url") {
    CHECK(refused(
              {
                  "",
                  "",
                  std::string(""),
              },
              at(""))
              .field == RequestField::api_key);
    CHECK(refused({"k", "", std::string("")}, at("")).field == RequestField::email);
    CHECK(refused({"k", "a@b.c", std::string("")}, at("")).field == RequestField::personal_email);
    CHECK(refused({"k", "a@b.c", {}}, at("")).field == RequestField::base_url);
}

TEST_CASE("RequestField names match the API's parameter names") {
    CHECK(std::string(onelogin::to_string(RequestField::api_key)) == "api_key");
    CHECK(std::string(onelogin::to_string(RequestField::email)) == "email");
    CHECK(std::string(onelogin::to_string(RequestField::personal_email)) == "personal_email");
    CHECK(std::string(onelogin::to_string(RequestField::base_url)) == "base_url");
}

TEST_CASE("HttpRequest names the host, port and target a socket or Boost.Beast needs") {
    const HttpRequest built = require<HttpRequest>(make_send_invite_request(with_email("a@b.c")));
    CHECK(built.host() == "api.onelogin.com");
    CHECK(built.port() == 443);
    CHECK(built.target() == "/api/v3/invites/send_invite_link");

    const HttpRequest local = require<HttpRequest>(
        make_send_invite_request(with_email("a@b.c"), at("http://[::1]:8080/base")));
    CHECK(local.host() == "::1");
    CHECK(local.port() == 8080);
    CHECK(local.target() == "/base/api/v3/invites/send_invite_link");

    HttpRequest by_hand{"POST", "http://127.0.0.1", {}, ""};
    CHECK(by_hand.host() == "127.0.0.1");
    CHECK(by_hand.port() == 80);
    CHECK(by_hand.target() == "/");
    by_hand.url = "https://user@host.example:8443?x=1#frag";
    CHECK(by_hand.host() == "host.example");
    CHECK(by_hand.port() == 8443);
    CHECK(by_hand.target() == "/?x=1");
    for (const char* unusable :
         {"no scheme", "ftp://host", "https://host:99999/", "https://host:x/"}) {
        INFO(unusable);
        by_hand.url = unusable;
        CHECK(by_hand.port() == 0);
    }
    by_hand.url = "not a url";
    CHECK(by_hand.host().empty());
    CHECK(by_hand.target().empty());
}

TEST_CASE("HttpRequest names its scheme and origin, as cpp-httplib's Client takes it") {
    const HttpRequest built = require<HttpRequest>(make_send_invite_request(with_email("a@b.c")));
    CHECK(built.scheme() == "https");
    CHECK(built.origin() == "https://api.onelogin.com");
    const HttpRequest local = require<HttpRequest>(
        make_send_invite_request(with_email("a@b.c"), at("HTTP://[::1]:8080/base")));
    CHECK(local.scheme() == "http");
    CHECK(local.origin() == "http://[::1]:8080");
    CHECK(local.origin() + local.target() == local.url);
    const HttpRequest loopback = require<HttpRequest>(
        make_send_invite_request(with_email("a@b.c"), at("http://127.0.0.1:9000")));
    CHECK(loopback.origin() == "http://127.0.0.1:9000");
    CHECK(loopback.origin() + loopback.target() == loopback.url);

    HttpRequest by_hand{"POST", "HTTPS://User:pw@Host.Example:8443/x?y#z", {}, ""};
    CHECK(by_hand.scheme() == "https");
    CHECK(by_hand.origin() == "https://host.example:8443");  // no user information
    by_hand.url = "not a url";
    CHECK(by_hand.scheme().empty());
    CHECK(by_hand.origin().empty());
    by_hand.url = "https://";
    CHECK(by_hand.scheme().empty());
    CHECK(by_hand.origin().empty());
}

TEST_CASE("the version string is made of the three version numbers") {
    const std::string expected = std::to_string(ONELOGIN_INVITE_VERSION_MAJOR) + "." +
                                 std::to_string(ONELOGIN_INVITE_VERSION_MINOR) + "." +
                                 std::to_string(ONELOGIN_INVITE_VERSION_PATCH);
    CHECK(std::string(ONELOGIN_INVITE_VERSION_STRING) == expected);
    STATIC_REQUIRE(sizeof(ONELOGIN_INVITE_VERSION_STRING) >= 6);
}

TEST_CASE("boundaries: a base URL's port is 1 to 65535, both ends included") {
    using onelogin::v3::make_send_invite_request;
    for (const char* base : {"https://host.example:1", "https://host.example:65535"}) {
        INFO(base);
        const auto built =
            make_send_invite_request({"key-123", "a@b.example", {}}, onelogin::v3::Endpoint{base});
        REQUIRE(std::holds_alternative<onelogin::HttpRequest>(built));
        CHECK(std::get<onelogin::HttpRequest>(built).url ==
              std::string(base) + "/api/v3/invites/send_invite_link");
    }
    for (const char* base : {"https://host.example:0", "https://host.example:65536"}) {
        INFO(base);
        const auto built =
            make_send_invite_request({"key-123", "a@b.example", {}}, onelogin::v3::Endpoint{base});
        const auto* invalid = std::get_if<onelogin::InvalidRequest>(&built);
        REQUIRE(invalid != nullptr);
        CHECK(invalid->field == onelogin::RequestField::base_url);
        CHECK(invalid->reason == "base_url has a port outside 1-65535");
    }
}

TEST_CASE("boundaries: the first and last character of each range a host or domain may hold") {
    using onelogin::v3::make_send_invite_request;
    const auto field_refused = [](const onelogin::v3::SendInviteRequest& request,
                                  const char* base) -> std::optional<onelogin::RequestField> {
        const auto built = make_send_invite_request(request, onelogin::v3::Endpoint{base});
        if (const auto* invalid = std::get_if<onelogin::InvalidRequest>(&built))
            return invalid->field;
        return std::nullopt;
    };
    const char* const good_base = "https://api.onelogin.com";
    // Letters a and z, digits 0 and 9, in a host name, an [IPv6] host (hex digits to f) and a
    // mail domain; the characters just outside each range are refused.
    for (const char* base :
         {"https://az09.example", "https://AZ.example", "https://a-z_0.9", "https://[a:f:0:9::]"}) {
        INFO(base);
        CHECK_FALSE(field_refused({"key-123", "a@b.example", {}}, base).has_value());
    }
    for (const char* base :
         {"https://a`.example", "https://z{.example", "https://[::g]", "https://[::`]"}) {
        INFO(base);
        CHECK(field_refused({"key-123", "a@b.example", {}}, base) ==
              onelogin::RequestField::base_url);
    }
    for (const char* email : {"x@az09.example", "x@AZ.example", "x@\xD0\x80.example"}) {
        INFO(email);  // U+0400 is D0 80: a byte of exactly 0x80 in a domain
        CHECK_FALSE(field_refused({"key-123", email, {}}, good_base).has_value());
    }
    for (const char* email : {"x@a`.example", "x@z{.example", "x@a/.example", "x@9:.example"}) {
        INFO(email);
        CHECK(field_refused({"key-123", email, {}}, good_base) == onelogin::RequestField::email);
    }
}

TEST_CASE("boundaries: UTF-8 at the first and last lead byte of each length") {
    using onelogin::v3::make_send_invite_request;
    const auto key_refused = [](const std::string& key) {
        const auto built = make_send_invite_request({key, "a@b.example", {}});
        const auto* invalid = std::get_if<onelogin::InvalidRequest>(&built);
        return invalid != nullptr && invalid->field == onelogin::RequestField::api_key;
    };
    // U+00A9, U+07FF (lead DF), U+0800 (E0), U+D7FF and U+E000 around the surrogates, U+FFFD
    // (EF), U+10000 (F0), U+10FFFF (F4): each a key of its own, accepted.
    for (const char* const key :
         {"k\xC2\xA9", "k\xDF\xBF", "k\xE0\xA0\x80", "k\xED\x9F\xBF", "k\xEE\x80\x80",
          "k\xEF\xBF\xBD", "k\xF0\x90\x80\x80", "k\xF4\x8F\xBF\xBF", "k\x7E"}) {
        INFO(key);
        CHECK_FALSE(key_refused(key));
    }
    // Just outside: C1 (overlong), the surrogates D800 and DFFF, F5 (above U+10FFFF), a lone
    // continuation byte 80, a continuation byte of C0 instead of 80-BF, an overlong E0 and F0,
    // and DEL.
    for (const char* const key :
         {"k\xC1\xBF", "k\xED\xA0\x80", "k\xED\xBF\xBF", "k\xF5\x80\x80\x80", "k\x80", "k\xDF\xC0",
          "k\xE0\x9F\xBF", "k\xF0\x8F\xBF\xBF", "k\xF4\x90\x80\x80", "k\x7F"}) {
        INFO(key);
        CHECK(key_refused(key));
    }
}

TEST_CASE("boundaries: each whitespace, control, bidirectional and invisible range, end to end") {
    const std::string space = "contains whitespace at byte 1";
    const std::string control = "contains a control character at byte 1";
    const std::string bidi = "contains a bidirectional control character at byte 1";
    const std::string invisible = "contains an invisible character at byte 1";
    const std::vector<std::pair<std::string, std::string>> cases = {
        // White_Space: U+0009-U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028,
        // U+2029, U+202F, U+205F, U+3000; and what borders them.
        {"k\x08", control},
        {"k\x09", space},
        {"k\x0D", space},
        {"k\x0E", control},
        {"k\x1F", control},
        {"k\x20", space},
        {"k\x7E", ""},
        {"k\u00A0", space},
        {"k\u00A1", ""},
        {"k\u1680", space},
        {"k\u1FFF", ""},
        {"k\u2000", space},
        {"k\u200A", space},
        {"k\u2027", ""},
        {"k\u2029", space},
        {"k\u202F", space},
        {"k\u2030", ""},
        {"k\u205E", ""},
        {"k\u205F", space},
        {"k\u3000", space},
        {"k\u3001", ""},
        // Controls: U+0000-U+001F, U+007F-U+009F.
        {"k\xC2\x80", control},
        {"k\xC2\x9F", control},
        // Bidirectional controls: U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069.
        {"k\u061B", ""},
        {"k\u061C", bidi},
        {"k\u061D", ""},
        {"k\u200D", ""},
        {"k\u200E", bidi},
        {"k\u200F", bidi},
        {"k\u2010", ""},
        {"k\u202A", bidi},
        {"k\u202E", bidi},
        {"k\u2065", ""},
        {"k\u2066", bidi},
        {"k\u2069", bidi},
        {"k\u206A", ""},
        // Invisible format characters: U+00AD, U+180E, U+200B, U+2060-U+2064, U+FEFF.
        {"k\u00AC", ""},
        {"k\u00AD", invisible},
        {"k\u00AE", ""},
        {"k\u180D", ""},
        {"k\u180E", invisible},
        {"k\u180F", ""},
        {"k\u200B", invisible},
        {"k\u200C", ""},
        {"k\u2060", invisible},
        {"k\u2064", invisible},
        {"k\uFEFE", ""},
        {"k\uFEFF", invisible},
        {"k\uFF00", ""},
    };
    for (const auto& [key, reason] : cases) {
        INFO(key << " " << reason);
        const auto built = onelogin::v3::make_send_invite_request({key, "a@b.example", {}});
        const auto* invalid = std::get_if<onelogin::InvalidRequest>(&built);
        if (reason.empty()) {
            CHECK(invalid == nullptr);
        } else {
            REQUIRE(invalid != nullptr);
            CHECK(invalid->field == onelogin::RequestField::api_key);
            CHECK(invalid->reason == "api_key " + reason);
        }
    }
}

TEST_CASE("boundaries: a UTF-8 sequence cut short at the end of a key is refused, not read past") {
    for (const char* key : {"k\xC3", "k\xE2\x82", "k\xF0\x9F\x98"}) {
        INFO(key);
        const auto built = onelogin::v3::make_send_invite_request({key, "a@b.example", {}});
        const auto* invalid = std::get_if<onelogin::InvalidRequest>(&built);
        REQUIRE(invalid != nullptr);
        CHECK(invalid->reason == "api_key is not valid UTF-8 at byte 1");
    }
}
