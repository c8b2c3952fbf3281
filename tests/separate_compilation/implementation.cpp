// The one translation unit that compiles the library's definitions when the rest of the program
// is built with ONELOGIN_INVITE_SEPARATE_COMPILATION.
#define ONELOGIN_INVITE_IMPLEMENTATION
#include <onelogin/invite.hpp>
