// The job of library_program.cpp done by hand, with the dependencies a user would reach for: an
// nlohmann/json body, an nlohmann/json DOM and pugixml for the responses. baseline_program.cpp is
// this alone; outcome_types_program.cpp adds the library's public types to it.
#pragma once

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <cstdio>
#include <string>

/// Builds the request body, reads `argv[2]` (or "{}") as JSON and as XML, and prints what it found.
inline int by_hand(int argc, char** argv) {
    const nlohmann::json body = {{"api_key", argc > 1 ? argv[1] : "key"}, {"email", "a@b.example"}};
    const std::string text = body.dump();
    const char* response = argc > 2 ? argv[2] : "{}";
    const auto json = nlohmann::json::parse(response, nullptr, false);
    bool error = false;
    if (json.is_object()) {
        const auto status = json.find("status");
        if (status != json.end() && status->is_object()) {
            const auto flag = status->find("error");
            if (flag != status->end() && flag->is_boolean()) error = flag->get<bool>();
        }
    }
    pugi::xml_document document;
    document.load_string(response);
    std::printf("%zu %d %s\n", text.size(), error ? 1 : 0,
                document.child("error").child_value("code"));
    return 0;
}
