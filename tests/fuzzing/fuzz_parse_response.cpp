// Fuzzes parse_send_invite_response with any bytes and any status. Checks that it always returns,
// that the same input always gives the same outcome, and that the outcome holds only what the body
// said; and parse_generate_invite_response, which shares the rules; and API /1's parsers and the
// token parser, each against v3's reading of the same body; and the Revoke Token and Get Rate
// Limit parsers against the token exchange's and Send Invite Link's. The body's lines, read as
// headers, go through read_rate_limit, and every outcome through retry_advice. Input: one byte for
// the status (0: none given, else 100 + 2 * byte), then the body.
#include <onelogin/invite.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <vector>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace {

using namespace onelogin::v3;

void require(bool condition) {
    if (!condition) std::abort();
}

bool is_utf8(std::string_view text) {
    return onelogin::detail::find_invalid_utf8(text) == onelogin::detail::npos;
}

// What an outcome keeps of a body: all of it, up to the size cap.
std::string_view kept(std::string_view body) {
    return body.substr(0, ONELOGIN_INVITE_MAX_BODY_BYTES);
}

// Every field of an outcome, flattened, so two outcomes can be compared.
std::string fingerprint(const SendInviteOutcome& outcome) {
    const auto status = [](const std::optional<int>& value) {
        return value ? std::to_string(*value) : "-";
    };
    return std::to_string(outcome.index()) + "|" +
           std::visit(
               [&status](const auto& r) -> std::string {
                   using T = std::decay_t<decltype(r)>;
                   if constexpr (std::is_same_v<T, InviteSent>)
                       return r.message + "|" + r.recipient;
                   if constexpr (std::is_same_v<T, InvalidApiKey>) return r.message + "|" + r.code;
                   if constexpr (std::is_same_v<T, NoSuchUser>) return r.message;
                   if constexpr (std::is_same_v<T, ApiError>)
                       return status(r.http_status) + "|" +
                              (r.status_code ? std::to_string(*r.status_code) : "-") + "|" +
                              r.type + "|" + r.message + "|" + r.attribute + "|" + r.error_code +
                              "|" + r.body;
                   if constexpr (std::is_same_v<T, RateLimited>)
                       return status(r.http_status) + "|" + r.message + "|" + r.body;
                   if constexpr (std::is_same_v<T, MalformedResponse>)
                       return status(r.http_status) + "|" +
                              std::to_string(static_cast<int>(r.reason)) + "|" + r.detail + "|" +
                              (r.offset ? std::to_string(*r.offset) : "-") + "|" + r.body;
               },
               outcome);
}

// Advice is never to wait without retrying, nor to retry at once but with a new token; and for a
// call that emails a person, a body that may hide a sent invite (a 2xx, or no status) is never
// "send it again".
template <typename Outcome>
void check_advice(const Outcome& outcome, const onelogin::RateLimit& limits) {
    const onelogin::RetryAdvice advice = onelogin::retry_advice(outcome, limits);
    require(!advice.why.empty());
    if (advice.retry == onelogin::Retry::later || advice.retry == onelogin::Retry::check_first) {
        require(advice.after.count() >= 1);
    } else {
        require(advice.after.count() == 0);
    }
    if (const auto* malformed = std::get_if<onelogin::MalformedResponse>(&outcome)) {
        const auto status = malformed->http_status;
        const bool may_be_done = !status || (*status >= 200 && *status <= 299);
        if (onelogin::emails_a_person<Outcome>::value && may_be_done) {
            require(advice.retry == onelogin::Retry::check_first);
        }
        if (!onelogin::emails_a_person<Outcome>::value) {
            require(advice.retry != onelogin::Retry::check_first);
        }
    }
}

// True when `outcome` holds a T, for any T (std::holds_alternative wants one of its alternatives).
template <typename T, typename... Ts>
bool holds(const std::variant<Ts...>& outcome) {
    return std::visit(
        [](const auto& held) { return std::is_same_v<std::decay_t<decltype(held)>, T>; }, outcome);
}

// The printed form is one line of UTF-8 without control characters, whatever the body held, and
// the two first questions agree with the outcome itself.
template <typename Outcome>
void check_printed(const Outcome& outcome, std::optional<int> status) {
    const std::string printed = onelogin::to_string(outcome);
    require(!printed.empty() && is_utf8(printed));
    std::size_t pos = 0;
    char32_t c = 0;
    while (pos < printed.size() && onelogin::detail::decode_utf8(printed, pos, c))
        require(!onelogin::detail::is_control(c) && !onelogin::detail::is_invisible_layout(c));
    require(pos == printed.size());
    const bool success = holds<InviteSent>(outcome) || holds<InviteLink>(outcome) ||
                         holds<onelogin::api1::AccessToken>(outcome) ||
                         holds<onelogin::TokenRevoked>(outcome) ||
                         holds<onelogin::RateLimitStatus>(outcome);
    require(onelogin::is_success(outcome) == success);
    const bool keeps_status = success || holds<RateLimited>(outcome) || holds<ApiError>(outcome) ||
                              holds<MalformedResponse>(outcome) ||
                              holds<onelogin::NoRoute>(outcome);
    require(onelogin::http_status(outcome) == (keeps_status ? status : std::nullopt));
    // A token prints the same whatever its secrets are: they are not in the text.
    std::visit(
        [&printed](const auto& held) {
            if constexpr (std::is_same_v<std::decay_t<decltype(held)>,
                                         onelogin::api1::AccessToken>) {
                onelogin::api1::AccessToken other = held;
                other.access_token = "other-access";
                other.refresh_token = "other-refresh";
                require(onelogin::to_string(other) == printed);
            }
        },
        outcome);
}

// The body's lines as headers: "name: value", split at the first colon.
std::vector<onelogin::HttpHeader> lines_as_headers(std::string_view body) {
    std::vector<onelogin::HttpHeader> headers;
    while (!body.empty()) {
        const std::size_t end = std::min(body.find('\n'), body.size());
        const std::string_view line = body.substr(0, end);
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
            headers.push_back(
                {std::string(line.substr(0, colon)), std::string(line.substr(colon + 1))});
        }
        body.remove_prefix(std::min(end + 1, body.size()));
    }
    return headers;
}

// API /1 reads a body as v3 does, but for the errors only one of them types.
template <typename Api1Outcome, typename V3Outcome>
void check_api1_agrees(const Api1Outcome& api1, const V3Outcome& v3, std::string_view body,
                       std::optional<int> status) {
    using namespace onelogin;
    if (const auto* malformed = std::get_if<MalformedResponse>(&api1)) {
        const auto* also = std::get_if<MalformedResponse>(&v3);
        require(also != nullptr && also->reason == malformed->reason &&
                also->detail == malformed->detail && also->offset == malformed->offset &&
                malformed->body == kept(body) && malformed->http_status == status);
    } else if (const auto* limited = std::get_if<RateLimited>(&api1)) {
        // A rate limit reads the same under every API.
        const auto* also = std::get_if<RateLimited>(&v3);
        require(also != nullptr && also->message == limited->message &&
                also->body == limited->body && limited->http_status == status);
        require(status == 429 || limited->message == "rate_limit_exceeded");
    } else if (std::holds_alternative<NoSuchUser>(api1)) {
        require(std::holds_alternative<NoSuchUser>(v3));
    } else if (const auto* refused = std::get_if<InvalidAccessToken>(&api1)) {
        // The documented 401, or any error that says 401.
        const auto* error = std::get_if<ApiError>(&v3);
        require(error != nullptr && error->message == refused->message);
        require(refused->message == "Authentication Failure" || error->http_status == 401 ||
                error->status_code == 401);
    } else if (const auto* bad = std::get_if<BadRequest>(&api1)) {
        require(!bad->message.empty() && std::holds_alternative<ApiError>(v3));
    } else if (const auto* error = std::get_if<ApiError>(&api1)) {
        require(error->body == body && error->http_status == status);
        require(std::holds_alternative<ApiError>(v3) || std::holds_alternative<InvalidApiKey>(v3));
    } else {
        require(api1.index() == 0 && v3.index() == 0);  // the success, read alike
    }
}

// A token call reads an error as `other`, a call of the same API with the same refusal, reads it:
// the same type, but for "No Route Exists" (NoRoute, where `other` keeps the ApiError) and "No
// User exists for input email" (an invite call's NoSuchUser: an ApiError for a token call, or its
// refusal when the error also says 401).
template <typename Outcome, typename Other>
void check_reads_errors_like(const Outcome& outcome, const Other& other, std::string_view body,
                             std::optional<int> status) {
    using namespace onelogin;
    if (is_success(outcome)) return;
    if (const auto* malformed = std::get_if<MalformedResponse>(&outcome)) {
        require(malformed->body == kept(body) && malformed->http_status == status &&
                !malformed->detail.empty() && is_utf8(malformed->detail));
        return;
    }
    if (const auto* missing = std::get_if<NoRoute>(&outcome)) {
        const auto* error = std::get_if<ApiError>(&other);
        require(missing->message == "No Route Exists" && missing->http_status == status);
        require(error != nullptr && error->message == missing->message);
        return;
    }
    if (holds<NoSuchUser>(other)) {
        require(holds<ApiError>(outcome) || holds<InvalidAccessToken>(outcome) ||
                holds<InvalidClientCredentials>(outcome));
        return;
    }
    std::visit([&other](const auto& held) { require(holds<std::decay_t<decltype(held)>>(other)); },
               outcome);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::optional<int> status =
        data[0] == 0 ? std::nullopt : std::optional<int>(100 + 2 * data[0]);
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);

    const SendInviteOutcome outcome = parse_send_invite_response(body, status);
    require(fingerprint(outcome) == fingerprint(parse_send_invite_response(body, status)));

    if (const auto* sent = std::get_if<InviteSent>(&outcome)) {
        require(is_utf8(sent->message));
        const std::string_view prefix = "Email sent successfully to ";
        require(sent->recipient.empty() ||
                (sent->message.size() == prefix.size() + sent->recipient.size() &&
                 sent->message.compare(0, prefix.size(), prefix) == 0 &&
                 sent->message.compare(prefix.size(), std::string::npos, sent->recipient) == 0));
    } else if (const auto* invalid = std::get_if<InvalidApiKey>(&outcome)) {
        require(invalid->code == "invalid_or_missing_api_key" && is_utf8(invalid->message));
    } else if (const auto* nobody = std::get_if<NoSuchUser>(&outcome)) {
        require(nobody->message == "No User exists for input email");
    } else if (const auto* error = std::get_if<ApiError>(&outcome)) {
        require(error->body == body && error->http_status == status);
        require(is_utf8(error->message) && is_utf8(error->type) && is_utf8(error->error_code) &&
                is_utf8(error->attribute));
        require(status != 429 && error->message != "rate_limit_exceeded");
    } else if (const auto* limited = std::get_if<RateLimited>(&outcome)) {
        require(status == 429 || limited->message == "rate_limit_exceeded");
        require(limited->http_status == status && limited->body == kept(body));
    } else if (const auto* malformed = std::get_if<MalformedResponse>(&outcome)) {
        require(malformed->body == kept(body) && malformed->http_status == status && status != 429);
        require(!malformed->detail.empty() && is_utf8(malformed->detail));
        require(!malformed->offset || *malformed->offset <= body.size());
    }

    // A NUL byte or invalid UTF-8 is named as such, whichever reader met it first.
    const std::string_view text = body.substr(body.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    if (body.size() <= ONELOGIN_INVITE_MAX_BODY_BYTES && status != 429 &&
        (text.find('\0') != std::string_view::npos || !is_utf8(text))) {
        const auto* malformed = std::get_if<MalformedResponse>(&outcome);
        require(malformed != nullptr &&
                (malformed->reason == onelogin::MalformedReason::nul_byte ||
                 malformed->reason == onelogin::MalformedReason::not_utf8 ||
                 malformed->reason == onelogin::MalformedReason::other_encoding));
    }

    // Generate Invite Link reads by the same rules: the same answer, but for the success.
    const GenerateInviteOutcome generated = parse_generate_invite_response(body, status);
    if (const auto* link = std::get_if<InviteLink>(&generated)) {
        require(!link->link.empty() && is_utf8(link->link) && is_utf8(link->message));
    } else if (const auto* malformed = std::get_if<MalformedResponse>(&generated)) {
        require(malformed->body == kept(body) && malformed->http_status == status &&
                !malformed->detail.empty());
    } else {
        require(generated.index() == outcome.index());  // the same error as Send Invite Link's
    }

    // API /1: the same reading, with its own error types.
    const auto api1_sent = onelogin::api1::parse_send_invite_response(body, status);
    check_api1_agrees(api1_sent, outcome, body, status);
    if (const auto* sent = std::get_if<InviteSent>(&api1_sent)) {
        const auto* also = std::get_if<InviteSent>(&outcome);
        require(also != nullptr && also->message == sent->message &&
                also->recipient == sent->recipient);
    }
    const auto api1_link = onelogin::api1::parse_generate_invite_response(body, status);
    check_api1_agrees(api1_link, generated, body, status);
    if (const auto* link = std::get_if<InviteLink>(&api1_link)) {
        require(std::get_if<InviteLink>(&generated)->link == link->link);
    }

    // The token exchange: a token, or the error /1 reads from the same envelope.
    const auto token = onelogin::api1::parse_token_response(body, status);
    if (const auto* issued = std::get_if<onelogin::api1::AccessToken>(&token)) {
        require(!issued->access_token.empty() && issued->expires_in >= 0 &&
                (!issued->account_id || *issued->account_id >= 0));
        require(is_utf8(issued->access_token) && is_utf8(issued->created_at) &&
                is_utf8(issued->refresh_token) && is_utf8(issued->token_type));
    } else if (const auto* malformed = std::get_if<MalformedResponse>(&token)) {
        require(malformed->body == kept(body) && malformed->http_status == status &&
                !malformed->detail.empty() && is_utf8(malformed->detail));
    } else if (std::holds_alternative<onelogin::InvalidClientCredentials>(token)) {
        // The same refusal, unless the invite call reads the message as no such user (the token
        // exchange names no user).
        require(std::holds_alternative<onelogin::InvalidAccessToken>(api1_sent) ||
                std::holds_alternative<NoSuchUser>(api1_sent));
    } else if (std::holds_alternative<RateLimited>(token)) {
        require(std::holds_alternative<RateLimited>(api1_sent));
    } else if (const auto* bad = std::get_if<onelogin::BadRequest>(&token)) {
        const auto* also = std::get_if<onelogin::BadRequest>(&api1_sent);
        require(also != nullptr && also->reason == bad->reason && also->message == bad->message);
    } else {
        const auto* error = std::get_if<ApiError>(&token);
        require(error != nullptr && error->body == body && error->http_status == status);
    }

    // Revoke Token reads errors as the token exchange does (the same refusal); Get Rate Limit as
    // Send Invite Link does (the same bearer token).
    const auto revoked = onelogin::api1::parse_revoke_token_response(body, status);
    check_reads_errors_like(revoked, token, body, status);
    if (const auto* done = std::get_if<onelogin::TokenRevoked>(&revoked)) {
        require(is_utf8(done->message) && done->http_status == status);
    }
    const auto limit = onelogin::api1::parse_rate_limit_response(body, status);
    check_reads_errors_like(limit, api1_sent, body, status);
    if (const auto* counted = std::get_if<onelogin::RateLimitStatus>(&limit)) {
        require(counted->limit >= 0 && counted->remaining >= 0 && counted->reset >= 0 &&
                counted->reset <= ONELOGIN_INVITE_MAX_WAIT_SECONDS);
    }

    // A fixed clock, so that a Retry-After date reads the same on every run.
    const std::chrono::system_clock::time_point now{std::chrono::seconds(1445412480)};
    const onelogin::RateLimit limits = onelogin::read_rate_limit(lines_as_headers(body), now);
    for (const auto& value : {limits.limit, limits.remaining, limits.reset, limits.retry_after}) {
        require(!value || (*value >= 0 && *value < 1000000000000000000LL));
    }
    if (limits.retry_after) require(*limits.retry_after <= ONELOGIN_INVITE_MAX_WAIT_SECONDS);
    check_advice(outcome, limits);
    check_advice(api1_sent, limits);
    check_advice(token, limits);
    check_advice(revoked, limits);
    check_advice(limit, limits);
    check_printed(outcome, status);
    check_printed(revoked, status);
    check_printed(limit, status);
    check_printed(api1_sent, status);
    check_printed(token, status);
    return 0;
}
