// onelogin-invite: the library's version, the one place it is written down.
// CMake and Meson read these three lines; bump them here only.
#pragma once

#define ONELOGIN_INVITE_VERSION_MAJOR 0
#define ONELOGIN_INVITE_VERSION_MINOR 1
#define ONELOGIN_INVITE_VERSION_PATCH 0
