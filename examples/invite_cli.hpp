// What the example programs share: where the API key comes from, and how an outcome is told to
// a person (words), to a shell (exit status) and to a results file (a name).
#pragma once

#include <onelogin/invite.hpp>

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cstdio>
#include <cctype>
#include <iostream>
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
    exit_usage = 2,  // bad arguments or an invalid request
    exit_invalid_api_key = 3,
    exit_no_such_user = 4,
    exit_api_error = 5,
    exit_malformed_response = 6,
    exit_transport_error = 7,
};

/// An outcome as the examples report it.
struct Report {
    int exit_status;
    std::string name;   ///< for results files: sent, no_such_user, ...
    std::string words;  ///< for people
};

/// Reports any result of any call, v3 or API /1: the name and exit status the examples give each
/// outcome type, and the library's own words for it (onelogin::to_string, which shows no secret
/// and escapes whatever the server wrote).
template <typename Result>
Report describe(const Result& result) {
    using namespace onelogin;
    return std::visit(
        [](const auto& r) -> Report {
            using T = std::decay_t<decltype(r)>;
            const auto report = [&r](int status, const char* name) {
                return Report{status, name, onelogin::to_string(r)};
            };
            if constexpr (std::is_same_v<T, api1::AccessToken>) {
                return report(exit_sent, "token");
            } else if constexpr (std::is_same_v<T, InviteSent>) {
                return report(exit_sent, "sent");
            } else if constexpr (std::is_same_v<T, InviteLink>) {
                return report(exit_sent, "link");
            } else if constexpr (std::is_same_v<T, InvalidApiKey>) {
                return report(exit_invalid_api_key, "invalid_api_key");
            } else if constexpr (std::is_same_v<T, InvalidAccessToken>) {
                return report(exit_invalid_api_key, "invalid_access_token");
            } else if constexpr (std::is_same_v<T, InvalidClientCredentials>) {
                return report(exit_invalid_api_key, "invalid_client_credentials");
            } else if constexpr (std::is_same_v<T, NoSuchUser>) {
                return report(exit_no_such_user, "no_such_user");
            } else if constexpr (std::is_same_v<T, BadRequest>) {
                return report(exit_api_error, "bad_request");
            } else if constexpr (std::is_same_v<T, RateLimited>) {
                return report(exit_api_error, "rate_limited");
            } else if constexpr (std::is_same_v<T, ApiError>) {
                return report(exit_api_error, "api_error");
            } else if constexpr (std::is_same_v<T, MalformedResponse>) {
                return report(exit_malformed_response, "malformed_response");
            } else if constexpr (std::is_same_v<T, InvalidRequest>) {
                return report(exit_usage, "invalid_request");
            } else {
                static_assert(std::is_same_v<T, TransportError>);
                return report(exit_transport_error, "transport_error");
            }
        },
        result);
}

/// True for failures after which the same request may be sent again as it is, as the library's
/// retry advice says: a rate limit, a 503, a request that never went out, and for a call that
/// emails nobody any failure on the way. (A failure after which an invite may be out is not.)
template <typename Result>
bool is_transient(const Result& result) {
    return onelogin::retry_advice(result).retry == onelogin::Retry::later;
}

/// Keeps credentials out of core dumps: none is written, and no other process of the user may
/// attach to read this one's memory.
inline void no_core_dumps() {
    const rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/// The API key from the file at `path` when given ("-": standard input, so that it stays out of
/// the shell's history and the process list), else from the ONELOGIN_API_KEY environment
/// variable; never from the command line, which every local user can read. Trailing whitespace
/// (a final newline) is dropped. On failure, says why in `error`.
inline std::optional<std::string> read_api_key(const char* path, std::string& error) {
    std::string key;
    if (path != nullptr && std::string(path) == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        key = text.str();
    } else if (path != nullptr) {
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
/// [--print-curl] EMAIL, with the API key read as `read_api_key` does; and, where `api1` is
/// allowed, --api1 with --subdomain NAME or --base-url URL, and the credentials read as
/// `read_api1_credentials` does.
struct ClientOptions {
    onelogin::v3::SendInviteRequest request;
    onelogin::v3::Endpoint endpoint;
    long timeout_seconds = 30;
    bool print_curl = false;
    bool api1 = false;
    bool base_url_given = false;
    std::string subdomain;
    std::string client_secret_file;
};

/// API /1's credentials: the client id from ONELOGIN_CLIENT_ID and the secret from the file at
/// `secret_file` when given, else from ONELOGIN_CLIENT_SECRET; and, when ONELOGIN_ACCESS_TOKEN is
/// set, a token to try first. On failure, says why in `error`.
struct Api1Credentials {
    onelogin::api1::ClientCredentials client;
    std::string access_token;  ///< empty: get one first
};

inline std::optional<Api1Credentials> read_api1_credentials(const std::string& secret_file,
                                                            std::string& error) {
    Api1Credentials credentials;
    if (const char* token = std::getenv("ONELOGIN_ACCESS_TOKEN")) credentials.access_token = token;
    const char* id = std::getenv("ONELOGIN_CLIENT_ID");
    if (id == nullptr) {
        if (!credentials.access_token.empty()) return credentials;
        error =
            "no API credential: set ONELOGIN_CLIENT_ID and ONELOGIN_CLIENT_SECRET (or "
            "--client-secret-file), or ONELOGIN_ACCESS_TOKEN";
        return std::nullopt;
    }
    credentials.client.client_id = id;
    if (!secret_file.empty()) {
        std::ifstream in(secret_file, std::ios::binary);
        if (!in) {
            error = "cannot read the client secret file " + secret_file;
            return std::nullopt;
        }
        std::ostringstream text;
        text << in.rdbuf();
        credentials.client.client_secret = text.str();
        while (!credentials.client.client_secret.empty() &&
               std::isspace(static_cast<unsigned char>(credentials.client.client_secret.back()))) {
            credentials.client.client_secret.pop_back();
        }
    } else if (const char* secret = std::getenv("ONELOGIN_CLIENT_SECRET")) {
        credentials.client.client_secret = secret;
    } else {
        error = "no client secret: set ONELOGIN_CLIENT_SECRET or pass --client-secret-file";
        return std::nullopt;
    }
    return credentials;
}

/// Reads the client command line. Returns the options, or the status to exit with after printing
/// `usage` (for --help or a bad command line) or why the key could not be read.
inline std::variant<ClientOptions, int> read_client_options(int argc, char** argv,
                                                            const char* usage,
                                                            bool allow_api1 = false) {
    ClientOptions options;
    const char* key_file = nullptr;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--personal-email" && has_value) {
            options.request.personal_email = argv[++i];
        } else if (arg == "--base-url" && has_value) {
            options.endpoint.base_url = argv[++i];
            options.base_url_given = true;
        } else if (arg == "--api-key-file" && has_value) {
            key_file = argv[++i];
        } else if (arg == "--timeout" && has_value) {
            options.timeout_seconds = std::strtol(argv[++i], nullptr, 10);
        } else if (arg == "--api1" && allow_api1) {
            options.api1 = true;
        } else if (arg == "--subdomain" && has_value && allow_api1) {
            options.subdomain = argv[++i];
        } else if (arg == "--client-secret-file" && has_value && allow_api1) {
            options.client_secret_file = argv[++i];
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
    const bool api1_only = !options.subdomain.empty() || !options.client_secret_file.empty();
    const bool one_endpoint = options.subdomain.empty() != !options.base_url_given;
    if (options.request.email.empty() || options.timeout_seconds <= 0 ||
        (api1_only && !options.api1) || (options.api1 && !one_endpoint)) {
        std::fputs(usage, stderr);
        return exit_usage;
    }
    if (options.api1) return options;  // API /1's credentials are read by the /1 code
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
