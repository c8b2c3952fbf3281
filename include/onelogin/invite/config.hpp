// onelogin-invite: compile-time settings. Define any of these before the first include to
// override the default.
//
//   ONELOGIN_INVITE_MAX_BODY_BYTES         largest response body the parsers read (default
//                                          65536: OneLogin's answers are under 1 KiB). A larger
//                                          body is a MalformedResponse (too_large) and is not
//                                          parsed, so memory per parse stays bounded.
//   ONELOGIN_INVITE_MAX_JSON_DEPTH         deepest JSON nesting a response may have before it
//                                          is reported as a MalformedResponse (default 64; the
//                                          documented bodies use 2).
//   ONELOGIN_INVITE_RETRY_WAIT_SECONDS     how long retry_advice says to wait after a failure on
//                                          the way (no answer, a 5xx) that names no time itself
//                                          (default 1).
//   ONELOGIN_INVITE_RATE_LIMIT_WAIT_SECONDS  how long it says to wait after a 429 that gives
//                                          neither Retry-After nor X-RateLimit-Reset (default 60).
//   ONELOGIN_INVITE_MAX_WAIT_SECONDS       longest wait a Retry-After or X-RateLimit-Reset header,
//                                          and so retry_advice, can ask for (default 86400, a
//                                          day); a larger value is read as this one, so that
//                                          now() + wait cannot overflow.
//   ONELOGIN_INVITE_SEPARATE_COMPILATION   define it everywhere (best: on the command line) and
//                                          the headers only declare the API, with nothing but
//                                          standard headers; nlohmann/json and pugixml stay
//                                          out of your translation units. Then, in exactly one
//                                          translation unit of your program:
//   ONELOGIN_INVITE_IMPLEMENTATION             #define ONELOGIN_INVITE_IMPLEMENTATION
//                                              #include <onelogin/invite.hpp>
//                                          which compiles the definitions there.
#pragma once

#ifndef ONELOGIN_INVITE_MAX_BODY_BYTES
#define ONELOGIN_INVITE_MAX_BODY_BYTES 65536
#endif

#ifndef ONELOGIN_INVITE_MAX_JSON_DEPTH
#define ONELOGIN_INVITE_MAX_JSON_DEPTH 64
#endif

#ifndef ONELOGIN_INVITE_RETRY_WAIT_SECONDS
#define ONELOGIN_INVITE_RETRY_WAIT_SECONDS 1
#endif

#ifndef ONELOGIN_INVITE_RATE_LIMIT_WAIT_SECONDS
#define ONELOGIN_INVITE_RATE_LIMIT_WAIT_SECONDS 60
#endif

#ifndef ONELOGIN_INVITE_MAX_WAIT_SECONDS
#define ONELOGIN_INVITE_MAX_WAIT_SECONDS 86400
#endif

// Marks every non-template function definition of the library: `inline`, so that the headers
// can be included from any number of translation units, unless the definitions are compiled
// once, in the translation unit that defines ONELOGIN_INVITE_IMPLEMENTATION.
#if defined(ONELOGIN_INVITE_IMPLEMENTATION) && !defined(ONELOGIN_INVITE_SEPARATE_COMPILATION)
#error "ONELOGIN_INVITE_IMPLEMENTATION needs ONELOGIN_INVITE_SEPARATE_COMPILATION defined too"
#endif

#ifndef ONELOGIN_INVITE_INLINE
#ifdef ONELOGIN_INVITE_SEPARATE_COMPILATION
#define ONELOGIN_INVITE_INLINE
#else
#define ONELOGIN_INVITE_INLINE inline
#endif
#endif

// Marks every function the library defines outside a class. In header-only mode it is a function
// template with an empty parameter pack, deduced empty at every call, so that a translation unit
// compiles a definition (and the parts of nlohmann/json and the standard library it uses) only when
// it calls it, not whenever it includes the library. In separate compilation it is a plain
// function.
#ifdef ONELOGIN_INVITE_SEPARATE_COMPILATION
#define ONELOGIN_INVITE_DEFERRED
#else
#define ONELOGIN_INVITE_DEFERRED template <typename...>
#endif
