// The library's internals that the public API cannot reach with every input.
#include "support.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

TEST_CASE("the default base URL passes the checks every endpoint gets, and is in lower case") {
    // make_send_invite_request sends to it unchecked and as it is written.
    CHECK_FALSE(onelogin::detail::check_base_url(onelogin::v3::default_base_url).has_value());
    CHECK(onelogin::detail::lower_scheme_and_host(std::string(onelogin::v3::default_base_url)) ==
          onelogin::v3::default_base_url);
}

TEST_CASE("all_printable_ascii agrees with a byte-by-byte test, for any byte anywhere in a word") {
    using onelogin::detail::all_printable_ascii;
    const auto word_of = [](const std::string& bytes) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data(), sizeof word);
        return word;
    };
    const auto printable = [](int byte) { return byte > 0x20 && byte < 0x7F; };
    std::size_t mismatches = 0;
    for (std::size_t position = 0; position < 8; ++position) {
        for (int value = 0; value < 256; ++value) {
            for (const char fill : {'!', '~', 'a'}) {
                std::string bytes(8, fill);
                bytes[position] = static_cast<char>(value);
                if (all_printable_ascii(word_of(bytes)) != printable(value)) ++mismatches;
            }
        }
    }
    // Two bytes at the ends of the range, where a borrow or a carry could cross into the next.
    const int edges[] = {0x00, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0xFF};
    for (std::size_t first = 0; first < 8; ++first) {
        for (std::size_t second = first + 1; second < 8; ++second) {
            for (const int a : edges) {
                for (const int b : edges) {
                    std::string bytes(8, 'a');
                    bytes[first] = static_cast<char>(a);
                    bytes[second] = static_cast<char>(b);
                    if (all_printable_ascii(word_of(bytes)) != (printable(a) && printable(b))) {
                        ++mismatches;
                    }
                }
            }
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("decode_utf8 reads the first and last code point of each length") {
    const std::pair<std::string, char32_t> cases[] = {{"\x7F", 0x7F},
                                                      {"\xC2\x80", 0x80},
                                                      {"\xDF\xBF", 0x7FF},
                                                      {"\xE0\xA0\x80", 0x800},
                                                      {"\xEF\xBF\xBF", 0xFFFF},
                                                      {"\xF0\x90\x80\x80", 0x10000},
                                                      {"\xF1\x80\x80\x80", 0x40000},
                                                      {"\xF3\xA0\x80\x81", 0xE0001},
                                                      {"\xF4\x8F\xBF\xBF", 0x10FFFF}};
    for (const auto& [text, expected] : cases) {
        INFO(static_cast<unsigned long>(expected));
        std::size_t pos = 0;
        char32_t code_point = 0;
        CHECK(onelogin::detail::decode_utf8(text, pos, code_point));
        CHECK(code_point == expected);
        CHECK(pos == text.size());
        CHECK(onelogin::detail::find_invalid_utf8(text) == onelogin::detail::npos);
    }
}

TEST_CASE("find_invalid_utf8 agrees with decoding one character at a time") {
    using onelogin::detail::find_invalid_utf8;
    const auto by_characters = [](std::string_view text) {
        std::size_t pos = 0;
        char32_t ignored = 0;
        while (pos < text.size()) {
            if (!onelogin::detail::decode_utf8(text, pos, ignored)) return pos;
        }
        return onelogin::detail::npos;
    };
    // Whole characters and broken ones, each put at every offset of ASCII texts of every length
    // to 24, alone and after a whole character: in a word, across words, and in the last bytes,
    // which are read as a word that overlaps bytes already checked.
    const std::string pieces[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                  "\xFF",     "\xC3",         "\xED\xA0\x80",
                                  "\x80",     "\xF0\x9F\x98"};
    std::size_t mismatches = 0;
    std::size_t texts = 0;
    for (std::size_t length = 0; length <= 24; ++length) {
        for (std::size_t at = 0; at <= length; ++at) {
            for (const std::string& piece : pieces) {
                for (const std::string& before : {std::string(), std::string("\xC3\xA9")}) {
                    const std::string ascii(length, 'a');
                    const std::string text =
                        before + ascii.substr(0, at) + piece + ascii.substr(at);
                    ++texts;
                    if (find_invalid_utf8(text) != by_characters(text)) ++mismatches;
                }
            }
        }
    }
    CHECK(texts == 5200);
    CHECK(mismatches == 0);
    CHECK(find_invalid_utf8(std::string(16, 'a') + "\xFF") == 16);
    CHECK(find_invalid_utf8(std::string(9, 'a') + "\xC3\xA9") == onelogin::detail::npos);
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

TEST_CASE("split_url says what a URL's authority holds, for the base URL rules to refuse") {
    using onelogin::detail::split_url;
    const auto ipv6 = split_url("https://u@[::1]:8080/p?q#f");
    CHECK(ipv6.scheme == "https");
    CHECK(ipv6.authority == "u@[::1]:8080");
    CHECK(ipv6.host == "::1");
    CHECK(ipv6.port == "8080");
    CHECK(ipv6.target == "/p?q");
    CHECK(ipv6.bracketed);
    CHECK(ipv6.has_port);
    CHECK(split_url("https://[::1]x").junk_after_bracket);
    const auto unterminated = split_url("https://[::1");
    CHECK(unterminated.unterminated_bracket);
    CHECK(unterminated.host.empty());
    const auto empty_port = split_url("https://host:");
    CHECK(empty_port.has_port);
    CHECK(empty_port.port.empty());
    CHECK(split_url("no scheme").scheme.empty());
}

TEST_CASE("numbers from text are plain decimal digits, read by from_chars") {
    using onelogin::detail::decimal;
    using onelogin::detail::port_number;
    CHECK(decimal("0") == 0);
    CHECK(decimal("007") == 7);
    CHECK(decimal("999999999999999999") == 999999999999999999LL);
    for (const char* refused : {"", "-1", "+1", " 1", "1 ", "1x", "0x10", "1000000000000000000"}) {
        INFO(refused);
        CHECK_FALSE(decimal(refused).has_value());
    }
    CHECK(port_number("65535") == 65535);
    CHECK(port_number("99999") == 99999);  // the range is the caller's to check
    CHECK_FALSE(port_number("008080").has_value());
    CHECK(onelogin::detail::is_ipv4_loopback("127.0.0.1"));
    CHECK_FALSE(onelogin::detail::is_ipv4_loopback("127.0.0.01"));
    CHECK_FALSE(onelogin::detail::is_ipv4_loopback("127.0.0.256"));
    CHECK_FALSE(onelogin::detail::is_ipv4_loopback("127.0.0.-1"));
    CHECK_FALSE(onelogin::detail::is_ipv4_loopback("127.0..1"));
}

TEST_CASE("mask_secret masks a secret as written, as JSON writes it, and cut at the end") {
    using onelogin::detail::mask_secret;
    std::string text = "k\u00e9y-0123456 and k\xC3\xA9y-0123456 and end k\xC3\xA9y-0123";
    mask_secret(text, "k\xC3\xA9y-0123456");
    CHECK(text == "**** and **** and end ****");
    std::string twice = "0123456789 0123456789";
    mask_secret(twice, "0123456789");
    CHECK(twice == "**** ****");
    // Each way a JSON writer may have written it: non-ASCII escaped or not, '/' escaped or not.
    for (const std::string form : {"k\xC3\xA9y/0123456", "k\\u00e9y/0123456",
                                   "k\xC3\xA9y\\/0123456", "k\\u00e9y\\/0123456"}) {
        INFO(form);
        std::string echoed = "echo: " + form + " done";
        mask_secret(echoed, "k\xC3\xA9y/0123456");
        CHECK(echoed == "echo: **** done");
    }
    std::string short_tail = "ends with 0123456";  // 7 bytes of the secret: left alone
    mask_secret(short_tail, "0123456789");
    CHECK(short_tail == "ends with 0123456");
}

TEST_CASE("append_utf8 writes each code point at the ends of each length as UTF-8") {
    using onelogin::detail::append_utf8;
    const std::vector<std::pair<char32_t, std::string>> cases = {
        {0x7F, "\x7F"},
        {0x80, "\xC2\x80"},
        {0x7FF, "\xDF\xBF"},
        {0x800, "\xE0\xA0\x80"},
        {0xFFFF, "\xEF\xBF\xBF"},
        {0x10000, "\xF0\x90\x80\x80"},
        {0x10FFFF, "\xF4\x8F\xBF\xBF"},
        {0x4C7F1, "\xF1\x8C\x9F\xB1"},
    };
    for (const auto& [code_point, bytes] : cases) {
        INFO(static_cast<unsigned long>(code_point));
        std::string out;
        append_utf8(out, code_point);
        CHECK(out == bytes);
    }
}
