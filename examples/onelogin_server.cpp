// A local stand-in for OneLogin's invite-link endpoints: a test double to run your own
// integration against, since the real ones send real email. It listens on 127.0.0.1 only.
//
//   onelogin_server --config FILE [--port N] [--log FILE] [--rate-limit N]
//                   [--fault MODE[,MODE...]] [--fault-attempts N] [--fault-percent P]
//                   [--slow-ms N] [--token-fault MODE[,MODE...]] [--token-slow-ms N]
//                   [--fold-case]
//
// The config file has one setting a line: `api_key KEY` (a v3 key it accepts), `client ID SECRET`
// (an API /1 credential it accepts) or `user EMAIL` (an address that has an account); `#` starts
// a comment. Addresses are matched exactly, letter case included, as OneLogin matches them;
// --fold-case matches them ignoring ASCII letter case, as a stand-in that folds case would.
//
// It serves, as OneLogin documents them:
//   POST /api/v3/invites/send_invite_link and /api/v3/invites/get_invite_link (api_key in the
//     body): 200 JSON naming the address the email went to (personal_email when given, else
//     email) or carrying the link; 400 XML for a missing or unknown API key; 400 JSON "No User
//     exists for input email" for an unknown address; 400 JSON for a body that is not a JSON
//     object or has no email.
//   POST /auth/oauth2/v2/token (`Authorization: client_id:ID, client_secret:SECRET`, body
//     {"grant_type":"client_credentials"}): a token that lasts 10 hours; 401 "Authentication
//     Failure" for unknown credentials; 400 for anything else wrong.
//   POST /auth/oauth2/revoke (the same Authorization, body {"access_token":TOKEN}): 200, and the
//     token no longer works; 401 for unknown credentials; 400 "Access Token Missing", "The
//     authorization information is missing" or the content type's message.
//   GET /auth/rate_limit (`Authorization: bearer TOKEN`): 200 with the window's
//     X-RateLimit-Limit, -Remaining and -Reset in `data` (not itself counted); 401 for a token it
//     did not issue; 400 "Authorization Information is incorrect".
//   POST /api/1/invites/send_invite_link and /api/1/invites/get_invite_link
//     (`Authorization: bearer TOKEN`): the same answers as v3, with API /1's errors: 401
//     "Authentication Failure" for a token it did not issue or that expired, 400 with each
//     documented message for a bad Authorization header, content type, JSON body or email. Every
//     /1 answer carries X-RateLimit-Limit, -Remaining and -Reset: --rate-limit calls an hour
//     (default 5000), counted for the whole server rather than per account; past it, 429.
//     Tokens last 10 hours, as OneLogin's do.
//
// Faults, for testing clients: html502 and html503 (a proxy's HTML page), drop (the connection is
// closed with no answer), slow (the answer comes --slow-ms late), 429 (rate limited), truncated
// (the connection closes halfway through the body), huge (a 200 whose body is 256 MiB, for clients
// that must stop reading), echo (a 400 whose message quotes the request received, credentials
// included, as some proxies and debug servers do), gateway502 and gateway504 (the request is
// performed and logged as usual, then answered 502 or 504 with a gateway's HTML page, as a load
// balancer whose upstream was too slow answers). With --fault, every invite request gets one,
// the modes taken in turn; --fault-attempts N limits them to the first N requests for each
// address, and --fault-percent P to P% of the addresses (chosen by a hash, so the same ones
// every run). --token-fault gives the token exchange its own faults, the first
// --fault-attempts N requests of each client id. A faulted request changes nothing (but slow,
// which answers late and in full, and the gateway faults, which performed the request), so a
// client that retries it invites nobody twice. --token-slow-ms N makes every token answer N ms
// late. SIGTERM or SIGINT stops the server at once: a slow answer still waiting is cut short
// with a 503 and nothing performed (logged with the outcome "stopped").
//
// Every request is logged as one JSON line (--log FILE, else standard error) with the API key,
// tokens and secrets masked, so tests can check what a client sent and when ("ms": milliseconds
// since the server started, when the answer was decided).
#include "command_line.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <pthread.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

enum class Fault {
    html502,
    html503,
    drop,
    slow,
    too_many_requests,
    truncated,
    huge,
    echo,
    gateway502,
    gateway504
};

// The faults by the names --fault and --token-fault take.
const std::map<std::string, Fault> faults_by_name = {{"html502", Fault::html502},
                                                     {"html503", Fault::html503},
                                                     {"drop", Fault::drop},
                                                     {"slow", Fault::slow},
                                                     {"429", Fault::too_many_requests},
                                                     {"truncated", Fault::truncated},
                                                     {"huge", Fault::huge},
                                                     {"echo", Fault::echo},
                                                     {"gateway502", Fault::gateway502},
                                                     {"gateway504", Fault::gateway504}};

// Whether a fault lets the request be performed: slow performs it late, the gateway faults
// before their answer is replaced.
bool performs(Fault fault) {
    return fault == Fault::slow || fault == Fault::gateway502 || fault == Fault::gateway504;
}

const char* fault_name(Fault fault) {
    switch (fault) {
        case Fault::html502: return "html502";
        case Fault::html503: return "html503";
        case Fault::drop: return "drop";
        case Fault::slow: return "slow";
        case Fault::too_many_requests: return "429";
        case Fault::truncated: return "truncated";
        case Fault::huge: return "huge";
        case Fault::echo: return "echo";
        case Fault::gateway502: return "gateway502";
        case Fault::gateway504: return "gateway504";
    }
    return "?";
}

struct Options {
    std::set<std::string> api_keys;
    std::map<std::string, std::string> clients;  // client id -> secret
    long rate_limit = 5000;
    long window_seconds = 3600;  // the rate limit's window
    long token_seconds = 36000;  // how long a token lasts, as OneLogin's do
    std::set<std::string> users;
    std::vector<Fault> faults;
    std::vector<Fault> token_faults;
    long fault_attempts = -1;  // every attempt
    long fault_percent = 100;
    long slow_ms = 2000;
    long token_slow_ms = 0;
    bool fold_case = false;
    int port = 0;
    std::string log_path;
};

std::string status_envelope(const std::string& type, const std::string& message, bool error,
                            int code) {
    nlohmann::json body = {
        {"status", {{"type", type}, {"message", message}, {"error", error}, {"code", code}}}};
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const char* const invalid_key_xml =
    "<error>\n<message>API key is invalid or missing</message>\n"
    "<code>invalid_or_missing_api_key</code>\n</error>\n";

const char* const bad_gateway_html =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad "
    "Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const char* const unavailable_html =
    "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
    "<center><h1>503 Service Temporarily "
    "Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const char* const gateway_timeout_html =
    "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n"
    "<center><h1>504 Gateway "
    "Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

// `text` with its ASCII letters in lower case.
std::string fold_case(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// The key as a log may show it: its last four characters, when it is long enough to spare them.
std::string mask_key(const std::string& key) {
    if (key.empty()) return "";
    return key.size() >= 12 ? "****" + key.substr(key.size() - 4) : "****";
}

// An Authorization value as a log may show it: the scheme word only ("bearer ****").
std::string mask_authorization(const std::string& value) {
    if (value.empty()) return "";
    const std::size_t space = value.find(' ');
    const std::string scheme = value.substr(0, space);
    if (space == std::string::npos || scheme.find(':') != std::string::npos) return "****";
    return scheme + " ****";
}

// FNV-1a, so that --fault-percent picks the same addresses on every run.
std::uint32_t fnv1a(const std::string& text) {
    std::uint32_t hash = 2166136261u;
    for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    return hash;
}

// Closes the connection `request` came in on without answering. cpp-httplib gives handlers no
// socket, so find it: the socket whose peer is the request's remote address and port.
void drop_connection(const httplib::Request& request) {
    for (int fd = 3; fd < 4096; ++fd) {
        sockaddr_in peer{};
        socklen_t length = sizeof peer;
        if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0) continue;
        if (peer.sin_family != AF_INET || ntohs(peer.sin_port) != request.remote_port) continue;
        char address[INET_ADDRSTRLEN] = {};
        inet_ntop(AF_INET, &peer.sin_addr, address, sizeof address);
        if (request.remote_addr == address) shutdown(fd, SHUT_RDWR);
    }
}

// Shuts every connection still open, so that stopping waits on no client that sends or reads
// nothing (cpp-httplib would wait out its 5 s timeouts).
void shut_connections() {
    for (int fd = 3; fd < 4096; ++fd) {
        sockaddr_in peer{};
        socklen_t length = sizeof peer;
        if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) == 0) {
            shutdown(fd, SHUT_RDWR);
        }
    }
}

// The request as a server that echoes it would quote it: request line, headers and body, the
// credentials in them included.
std::string echo_of(const httplib::Request& request) {
    std::string text = request.method + " " + request.path + "\n";
    for (const auto& header : request.headers) text += header.first + ": " + header.second + "\n";
    return text + "\n" + request.body;
}

// The client id an Authorization value of the token exchange names, or "".
std::string client_id_of(const std::string& authorization) {
    const std::string id_prefix = "client_id:";
    const std::size_t secret_at = authorization.find(", client_secret:");
    if (authorization.compare(0, id_prefix.size(), id_prefix) != 0 ||
        secret_at == std::string::npos) {
        return "";
    }
    return authorization.substr(id_prefix.size(), secret_at - id_prefix.size());
}

class InviteServer {
public:
    explicit InviteServer(Options options) : options_(std::move(options)) {
        if (!options_.log_path.empty()) log_file_.open(options_.log_path, std::ios::app);
        if (options_.fold_case) {
            std::set<std::string> folded;
            for (const auto& user : options_.users) folded.insert(fold_case(user));
            options_.users = std::move(folded);
        }
    }

    /// Cuts every waiting slow answer short; what comes in after it is refused with a 503.
    void stop() {
        {
            std::lock_guard<std::mutex> lock(stop_mutex_);
            stopping_ = true;
        }
        stopped_.notify_all();
    }

    /// An invite call: v3 (the API key in the body) or API /1 (a bearer token); `link` for
    /// Generate Invite Link.
    void handle_invite(const httplib::Request& request, httplib::Response& response, bool api1,
                       bool link) {
        const auto body = nlohmann::json::parse(request.body, nullptr, false);
        const auto text = [&body](const char* name) -> std::string {
            if (!body.is_object()) return "";
            const auto member = body.find(name);
            return member != body.end() && member->is_string() ? member->get<std::string>() : "";
        };
        const std::string api_key = text("api_key");
        const std::string email = text("email");
        const std::string personal_email = text("personal_email");

        nlohmann::json entry = {{"path", request.path}, {"email", email}};
        if (!link) entry["personal_email"] = personal_email;
        if (api1) {
            entry["authorization"] = mask_authorization(request.get_header_value("Authorization"));
        } else {
            entry["api_key"] = mask_key(api_key);
        }
        const std::optional<Fault> fault = next_fault(email, options_.faults, true);
        if (fault) entry["fault"] = fault_name(*fault);
        if (fault && !performs(*fault)) {
            inject(*fault, request, response,
                   status_envelope("success", "Email sent successfully to " + email, false, 200));
            log_answer(std::move(entry), response, std::nullopt);
            return;
        }

        std::string outcome;
        if (fault == Fault::slow && !pause(options_.slow_ms)) {
            outcome = refuse_stopped(response);
        } else if (api1) {
            outcome = check_api1(request, response, entry);
        }
        if (!outcome.empty()) {
            // API /1 refused it before reading the body.
        } else if (!body.is_object()) {
            outcome = refuse(response, 400, "Input JSON is not valid", "invalid_json");
        } else if (!api1 && options_.api_keys.count(api_key) == 0) {
            response.status = 400;
            response.set_content(invalid_key_xml, "application/xml");
            outcome = "invalid_api_key";
        } else if (email.empty()) {
            outcome = refuse(response, 400, "Email Parameter is missing", "email_missing");
        } else if (api1 && email.find('@') == std::string::npos) {
            outcome = refuse(response, 400, "Email Input is in incorrect format", "email_format");
        } else if (!has_user(email)) {
            outcome = refuse(response, 400, "No User exists for input email", "no_such_user");
        } else if (link) {
            nlohmann::json answer =
                nlohmann::json::parse(status_envelope("success", "Success", false, 200));
            const std::string link_url =
                "https://onelogin.example/password/reset?token=" + std::to_string(fnv1a(email));
            answer["data"] = nlohmann::json::array({link_url});
            answer_json(response, 200,
                        answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
            outcome = "link";
        } else {
            const std::string recipient = personal_email.empty() ? email : personal_email;
            answer_json(
                response, 200,
                status_envelope("success", "Email sent successfully to " + recipient, false, 200));
            outcome = "sent";
            entry["sent_to"] = recipient;
        }
        gateway_after(fault, request, response);
        log_answer(std::move(entry), response, outcome);
    }

    /// The token exchange.
    void handle_token(const httplib::Request& request, httplib::Response& response) {
        const std::string authorization = request.get_header_value("Authorization");
        nlohmann::json entry = client_entry(request, authorization);
        const std::optional<Fault> fault =
            next_fault("client " + client_id_of(authorization), options_.token_faults, false);
        if (fault) entry["fault"] = fault_name(*fault);
        if (fault && !performs(*fault)) {
            inject(*fault, request, response, nlohmann::json{{"access_token", "cut"}}.dump());
            log_answer(std::move(entry), response, std::nullopt);
            return;
        }
        const auto body = nlohmann::json::parse(request.body, nullptr, false);
        std::string outcome;
        const long late_ms = options_.token_slow_ms + (fault == Fault::slow ? options_.slow_ms : 0);
        if (late_ms > 0 && !pause(late_ms)) {
            outcome = refuse_stopped(response);
        } else if (!is_json(request)) {
            outcome = refuse(response, 400, content_type_message, "content_type");
        } else if (!body.is_object()) {
            outcome = refuse(response, 400, "Input JSON is not valid", "invalid_json");
        } else if (body.value("grant_type", nlohmann::json()) != "client_credentials") {
            outcome = refuse(response, 400, "grant_type is incorrect/absent", "grant_type");
        } else if (!known_client(authorization, entry)) {
            outcome =
                refuse(response, 401, "Authentication Failure", "invalid_client", "Unauthorized");
        } else {
            const std::string token = issue_token();
            const nlohmann::json answer = {
                {"access_token", token},
                {"created_at", "2026-01-01T00:00:00.000Z"},
                {"expires_in", options_.token_seconds},
                {"refresh_token", "refresh-" + token},
                {"token_type", "bearer"},
                {"account_id", 555555},
            };
            answer_json(response, 200, answer.dump());
            outcome = "token";
        }
        gateway_after(fault, request, response);
        log_answer(std::move(entry), response, outcome);
    }

    /// Revoke Tokens: the client credentials that got the token, and the token in the body.
    void handle_revoke(const httplib::Request& request, httplib::Response& response) {
        const std::string authorization = request.get_header_value("Authorization");
        nlohmann::json entry = client_entry(request, authorization);
        const auto body = nlohmann::json::parse(request.body, nullptr, false);
        std::string outcome;
        if (!is_json(request)) {
            outcome = refuse(response, 400, content_type_message, "content_type");
        } else if (client_id_of(authorization).empty()) {
            outcome = refuse(response, 400, "The authorization information is missing",
                             "authorization_missing");
        } else if (!known_client(authorization, entry)) {
            outcome =
                refuse(response, 401, "Authentication Failure", "invalid_client", "Unauthorized");
        } else if (!body.is_object() || !body.contains("access_token") ||
                   !body["access_token"].is_string()) {
            outcome = refuse(response, 400, "Access Token Missing", "access_token_missing");
        } else {
            std::lock_guard<std::mutex> lock(mutex_);
            const bool known = tokens_.erase(body["access_token"].get<std::string>()) > 0;
            answer_json(response, 200, status_envelope("success", "Success", false, 200));
            outcome = known ? "revoked" : "revoked_unknown";
        }
        log_answer(std::move(entry), response, outcome);
    }

    /// Get Rate Limit: the account's window as the /1 calls' headers give it; not itself counted.
    void handle_rate_limit(const httplib::Request& request, httplib::Response& response) {
        const std::string authorization = request.get_header_value("Authorization");
        nlohmann::json entry = client_entry(request, authorization);
        const std::size_t space = authorization.find_first_of(" :");
        std::string scheme = authorization.substr(0, space);
        for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string outcome;
        if (space == std::string::npos || scheme != "bearer") {
            outcome = refuse(response, 400, "Authorization Information is incorrect",
                             "authorization_incorrect");
        } else if (!valid_token(authorization.substr(space + 1))) {
            outcome =
                refuse(response, 401, "Authentication Failure", "invalid_token", "Unauthorized");
        } else {
            const auto [remaining, reset] = window_state();
            const nlohmann::json answer = {
                {"status",
                 {{"error", false}, {"code", 200}, {"type", "success"}, {"message", "Success"}}},
                {"data",
                 {{"X-RateLimit-Limit", options_.rate_limit},
                  {"X-RateLimit-Remaining", remaining < 0 ? 0 : remaining},
                  {"X-RateLimit-Reset", reset}}}};
            answer_json(response, 200, answer.dump());
            outcome = "rate_limit";
            entry["rate_limit_remaining"] = remaining < 0 ? 0 : remaining;
        }
        log_answer(std::move(entry), response, outcome);
    }

private:
    static constexpr const char* content_type_message =
        "Content Type is not specified or specified incorrectly. Content-Type header must be set "
        "to application/json";

    /// An error in the status envelope; returns `outcome`, its name for the log.
    static std::string refuse(httplib::Response& response, int status, const std::string& message,
                              const char* outcome, const std::string& type = "bad request") {
        answer_json(response, status, status_envelope(type, message, true, status));
        return outcome;
    }

    static bool is_json(const httplib::Request& request) {
        const std::string type = request.get_header_value("Content-Type");
        return type.compare(0, 16, "application/json") == 0;
    }

    /// API /1's checks before the body: the rate limit, the Authorization header, the token and
    /// the content type. Sets the rate-limit headers; returns the outcome's name if it refused.
    std::string check_api1(const httplib::Request& request, httplib::Response& response,
                           nlohmann::json& entry) {
        const auto [remaining, reset] = count_call();
        response.set_header("X-RateLimit-Limit", std::to_string(options_.rate_limit));
        response.set_header("X-RateLimit-Remaining", std::to_string(remaining < 0 ? 0 : remaining));
        response.set_header("X-RateLimit-Reset", std::to_string(reset));
        entry["rate_limit_remaining"] = remaining < 0 ? 0 : remaining;
        if (remaining < 0)
            return refuse(response, 429, "Rate limit exceeded", "rate_limited",
                          "Too Many Requests");
        const std::string authorization = request.get_header_value("Authorization");
        const std::size_t space = authorization.find(' ');
        std::string scheme = authorization.substr(0, space);
        for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (space == std::string::npos || scheme != "bearer") {
            return refuse(response, 400, "Authorization Information is incorrect",
                          "authorization_incorrect");
        }
        if (!valid_token(authorization.substr(space + 1))) {
            return refuse(response, 401, "Authentication Failure", "invalid_token", "Unauthorized");
        }
        if (!is_json(request)) return refuse(response, 400, content_type_message, "content_type");
        return "";
    }

    /// Counts one /1 call in the current hour: the calls left after it (negative past the limit)
    /// and the seconds until the window resets.
    std::pair<long, long> count_call() {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto now = std::chrono::steady_clock::now();
        if (calls_in_window_ == 0 ||
            now - window_start_ >= std::chrono::seconds(options_.window_seconds)) {
            window_start_ = now;
            calls_in_window_ = 0;
        }
        ++calls_in_window_;
        const auto elapsed =
            std::chrono::duration_cast<std::chrono::seconds>(now - window_start_).count();
        return {options_.rate_limit - calls_in_window_, options_.window_seconds - elapsed};
    }

    /// The current window without counting a call: the calls left and the seconds until it resets.
    std::pair<long, long> window_state() {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto now = std::chrono::steady_clock::now();
        if (calls_in_window_ == 0 ||
            now - window_start_ >= std::chrono::seconds(options_.window_seconds)) {
            return {options_.rate_limit, options_.window_seconds};
        }
        const auto elapsed =
            std::chrono::duration_cast<std::chrono::seconds>(now - window_start_).count();
        return {options_.rate_limit - calls_in_window_, options_.window_seconds - elapsed};
    }

    /// True when `authorization` names a configured client and its secret; logs the client id.
    bool known_client(const std::string& authorization, nlohmann::json& entry) const {
        const std::string secret_prefix = ", client_secret:";
        const std::size_t secret_at = authorization.find(secret_prefix);
        const std::string id = client_id_of(authorization);
        if (id.empty()) return false;
        const std::string secret = authorization.substr(secret_at + secret_prefix.size());
        entry["client_id"] = id;
        const auto client = options_.clients.find(id);
        return client != options_.clients.end() && client->second == secret;
    }

    std::string issue_token() {
        std::lock_guard<std::mutex> lock(mutex_);
        const long number = ++tokens_issued_;
        const std::string token =
            "token-" + std::to_string(number) + "-" + std::to_string(fnv1a(std::to_string(number)));
        tokens_[token] =
            std::chrono::steady_clock::now() + std::chrono::seconds(options_.token_seconds);
        return token;
    }

    bool valid_token(const std::string& token) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto issued = tokens_.find(token);
        return issued != tokens_.end() && std::chrono::steady_clock::now() < issued->second;
    }

    static void answer_json(httplib::Response& response, int status, const std::string& body) {
        response.status = status;
        response.set_content(body, "application/json");
    }

    /// Whether `email` has an account: exactly as configured, or ignoring ASCII letter case with
    /// --fold-case.
    bool has_user(const std::string& email) const {
        return options_.users.count(options_.fold_case ? fold_case(email) : email) != 0;
    }

    /// True once the server is stopping.
    bool stopping() {
        std::lock_guard<std::mutex> lock(stop_mutex_);
        return stopping_;
    }

    /// Waits `ms` milliseconds; false, at once, when the server is stopping.
    bool pause(long ms) {
        std::unique_lock<std::mutex> lock(stop_mutex_);
        return !stopped_.wait_for(lock, std::chrono::milliseconds(ms),
                                  [this] { return stopping_; });
    }

    /// The answer to a request the server stopped before performing: 503, nothing done.
    static std::string refuse_stopped(httplib::Response& response) {
        response.set_header("Retry-After", "1");
        return refuse(response, 503, "The server is shutting down", "stopped",
                      "Service Unavailable");
    }

    // The fault this request gets from `faults`, if any: `key` names the address (or client) whose
    // attempts --fault-attempts counts; `by_percent` applies --fault-percent to it.
    std::optional<Fault> next_fault(const std::string& key, const std::vector<Fault>& faults,
                                    bool by_percent) {
        if (faults.empty()) return std::nullopt;
        if (by_percent && static_cast<long>(fnv1a(key) % 100) >= options_.fault_percent) {
            return std::nullopt;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        const long attempt = ++attempts_[key];
        if (options_.fault_attempts >= 0 && attempt > options_.fault_attempts) return std::nullopt;
        return faults[faults_injected_[&faults]++ % faults.size()];
    }

    // Gives `response` the fault's answer; `full_body` is what truncated sends half of.
    void inject(Fault fault, const httplib::Request& request, httplib::Response& response,
                const std::string& full_body) {
        switch (fault) {
            case Fault::html502:
                response.status = 502;
                response.set_content(bad_gateway_html, "text/html");
                break;
            case Fault::html503:
                response.status = 503;
                response.set_content(unavailable_html, "text/html");
                break;
            case Fault::gateway502:
            case Fault::gateway504:
                // The gateway's own answer replaces the upstream's, headers and all.
                response.headers.clear();
                response.status = fault == Fault::gateway502 ? 502 : 504;
                response.set_content(
                    fault == Fault::gateway502 ? bad_gateway_html : gateway_timeout_html,
                    "text/html");
                break;
            case Fault::huge:
                // 256 MiB of a JSON string that never ends, made as it is sent.
                response.status = 200;
                response.set_content_provider(
                    std::size_t{256} << 20, "application/json",
                    [this](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                        if (stopping()) return false;
                        std::string chunk(std::min<std::size_t>(length, 65536), 'x');
                        if (offset == 0) chunk.replace(0, 8, "{\"pad\":\"");
                        return sink.write(chunk.data(), chunk.size());
                    });
                break;
            case Fault::echo:
                answer_json(response, 400,
                            status_envelope("bad request",
                                            "Could not process the request:\n" + echo_of(request),
                                            true, 400));
                break;
            case Fault::too_many_requests:
                response.status = 429;
                response.set_header("Retry-After", "1");
                answer_json(response, 429,
                            status_envelope("Too Many Requests", "Rate limit exceeded", true, 429));
                break;
            case Fault::drop:
                drop_connection(request);
                response.status = 500;
                break;
            case Fault::truncated:
                // The whole length is promised, half of it is sent, then the connection closes.
                response.status = 200;
                response.set_content_provider(
                    full_body.size(), "application/json",
                    [body = full_body](std::size_t, std::size_t, httplib::DataSink& sink) {
                        sink.write(body.data(), body.size() / 2);
                        return false;
                    });
                break;
            case Fault::slow: break;
        }
    }

    /// A log entry for a call made with client credentials or a token: its path and the
    /// Authorization header, masked.
    static nlohmann::json client_entry(const httplib::Request& request,
                                       const std::string& authorization) {
        return {{"path", request.path}, {"authorization", mask_authorization(authorization)}};
    }

    /// A gateway fault on a request the server performed: the gateway's answer replaces its own.
    void gateway_after(const std::optional<Fault>& fault, const httplib::Request& request,
                       httplib::Response& response) {
        if (fault && (*fault == Fault::gateway502 || *fault == Fault::gateway504)) {
            inject(*fault, request, response, "");
        }
    }

    /// Logs what a request got: its outcome (none for a fault that performed nothing) and the
    /// status it was answered with.
    void log_answer(nlohmann::json entry, const httplib::Response& response,
                    const std::optional<std::string>& outcome) {
        if (outcome) entry["outcome"] = *outcome;
        entry["status"] = response.status;
        log(std::move(entry));
    }

    void log(nlohmann::json entry) {
        std::lock_guard<std::mutex> lock(mutex_);
        entry["seq"] = ++sequence_;
        entry["ms"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started_)
                          .count();
        const std::string line =
            entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (log_file_.is_open()) {
            log_file_ << line << '\n' << std::flush;
        } else {
            std::fprintf(stderr, "%s\n", line.c_str());
        }
    }

    Options options_;
    std::mutex mutex_;
    std::map<std::string, long> attempts_;
    std::map<const std::vector<Fault>*, std::size_t> faults_injected_;  // per list of faults
    std::mutex stop_mutex_;
    std::condition_variable stopped_;
    bool stopping_ = false;
    long sequence_ = 0;
    const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::map<std::string, std::chrono::steady_clock::time_point> tokens_;
    long tokens_issued_ = 0;
    std::chrono::steady_clock::time_point window_start_;
    long calls_in_window_ = 0;
    std::ofstream log_file_;
};

const char* const description =
    "A local stand-in for OneLogin's invite endpoints (v3, API /1 and the token exchange), on\n"
    "127.0.0.1 only; it sends no email.";

const char* const footer =
    "Fault MODES, taken in turn: html502, html503 (a proxy's page), drop (no answer), slow\n"
    "(--slow-ms late), 429, truncated (half the body), huge (a 256 MiB body), echo (a 400\n"
    "quoting the request, credentials included), gateway502 and gateway504 (performed and\n"
    "logged as usual, then answered 502 or 504 with a gateway's HTML page). A faulted request\n"
    "changes nothing, but slow and the gateway faults.\n"
    "Requests over 64 KiB are refused; a client silent for 5 s is disconnected. SIGTERM or\n"
    "SIGINT stops it at once; a slow answer still waiting gets a 503, nothing performed.";

bool read_config(const std::string& path, Options& options) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string setting;
        std::string value;
        if (!(words >> setting) || setting[0] == '#') continue;
        if (!(words >> value)) return false;
        if (setting == "api_key") {
            options.api_keys.insert(value);
        } else if (setting == "client") {
            std::string secret;
            if (!(words >> secret)) return false;
            options.clients[value] = secret;
        } else if (setting == "user") {
            options.users.insert(value);
        } else {
            return false;
        }
    }
    return true;
}

/// The fault names given with one option, in order, as faults.
std::vector<Fault> faults_named(const std::vector<std::string>& names) {
    std::vector<Fault> faults;
    for (const std::string& name : names) {
        const auto found = faults_by_name.find(name);
        if (found != faults_by_name.end()) faults.push_back(found->second);
    }
    return faults;
}

/// What the command line holds beside the server's options: the files and fault names it names.
struct CommandLine {
    std::string config_path;
    std::vector<std::string> faults;
    std::vector<std::string> token_faults;
};

/// Declares the server's options on `app`, bound to `options` and `given`.
void add_options(CLI::App& app, Options& options, CommandLine& given) {
    const long year = 366L * 24 * 3600;
    const long hour_ms = 3600L * 1000;
    app.add_option("--config", given.config_path,
                   "lines `api_key KEY`, `client ID SECRET`, `user EMAIL`; # comments")
        ->type_name("PATH")
        ->required()
        ->check(CLI::ExistingFile);
    app.add_flag("--fold-case", options.fold_case,
                 "match addresses ignoring ASCII letter case (default: exactly, as OneLogin "
                 "does)");
    app.add_option("--port", options.port,
                   "the port (default: any free one, printed as `listening on URL`)")
        ->type_name("N")
        ->check(CLI::Range(0, 65535));
    app.add_option("--log", options.log_path,
                   "one JSON line per request, secrets masked (default: standard error)")
        ->type_name("FILE");
    app.add_option("--rate-limit", options.rate_limit, "API /1 calls per window; past it, 429")
        ->type_name("N")
        ->check(CLI::Range(0L, 1'000'000'000L))
        ->capture_default_str();
    app.add_option("--rate-window-seconds", options.window_seconds, "the rate limit's window")
        ->type_name("N")
        ->check(CLI::Range(1L, year))
        ->capture_default_str();
    app.add_option("--token-seconds", options.token_seconds,
                   "how long a token lasts (as OneLogin's)")
        ->type_name("N")
        ->check(CLI::Range(1L, year))
        ->capture_default_str();
    std::vector<std::string> fault_names;
    for (const auto& fault : faults_by_name) fault_names.push_back(fault.first);
    app.add_option("--fault", given.faults, "faults for the invite calls, taken in turn")
        ->type_name("MODE,...")
        ->delimiter(',')
        ->check(CLI::IsMember(fault_names));
    app.add_option("--token-fault", given.token_faults, "the same faults for the token exchange")
        ->type_name("MODE,...")
        ->delimiter(',')
        ->check(CLI::IsMember(fault_names));
    app.add_option("--fault-attempts", options.fault_attempts,
                   "fault only the first N requests for each address (or client id)")
        ->type_name("N")
        ->check(CLI::Range(0L, 1'000'000'000L));
    app.add_option("--fault-percent", options.fault_percent,
                   "fault only P percent of the addresses (the same ones every run)")
        ->type_name("P")
        ->check(CLI::Range(0L, 100L));
    app.add_option("--slow-ms", options.slow_ms, "how late slow answers come")
        ->type_name("N")
        ->check(CLI::Range(0L, hour_ms))
        ->capture_default_str();
    app.add_option("--token-slow-ms", options.token_slow_ms, "how late every token answer comes")
        ->type_name("N")
        ->check(CLI::Range(0L, hour_ms))
        ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CommandLine given;
    CLI::App app(description, "onelogin_server");
    app.footer(footer);
    add_options(app, options, given);
    if (const auto status = command_line::parse(app, argc, argv)) return *status;
    if (!read_config(given.config_path, options)) {
        return command_line::usage_error(app,
                                         "cannot read the config file '" + given.config_path + "'");
    }
    options.faults = faults_named(given.faults);
    options.token_faults = faults_named(given.token_faults);

    // Signals go to the thread that waits for them; a dropped connection must not kill us.
    std::signal(SIGPIPE, SIG_IGN);
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    InviteServer invites(options);
    httplib::Server server;
    server.new_task_queue = [] { return new httplib::ThreadPool(128); };
    server.set_tcp_nodelay(true);              // headers and body go out in separate writes
    server.set_keep_alive_max_count(1000);     // clients reuse connections; do not close every 5
    server.set_payload_max_length(64 * 1024);  // OneLogin's requests are under 1 KiB
    server.set_read_timeout(5, 0);             // a client that stops sending is let go
    server.set_write_timeout(5, 0);
    const auto invite = [&invites](bool api1, bool link) {
        return
            [&invites, api1, link](const httplib::Request& request, httplib::Response& response) {
                invites.handle_invite(request, response, api1, link);
            };
    };
    server.Post("/api/v3/invites/send_invite_link", invite(false, false));
    server.Post("/api/v3/invites/get_invite_link", invite(false, true));
    server.Post("/api/1/invites/send_invite_link", invite(true, false));
    server.Post("/api/1/invites/get_invite_link", invite(true, true));
    server.Post("/auth/oauth2/v2/token",
                [&invites](const httplib::Request& request, httplib::Response& response) {
                    invites.handle_token(request, response);
                });
    server.Post("/auth/oauth2/revoke",
                [&invites](const httplib::Request& request, httplib::Response& response) {
                    invites.handle_revoke(request, response);
                });
    server.Get("/auth/rate_limit",
               [&invites](const httplib::Request& request, httplib::Response& response) {
                   invites.handle_rate_limit(request, response);
               });
    // cpp-httplib listens with a backlog of 5 (compiled into Debian's library), below the 8
    // requests bulk_invite keeps in flight by default: a connection past it waits a second for
    // its SYN to be sent again. The listening socket is noted when made, and its backlog raised
    // above any concurrency the clients allow once it listens.
    int listening_socket = -1;
    server.set_socket_options([&listening_socket](int socket) {
        httplib::default_socket_options(socket);
        listening_socket = socket;
    });
    const int port = options.port > 0
                         ? (server.bind_to_port("127.0.0.1", options.port) ? options.port : -1)
                         : server.bind_to_any_port("127.0.0.1");
    if (port <= 0) {
        std::fprintf(stderr, "onelogin_server: cannot listen on 127.0.0.1:%d\n", options.port);
        return 1;
    }
    if (listening_socket < 0 || ::listen(listening_socket, 256) != 0) {
        std::fprintf(stderr, "onelogin_server: cannot raise the listen backlog\n");
        return 1;
    }
    std::printf("listening on http://127.0.0.1:%d\n", port);
    std::fflush(stdout);

    std::promise<void> listening;
    std::future<void> listening_ended = listening.get_future();
    std::thread listener([&server, &listening] {
        server.listen_after_bind();
        listening.set_value();
    });
    int received = 0;
    sigwait(&stop_signals, &received);
    invites.stop();  // the slow answers waiting are answered 503 at once
    server.stop();
    // Answers being written get half a second; then the connections still open are shut.
    if (listening_ended.wait_for(std::chrono::milliseconds(500)) != std::future_status::ready) {
        shut_connections();
    }
    listener.join();
    return 0;
}
