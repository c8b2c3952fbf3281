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
/// The list repeats names the library's own `using` lists name on purpose: `using namespace
/// onelogin` here would also bring in `onelogin::api1`, which the test files' `api1` alias would
/// then make ambiguous.
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

/// What a variant holds, printed as the library prints it (every type it has prints), for
/// readable failures.
template <typename... Ts>
std::string alternative_name(const std::variant<Ts...>& value) {
    return onelogin::to_string(value);
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
