// onelogin-invite: the two questions asked of any outcome or result first: did it succeed, and
// what HTTP status came with it.
#pragma once

#include <onelogin/invite/outcomes.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <variant>

namespace onelogin {

namespace detail {

/// True for the outcomes that mean the call did what it was asked: those that say so beside their
/// definition, with `static constexpr bool success = true`.
template <typename T, typename = void>
struct is_success_type : std::false_type {};
template <typename T>
struct is_success_type<T, std::void_t<decltype(T::success)>> : std::bool_constant<T::success> {};

/// True for the outcomes that keep the HTTP status they came with.
template <typename T, typename = void>
struct keeps_http_status : std::false_type {};
template <typename T>
struct keeps_http_status<T, std::void_t<decltype(std::declval<const T&>().http_status)>>
    : std::true_type {};

}  // namespace detail

/// True when `outcome` holds a success (InviteSent, InviteLink, AccessToken, ...: a type whose
/// `success` member is true).
template <typename... Ts>
constexpr bool is_success(const std::variant<Ts...>& outcome) noexcept {
    constexpr std::array<bool, sizeof...(Ts)> success{{detail::is_success_type<Ts>::value...}};
    return outcome.index() < success.size() && success[outcome.index()];
}

/// The HTTP status `outcome` keeps: that of a type with an `http_status` member (the successes,
/// RateLimited, ApiError, MalformedResponse, ...), when the caller passed one to the parse function
/// (send_invite and the like always do). Nothing for the other outcomes, which carry only what
/// their type says, and for InvalidRequest and TransportError, which had no response.
template <typename... Ts>
std::optional<int> http_status(const std::variant<Ts...>& outcome) noexcept {
    if (outcome.valueless_by_exception()) return std::nullopt;
    return std::visit(
        [](const auto& held) -> std::optional<int> {
            if constexpr (detail::keeps_http_status<std::decay_t<decltype(held)>>::value) {
                return held.http_status;
            } else {
                return std::nullopt;
            }
        },
        outcome);
}

}  // namespace onelogin
