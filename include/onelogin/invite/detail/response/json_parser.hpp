// onelogin-invite: the one place that reaches into nlohmann/json's internals: its JSON parser,
// driven by a SAX handler. The public json::sax_parse() does the same job with the same behaviour,
// but picks the input format at run time, so it also compiles nlohmann's CBOR, MessagePack, UBJSON
// and BSON readers for the handler: about a second more per translation unit at -O2.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

static_assert(NLOHMANN_JSON_VERSION_MAJOR == 3 && NLOHMANN_JSON_VERSION_MINOR >= 9 &&
                  NLOHMANN_JSON_VERSION_MINOR <= 11,
              "onelogin-invite drives nlohmann/json's internal parser (nlohmann::detail::parser), "
              "tested with nlohmann/json 3.9.1, 3.11.2 and 3.11.3: for another version, check "
              "include/onelogin/invite/detail/response/json_parser.hpp against that version's "
              "json::sax_parse() and widen this range, or make it call json::sax_parse()");

namespace onelogin::detail {

/// Runs nlohmann's strict JSON parser over `text`, handing each event to `handler` (an object with
/// nlohmann's SAX member functions, parse_error among them); false when the text is not JSON or
/// the handler stopped the parse. Never throws: errors reach the handler's parse_error.
template <typename Handler>
bool parse_json_events(std::string_view text, Handler& handler) {
    using Input = decltype(nlohmann::detail::input_adapter(text.begin(), text.end()));
    nlohmann::detail::parser<nlohmann::json, Input> parser(
        nlohmann::detail::input_adapter(text.begin(), text.end()));
    return parser.sax_parse(&handler, /*strict=*/true);
}

}  // namespace onelogin::detail
