// rolesel's hot paths, measured. Run: build/bin/rolesel_bench
//   BM_Compile/N        load + compile a rules document from its text
//   BM_Decide/N         decide a pre-extracted request (allocs = per decision)
//   BM_DecideEvent/*    raw API Gateway event bytes -> decision (rest_copied: the
//                       bytes given as a string_view, so the reader copies them)
//   BM_DecideRead/*     the decision alone of that event, already read: with
//                       BM_SimdjsonIterate, the floor under BM_DecideEvent
//   BM_NlohmannParse/*  only nlohmann::json::parse of the same bytes (reference)
//   BM_SimdjsonIterate/* simdjson's stage 1 alone on the same padded bytes: the
//                       floor of reading an event once
//   BM_DecideBearer     a Lambda-authorizer event: RS256 ID token, JWKS from a
//                       file, 10 rules; every token verified in full
//                       (/cached: the verified-token cache on, the same token)
//   BM_VerifyFloor      OpenSSL's EVP_DigestVerifyInit + EVP_DigestVerify of
//                       that token alone: the floor of checking it
//   BM_CompileOneLine/N the BM_Compile/N document with no line breaks
//   BM_NlohmannParseRules/N a DOM parse of the BM_Compile/N text (reference)
//   BM_ReadEvent/E/K    ReadEvent alone (no decision) of event E, walked on
//                       kernel K: each kernel of this build the CPU runs
//                       (rolesel/event/event_kernel.h), same stage 1
#include <openssl/evp.h>

#include <fstream>
#include <sstream>
#include <string>

#include "alloc_counter.h"
#include "bearer_fixture.h"
#include "benchmark/benchmark.h"
#include "nlohmann/json.hpp"
#include "rolesel/event/event_kernel.h"
#include "rolesel/event/event_reader.h"
#include "rolesel/rule_set.h"
#include "rolesel/sts/credential_cache.h"
#include "rule_generator.h"
#include "simdjson.h"

namespace rolesel::bench {
namespace {

std::string ReadExample(const std::string& relative) {
  std::ifstream in(std::string(ROLESEL_SOURCE_DIR) + "/rules/examples/" + relative);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (buffer.str().empty()) std::abort();
  return buffer.str();
}

// Not a file: the REST example with a 1 MB string body, as a large POST
// arrives (text with the escapes a JSON body carries).
constexpr char kRestWithLargeBody[] = "rest_1mb_body";

std::string EventBytesOf(const std::string& file) {
  if (file != kRestWithLargeBody) return ReadExample(file);
  static const std::string* const bytes = [] {
    nlohmann::json event = nlohmann::json::parse(ReadExample("events/rest-admin-delete.json"));
    std::string body;
    while (body.size() < 1000000) body += R"({"item": "a \"quoted\" name", "n": 12345}\n)";
    event["body"] = body;
    return new std::string(event.dump());
  }();
  return *bytes;
}

const RuleSet& PetsRules() {
  static const RuleSet* rules = [] {
    auto loaded = RuleSet::FromString(ReadExample("pets.rules.json"));
    if (!loaded.ok()) std::abort();
    return loaded->release();
  }();
  return *rules;
}

void BM_Compile(benchmark::State& state) {
  const std::string text = GenerateRules(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto rules = RuleSet::FromString(text);
    if (!rules.ok()) state.SkipWithError("rules failed to load");
    benchmark::DoNotOptimize(rules);
  }
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_Compile)->Arg(20)->Arg(1000)->Unit(benchmark::kMillisecond);

// The same document as one line: what a rules file written by a program
// (json.dumps without indent) looks like.
void BM_CompileOneLine(benchmark::State& state) {
  const std::string text =
      nlohmann::json::parse(GenerateRules(static_cast<int>(state.range(0)))).dump();
  for (auto _ : state) {
    auto rules = RuleSet::FromString(text);
    if (!rules.ok()) state.SkipWithError("rules failed to load");
    benchmark::DoNotOptimize(rules);
  }
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_CompileOneLine)->Arg(1000)->Unit(benchmark::kMillisecond);

// The reference for compiling: a DOM parse of the same text, nothing else.
void BM_NlohmannParseRules(benchmark::State& state) {
  const std::string text = GenerateRules(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(text));
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_NlohmannParseRules)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_Decide(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  auto rules = RuleSet::FromString(GenerateRules(n));
  if (!rules.ok()) {
    state.SkipWithError("rules failed to load");
    return;
  }
  ExtractedRequest extracted;
  ReadEvent(MatchingRequest(n).dump(), &extracted, EventShapeHint::kDirectRequest);
  const Request request = extracted.AsRequest();
  Decision decision;
  (*rules)->Decide(request, &decision);  // warm up the Decision's strings
  if (!decision.allow || decision.rule != "rule-" + std::to_string(n - 2)) {
    state.SkipWithError("the measured request is not allowed by the expected rule");
    return;
  }
  const uint64_t before = ThreadAllocations();
  for (auto _ : state) {
    (*rules)->Decide(request, &decision);
    benchmark::DoNotOptimize(decision);
  }
  state.counters["allocs"] = benchmark::Counter(static_cast<double>(ThreadAllocations() - before),
                                                benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Decide)->Arg(20)->Arg(1000);

// The event as the Lambda runtime clients hand it over: a std::string with
// kEventPadding bytes of spare capacity, read in place, decided into a
// re-used Decision. With `copy`, the bytes are passed as a string_view
// instead and first copied into the reader's padded buffer.
void DecideEvent(benchmark::State& state, const std::string& file, bool copy) {
  std::string event = EventBytesOf(file);
  event.reserve(event.size() + kEventPadding);
  const RuleSet& rules = PetsRules();
  Decision decision;
  rules.DecideEvent(event, &decision);
  if (!decision.allow) {
    state.SkipWithError("the example event should be allowed");
    return;
  }
  const std::string_view view = event;
  for (auto _ : state) {
    if (copy) {
      rules.DecideEvent(view, &decision);
    } else {
      rules.DecideEvent(event, &decision);
    }
    benchmark::DoNotOptimize(decision);
  }
  state.counters["bytes"] = static_cast<double>(event.size());
}
BENCHMARK_CAPTURE(DecideEvent, rest, "events/rest-admin-delete.json", false)
    ->Name("BM_DecideEvent/rest");
BENCHMARK_CAPTURE(DecideEvent, http, "events/http-reader-get.json", false)
    ->Name("BM_DecideEvent/http");
BENCHMARK_CAPTURE(DecideEvent, rest_copied, "events/rest-admin-delete.json", true)
    ->Name("BM_DecideEvent/rest_copied");
BENCHMARK_CAPTURE(DecideEvent, rest_1mb_body, kRestWithLargeBody, false)
    ->Name("BM_DecideEvent/rest_1mb_body");

// The decision alone of an event already read (read once, before the
// loop; its claims came with it, so deciding is Decide on its Request): what DecideEvent adds to
// reading. With BM_SimdjsonIterate it bounds BM_DecideEvent from below, whatever the reader: no
// event decision costs less than indexing the event once plus deciding what it says.
void DecideRead(benchmark::State& state, const std::string& file) {
  std::string event = EventBytesOf(file);
  event.reserve(event.size() + kEventPadding);
  const RuleSet& rules = PetsRules();
  Decision decision;
  ExtractedRequest read;
  DecideOptions options;
  options.read = &read;
  rules.DecideEvent(event, &decision, options);
  if (!decision.allow) {
    state.SkipWithError("the example event should be allowed");
    return;
  }
  if (read.claims_missing || !read.error.empty()) {
    state.SkipWithError("the example event should carry its claims");
    return;
  }
  const Request request = read.AsRequest();
  for (auto _ : state) {
    rules.Decide(request, &decision);
    benchmark::DoNotOptimize(decision);
  }
}
BENCHMARK_CAPTURE(DecideRead, rest, "events/rest-admin-delete.json")->Name("BM_DecideRead/rest");
BENCHMARK_CAPTURE(DecideRead, http, "events/http-reader-get.json")->Name("BM_DecideRead/http");

// simdjson's stage 1 alone (ondemand::parser::iterate, which indexes every
// structural character of the document) on the bytes DecideEvent reads: no
// reader does less than this to read the event once.
void SimdjsonIterate(benchmark::State& state, const std::string& file) {
  std::string event = EventBytesOf(file);
  event.reserve(event.size() + kEventPadding);
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    simdjson::ondemand::document document;
    auto error = parser.iterate(event.data(), event.size(), event.capacity()).get(document);
    if (error != simdjson::SUCCESS) state.SkipWithError("simdjson could not index the event");
    benchmark::DoNotOptimize(document);
  }
  state.counters["bytes"] = static_cast<double>(event.size());
}
BENCHMARK_CAPTURE(SimdjsonIterate, rest, "events/rest-admin-delete.json")
    ->Name("BM_SimdjsonIterate/rest");
BENCHMARK_CAPTURE(SimdjsonIterate, http, "events/http-reader-get.json")
    ->Name("BM_SimdjsonIterate/http");
BENCHMARK_CAPTURE(SimdjsonIterate, rest_1mb_body, kRestWithLargeBody)
    ->Name("BM_SimdjsonIterate/rest_1mb_body");

// The event read, not decided, with the walk on `kernel` (stage 1 is
// simdjson's active implementation's whichever kernel walks): what each
// kernel's walk costs on the same bytes.
void ReadEventOn(benchmark::State& state, const event::EventKernel* kernel,
                 const std::string& file) {
  std::string event = EventBytesOf(file);
  event.reserve(event.size() + kEventPadding);
  ExtractedRequest read;
  if (!event::ReadEventOnKernel(*kernel, event, &read) || read.claims_missing) {
    state.SkipWithError("the example event should be read");
    return;
  }
  for (auto _ : state) {
    event::ReadEventOnKernel(*kernel, event, &read);
    benchmark::DoNotOptimize(read);
  }
  state.counters["bytes"] = static_cast<double>(event.size());
}
const bool kReadEventRegistered = [] {
  for (const char* shape : {"rest", "http"}) {
    const std::string file = shape == std::string("rest") ? "events/rest-admin-delete.json"
                                                          : "events/http-reader-get.json";
    for (const event::EventKernel* kernel : event::RunnableEventKernels()) {
      benchmark::RegisterBenchmark(
          (std::string("BM_ReadEvent/") + shape + "/" + kernel->name).c_str(),
          [kernel, file](benchmark::State& state) { ReadEventOn(state, kernel, file); });
    }
  }
  return true;
}();

void NlohmannParse(benchmark::State& state, const std::string& file) {
  const std::string event = ReadExample(file);
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(event));
  state.counters["bytes"] = static_cast<double>(event.size());
}
BENCHMARK_CAPTURE(NlohmannParse, rest, "events/rest-admin-delete.json")
    ->Name("BM_NlohmannParse/rest");

void DecideBearer(benchmark::State& state, bool cache_verified_tokens) {
  const BearerFixture& bearer = Bearer(cache_verified_tokens);
  std::string event = bearer.event;
  event.reserve(event.size() + kEventPadding);
  Decision decision;
  bearer.rules->DecideEvent(event, &decision);
  if (!decision.allow) {
    state.SkipWithError(("the bearer event should be allowed: " + decision.detail).c_str());
    return;
  }
  for (auto _ : state) {
    bearer.rules->DecideEvent(event, &decision);
    benchmark::DoNotOptimize(decision);
  }
  if (!decision.allow) state.SkipWithError("the bearer event was not allowed");
  state.counters["bytes"] = static_cast<double>(event.size());
}
BENCHMARK_CAPTURE(DecideBearer, full, false)->Name("BM_DecideBearer");
BENCHMARK_CAPTURE(DecideBearer, cached, true)->Name("BM_DecideBearer/cached");

void BM_VerifyFloor(benchmark::State& state) {
  const BearerFixture& bearer = Bearer(false);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const auto* signature = reinterpret_cast<const unsigned char*>(bearer.signature.data());
  const auto* data = reinterpret_cast<const unsigned char*>(bearer.signed_part.data());
  for (auto _ : state) {
    const bool ok =
        EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, bearer.public_key.get()) == 1 &&
        EVP_DigestVerify(ctx, signature, bearer.signature.size(), data,
                         bearer.signed_part.size()) == 1;
    if (!ok) state.SkipWithError("the signature does not verify");
  }
  EVP_MD_CTX_free(ctx);
}
BENCHMARK(BM_VerifyFloor);

// A credential cache hit: the per-request cost once a role's credentials are
// cached (the inner assumer is never called after the first miss).
class OnceAssumer : public sts::RoleAssumer {
 public:
  absl::StatusOr<sts::AwsCredentials> AssumeRole(const sts::AssumeRoleRequest&) override {
    ++calls;
    return sts::AwsCredentials{"ASIAEXAMPLEEXAMPLE01", "secret", "token",
                               absl::Now() + absl::Hours(1)};
  }
  int calls = 0;
};

// Event bytes to decision on generated rule sets of 10 to 10,000 rules: what
// bench/compare.py sets beside the Python baseline (same rules, same bytes).
void BM_DecideEventRules(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  auto rules = RuleSet::FromString(GenerateRules(n));
  if (!rules.ok()) {
    state.SkipWithError(std::string(rules.status().message()).c_str());
    return;
  }
  const std::string event = MatchingRestEvent(n).dump();
  if (!(*rules)->DecideEvent(event).allow) {
    state.SkipWithError("the generated event is not allowed");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize((*rules)->DecideEvent(event));
}
BENCHMARK(BM_DecideEventRules)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

void BM_CacheHit(benchmark::State& state) {
  OnceAssumer inner;
  sts::CachingRoleAssumer cache(&inner);
  sts::AssumeRoleRequest request;
  request.role_arn = "arn:aws:iam::123456789012:role/pets-admin";
  request.session_name = "alice";
  request.duration_seconds = 900;
  if (!cache.AssumeRole(request).ok()) state.SkipWithError("first assume failed");
  for (auto _ : state) benchmark::DoNotOptimize(cache.Get(request));
  if (inner.calls != 1) state.SkipWithError("the cache called STS more than once");
}
BENCHMARK(BM_CacheHit);

}  // namespace
}  // namespace rolesel::bench

BENCHMARK_MAIN();
