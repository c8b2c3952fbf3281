// bulk_invite's API /1 access token: kept, renewed before it expires and once when refused, with
// the token exchange on a thread of its own so that no answer waits on it.
#pragma once

#include "settings.hpp"
#include "verdict.hpp"

#include <onelogin/invite.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <string>
#include <utility>
#include <vector>

namespace bulk {

/// API /1's access token: from ONELOGIN_ACCESS_TOKEN or the token exchange, renewed a minute
/// before it expires, and once after the server refuses it. The exchange runs on a thread of its
/// own, so that the requests out keep being read while it waits; an exchange that fails on the
/// way (no answer, a 429, a 5xx) is tried again a few times, then the run stops as a run error.
class TokenKeeper {
public:
    using Clock = std::chrono::steady_clock;

    /// What a token exchange gives; it runs on a thread of its own.
    using Exchange = std::function<onelogin::api1::TokenResult()>;

    /// Keeps the token of `settings`, getting new ones through `exchange`.
    TokenKeeper(const Settings& settings, Exchange exchange)
        : settings_(settings),
          exchange_(std::move(exchange)),
          token_(settings.api1_credentials.access_token) {}
    TokenKeeper(const TokenKeeper&) = delete;
    TokenKeeper& operator=(const TokenKeeper&) = delete;

    /// The token to send with now; nullptr while a new one is being fetched (or none can be
    /// had: see failed()). Starts a fetch when there is no token or it is about to expire.
    const std::string* current() {
        collect();
        if (failure_ != Failure::none) return nullptr;
        const auto now = Clock::now();
        if ((token_.empty() || now >= renew_at_) && !fetching_.valid() && now >= next_try_) {
            if (!has_client()) {
                if (token_.empty())
                    fail(Failure::refused,
                         "the access token was refused and "
                         "there are no client credentials to "
                         "get another");
            } else {
                fetch();
            }
        }
        if (token_.empty() || now >= expires_at_) return nullptr;
        return &token_;
    }

    /// The server refused `refused`: get a new token, once per token. False when there is no
    /// way to (no client credentials, or a fresh token was refused).
    bool renew_after_refusal(const std::string& refused) {
        if (refused != token_) return true;  // renewed already, or being renewed
        if (fresh_ || !has_client()) return false;
        token_.clear();
        return true;
    }

    /// Every access token the exchange issued in this run, to be masked like the credentials.
    const std::vector<std::string>& issued() const { return issued_; }

    enum class Failure { none, refused, unreachable };
    Failure failed() const { return failure_; }
    const std::string& why() const { return why_; }

private:
    bool has_client() const { return !settings_.api1_credentials.client.client_id.empty(); }

    void fetch() { fetching_ = std::async(std::launch::async, exchange_); }

    /// Takes the fetch's result, when it is done.
    void collect() {
        if (!fetching_.valid() ||
            fetching_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            return;
        }
        const onelogin::api1::TokenResult result = fetching_.get();
        if (const auto* issued = std::get_if<onelogin::api1::AccessToken>(&result)) {
            token_ = issued->access_token;
            issued_.push_back(token_);
            fresh_ = true;
            failures_ = 0;
            const auto now = Clock::now();
            expires_at_ = now + std::chrono::seconds(std::max(0LL, issued->expires_in));
            renew_at_ = now + std::chrono::seconds(std::max(0LL, issued->expires_in - 60));
            return;
        }
        const std::string why =
            "getting a token: " + settings_.without_secrets(onelogin::to_string(result));
        const onelogin::RetryAdvice advice = onelogin::retry_advice(result);
        const std::optional<int> status = onelogin::http_status(result);
        if (status && reached_no_call(*status)) {
            fail(Failure::unreachable, why + " (is the base URL right?)");
        } else if (advice.retry != onelogin::Retry::later) {
            fail(Failure::refused, why);  // the credentials (or the request) were refused
        } else if (++failures_ >= 3) {
            fail(Failure::unreachable, why);
        } else {
            next_try_ =
                Clock::now() + std::max<Clock::duration>(advice.after, std::chrono::seconds(1));
        }
    }

    void fail(Failure failure, const std::string& why) {
        failure_ = failure;
        why_ = why;
    }

    const Settings& settings_;
    Exchange exchange_;
    std::string token_;
    std::vector<std::string> issued_;
    bool fresh_ = false;  // the token came from the exchange in this run
    Clock::time_point renew_at_ = Clock::time_point::max();
    Clock::time_point expires_at_ = Clock::time_point::max();
    Clock::time_point next_try_{};
    std::future<onelogin::api1::TokenResult> fetching_;
    int failures_ = 0;
    Failure failure_ = Failure::none;
    std::string why_;
};

}  // namespace bulk
