// The library's internals that the public API cannot reach with every input.
#include "support.hpp"

#include <string>

TEST_CASE("the default base URL passes the checks every endpoint gets") {
    CHECK_FALSE(onelogin::detail::check_base_url(onelogin::v3::default_base_url).has_value());
}

TEST_CASE("utf8_prefix cuts on whole characters only") {
    using onelogin::detail::utf8_prefix;
    CHECK(utf8_prefix("abcdef", 4) == "abcd");
    CHECK(utf8_prefix("ab\xC3\xA9", 3) == "ab");  // é takes bytes 2 and 3
    CHECK(utf8_prefix("ab\xC3\xA9", 4) == "ab\xC3\xA9");
    CHECK(utf8_prefix("\xF0\x9F\x98\x80x", 3).empty());
    CHECK(utf8_prefix("abc", 10) == "abc");
}

TEST_CASE("lower_scheme_and_host lowers the scheme and host only") {
    using onelogin::detail::lower_scheme_and_host;
    CHECK(lower_scheme_and_host("HTTPS://User@Host.EXAMPLE:8443/Path?Q#F") ==
          "https://User@host.example:8443/Path?Q#F");
    CHECK(lower_scheme_and_host("HTTP://[::1]:80") == "http://[::1]:80");
    CHECK(lower_scheme_and_host("HTTP://HOST?Q") == "http://host?Q");
    CHECK(lower_scheme_and_host("NO-SCHEME/Path") == "NO-SCHEME/Path");
}

TEST_CASE("mask_secret masks a secret as written, as JSON writes it, and cut at the end") {
    using onelogin::detail::mask_secret;
    std::string text = "k\u00e9y-0123456 and k\xC3\xA9y-0123456 and end k\xC3\xA9y-0123";
    mask_secret(text, "k\xC3\xA9y-0123456");
    CHECK(text == "**** and **** and end ****");
    std::string twice = "0123456789 0123456789";
    mask_secret(twice, "0123456789");
    CHECK(twice == "**** ****");
    std::string short_tail = "ends with 0123456";  // 7 bytes of the secret: left alone
    mask_secret(short_tail, "0123456789");
    CHECK(short_tail == "ends with 0123456");
}
