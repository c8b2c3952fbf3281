// onelogin-invite: reading API /1's rate-limit headers from a response, as the caller's HTTP stack
// hands them over. Declarations and templates; the definitions are in rate_limit_impl.hpp.
#pragma once

#include <onelogin/invite/http.hpp>

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace onelogin {

/// What a response says about the rate limit (API /1 allows 5,000 calls an hour per account).
/// A header that is absent, not a whole number of at most 18 digits, or given twice with
/// different values is left empty: the library does not guess.
struct RateLimit {
    std::optional<long long> limit;        ///< X-RateLimit-Limit: calls allowed in a window
    std::optional<long long> remaining;    ///< X-RateLimit-Remaining: calls left in this window
    std::optional<long long> reset;        ///< X-RateLimit-Reset: seconds until the window resets
    std::optional<long long> retry_after;  ///< Retry-After, when given in seconds (not as a date)
};

namespace detail {

/// Collects the rate-limit headers one header at a time (names in any case, values with optional
/// surrounding spaces and tabs).
class RateLimitReader {
public:
    /// Looks at one header; ignores those that are not about the rate limit.
    void add(std::string_view name, std::string_view value);
    /// What the headers said.
    RateLimit result() const;

private:
    enum class Seen { no, once, conflicting };
    std::array<std::optional<long long>, 4> values_{};
    std::array<Seen, 4> seen_{};  // all Seen::no
};

/// A header as its name and value, from an HttpHeader or any pair of strings (std::multimap's
/// elements, as cpp-httplib keeps headers).
inline std::pair<std::string_view, std::string_view> name_and_value(const HttpHeader& header) {
    return {header.name, header.value};
}
template <typename Name, typename Value>
std::pair<std::string_view, std::string_view> name_and_value(const std::pair<Name, Value>& header) {
    return {header.first, header.second};
}

}  // namespace detail

/// Reads the rate-limit headers from `headers`: a std::vector<HttpHeader>, or any range of pairs
/// of strings, such as cpp-httplib's `Response::headers`. Never fails: what is missing or garbled
/// is left empty.
template <typename Headers>
RateLimit read_rate_limit(const Headers& headers) {
    detail::RateLimitReader reader;
    for (const auto& header : headers) {
        const auto [name, value] = detail::name_and_value(header);
        reader.add(name, value);
    }
    return reader.result();
}

}  // namespace onelogin
