// Differential fuzzing of the library's JSON reader against nlohmann/json's strict SAX parser: for
// any UTF-8 text, both accept it or both refuse it, and when they accept it they see the same
// tokens and the same decoded strings. Two known, intended differences are left out: nlohmann
// refuses numbers beyond a double (the reader only checks grammar) and has no nesting limit.
#include <onelogin/invite.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

// nlohmann's events, written as the reader's are below.
struct Recorder {
    using json = nlohmann::json;
    std::vector<std::string> events;
    int error_id = 0;
    bool null() { return add("null"); }
    bool boolean(bool value) { return add(value ? "true" : "false"); }
    bool number_integer(json::number_integer_t) { return add("number"); }
    bool number_unsigned(json::number_unsigned_t) { return add("number"); }
    bool number_float(json::number_float_t, const json::string_t&) { return add("number"); }
    bool string(json::string_t& value) { return add("string:" + value); }
    bool binary(json::binary_t&) { return add("binary"); }
    bool start_object(std::size_t) { return add("{"); }
    bool key(json::string_t& value) { return add("key:" + value); }
    bool end_object() { return add("}"); }
    bool start_array(std::size_t) { return add("["); }
    bool end_array() { return add("]"); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
        error_id = error.id;
        return false;
    }
    bool add(std::string event) {
        events.push_back(std::move(event));
        return true;
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using onelogin::detail::JsonToken;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (text.find('\0') != std::string_view::npos ||
        onelogin::detail::find_invalid_utf8(text) != onelogin::detail::npos ||
        text.substr(0, 3) == "\xEF\xBB\xBF") {
        return 0;  // the body checks refuse these before the reader sees them
    }
    onelogin::detail::JsonReader reader(text, 0);
    std::vector<std::string> events;
    JsonToken token = reader.next();
    for (; token != JsonToken::end && token != JsonToken::error; token = reader.next()) {
        switch (token) {
            case JsonToken::object_begin: events.emplace_back("{"); break;
            case JsonToken::object_end: events.emplace_back("}"); break;
            case JsonToken::array_begin: events.emplace_back("["); break;
            case JsonToken::array_end: events.emplace_back("]"); break;
            case JsonToken::key: events.push_back("key:" + reader.decoded()); break;
            case JsonToken::string: events.push_back("string:" + reader.decoded()); break;
            case JsonToken::number: events.emplace_back("number"); break;
            case JsonToken::literal_true: events.emplace_back("true"); break;
            case JsonToken::literal_false: events.emplace_back("false"); break;
            default: events.emplace_back("null"); break;
        }
    }
    if (token == JsonToken::error &&
        reader.problem().detail.find("nested deeper") != std::string::npos) {
        return 0;
    }
    Recorder recorder;
    const bool accepted =
        nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &recorder);
    if (!accepted && recorder.error_id == 406) return 0;  // a number beyond a double
    require(accepted == (token == JsonToken::end));
    if (accepted) require(events == recorder.events);
    return 0;
}
