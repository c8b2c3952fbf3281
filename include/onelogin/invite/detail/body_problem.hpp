// onelogin-invite: what the response readers report when a body is not an API answer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace onelogin::detail {

/// Why a body is malformed, and the byte offset in the whole body where that shows, if known.
struct BodyProblem {
    std::string detail;
    std::optional<std::size_t> offset;
};

}  // namespace onelogin::detail
