// onelogin-invite: reading API /1's rate-limit headers from a response, as the caller's HTTP stack
// hands them over. Declarations and templates; the definitions are in rate_limit_impl.hpp.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/http.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace onelogin {

/// What a response says about the rate limit (API /1 allows 5,000 calls an hour per account).
/// A header that is absent, not a whole number of at most 18 digits (Retry-After: nor an HTTP
/// date), or given twice with different values is left empty: the library does not guess. Waits
/// (reset, retry_after) over ONELOGIN_INVITE_MAX_WAIT_SECONDS (a day) are read as that, so that
/// now() + wait cannot overflow.
struct RateLimit {
    std::optional<long long> limit = {};      ///< X-RateLimit-Limit: calls allowed in a window
    std::optional<long long> remaining = {};  ///< X-RateLimit-Remaining: calls left in this window
    std::optional<long long> reset = {};  ///< X-RateLimit-Reset: seconds until the window resets
    std::optional<long long> retry_after = {};  ///< Retry-After: seconds to wait, as given, or
                                                ///< from now to the HTTP date given (at least 0)
};

namespace detail {

template <typename T, typename = void>
struct has_data_and_size : std::false_type {};
template <typename T>
struct has_data_and_size<T, std::void_t<decltype(std::declval<const T&>().data()),
                                        decltype(std::declval<const T&>().size())>>
    : std::true_type {};

template <typename T, typename = void>
struct has_name_string : std::false_type {};
template <typename T>
struct has_name_string<T, std::void_t<decltype(std::declval<const T&>().name_string()),
                                      decltype(std::declval<const T&>().value())>>
    : std::true_type {};

/// Collects the rate-limit headers one header at a time (names in any case, values with optional
/// surrounding spaces and tabs). A Retry-After date is read against `now`.
class RateLimitReader {
public:
    explicit RateLimitReader(std::chrono::system_clock::time_point now) : now_(now) {}
    /// Looks at one header; ignores those that are not about the rate limit.
    void add(std::string_view name, std::string_view value);
    /// What the headers said.
    RateLimit result() const;

private:
    enum class Seen { no, once, conflicting };
    std::chrono::system_clock::time_point now_;
    std::array<std::optional<long long>, 4> values_{};
    std::array<Seen, 4> seen_{};  // all Seen::no
};

/// The bytes of a header name or value as the caller's HTTP stack holds them: anything that
/// converts to std::string_view (std::string, char arrays, boost::core::string_view), else
/// anything with data() and size(), else Qt's QByteArray (constData() and size()).
template <typename Text>
std::string_view header_text(const Text& text) {
    if constexpr (std::is_convertible_v<const Text&, std::string_view>) {
        return text;
    } else if constexpr (has_data_and_size<Text>::value) {
        return std::string_view(text.data(), static_cast<std::size_t>(text.size()));
    } else {
        return std::string_view(text.constData(), static_cast<std::size_t>(text.size()));
    }
}

/// A header as its name and value: an HttpHeader, any pair (std::map's and std::multimap's
/// elements, as cpp-httplib keeps headers; Qt's QPair), or an element with name_string() and
/// value() (Boost.Beast's http::fields).
template <typename Header>
std::pair<std::string_view, std::string_view> name_and_value(const Header& header) {
    if constexpr (std::is_same_v<Header, HttpHeader>) {
        return {header.name, header.value};
    } else if constexpr (has_name_string<Header>::value) {
        return {header_text(header.name_string()), header_text(header.value())};
    } else {
        return {header_text(header.first), header_text(header.second)};
    }
}

}  // namespace detail

/// The seconds from `now` until the HTTP date `value` (RFC 9110's IMF-fixdate, "Wed, 21 Oct 2015
/// 07:28:00 GMT"), 0 for a date already past; nothing when `value` is not such a date. A pure
/// function: the same arguments give the same answer.
ONELOGIN_INVITE_DEFERRED
std::optional<long long> seconds_until_http_date(std::string_view value,
                                                 std::chrono::system_clock::time_point now);

/// Reads the rate-limit headers from `headers`, any range of headers a C++ HTTP stack keeps:
/// HttpResponse::headers, cpp-httplib's `Response::headers` (a std::multimap), a std::map,
/// Boost.Beast's `http::fields`, Qt's `QNetworkReply::rawHeaderPairs()`. A Retry-After given as an
/// HTTP date is read as the seconds from `now` until it. Never fails: what is missing or garbled
/// is left empty; a wait over ONELOGIN_INVITE_MAX_WAIT_SECONDS is read as it.
template <typename Headers>
RateLimit read_rate_limit(const Headers& headers, std::chrono::system_clock::time_point now =
                                                      std::chrono::system_clock::now()) {
    detail::RateLimitReader reader(now);
    for (const auto& header : headers) {
        const auto [name, value] = detail::name_and_value(header);
        reader.add(name, value);
    }
    return reader.result();
}

}  // namespace onelogin
