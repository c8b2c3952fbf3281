// onelogin-invite: compile-time settings. Define any of these before the first include to
// override the default.
//
//   ONELOGIN_INVITE_MAX_JSON_DEPTH   deepest JSON nesting a response may have before it is
//                                    reported as a MalformedResponse (default 64; the documented
//                                    bodies use 2).
#pragma once

#ifndef ONELOGIN_INVITE_MAX_JSON_DEPTH
#define ONELOGIN_INVITE_MAX_JSON_DEPTH 64
#endif

// Marks every non-template function definition of the library, so that the headers can be
// included from any number of translation units.
#ifndef ONELOGIN_INVITE_INLINE
#define ONELOGIN_INVITE_INLINE inline
#endif
