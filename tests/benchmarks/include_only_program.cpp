// What tools/bench compiles to see what including the library costs before anything is called: the
// single header, or (with ONELOGIN_INVITE_BENCH_DEPENDENCIES_ONLY) the two headers it builds on.
#ifdef ONELOGIN_INVITE_BENCH_DEPENDENCIES_ONLY
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#else
#include <onelogin/invite.hpp>
#endif

int main() { return 0; }
