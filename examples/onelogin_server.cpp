// A local stand-in for OneLogin's v3 Send Invite Link endpoint: a test double to run your own
// integration against, since the real one sends real email. It listens on 127.0.0.1 only.
//
//   onelogin_v3_server --config FILE [--port N] [--log FILE]
//                      [--fault MODE[,MODE...]] [--fault-attempts N] [--fault-percent P]
//                      [--slow-ms N]
//
// The config file has one setting a line: `api_key KEY` (a key it accepts) or `user EMAIL`
// (an address that has an account); `#` starts a comment.
//
// It answers as OneLogin documents: 200 JSON naming the address the email went to
// (personal_email when given, else email); 400 XML for a missing or unknown API key; 400 JSON
// "No User exists for input email" for an unknown address; a 400 JSON error envelope for a body
// that is not a JSON object or has no email.
//
// Faults, for testing clients: html502 (a proxy's HTML page), drop (the connection is closed
// with no answer), slow (the answer comes --slow-ms late), 429 (rate limited), truncated (the
// connection closes halfway through the body). With --fault, every request gets one, the modes
// taken in turn; --fault-attempts N limits them to the first N requests for each address, and
// --fault-percent P to P% of the addresses (chosen by a hash, so the same ones every run).
// A faulted request changes nothing (but slow, which answers late and in full), so a client that
// retries it invites nobody twice.
//
// Every request is logged as one JSON line (--log FILE, else standard error) with the API key
// masked, so tests can check what a client sent.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <pthread.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

enum class Fault { html502, drop, slow, too_many_requests, truncated };

std::optional<Fault> fault_from_name(const std::string& name) {
    if (name == "html502") return Fault::html502;
    if (name == "drop") return Fault::drop;
    if (name == "slow") return Fault::slow;
    if (name == "429") return Fault::too_many_requests;
    if (name == "truncated") return Fault::truncated;
    return std::nullopt;
}

const char* fault_name(Fault fault) {
    switch (fault) {
        case Fault::html502: return "html502";
        case Fault::drop: return "drop";
        case Fault::slow: return "slow";
        case Fault::too_many_requests: return "429";
        case Fault::truncated: return "truncated";
    }
    return "?";
}

struct Options {
    std::set<std::string> api_keys;
    std::set<std::string> users;
    std::vector<Fault> faults;
    long fault_attempts = -1;  // every attempt
    long fault_percent = 100;
    long slow_ms = 2000;
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

// The key as a log may show it: its last four characters, when it is long enough to spare them.
std::string mask_key(const std::string& key) {
    if (key.empty()) return "";
    return key.size() >= 12 ? "****" + key.substr(key.size() - 4) : "****";
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

class InviteServer {
public:
    explicit InviteServer(Options options) : options_(std::move(options)) {
        if (!options_.log_path.empty()) log_file_.open(options_.log_path, std::ios::app);
    }

    void handle(const httplib::Request& request, httplib::Response& response) {
        const auto body = nlohmann::json::parse(request.body, nullptr, false);
        const auto text = [&body](const char* name) -> std::string {
            if (!body.is_object()) return "";
            const auto member = body.find(name);
            return member != body.end() && member->is_string() ? member->get<std::string>() : "";
        };
        const std::string api_key = text("api_key");
        const std::string email = text("email");
        const std::string personal_email = text("personal_email");

        nlohmann::json entry = {{"path", request.path},
                                {"api_key", mask_key(api_key)},
                                {"email", email},
                                {"personal_email", personal_email}};
        const std::optional<Fault> fault = next_fault(email);
        if (fault) entry["fault"] = fault_name(*fault);
        if (fault && *fault != Fault::slow) {
            inject(*fault, request, response, email);
            entry["status"] = response.status;
            log(std::move(entry));
            return;
        }
        if (fault) std::this_thread::sleep_for(std::chrono::milliseconds(options_.slow_ms));

        std::string outcome;
        if (!body.is_object()) {
            answer_json(response, 400,
                        status_envelope("bad request", "Input JSON is not valid", true, 400));
            outcome = "invalid_json";
        } else if (options_.api_keys.count(api_key) == 0) {
            response.status = 400;
            response.set_content(invalid_key_xml, "application/xml");
            outcome = "invalid_api_key";
        } else if (email.empty()) {
            answer_json(response, 400,
                        status_envelope("bad request", "Email Parameter is missing", true, 400));
            outcome = "email_missing";
        } else if (options_.users.count(email) == 0) {
            answer_json(
                response, 400,
                status_envelope("bad request", "No User exists for input email", true, 400));
            outcome = "no_such_user";
        } else {
            const std::string recipient = personal_email.empty() ? email : personal_email;
            answer_json(
                response, 200,
                status_envelope("success", "Email sent successfully to " + recipient, false, 200));
            outcome = "sent";
            entry["sent_to"] = recipient;
        }
        entry["outcome"] = outcome;
        entry["status"] = response.status;
        log(std::move(entry));
    }

private:
    static void answer_json(httplib::Response& response, int status, const std::string& body) {
        response.status = status;
        response.set_content(body, "application/json");
    }

    // The fault this request gets, if any, by the --fault options.
    std::optional<Fault> next_fault(const std::string& email) {
        if (options_.faults.empty()) return std::nullopt;
        if (static_cast<long>(fnv1a(email) % 100) >= options_.fault_percent) return std::nullopt;
        std::lock_guard<std::mutex> lock(mutex_);
        const long attempt = ++attempts_[email];
        if (options_.fault_attempts >= 0 && attempt > options_.fault_attempts) return std::nullopt;
        return options_.faults[faults_injected_++ % options_.faults.size()];
    }

    void inject(Fault fault, const httplib::Request& request, httplib::Response& response,
                const std::string& email) {
        switch (fault) {
            case Fault::html502:
                response.status = 502;
                response.set_content(bad_gateway_html, "text/html");
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
            case Fault::truncated: {
                // The whole length is promised, half of it is sent, then the connection closes.
                const std::string body =
                    status_envelope("success", "Email sent successfully to " + email, false, 200);
                response.status = 200;
                response.set_content_provider(
                    body.size(), "application/json",
                    [body](std::size_t, std::size_t, httplib::DataSink& sink) {
                        sink.write(body.data(), body.size() / 2);
                        return false;
                    });
                break;
            }
            case Fault::slow: break;
        }
    }

    void log(nlohmann::json entry) {
        std::lock_guard<std::mutex> lock(mutex_);
        entry["seq"] = ++sequence_;
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
    std::size_t faults_injected_ = 0;
    long sequence_ = 0;
    std::ofstream log_file_;
};

const char* const usage =
    "usage: onelogin_v3_server --config FILE [--port N] [--log FILE]\n"
    "                          [--fault MODE[,MODE...]] [--fault-attempts N] [--fault-percent P]\n"
    "                          [--slow-ms N]\n"
    "Fault modes: html502, drop, slow, 429, truncated. See the top of onelogin_v3_server.cpp.\n";

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
        } else if (setting == "user") {
            options.users.insert(value);
        } else {
            return false;
        }
    }
    return true;
}

bool parse_faults(const std::string& list, std::vector<Fault>& faults) {
    std::istringstream names(list);
    std::string name;
    while (std::getline(names, name, ',')) {
        const auto fault = fault_from_name(name);
        if (!fault) return false;
        faults.push_back(*fault);
    }
    return !faults.empty();
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    std::string config_path;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        bool ok = has_value;
        if (arg == "--config" && has_value) {
            config_path = argv[++i];
        } else if (arg == "--port" && has_value) {
            options.port = std::atoi(argv[++i]);
        } else if (arg == "--log" && has_value) {
            options.log_path = argv[++i];
        } else if (arg == "--fault" && has_value) {
            ok = parse_faults(argv[++i], options.faults);
        } else if (arg == "--fault-attempts" && has_value) {
            options.fault_attempts = std::atol(argv[++i]);
        } else if (arg == "--fault-percent" && has_value) {
            options.fault_percent = std::atol(argv[++i]);
        } else if (arg == "--slow-ms" && has_value) {
            options.slow_ms = std::atol(argv[++i]);
        } else {
            ok = false;
        }
        if (!ok) {
            std::fputs(usage, stderr);
            return 2;
        }
    }
    if (config_path.empty() || !read_config(config_path, options)) {
        std::fprintf(stderr, "onelogin_v3_server: cannot read the config file '%s'\n%s",
                     config_path.c_str(), usage);
        return 2;
    }

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
    server.set_tcp_nodelay(true);           // headers and body go out in separate writes
    server.set_keep_alive_max_count(1000);  // clients reuse connections; do not close every 5
    server.Post("/api/v3/invites/send_invite_link",
                [&invites](const httplib::Request& request, httplib::Response& response) {
                    invites.handle(request, response);
                });
    const int port = options.port > 0
                         ? (server.bind_to_port("127.0.0.1", options.port) ? options.port : -1)
                         : server.bind_to_any_port("127.0.0.1");
    if (port <= 0) {
        std::fprintf(stderr, "onelogin_v3_server: cannot listen on 127.0.0.1:%d\n", options.port);
        return 1;
    }
    std::printf("listening on http://127.0.0.1:%d\n", port);
    std::fflush(stdout);

    std::thread listener([&server] { server.listen_after_bind(); });
    int received = 0;
    sigwait(&stop_signals, &received);
    server.stop();
    listener.join();
    return 0;
}
