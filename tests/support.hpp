// Helpers shared by the test files: reading test vectors and naming outcomes.
#pragma once

#include <onelogin/invite.hpp>

#include "test_framework.hpp"

#include <fstream>
#include <iterator>
#include <string>
#include <type_traits>
#include <variant>

#ifndef ONELOGIN_INVITE_TEST_VECTORS
#error "ONELOGIN_INVITE_TEST_VECTORS must name the tests/vectors directory"
#endif

namespace test_support {

/// The value types every call shares, for the tests to name unqualified. (The API /1 tests reach
/// their calls through `namespace api1 = onelogin::api1`: the matrix's unity builds put every test
/// file in one translation unit, where a second `using namespace` would make v3's names ambiguous.)
namespace shared_types {
using onelogin::ApiError;
using onelogin::BadRequest;
using onelogin::BadRequestReason;
using onelogin::HttpHeader;
using onelogin::HttpRequest;
using onelogin::HttpResponse;
using onelogin::InvalidAccessToken;
using onelogin::InvalidClientCredentials;
using onelogin::InvalidRequest;
using onelogin::InviteLink;
using onelogin::InviteSent;
using onelogin::MalformedResponse;
using onelogin::NoSuchUser;
using onelogin::RateLimited;
using onelogin::RequestField;
using onelogin::Secrets;
using onelogin::TransportError;
}  // namespace shared_types

/// The bytes of tests/vectors/<name>, or an empty string (and a failed check) if it is missing.
inline std::string read_vector(const std::string& name) {
    std::ifstream in(std::string(ONELOGIN_INVITE_TEST_VECTORS) + "/" + name, std::ios::binary);
    CHECK(in.good());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// The name of the alternative a variant holds, for readable failures.
template <typename... Ts>
std::string alternative_name(const std::variant<Ts...>& value) {
    return std::visit(
        [](const auto& held) -> std::string {
            using T = std::decay_t<decltype(held)>;
            if constexpr (std::is_same_v<T, onelogin::InviteSent>) return "InviteSent";
            if constexpr (std::is_same_v<T, onelogin::InvalidApiKey>) return "InvalidApiKey";
            if constexpr (std::is_same_v<T, onelogin::NoSuchUser>) return "NoSuchUser";
            if constexpr (std::is_same_v<T, onelogin::InviteLink>) return "InviteLink";
            if constexpr (std::is_same_v<T, onelogin::InvalidAccessToken>)
                return "InvalidAccessToken";
            if constexpr (std::is_same_v<T, onelogin::InvalidClientCredentials>)
                return "InvalidClientCredentials";
            if constexpr (std::is_same_v<T, onelogin::BadRequest>)
                return "BadRequest: " + held.message;
            if constexpr (std::is_same_v<T, onelogin::api1::AccessToken>) return "AccessToken";
            if constexpr (std::is_same_v<T, onelogin::TransportError>)
                return "TransportError: " + held.message;
            if constexpr (std::is_same_v<T, onelogin::ApiError>) return "ApiError: " + held.message;
            if constexpr (std::is_same_v<T, onelogin::RateLimited>) return "RateLimited";
            if constexpr (std::is_same_v<T, onelogin::MalformedResponse>)
                return "MalformedResponse: " + held.detail;
            if constexpr (std::is_same_v<T, onelogin::HttpRequest>) return "HttpRequest";
            if constexpr (std::is_same_v<T, onelogin::InvalidRequest>)
                return "InvalidRequest: " + held.reason;
            return "?";
        },
        value);
}

/// A copy of the `T` a variant holds (callers pass temporaries); fails the test, and stops it, if
/// it holds something else.
template <typename T, typename... Ts>
T require(const std::variant<Ts...>& value) {
    INFO("holds " << alternative_name(value));
    REQUIRE(std::holds_alternative<T>(value));
    return *std::get_if<T>(&value);
}

/// Parses `body` and requires a MalformedResponse, which it returns.
inline onelogin::MalformedResponse require_malformed(const std::string& body,
                                                     std::optional<int> status = std::nullopt) {
    return require<onelogin::MalformedResponse>(
        onelogin::v3::parse_send_invite_response(body, status));
}

}  // namespace test_support
