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
