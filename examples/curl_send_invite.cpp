// Sends one invite with libcurl's easy interface, through OneLogin's v3 API or, with --api1,
// through API /1 (getting an access token first).
//
//   ONELOGIN_API_KEY=... curl_send_invite [options] EMAIL
//   ONELOGIN_CLIENT_ID=... ONELOGIN_CLIENT_SECRET=... curl_send_invite --api1 --subdomain NAME
//   EMAIL
//
// Prints the outcome in plain words and exits with a status per outcome (see invite_cli.hpp).
#include "curl_transport.hpp"
#include "invite_cli.hpp"

#include <onelogin/invite.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <variant>
#include <vector>

namespace {

const invite_cli::ProgramHelp help{
    "curl_send_invite",
    "Sends one invite with libcurl, through OneLogin's v3 API or, with --api1, through API /1.",
    "The v3 API key is read from the file given with --api-key-file, else from the environment\n"
    "variable ONELOGIN_API_KEY. With --api1, the client id is read from ONELOGIN_CLIENT_ID and\n"
    "the secret from --client-secret-file, else from ONELOGIN_CLIENT_SECRET; "
    "ONELOGIN_ACCESS_TOKEN,\n"
    "when set, is tried first (and replaced if refused). Never from the command line, which\n"
    "every local user can read."};

using Answer = std::variant<onelogin::HttpResponse, onelogin::TransportError>;

/// Sends requests with libcurl, keeping the last response's headers to show the rate limit after a
/// success too (the failures carry them in their outcome, for retry_advice).
struct CurlTransport {
    const invite_cli::ClientOptions& options;
    std::vector<onelogin::HttpHeader> last_headers;

    Answer operator()(const onelogin::HttpRequest& http) {
        if (options.print_curl) std::printf("%s\n", onelogin::to_curl_command(http).c_str());
        curl_transport::Transfer transfer;
        if (!curl_transport::prepare(transfer, http, 10'000, options.timeout_seconds * 1000)) {
            return onelogin::TransportError{"cannot start libcurl"};
        }
        Answer answer = curl_transport::finish(transfer, curl_easy_perform(transfer.easy));
        if (const auto* response = std::get_if<onelogin::HttpResponse>(&answer)) {
            last_headers = response->headers;
        }
        return answer;
    }
};

/// Prints what the rate-limit headers and the retry advice say, when they say anything.
template <typename Result>
void print_advice(const Result& result, const onelogin::RateLimit& limits) {
    if (limits.remaining && limits.limit) {
        std::printf("rate limit: %lld of %lld calls left", *limits.remaining, *limits.limit);
        if (limits.reset) std::printf(", resets in %lld s", *limits.reset);
        std::printf("\n");
    }
    const onelogin::RetryAdvice advice = onelogin::retry_advice(result);
    if (advice.retry == onelogin::Retry::later || advice.retry == onelogin::Retry::check_first) {
        std::printf("%s\n", onelogin::to_string(advice).c_str());
    }
}

/// API /1: a token (the given one, or a new one from the exchange), then the invite; if the token
/// is refused and there are client credentials, one new token and one more try.
int send_with_api1(const invite_cli::ClientOptions& options, CurlTransport& transport) {
    using namespace onelogin::api1;
    std::string error;
    auto credentials = invite_cli::read_api1_credentials(options.client_secret_file, error);
    if (!credentials) {
        std::fprintf(stderr, "curl_send_invite: %s\n", error.c_str());
        return invite_cli::exit_usage;
    }
    const Endpoint endpoint = options.subdomain.empty()
                                  ? Endpoint(BaseUrl{options.endpoint.base_url})
                                  : Endpoint(Subdomain{options.subdomain});
    const bool can_renew = !credentials->client.client_id.empty();
    bool renewed = false;
    SendInviteRequest request{credentials->access_token, options.request.email,
                              options.request.personal_email};
    while (true) {
        if (request.access_token.empty()) {
            TokenResult token = get_access_token(credentials->client, transport, endpoint);
            auto* issued = std::get_if<AccessToken>(&token);
            if (issued == nullptr) {
                const invite_cli::Report report = invite_cli::describe(token);
                std::printf("%s: getting a token: %s\n", options.request.email.c_str(),
                            report.words.c_str());
                return report.exit_status;
            }
            request.access_token = std::move(issued->access_token);
            renewed = true;
        }
        transport.last_headers.clear();
        const SendInviteResult result = send_invite(request, transport, endpoint);
        const RateLimit limits = read_rate_limit(transport.last_headers);
        if (retry_advice(result).retry == Retry::with_new_token && can_renew && !renewed) {
            std::printf("the access token was refused; getting a new one\n");
            request.access_token.clear();
            continue;
        }
        const invite_cli::Report report = invite_cli::describe(result);
        std::printf("%s: %s\n", options.request.email.c_str(), report.words.c_str());
        print_advice(result, limits);
        return report.exit_status;
    }
}

}  // namespace

int main(int argc, char** argv) {
    invite_cli::no_core_dumps();  // the process holds a credential
    auto read = invite_cli::read_client_options(argc, argv, help, true);
    if (const int* status = std::get_if<int>(&read)) return *status;
    const invite_cli::ClientOptions& options = *std::get_if<invite_cli::ClientOptions>(&read);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CurlTransport transport{options, {}};
    int status = 0;
    if (options.api1) {
        status = send_with_api1(options, transport);
    } else {
        const invite_cli::Report report = invite_cli::describe(
            onelogin::v3::send_invite(options.request, transport, options.endpoint));
        std::printf("%s: %s\n", options.request.email.c_str(), report.words.c_str());
        status = report.exit_status;
    }
    curl_global_cleanup();
    return status;
}
