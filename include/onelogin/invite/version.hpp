// onelogin-invite: the library's version, the one place it is written down.
// CMake and Meson read these three lines; bump them here only.
#pragma once

#define ONELOGIN_INVITE_VERSION_MAJOR 0
#define ONELOGIN_INVITE_VERSION_MINOR 1
#define ONELOGIN_INVITE_VERSION_PATCH 0

/// `number`, a macro's value, as a string literal.
#define ONELOGIN_INVITE_VERSION_TEXT_(number) #number
#define ONELOGIN_INVITE_VERSION_TEXT(number) ONELOGIN_INVITE_VERSION_TEXT_(number)

/// The version as a string literal, "0.1.0", made from the three numbers above so that it cannot
/// disagree with them.
// clang-format off
#define ONELOGIN_INVITE_VERSION_STRING                                  \
    ONELOGIN_INVITE_VERSION_TEXT(ONELOGIN_INVITE_VERSION_MAJOR) "."     \
    ONELOGIN_INVITE_VERSION_TEXT(ONELOGIN_INVITE_VERSION_MINOR) "."     \
    ONELOGIN_INVITE_VERSION_TEXT(ONELOGIN_INVITE_VERSION_PATCH)
// clang-format on
