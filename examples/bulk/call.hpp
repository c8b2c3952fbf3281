// The call every row of a bulk_invite run makes, chosen once from the settings: how a row's
// request is built and how the answer to it is judged. The only place the four calls are told
// apart.
#pragma once

#include "people_csv.hpp"
#include "settings.hpp"
#include "verdict.hpp"

#include <onelogin/invite.hpp>

#include <functional>
#include <string>
#include <utility>
#include <variant>

namespace bulk {

/// What the transport gave for one request.
using Answer = std::variant<onelogin::HttpResponse, onelogin::TransportError>;

/// One call, ready for every row: its request builder and its judge.
struct RowCall {
    /// The request for a person, with `token` for API /1 (ignored by v3); an InvalidRequest
    /// naming the field when the library refuses it.
    std::function<std::variant<onelogin::HttpRequest, onelogin::InvalidRequest>(
        const Person& person, const std::string& token)>
        build;
    /// What an answer means for the row, read as the call's outcome.
    std::function<Verdict(const Answer& answer)> judge;
};

/// A RowCall from a request builder and the call's parse function, whose result is `Outcome`
/// (named at the call: a parse function is a template in header-only mode, so it is not deduced).
template <typename Outcome, typename Build>
RowCall row_call(Build build, Outcome (*parse)(std::string_view, std::optional<int>)) {
    return RowCall{std::move(build),
                   [parse](const Answer& answer) { return judge_as<Outcome>(answer, parse); }};
}

/// The call `settings` chose, bound to its endpoint and credential. `settings` must outlive it.
inline RowCall row_call_for(const Settings& settings) {
    namespace v3 = onelogin::v3;
    namespace api1 = onelogin::api1;
    switch (settings.call) {
        case Call::api1_links:
            return row_call<api1::GenerateInviteOutcome>(
                [&settings](const Person& person, const std::string& token) {
                    return api1::make_generate_invite_request({token, person.email},
                                                              settings.api1_endpoint);
                },
                &api1::parse_generate_invite_response);
        case Call::api1_send:
            return row_call<api1::SendInviteOutcome>(
                [&settings](const Person& person, const std::string& token) {
                    return api1::make_send_invite_request(
                        {token, person.email, person.personal_email}, settings.api1_endpoint);
                },
                &api1::parse_send_invite_response);
        case Call::v3_links:
            return row_call<v3::GenerateInviteOutcome>(
                [&settings](const Person& person, const std::string& /*token*/) {
                    return v3::make_generate_invite_request({settings.api_key, person.email},
                                                            settings.endpoint);
                },
                &v3::parse_generate_invite_response);
        case Call::v3_send: break;
    }
    return row_call<v3::SendInviteOutcome>(
        [&settings](const Person& person, const std::string& /*token*/) {
            return v3::make_send_invite_request(
                {settings.api_key, person.email, person.personal_email}, settings.endpoint);
        },
        &v3::parse_send_invite_response);
}

}  // namespace bulk
