// What the example programs share: where the API key comes from, and how an outcome is told to
// a person (words), to a shell (exit status) and to a results file (a name).
#pragma once

#include <onelogin/invite.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <variant>

namespace invite_cli {

/// The exit status of each outcome, so that scripts can tell them apart.
enum ExitStatus : int {
    exit_sent = 0,
    exit_failed = 1,  // bulk_invite: some rows got no definite answer
    exit_usage = 2,   // bad arguments or an invalid request
    exit_invalid_api_key = 3,
    exit_no_such_user = 4,
    exit_api_error = 5,
    exit_malformed_response = 6,
    exit_transport_error = 7,
    exit_interrupted = 130,
};

/// An outcome as the examples report it.
struct Report {
    int exit_status;
    std::string name;   ///< for results files: sent, no_such_user, ...
    std::string words;  ///< for people
};

/// Describes any result of onelogin::v3::send_invite.
inline Report describe(const onelogin::v3::SendInviteResult& result) {
    using namespace onelogin::v3;
    return std::visit(
        [](const auto& r) -> Report {
            using T = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<T, InviteSent>) {
                return {exit_sent, "sent",
                        r.recipient.empty() ? "invite sent (" + r.message + ")"
                                            : "invite sent to " + r.recipient};
            } else if constexpr (std::is_same_v<T, InvalidApiKey>) {
                return {exit_invalid_api_key, "invalid_api_key",
                        "the API key was refused: " + r.message};
            } else if constexpr (std::is_same_v<T, NoSuchUser>) {
                return {exit_no_such_user, "no_such_user", "no user has that email address"};
            } else if constexpr (std::is_same_v<T, ApiError>) {
                std::string words = "the API answered with an error: " + r.message;
                if (r.http_status) words += " (HTTP " + std::to_string(*r.http_status) + ")";
                return {exit_api_error, "api_error", words};
            } else if constexpr (std::is_same_v<T, MalformedResponse>) {
                std::string words = "the answer was not an API response: " + r.detail;
                if (r.http_status) words += " (HTTP " + std::to_string(*r.http_status) + ")";
                return {exit_malformed_response, "malformed_response", words};
            } else if constexpr (std::is_same_v<T, InvalidRequest>) {
                return {exit_usage, "invalid_request", "not sent: " + r.reason};
            } else {
                static_assert(std::is_same_v<T, TransportError>);
                return {exit_transport_error, "transport_error", "no answer: " + r.message};
            }
        },
        result);
}

/// True for failures another try may mend: no answer at all, HTTP 429, or HTTP 5xx.
inline bool is_transient(const onelogin::v3::SendInviteResult& result) {
    using namespace onelogin::v3;
    if (std::holds_alternative<TransportError>(result)) return true;
    std::optional<int> status;
    if (const auto* error = std::get_if<ApiError>(&result)) status = error->http_status;
    if (const auto* bad = std::get_if<MalformedResponse>(&result)) status = bad->http_status;
    return status && (*status == 429 || *status >= 500);
}

/// The API key from the file at `path` when given, else from the ONELOGIN_API_KEY environment
/// variable; never from the command line, which every local user can read. Trailing whitespace
/// (a final newline) is dropped. On failure, says why in `error`.
inline std::optional<std::string> read_api_key(const char* path, std::string& error) {
    std::string key;
    if (path != nullptr) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            error = std::string("cannot read the API key file ") + path;
            return std::nullopt;
        }
        std::ostringstream text;
        text << in.rdbuf();
        key = text.str();
    } else if (const char* from_env = std::getenv("ONELOGIN_API_KEY")) {
        key = from_env;
    } else {
        error = "no API key: set ONELOGIN_API_KEY or pass --api-key-file";
        return std::nullopt;
    }
    while (!key.empty() &&
           (key.back() == '\n' || key.back() == '\r' || key.back() == ' ' || key.back() == '\t')) {
        key.pop_back();
    }
    return key;
}

/// The command line of the single-invite clients:
/// [--personal-email ADDRESS] [--base-url URL] [--api-key-file PATH] [--timeout SECONDS]
/// [--print-curl] EMAIL, with the API key read as `read_api_key` does.
struct ClientOptions {
    onelogin::v3::SendInviteRequest request;
    onelogin::v3::Endpoint endpoint;
    long timeout_seconds = 30;
    bool print_curl = false;
};

/// Reads the client command line. Returns the options, or the status to exit with after printing
/// `usage` (for --help or a bad command line) or why the key could not be read.
inline std::variant<ClientOptions, int> read_client_options(int argc, char** argv,
                                                            const char* usage) {
    ClientOptions options;
    const char* key_file = nullptr;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--personal-email" && has_value) {
            options.request.personal_email = argv[++i];
        } else if (arg == "--base-url" && has_value) {
            options.endpoint.base_url = argv[++i];
        } else if (arg == "--api-key-file" && has_value) {
            key_file = argv[++i];
        } else if (arg == "--timeout" && has_value) {
            options.timeout_seconds = std::strtol(argv[++i], nullptr, 10);
        } else if (arg == "--print-curl") {
            options.print_curl = true;
        } else if (arg == "--help") {
            std::fputs(usage, stdout);
            return exit_sent;
        } else if (!arg.empty() && arg[0] != '-' && options.request.email.empty()) {
            options.request.email = arg;
        } else {
            std::fputs(usage, stderr);
            return exit_usage;
        }
    }
    if (options.request.email.empty() || options.timeout_seconds <= 0) {
        std::fputs(usage, stderr);
        return exit_usage;
    }
    std::string error;
    const auto key = read_api_key(key_file, error);
    if (!key) {
        std::fprintf(stderr, "%s: %s\n", argv[0], error.c_str());
        return exit_usage;
    }
    options.request.api_key = *key;
    return options;
}

}  // namespace invite_cli
