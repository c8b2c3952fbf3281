// How the example programs read their command lines: each option is declared once with CLI11,
// and --help, the range and file checks and the error messages all come from that declaration.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <optional>
#include <string>

namespace command_line {

/// The exit status for a command line the program cannot run with: an unknown option, a
/// missing argument, a value out of range. (CLI11's own statuses are 105 to 109.)
constexpr int exit_usage = 2;

/// Checks the file a secret is read from: one that exists and is not a directory, or, where
/// `or_stdin`, "-" for standard input. A value that is neither is not repeated in the error, as
/// it may be the secret itself.
inline CLI::Validator secret_file(bool or_stdin) {
    return CLI::Validator(
        [or_stdin](std::string& path) {
            if ((or_stdin && path == "-") || CLI::ExistingFile(path).empty()) return std::string();
            return std::string(
                "not a file (the value is not repeated: it may be the secret itself)");
        },
        or_stdin ? "FILE|-" : "FILE");
}

/// How an unexpected argument is shown: an option's name without any value joined to it
/// (--api-key=VALUE, -kVALUE), nothing of a value.
inline std::optional<std::string> shown_name(const std::string& argument) {
    if (argument.size() < 2 || argument[0] != '-') return std::nullopt;
    if (argument[1] != '-') return argument.substr(0, 2);
    return argument.substr(0, argument.find('='));
}

/// Says on standard error what is wrong with the command line `app` read, and how to see its
/// options. Returns exit_usage, for checks that CLI11's declarations cannot express.
inline int usage_error(const CLI::App& app, const std::string& what) {
    std::fprintf(stderr, "%s: %s\nRun %s --help for the options.\n", app.get_name().c_str(),
                 what.c_str(), app.get_name().c_str());
    return exit_usage;
}

/// Parses `argv` into the variables that `app`'s options are bound to. Returns nothing when the
/// program should go on; else the status to exit with: 0 after printing the generated help for
/// --help, exit_usage after saying on standard error what is wrong with the command line. An
/// argument that was not expected is named only when it looks like an option, and then without
/// its value: a value typed in the wrong place (an API key after --api-key, say) is counted,
/// never repeated.
inline std::optional<int> parse(CLI::App& app, int argc, const char* const* argv) {
    try {
        app.parse(argc, argv);
        return std::nullopt;
    } catch (const CLI::ExtrasError&) {
        std::string options;
        std::size_t values = 0;
        for (const std::string& extra : app.remaining()) {
            if (const auto name = shown_name(extra)) {
                options += (options.empty() ? "" : " ") + *name;
            } else {
                ++values;
            }
        }
        std::string what = "not expected: " + options;
        if (values > 0) {
            what += (options.empty() ? "" : ", and ") + std::to_string(values) +
                    " value(s), not repeated here";
        }
        return usage_error(app, what);
    } catch (const CLI::ParseError& error) {
        if (error.get_exit_code() == 0) return app.exit(error);  // --help: the help, on stdout
        return usage_error(app, error.what());
    }
}

}  // namespace command_line
