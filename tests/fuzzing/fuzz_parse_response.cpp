// Fuzzes parse_send_invite_response with any bytes and any status. Checks that it always returns,
// that the same input always gives the same outcome, and that the outcome holds only what the body
// said; and parse_generate_invite_response, which shares the rules. Input: one byte for the status
// (0: none given, else 100 + 2 * byte), then the body.
#include <onelogin/invite.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
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
                              r.type + "|" + r.message + "|" + r.error_code + "|" + r.body;
                   if constexpr (std::is_same_v<T, MalformedResponse>)
                       return status(r.http_status) + "|" + r.detail + "|" +
                              (r.offset ? std::to_string(*r.offset) : "-") + "|" + r.body;
               },
               outcome);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::optional<int> status =
        data[0] == 0 ? std::nullopt : std::optional<int>(100 + 2 * data[0]);
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);

    // The fast path for plain XML errors reads exactly what pugixml reads.
    const auto sniffed = onelogin::detail::sniff_body(body);
    if (const auto* markup = std::get_if<onelogin::detail::SniffedBody>(&sniffed)) {
        if (const auto plain = onelogin::detail::read_plain_xml_error(markup->text)) {
            const auto general = onelogin::detail::read_xml_document(markup->text, markup->offset);
            const auto* read = std::get_if<onelogin::detail::XmlError>(&general);
            require(read != nullptr && read->message == plain->message &&
                    read->code == plain->code);
        }
    }

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
        require(is_utf8(error->message) && is_utf8(error->type) && is_utf8(error->error_code));
    } else if (const auto* malformed = std::get_if<MalformedResponse>(&outcome)) {
        require(malformed->body == body && malformed->http_status == status);
        require(!malformed->detail.empty() && is_utf8(malformed->detail));
        require(!malformed->offset || *malformed->offset <= body.size());
    }

    // Generate Invite Link reads by the same rules: the same answer, but for the success.
    const GenerateInviteOutcome generated = parse_generate_invite_response(body, status);
    if (const auto* link = std::get_if<InviteLink>(&generated)) {
        require(!link->link.empty() && is_utf8(link->link) && is_utf8(link->message));
    } else if (const auto* malformed = std::get_if<MalformedResponse>(&generated)) {
        require(malformed->body == body && malformed->http_status == status &&
                !malformed->detail.empty());
    } else {
        require(generated.index() == outcome.index());  // the same error as Send Invite Link's
    }
    return 0;
}
