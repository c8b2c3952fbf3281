// onelogin-invite: the text members of every outcome, named in one place, so that the one-call
// helpers can mask in all of them the secret they were handed.
#pragma once

#include <onelogin/invite/http.hpp>
#include <onelogin/invite/invalid_request.hpp>
#include <onelogin/invite/outcomes.hpp>

#include <tuple>

namespace onelogin::detail {

/// `list`: a tuple of pointers to the std::string members of `Outcome`. Defined for every
/// outcome a call can give (AccessToken's beside it, in api1/token.hpp); a type without one does
/// not compile in a one-call helper, so that no text of a new type can be forgotten.
template <typename Outcome>
struct text_members;

template <>
struct text_members<InviteSent> {
    static constexpr auto list = std::make_tuple(&InviteSent::message, &InviteSent::recipient);
};
template <>
struct text_members<InviteLink> {
    static constexpr auto list = std::make_tuple(&InviteLink::message, &InviteLink::link);
};
template <>
struct text_members<InvalidApiKey> {
    static constexpr auto list = std::make_tuple(&InvalidApiKey::message, &InvalidApiKey::code);
};
template <>
struct text_members<NoSuchUser> {
    static constexpr auto list = std::make_tuple(&NoSuchUser::message);
};
template <>
struct text_members<InvalidAccessToken> {
    static constexpr auto list = std::make_tuple(&InvalidAccessToken::message);
};
template <>
struct text_members<InvalidClientCredentials> {
    static constexpr auto list = std::make_tuple(&InvalidClientCredentials::message);
};
template <>
struct text_members<BadRequest> {
    static constexpr auto list = std::make_tuple(&BadRequest::message);
};
template <>
struct text_members<RateLimited> {
    static constexpr auto list = std::make_tuple(&RateLimited::message, &RateLimited::body);
};
template <>
struct text_members<ApiError> {
    static constexpr auto list =
        std::make_tuple(&ApiError::type, &ApiError::message, &ApiError::error_code, &ApiError::body,
                        &ApiError::attribute);
};
template <>
struct text_members<MalformedResponse> {
    static constexpr auto list =
        std::make_tuple(&MalformedResponse::detail, &MalformedResponse::body);
};
template <>
struct text_members<InvalidRequest> {
    static constexpr auto list = std::make_tuple(&InvalidRequest::reason);
};
template <>
struct text_members<TransportError> {
    static constexpr auto list = std::make_tuple(&TransportError::message);
};

}  // namespace onelogin::detail
