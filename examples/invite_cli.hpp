// What the example programs share: where the API key comes from, and how an outcome is told to
// a person (words), to a shell (exit status) and to a results file (a name).
#pragma once

#include "command_line.hpp"

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
    exit_usage = 2,                // bad arguments or an invalid request
    exit_credentials_refused = 3,  // the API key, client credentials or access token
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
            } else if constexpr (std::is_same_v<T, TokenRevoked>) {
                return report(exit_sent, "revoked");
            } else if constexpr (std::is_same_v<T, RateLimitStatus>) {
                return report(exit_sent, "rate_limit_status");
            } else if constexpr (std::is_same_v<T, NoRoute>) {
                return report(exit_api_error, "no_route");
            } else if constexpr (std::is_same_v<T, InviteSent>) {
                return report(exit_sent, "sent");
            } else if constexpr (std::is_same_v<T, InviteLink>) {
                return report(exit_sent, "link");
            } else if constexpr (std::is_same_v<T, InvalidApiKey>) {
                return report(exit_credentials_refused, "invalid_api_key");
            } else if constexpr (std::is_same_v<T, InvalidAccessToken>) {
                return report(exit_credentials_refused, "invalid_access_token");
            } else if constexpr (std::is_same_v<T, InvalidClientCredentials>) {
                return report(exit_credentials_refused, "invalid_client_credentials");
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

/// The command line of the single-invite clients: EMAIL, --personal-email ADDRESS, --base-url
/// URL, --api-key-file PATH, --timeout SECONDS and --print-curl, with the API key read as
/// `read_api_key` does; and, where API /1 is allowed, the options `add_api1_options` declares,
/// with the credentials read as `read_api1_credentials` does.
struct ClientOptions {
    onelogin::v3::SendInviteRequest request;
    onelogin::v3::Endpoint endpoint;
    long timeout_seconds = 30;
    bool print_curl = false;
    bool api1 = false;
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

/// Declares on `app` the options of API /1: --api1, --subdomain NAME (which cannot go with
/// `base_url`, the program's --base-url option) and --client-secret-file PATH, both of which need
/// --api1. (That --api1 needs one of --subdomain and --base-url is checked after parsing.)
inline void add_api1_options(CLI::App& app, bool& api1, std::string& subdomain,
                             std::string& client_secret_file, CLI::Option* base_url) {
    CLI::Option* api1_flag =
        app.add_flag("--api1", api1, "send through API /1, with a token from the exchange");
    app.add_option("--subdomain", subdomain,
                   "API /1's endpoint: https://NAME.onelogin.com (or give --base-url)")
        ->type_name("NAME")
        ->needs(api1_flag)
        ->excludes(base_url);
    app.add_option("--client-secret-file", client_secret_file,
                   "read API /1's client secret from this file (default: "
                   "ONELOGIN_CLIENT_SECRET)")
        ->type_name("PATH")
        ->check(command_line::secret_file(false))
        ->needs(api1_flag);
}

/// Declares --base-url (into `endpoint`) and --api-key-file (into `key_file`), the options every
/// program that calls OneLogin has; returns --base-url, for the API /1 options' relations.
inline CLI::Option* add_endpoint_options(CLI::App& app, onelogin::v3::Endpoint& endpoint,
                                         std::string& key_file) {
    CLI::Option* base_url = app.add_option("--base-url", endpoint.base_url,
                                           "the API's address (default: " + endpoint.base_url + ")")
                                ->type_name("URL");
    app.add_option("--api-key-file", key_file,
                   "read the v3 API key from this file, - for standard input (default: "
                   "ONELOGIN_API_KEY)")
        ->type_name("PATH")
        ->check(command_line::secret_file(true));
    return base_url;
}

/// What a program's --help says around the generated list of options.
struct ProgramHelp {
    std::string name;         ///< the program's name, as errors and the usage line show it
    std::string description;  ///< what it does, before the options
    std::string footer;       ///< after the options: where credentials come from
};

/// Reads the single-invite clients' command line, then the API key (with --api1, the credentials
/// are read by the API /1 code). Returns the options, or the status to exit with: 0 after --help,
/// exit_usage after saying what is wrong with the command line or why the key could not be read.
inline std::variant<ClientOptions, int> read_client_options(int argc, char** argv,
                                                            const ProgramHelp& help,
                                                            bool allow_api1 = false) {
    static_assert(exit_usage == command_line::exit_usage);
    ClientOptions options;
    std::string key_file;
    CLI::App app(help.description, help.name);
    app.footer(help.footer +
               "\nExit status: 0 sent, 2 usage or invalid request, 3 credentials refused, 4 no "
               "such user,\n5 other API error, 6 malformed response, 7 no answer (connection, "
               "timeout, TLS).");
    app.add_option("EMAIL", options.request.email, "the address of the person to invite")
        ->required();
    app.add_option("--personal-email", options.request.personal_email,
                   "send the invite to this address instead")
        ->type_name("ADDRESS");
    CLI::Option* base_url = add_endpoint_options(app, options.endpoint, key_file);
    app.add_option("--timeout", options.timeout_seconds, "seconds to wait for each answer")
        ->type_name("SECONDS")
        ->check(CLI::Range(1L, 86400L))
        ->capture_default_str();
    app.add_flag("--print-curl", options.print_curl,
                 "print each request as a curl command, secrets masked");
    if (allow_api1) {
        add_api1_options(app, options.api1, options.subdomain, options.client_secret_file,
                         base_url);
    }
    if (const auto status = command_line::parse(app, argc, argv)) return *status;
    if (options.api1 && options.subdomain.empty() && base_url->count() == 0) {
        return command_line::usage_error(app, "--api1 needs --subdomain or --base-url");
    }
    if (options.api1) return options;  // API /1's credentials are read by the /1 code
    std::string error;
    const auto key = read_api_key(key_file.empty() ? nullptr : key_file.c_str(), error);
    if (!key) {
        std::fprintf(stderr, "%s: %s\n", app.get_name().c_str(), error.c_str());
        return exit_usage;
    }
    options.request.api_key = *key;
    return options;
}

}  // namespace invite_cli
