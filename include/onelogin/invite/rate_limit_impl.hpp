// onelogin-invite: the definitions of the rate-limit header reader.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/decimal.hpp>
#include <onelogin/invite/detail/ascii.hpp>
#include <onelogin/invite/rate_limit.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

namespace onelogin::detail {

/// The headers RateLimitReader reads, in the order of its slots.
inline constexpr std::array<std::string_view, 4> rate_limit_headers{
    {"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after"}};

/// `value` without the spaces and tabs around it.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::string_view trim_header_value(std::string_view value) noexcept {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    return value;
}

/// The whole number `value` states, spaces and tabs around it allowed; nothing for anything else,
/// or for more than 18 digits.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<long long> header_number(std::string_view value) noexcept {
    return decimal(trim_header_value(value));
}

/// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (Howard Hinnant's
/// days_from_civil).
constexpr long long days_from_civil(long long year, unsigned month, unsigned day) noexcept {
    year -= month <= 2 ? 1 : 0;
    const long long era = (year >= 0 ? year : year - 399) / 400;
    const auto year_of_era = static_cast<unsigned>(year - era * 400);
    const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<long long>(day_of_era) - 719468;
}

/// The days of `month` (1-12) in `year`: February 28 or 29; else 31 for the odd months up to July
/// and the even ones from August, 30 for the others.
constexpr unsigned days_in_month(long long year, unsigned month) noexcept {
    if (month == 2) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
    return (month <= 7) == (month % 2 == 1) ? 31 : 30;
}

/// The index (0-based) of `name` in `names`, or nothing.
template <std::size_t N>
std::optional<unsigned> index_of(std::string_view name,
                                 const std::array<std::string_view, N>& names) noexcept {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == name) return static_cast<unsigned>(i);
    }
    return std::nullopt;
}

/// Seconds since 1970-01-01 00:00:00 UTC of an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT",
/// exactly as RFC 9110 section 5.6.7 writes it); nothing for anything else.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<long long> imf_fixdate(std::string_view text) noexcept {
    constexpr std::array<std::string_view, 7> weekdays{
        {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}};
    constexpr std::array<std::string_view, 12> months{
        {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}};
    // "Sun, 06 Nov 1994 08:49:37 GMT": fixed positions.
    if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
        text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
        return std::nullopt;
    }
    const auto month = index_of(text.substr(8, 3), months);
    const auto day = decimal(text.substr(5, 2));
    const auto year = decimal(text.substr(12, 4));
    const auto hour = decimal(text.substr(17, 2));
    const auto minute = decimal(text.substr(20, 2));
    const auto second = decimal(text.substr(23, 2));
    if (!index_of(text.substr(0, 3), weekdays) || !month || !day || !year || !hour || !minute ||
        !second) {
        return std::nullopt;
    }
    if (*day < 1 || *day > days_in_month(*year, *month + 1) || *hour > 23 || *minute > 59 ||
        *second > 60) {  // 60: a leap second
        return std::nullopt;
    }
    const long long days = days_from_civil(*year, *month + 1, static_cast<unsigned>(*day));
    return ((days * 24 + *hour) * 60 + *minute) * 60 + *second;
}

}  // namespace onelogin::detail

namespace onelogin {

ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE std::optional<long long> seconds_until_http_date(
    std::string_view value, std::chrono::system_clock::time_point now) {
    const std::optional<long long> date = detail::imf_fixdate(detail::trim_header_value(value));
    if (!date) return std::nullopt;
    const long long now_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    // Both are within a few thousand years of 1970, so the difference cannot overflow.
    return *date > now_seconds ? *date - now_seconds : 0;
}

}  // namespace onelogin

namespace onelogin::detail {

ONELOGIN_INVITE_INLINE void RateLimitReader::add(std::string_view name, std::string_view value) {
    for (std::size_t i = 0; i < rate_limit_headers.size(); ++i) {
        const std::string_view expected = rate_limit_headers[i];
        if (name.size() != expected.size() || !starts_with_ascii_nocase(name, expected)) continue;
        std::optional<long long> number = header_number(value);
        if (!number && expected == "retry-after") number = seconds_until_http_date(value, now_);
        if (seen_[i] == Seen::no) {
            values_[i] = number;
            seen_[i] = Seen::once;
        } else if (values_[i] != number) {
            seen_[i] = Seen::conflicting;
        }
        return;
    }
}

ONELOGIN_INVITE_INLINE RateLimit RateLimitReader::result() const {
    RateLimit limit;
    const std::array<std::optional<long long>*, 4> fields{
        {&limit.limit, &limit.remaining, &limit.reset, &limit.retry_after}};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (seen_[i] != Seen::once) continue;
        *fields[i] = values_[i];
        const bool is_wait = fields[i] == &limit.reset || fields[i] == &limit.retry_after;
        if (is_wait && values_[i] && *values_[i] > ONELOGIN_INVITE_MAX_WAIT_SECONDS) {
            *fields[i] = ONELOGIN_INVITE_MAX_WAIT_SECONDS;
        }
    }
    return limit;
}

}  // namespace onelogin::detail
