// What tools/bench compiles to see what including the library costs before anything is called: the
// single header; or (ONELOGIN_INVITE_BENCH_DEPENDENCIES_ONLY) the two headers it builds on; or
// (ONELOGIN_INVITE_BENCH_DECLARATIONS_FLOOR) those two and the library's declarations alone, the
// least any header-only library with this API costs however its definitions are written.
#if defined(ONELOGIN_INVITE_BENCH_DEPENDENCIES_ONLY) || defined(ONELOGIN_INVITE_BENCH_DECLARATIONS_FLOOR)
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#endif
#ifdef ONELOGIN_INVITE_BENCH_DECLARATIONS_FLOOR
#define ONELOGIN_INVITE_SEPARATE_COMPILATION
#endif
#ifndef ONELOGIN_INVITE_BENCH_DEPENDENCIES_ONLY
#include <onelogin/invite.hpp>
#endif

int main() { return 0; }
