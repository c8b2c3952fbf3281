// Catch2's test macros, from Catch2 3 (Debian 13, Ubuntu 24.04) or Catch2 2.13 (Debian 12).
#pragma once

#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif
