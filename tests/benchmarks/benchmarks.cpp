// The library against the code a user would write by hand with the same dependencies, in one run.
//
//   baseline_*   nlohmann::json::parse into a DOM and find() of the fields the call reads (and, as
//                information, the same with their types checked and the texts copied out);
//                pugixml's load_buffer with default options and child_value (and, as
//                information, the same with the two texts copied out, as an outcome keeps them,
//                and with the body's UTF-8 checked first, as the README promises);
//                an nlohmann::json object dump()-ed (the request body only).
//   library_*    the parse functions and make_send_invite_request (the complete request).
//   peak_*       the largest bodies the library accepts (ONELOGIN_INVITE_MAX_BODY_BYTES), in the
//                shapes that cost the most memory to parse.
//
// Each reports `allocs`, the heap allocations one iteration makes, and `peak_bytes`, the most heap
// it held at once above what it held before, counted in one extra iteration after the timed ones
// (pugixml's allocations are routed through operator new so that they count too).
#include <onelogin/invite.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <string>

// Counts every allocation while `counting` is set, and the bytes in use, so a benchmark can report
// how many allocations one iteration made and how much heap it held at its peak. Timed iterations
// run with it off, so that counting costs neither side anything.
namespace {
std::atomic<bool> counting{false};
std::atomic<std::size_t> allocations{0};
std::atomic<long long> bytes_in_use{0};  // signed: a block made before counting may be freed
std::atomic<long long> peak_bytes{0};
}  // namespace

void* operator new(std::size_t size) {
    void* memory = std::malloc(size == 0 ? 1 : size);
    if (memory == nullptr) throw std::bad_alloc();
    if (!counting.load(std::memory_order_relaxed)) return memory;
    allocations.fetch_add(1, std::memory_order_relaxed);
    const auto size_held = static_cast<long long>(malloc_usable_size(memory));
    const long long now = bytes_in_use.fetch_add(size_held, std::memory_order_relaxed) + size_held;
    long long peak = peak_bytes.load(std::memory_order_relaxed);
    while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
    }
    return memory;
}
void operator delete(void* memory) noexcept {
    if (memory != nullptr && counting.load(std::memory_order_relaxed)) {
        bytes_in_use.fetch_sub(static_cast<long long>(malloc_usable_size(memory)),
                               std::memory_order_relaxed);
    }
    std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept { operator delete(memory); }

namespace {

using namespace onelogin::v3;

const std::string success_body =
    "{\n\"status\": {\n\"type\": \"success\",\n\"message\": \"Email sent successfully to "
    "email@example.com\",\n\"error\": false,\n\"code\": 200\n}\n}\n";
const std::string no_user_body =
    "{\n\"status\": {\n\"type\": \"bad request\",\n\"message\": \"No User exists for input "
    "email\",\n\"error\": true,\n\"code\": 400\n}\n}\n";
const std::string invalid_key_body =
    "<error>\n<message>API key is invalid or missing</message>\n"
    "<code>invalid_or_missing_api_key</code>\n</error>\n";

constexpr std::size_t cap = ONELOGIN_INVITE_MAX_BODY_BYTES;

// A success body of exactly the size cap: the documented one with a long extra member.
std::string large_json() {
    const std::string head =
        R"({"status":{"type":"success","message":"Email sent successfully to email@example.com","error":false,"code":200},"padding":")";
    return head + std::string(cap - head.size() - 2, 'p') + "\"}";
}

// The XML error body of exactly the size cap: a long message.
std::string large_xml() {
    const std::string head = "<error><code>invalid_or_missing_api_key</code><message>";
    const std::string tail = "</message></error>";
    return head + std::string(cap - head.size() - tail.size(), 'm') + tail;
}

// A body of at most the size cap: `head`, then `item` as often as fits, then `tail`.
std::string filled(const std::string& head, const std::string& item, const std::string& tail) {
    std::string body = head;
    while (body.size() + item.size() + tail.size() <= cap) body += item;
    return body + tail;
}

// Times `work`, then runs it once more counting its allocations and peak heap.
template <typename Work>
void measure(benchmark::State& state, Work&& work) {
    for (auto _ : state) work();
    allocations.store(0);
    bytes_in_use.store(0);
    peak_bytes.store(0);
    counting.store(true);
    work();
    counting.store(false);
    state.counters["allocs"] = static_cast<double>(allocations.load());
    state.counters["peak_bytes"] = static_cast<double>(peak_bytes.load());
}

void library_json(benchmark::State& state, const std::string& body) {
    measure(state, [&] { benchmark::DoNotOptimize(parse_send_invite_response(body, 200)); });
}

void baseline_json(benchmark::State& state, const std::string& body) {
    measure(state, [&] {
        const auto json = nlohmann::json::parse(body, nullptr, false);
        const auto status = json.find("status");
        if (status != json.end() && status->is_object()) {
            benchmark::DoNotOptimize(status->find("error"));
            benchmark::DoNotOptimize(status->find("message"));
            benchmark::DoNotOptimize(status->find("type"));
            benchmark::DoNotOptimize(status->find("code"));
        }
        benchmark::DoNotOptimize(json);
    });
}

// The same, with what an outcome does besides: each field's type checked, the message and the
// address it names copied out.
void baseline_json_kept(benchmark::State& state, const std::string& body) {
    measure(state, [&] {
        const auto json = nlohmann::json::parse(body, nullptr, false);
        const auto status = json.find("status");
        if (status == json.end() || !status->is_object()) return;
        const auto error = status->find("error");
        const auto message = status->find("message");
        const auto type = status->find("type");
        const auto code = status->find("code");
        if (error == status->end() || !error->is_boolean() || message == status->end() ||
            !message->is_string() || (type != status->end() && !type->is_string()) ||
            (code != status->end() && !code->is_number_integer())) {
            return;
        }
        std::string text = message->get<std::string>();
        const std::string_view prefix = "Email sent successfully to ";
        std::string recipient =
            text.compare(0, prefix.size(), prefix) == 0 ? text.substr(prefix.size()) : "";
        benchmark::DoNotOptimize(text);
        benchmark::DoNotOptimize(recipient);
    });
}

void library_xml(benchmark::State& state, const std::string& body) {
    measure(state, [&] { benchmark::DoNotOptimize(parse_send_invite_response(body, 400)); });
}

void baseline_xml(benchmark::State& state, const std::string& body) {
    measure(state, [&] {
        pugi::xml_document document;
        document.load_buffer(body.data(), body.size());
        const pugi::xml_node error = document.child("error");
        benchmark::DoNotOptimize(error.child_value("message"));
        benchmark::DoNotOptimize(error.child_value("code"));
    });
}

// pugixml's load, keeping the two texts past the document, as the outcome does.
void load_keeping_texts(const std::string& body) {
    pugi::xml_document document;
    document.load_buffer(body.data(), body.size());
    const pugi::xml_node error = document.child("error");
    std::string message = error.child_value("message");
    std::string code = error.child_value("code");
    benchmark::DoNotOptimize(message);
    benchmark::DoNotOptimize(code);
}

void baseline_xml_kept(benchmark::State& state, const std::string& body) {
    measure(state, [&] { load_keeping_texts(body); });
}

// The least a reader that keeps the README's promises does by hand: the same, after checking that
// the body is UTF-8 (pugixml checks no encoding; the library's own scan stands in for the one a
// user would write). It is the floor under the XML budget.
void baseline_xml_checked(benchmark::State& state, const std::string& body) {
    measure(state, [&] {
        if (onelogin::detail::find_invalid_utf8(body) == onelogin::detail::npos) {
            load_keeping_texts(body);
        }
    });
}

const SendInviteRequest request{"0123456789abcdef0123456789abcdef01234567", "new.hire@example.com",
                                std::string("new.hire@home.example")};

void library_request(benchmark::State& state) {
    measure(state, [&] { benchmark::DoNotOptimize(make_send_invite_request(request)); });
}

void baseline_request(benchmark::State& state) {
    measure(state, [&] {
        nlohmann::json body = {{"api_key", request.api_key}, {"email", request.email}};
        if (request.personal_email) body["personal_email"] = *request.personal_email;
        benchmark::DoNotOptimize(body.dump());
    });
}

void library_generate(benchmark::State& state, const std::string& body) {
    measure(state, [&] { benchmark::DoNotOptimize(parse_generate_invite_response(body, 200)); });
}

void baseline_generate(benchmark::State& state, const std::string& body) {
    measure(state, [&] {
        const auto json = nlohmann::json::parse(body, nullptr, false);
        const auto status = json.find("status");
        if (status != json.end() && status->is_object()) {
            benchmark::DoNotOptimize(status->find("error"));
            benchmark::DoNotOptimize(status->find("message"));
        }
        const auto data = json.find("data");
        if (data != json.end() && data->is_array() && !data->empty()) {
            benchmark::DoNotOptimize(data->front());
        }
        benchmark::DoNotOptimize(json);
    });
}

const std::string generate_body =
    R"({"status":{"type":"success","message":"Success","error":false,"code":200},"data":["https://api.onelogin.com/password/reset?token=0123456789abcdef0123456789abcdef"]})";
const std::string large_json_body = large_json();
const std::string large_xml_body = large_xml();
// The costliest shapes per byte: many empty containers, many short strings, many elements.
const std::string many_objects = filled("[", "{},", "{}]");
const std::string many_strings = filled("[", "\"\",", "\"\"]");
// The costliest shape the JSON reader keeps: one object of as many members as fit, each with
// the shortest name not yet used ("a" ... "Z", then "aa" ...).
std::string many_members() {
    const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::string body = "{";
    for (std::size_t i = 0;; ++i) {
        std::string name;
        for (std::size_t n = i;; n = n / letters.size() - 1) {
            name.insert(name.begin(), letters[n % letters.size()]);
            if (n < letters.size()) break;
        }
        const std::string member = "\"" + name + "\":0";
        if (body.size() + member.size() + 2 > cap) break;
        body += (i == 0 ? "" : ",") + member;
    }
    return body + "}";
}
const std::string many_members_body = many_members();
const std::string many_elements =
    filled("<error><message>m</message><code>c</code>", "<a/>", "</error>");

}  // namespace

BENCHMARK_CAPTURE(baseline_json, success, success_body);
BENCHMARK_CAPTURE(library_json, success, success_body);
BENCHMARK_CAPTURE(baseline_json_kept, success, success_body);
BENCHMARK_CAPTURE(baseline_json, no_such_user, no_user_body);
BENCHMARK_CAPTURE(library_json, no_such_user, no_user_body);
BENCHMARK_CAPTURE(baseline_generate, success, generate_body);
BENCHMARK_CAPTURE(library_generate, success, generate_body);
BENCHMARK_CAPTURE(baseline_json, largest, large_json_body);
BENCHMARK_CAPTURE(library_json, largest, large_json_body);
BENCHMARK_CAPTURE(baseline_xml, invalid_api_key, invalid_key_body);
BENCHMARK_CAPTURE(library_xml, invalid_api_key, invalid_key_body);
BENCHMARK_CAPTURE(baseline_xml_kept, invalid_api_key, invalid_key_body);
BENCHMARK_CAPTURE(baseline_xml_checked, invalid_api_key, invalid_key_body);
BENCHMARK_CAPTURE(baseline_xml, largest, large_xml_body);
BENCHMARK_CAPTURE(library_xml, largest, large_xml_body);
BENCHMARK(baseline_request);
BENCHMARK(library_request);
BENCHMARK_CAPTURE(library_json, peak_objects, many_objects);
BENCHMARK_CAPTURE(library_json, peak_strings, many_strings);
BENCHMARK_CAPTURE(library_json, peak_members, many_members_body);
BENCHMARK_CAPTURE(library_xml, peak_elements, many_elements);

int main(int argc, char** argv) {
    // glibc gives the top of the heap back to the system when a free leaves more than 128 KiB
    // there, and asks for it again at the next allocation: a system call or two, now in one
    // benchmark, now in another, as the heap's shape happens to fall. pugixml's first 32 KiB page
    // makes that likely. Holding on to freed memory keeps those calls out of every timing.
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 1 << 20);
    pugi::set_memory_management_functions([](std::size_t size) { return operator new(size); },
                                          [](void* memory) { operator delete(memory); });
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
