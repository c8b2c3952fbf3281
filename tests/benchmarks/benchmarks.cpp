// The library against the code a user would write by hand with the same dependencies, in one run.
//
//   baseline_*   nlohmann::json::parse into a DOM and find() of the status fields; pugixml's
//                load_buffer with default options and child_value; an nlohmann::json object
//                dump()-ed (the request body only).
//   library_*    parse_send_invite_response and make_send_invite_request (the complete request).
//
// Each reports `allocs`, the heap allocations one iteration makes. The size_sweep benchmarks sweep
// body sizes from 1 MiB to 64 MiB and fit the time to O(N).
#include <onelogin/invite.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <malloc.h>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <string>

// Counts every allocation in the program, so a benchmark can report how many one iteration made.
namespace {
std::atomic<std::size_t> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
    throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }

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

// A success body with `size` bytes: the documented one with a long extra member.
std::string large_json(std::size_t size) {
    const std::string head =
        R"({"status":{"type":"success","message":"Email sent successfully to email@example.com","error":false,"code":200},"padding":")";
    return head + std::string(size - head.size() - 2, 'p') + "\"}";
}

// The XML error body with `size` bytes: a long message.
std::string large_xml(std::size_t size) {
    const std::string head = "<error><code>invalid_or_missing_api_key</code><message>";
    const std::string tail = "</message></error>";
    return head + std::string(size - head.size() - tail.size(), 'm') + tail;
}

// Runs `work` and reports the allocations of one iteration (measured on the last one).
template <typename Work>
void measure(benchmark::State& state, Work&& work) {
    std::size_t per_iteration = 0;
    for (auto _ : state) {
        const std::size_t before = allocations.load(std::memory_order_relaxed);
        work();
        per_iteration = allocations.load(std::memory_order_relaxed) - before;
    }
    state.counters["allocs"] = static_cast<double>(per_iteration);
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

// Parses a body of state.range(0) bytes made by `make_body`, for the O(N) fit.
template <typename MakeBody>
void size_sweep(benchmark::State& state, MakeBody make_body) {
    const std::string body = make_body(static_cast<std::size_t>(state.range(0)));
    measure(state, [&] { benchmark::DoNotOptimize(parse_send_invite_response(body, 200)); });
    state.SetComplexityN(state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

const std::string large_json_body = large_json(1 << 20);
const std::string large_xml_body = large_xml(1 << 20);

}  // namespace

BENCHMARK_CAPTURE(baseline_json, success, success_body);
BENCHMARK_CAPTURE(library_json, success, success_body);
BENCHMARK_CAPTURE(baseline_json, no_such_user, no_user_body);
BENCHMARK_CAPTURE(library_json, no_such_user, no_user_body);
BENCHMARK_CAPTURE(baseline_json, large_1MiB, large_json_body);
BENCHMARK_CAPTURE(library_json, large_1MiB, large_json_body);
BENCHMARK_CAPTURE(baseline_xml, invalid_api_key, invalid_key_body);
BENCHMARK_CAPTURE(library_xml, invalid_api_key, invalid_key_body);
BENCHMARK_CAPTURE(baseline_xml, large_1MiB, large_xml_body);
BENCHMARK_CAPTURE(library_xml, large_1MiB, large_xml_body);
BENCHMARK(baseline_request);
BENCHMARK(library_request);
BENCHMARK_CAPTURE(size_sweep, json, large_json)
    ->RangeMultiplier(4)
    ->Range(1 << 20, 64 << 20)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(size_sweep, xml, large_xml)
    ->RangeMultiplier(4)
    ->Range(1 << 20, 64 << 20)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    // glibc serves blocks over 32 MiB with a fresh mmap() each time and unmaps them when freed, so
    // every 64 MiB iteration would pay the kernel's page faults (dear in a VM) that the smaller
    // sizes, reused from the heap, do not. Keep every block on the heap so each size measures the
    // same thing: the parse.
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
