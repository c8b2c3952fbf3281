// The floor under the compile-cost budget: the baseline's work by hand, plus what any single
// header with this library's API compiles before any code of its own: the public types
// (declarations only), and each of the five outcome std::variants built from each of its
// alternatives, as the parse functions return them. One is called, as library_program calls one
// parse function; the other four are built where nothing calls them, as the other parse functions
// are. tools/bench compares its compile cost with baseline_program's.
#define ONELOGIN_INVITE_SEPARATE_COMPILATION
#include <onelogin/invite.hpp>

#include "by_hand.hpp"

#include <cstddef>
#include <variant>

/// `Outcome` built from a default `Alternative`, as a parse function returns one.
template <typename Outcome, typename Alternative>
Outcome outcome_of() {
    return Alternative{};
}

/// Builds `std::variant<Alternatives...>` from each of its alternatives; the indexes, summed.
template <typename... Alternatives>
std::size_t build_each(const std::variant<Alternatives...>* /*type*/) {
    return (outcome_of<std::variant<Alternatives...>, Alternatives>().index() + ...);
}

/// The other four outcomes, each built from each alternative.
inline std::size_t build_the_other_four() {
    return build_each(static_cast<const onelogin::v3::GenerateInviteOutcome*>(nullptr)) +
           build_each(static_cast<const onelogin::api1::SendInviteOutcome*>(nullptr)) +
           build_each(static_cast<const onelogin::api1::GenerateInviteOutcome*>(nullptr)) +
           build_each(static_cast<const onelogin::api1::TokenOutcome*>(nullptr));
}

int main(int argc, char** argv) {
    const std::size_t built =
        build_each(static_cast<const onelogin::v3::SendInviteOutcome*>(nullptr));
    return by_hand(argc, argv) + static_cast<int>(built % 2);
}
