// bulk_invite's settings for one run: the call every row makes, the endpoint and the
// credentials, the limits; and the one rule for keeping those credentials out of anything the run
// writes or shows.
#pragma once

#include "../invite_cli.hpp"

#include <onelogin/invite.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace bulk {

/// The call every row of a run makes, chosen once.
enum class Call { v3_send, v3_links, api1_send, api1_links };

struct Settings {
    Call call = Call::v3_send;
    onelogin::v3::Endpoint endpoint;
    std::string api_key;
    onelogin::api1::Endpoint api1_endpoint;
    invite_cli::Api1Credentials api1_credentials;
    std::size_t concurrency = 8;
    int max_attempts = 5;
    long backoff_ms = 500;
    long timeout_ms = 30'000;
    bool resend_unknown = false;

    bool api1() const { return call == Call::api1_send || call == Call::api1_links; }

    /// `text` with every credential of the run, and each of `tokens` (the access tokens the run
    /// was issued), replaced by ****, for anything written or shown: a server or proxy that echoes
    /// the request must not put a secret in the results file.
    std::string without_secrets(std::string text,
                                const std::vector<std::string>& tokens = {}) const {
        std::vector<const std::string*> secrets = {&api_key, &api1_credentials.access_token,
                                                   &api1_credentials.client.client_secret};
        for (const std::string& token : tokens) secrets.push_back(&token);
        for (const std::string* secret : secrets) {
            if (secret->empty()) continue;
            // As sent, as JSON writes it, and as JSON writes that (an echo quoting the request's
            // JSON inside its own): a key with a quote or a backslash in it is written escaped.
            const std::string once = json_escaped(*secret);
            for (const std::string& form : {*secret, once, json_escaped(once)}) {
                for (std::size_t at = text.find(form); at != std::string::npos;
                     at = text.find(form, at + 4)) {
                    text.replace(at, form.size(), "****");
                }
            }
        }
        return text;
    }

    /// `text` as it stands between the quotes of a JSON string.
    static std::string json_escaped(const std::string& text) {
        const std::string quoted =
            nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return quoted.substr(1, quoted.size() - 2);
    }
};

}  // namespace bulk
