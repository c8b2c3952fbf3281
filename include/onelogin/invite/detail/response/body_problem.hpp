// onelogin-invite: what the response readers report when a body is not an answer, and the
// MalformedResponse it becomes.
#pragma once

#include <onelogin/invite/config.hpp>
#include <onelogin/invite/outcomes.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace onelogin::detail {

/// Why a body is malformed, in a value and in words, and the byte offset in the whole body
/// where that shows, if known.
struct BodyProblem {
    MalformedReason reason = MalformedReason::wrong_shape;
    std::string detail;
    std::optional<std::size_t> offset;
};

/// The MalformedResponse for `problem` in `body`: it keeps the body, or the part of an oversized
/// body the library would have read.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE MalformedResponse malformed(std::string_view body,
                                                   std::optional<int> http_status,
                                                   BodyProblem&& problem) {
    MalformedResponse response;
    response.http_status = http_status;
    response.reason = problem.reason;
    response.detail = std::move(problem.detail);
    response.offset = problem.offset;
    response.body = std::string(body.substr(0, ONELOGIN_INVITE_MAX_BODY_BYTES));
    return response;
}

/// A wrong-shape problem (no offset): a well-formed document that is not the call's answer.
ONELOGIN_INVITE_DEFERRED
ONELOGIN_INVITE_INLINE BodyProblem wrong_shape(std::string detail) {
    return BodyProblem{MalformedReason::wrong_shape, std::move(detail), std::nullopt};
}

}  // namespace onelogin::detail
