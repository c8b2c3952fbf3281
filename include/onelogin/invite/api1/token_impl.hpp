// onelogin-invite: the definitions of the token exchange functions.
#pragma once

#include <onelogin/invite/api1/shared_impl.hpp>
#include <onelogin/invite/api1/token.hpp>
#include <onelogin/invite/config.hpp>
#include <onelogin/invite/detail/json_reader.hpp>
#include <onelogin/invite/detail/status_envelope.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onelogin::api1 {

namespace detail_api1 {

/// A member of the token answer the library reads: its key and whether it is an integer (else a
/// string).
struct TokenMember {
    std::string_view key;
    bool integer;
};

/// The members, in the order of the bits that mark them seen.
inline constexpr std::array<TokenMember, 6> token_members{{
    {"access_token", false},
    {"created_at", false},
    {"expires_in", true},
    {"refresh_token", false},
    {"token_type", false},
    {"account_id", true},
}};

/// Reads the token answer in `text` (at `offset` in the body) into `token`. Sets `has_status` when
/// the object has a "status" member: then it is an error envelope, for detail::read_answer, and
/// the token members it lacks do not matter. Returns the problem, if any.
ONELOGIN_INVITE_INLINE std::optional<detail::BodyProblem> read_token(std::string_view text,
                                                                     std::size_t offset,
                                                                     AccessToken& token,
                                                                     bool& has_status) {
    detail::JsonReader reader(text, offset);
    detail::JsonToken next = reader.next();
    if (next != detail::JsonToken::object_begin && next != detail::JsonToken::error) {
        next = reader.fail_at(std::string("the JSON body is ") +
                                  detail::describe_json_token(next, reader.raw()) +
                                  ", expected an object",
                              std::nullopt);
    }
    unsigned seen = 0;
    while (next != detail::JsonToken::error) {
        next = reader.next();
        if (next != detail::JsonToken::key) break;
        if (reader.raw_equals("status")) has_status = true;
        std::size_t index = token_members.size();
        for (std::size_t i = 0; i < token_members.size(); ++i) {
            if (reader.raw_equals(token_members[i].key)) index = i;
        }
        next = reader.next();
        if (next == detail::JsonToken::error) break;
        if (index == token_members.size()) {
            if (!reader.skip(next)) next = detail::JsonToken::error;
            continue;
        }
        const TokenMember& member = token_members[index];
        const unsigned bit = 1u << index;
        if ((seen & bit) != 0) {
            next = reader.fail_at("duplicate key " + std::string(member.key), std::nullopt);
            break;
        }
        seen |= bit;
        const std::string_view kind = detail::describe_json_token(next, reader.raw());
        const std::string_view expected = member.integer ? "an integer" : "a string";
        if (kind != expected) {
            next = reader.fail_at(std::string(member.key) + " is " + std::string(kind) +
                                      ", expected " + std::string(expected),
                                  std::nullopt);
            break;
        }
        std::optional<long long> number;
        if (member.integer) {
            number = detail::json_integer(reader.raw());
            if (!number || *number < 0) {
                next = reader.fail_at(std::string(member.key) + " is out of range", std::nullopt);
                break;
            }
        }
        switch (index) {
            case 0: token.access_token = reader.decoded(); break;
            case 1: token.created_at = reader.decoded(); break;
            case 2: token.expires_in = *number; break;
            case 3: token.refresh_token = reader.decoded(); break;
            case 4: token.token_type = reader.decoded(); break;
            default: token.account_id = number;
        }
    }
    if (next != detail::JsonToken::error) next = reader.next();  // only the end may follow
    if (next != detail::JsonToken::end) return reader.problem();
    if (has_status) return std::nullopt;
    if ((seen & 1u) == 0 || token.access_token.empty()) {
        return detail::BodyProblem{"the token answer has no \"access_token\"", std::nullopt};
    }
    if ((seen & 4u) == 0) {
        return detail::BodyProblem{"the token answer has no \"expires_in\"", std::nullopt};
    }
    if ((seen & 16u) == 0) {
        return detail::BodyProblem{"the token answer has no \"token_type\"", std::nullopt};
    }
    return std::nullopt;
}

}  // namespace detail_api1

ONELOGIN_INVITE_INLINE std::variant<HttpRequest, InvalidRequest> make_token_request(
    const ClientCredentials& credentials, const Endpoint& endpoint) {
    if (auto refused = detail_api1::check_header_credential(credentials.client_id,
                                                            RequestField::client_id, true)) {
        return std::move(*refused);
    }
    if (auto refused = detail_api1::check_header_credential(credentials.client_secret,
                                                            RequestField::client_secret, true)) {
        return std::move(*refused);
    }
    if (auto refused = detail_api1::check_endpoint(endpoint)) return std::move(*refused);
    std::string authorization = "client_id:";
    authorization.append(credentials.client_id)
        .append(", client_secret:")
        .append(credentials.client_secret);
    const std::array<detail::JsonMember, 1> members{{{"grant_type", "client_credentials"}}};
    return detail::build_json_post(detail_api1::url_of(endpoint, token_path),
                                   std::move(authorization), members, 1);
}

ONELOGIN_INVITE_INLINE TokenOutcome parse_token_response(std::string_view body,
                                                         std::optional<int> http_status) {
    auto sniffed = detail::sniff_body(body);
    if (auto* problem = std::get_if<detail::BodyProblem>(&sniffed)) {
        return detail::malformed(body, http_status, std::move(*problem));
    }
    if (const auto& read = *std::get_if<detail::SniffedBody>(&sniffed);
        read.syntax == detail::BodySyntax::json) {
        AccessToken token;
        bool has_status = false;
        if (auto problem = detail_api1::read_token(read.text, read.offset, token, has_status)) {
            return detail::malformed(body, http_status, std::move(*problem));
        }
        if (!has_status) return token;
    }
    // An error: in the status envelope, or in XML (which the token exchange is not known to send).
    return detail::read_answer<TokenOutcome>(
        body, http_status, false,
        [&](detail::StatusEnvelope& /*status*/) -> TokenOutcome {
            return detail::malformed(
                body, http_status,
                detail::BodyProblem{"a status envelope that reports no error, where a token was "
                                    "expected",
                                    std::nullopt});
        },
        [](detail::XmlError& /*error*/) -> std::optional<TokenOutcome> { return std::nullopt; },
        [](detail::StatusEnvelope& status) -> std::optional<TokenOutcome> {
            if (status.message == detail_api1::authentication_failure) {
                return InvalidClientCredentials{std::move(status.message)};
            }
            if (auto refused = detail_api1::bad_request(status.message)) {
                return std::move(*refused);
            }
            return std::nullopt;
        });
}

}  // namespace onelogin::api1
