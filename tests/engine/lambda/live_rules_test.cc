#include "rolesel/lambda/live_rules.h"

#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "settable_source.h"
#include "tools/cli_runner.h"

namespace rolesel::lambda {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr char kV1[] = R"({"version": 1, "rules": [{"id": "v1",
  "role": "arn:aws:iam::123456789012:role/one"}]})";
constexpr char kV2[] = R"({"version": 1, "rules": [{"id": "v2",
  "role": "arn:aws:iam::123456789012:role/two"}]})";
constexpr char kDoesNotLoad[] = R"({"version": 1, "rules": [{"id": 7}]})";
// Loads, but lint finds an error: the literal role is outside allowed_roles.
constexpr char kLintError[] = R"({"version": 1,
  "settings": {"allowed_roles": ["arn:aws:iam::123456789012:role/pets-*"]},
  "rules": [{"id": "r", "role": "arn:aws:iam::123456789012:role/other"}]})";

using ::rolesel::testing::SettableSource;

struct Live {
  SettableSource* source = nullptr;
  std::unique_ptr<LiveRules> rules;
  std::vector<json> log;
  std::mutex log_mu;
};

std::unique_ptr<Live> Make(const std::string& text, LiveRulesOptions options = {}) {
  auto live = std::make_unique<Live>();
  auto source = std::make_unique<SettableSource>();
  live->source = source.get();
  source->Set(text, "r1");
  Live* raw = live.get();
  options.log = [raw](std::string_view line) {
    std::lock_guard<std::mutex> lock(raw->log_mu);
    raw->log.push_back(json::parse(line));
  };
  auto created = LiveRules::Create(std::move(source), options);
  if (!created.ok()) {
    ADD_FAILURE() << created.status();
    return nullptr;
  }
  live->rules = *std::move(created);
  return live;
}

std::string DecidedRule(const LiveRules& rules) {
  return rules.Current().enforced->DecideEvent(R"({"method":"GET","path":"/","claims":{}})").rule;
}

int Events(const Live& live, const std::string& event) {
  int n = 0;
  for (const json& line : live.log) n += line.value("event", "") == event;
  return n;
}

TEST(LiveRules, TheFirstRevisionMustLoadAndLintClean) {
  for (const char* bad : {kDoesNotLoad, kLintError}) {
    auto source = std::make_unique<SettableSource>();
    source->Set(bad, "r1");
    LiveRulesOptions options;
    options.log = [](std::string_view) {};
    auto created = LiveRules::Create(std::move(source), options);
    EXPECT_FALSE(created.ok()) << bad;
  }
  auto source = std::make_unique<SettableSource>();
  source->Set(kLintError, "r1");
  LiveRulesOptions lenient;
  lenient.allow_lint_errors = true;
  lenient.log = [](std::string_view) {};
  EXPECT_TRUE(LiveRules::Create(std::move(source), lenient).ok())
      << "ROLESEL_ALLOW_LINT_ERRORS serves rules lint finds wrong";
}

TEST(LiveRules, AGoodNewRevisionIsSwappedInAndNamesEveryDecision) {
  auto live = Make(kV1);
  ASSERT_NE(live, nullptr);
  EXPECT_EQ(DecidedRule(*live->rules), "v1");
  EXPECT_EQ(live->rules->Current()
                .enforced
                ->DecideEvent(R"({"method":"GET","path":"/","claims":{}})",
                              {nullptr, EventShapeHint::kDirectRequest})
                .revision,
            "r1");
  live->source->Set(kV2, "r2");
  live->rules->PollOnce();
  EXPECT_EQ(DecidedRule(*live->rules), "v2");
  EXPECT_EQ(live->rules->Current().enforced->revision(), "r2");
  EXPECT_EQ(live->rules->reloads(), 1);
  EXPECT_EQ(Events(*live, "rules_loaded"), 2);
}

TEST(LiveRules, ARevisionThatFailsToLoadOrLintNeverServesAndIsReportedOnce) {
  auto live = Make(kV1);
  ASSERT_NE(live, nullptr);
  for (const char* bad : {kDoesNotLoad, kLintError}) {
    live->source->Set(bad, bad == kDoesNotLoad ? "bad-load" : "bad-lint");
    live->rules->PollOnce();
    live->rules->PollOnce();  // the same revision again: not reported twice
    EXPECT_EQ(DecidedRule(*live->rules), "v1") << "the last good revision keeps serving";
  }
  EXPECT_EQ(live->rules->failed_reloads(), 2);
  EXPECT_EQ(Events(*live, "rules_refused"), 2);
  json refused;
  for (const json& line : live->log) {
    if (line.value("event", "") == "rules_refused") refused = line;
  }
  EXPECT_EQ(refused["revision"], "bad-lint");
  EXPECT_EQ(refused["level"], "error");
  EXPECT_THAT(refused["detail"].get<std::string>(), HasSubstr("role-not-allowed"));
  live->source->Set(kV2, "r2");
  live->rules->PollOnce();
  EXPECT_EQ(DecidedRule(*live->rules), "v2") << "a good revision after a bad one loads";
}

TEST(LiveRules, AFetchThatFailsKeepsTheLastGoodRevision) {
  auto live = Make(kV1);
  ASSERT_NE(live, nullptr);
  live->source->fail = absl::UnavailableError("settable://: connection refused");
  live->rules->PollOnce();
  EXPECT_EQ(DecidedRule(*live->rules), "v1");
  EXPECT_EQ(Events(*live, "rules_fetch_failed"), 1);
  // Each refusal has its metric line.
  int failures = 0;
  for (const json& line : live->log) failures += line.value("ReloadFailures", 0);
  EXPECT_EQ(failures, 1);
}

TEST(LiveRules, ThePollerPicksUpAChangedFileWithinOneInterval) {
  testing::TempDir dir;
  const std::string path = dir.Write("rules.json", kV1);
  auto source = source::OpenRulesSource(path);
  ASSERT_TRUE(source.ok());
  LiveRulesOptions options;
  options.poll_interval = absl::Milliseconds(100);
  options.log = [](std::string_view) {};
  auto live = LiveRules::Create(*std::move(source), options);
  ASSERT_TRUE(live.ok()) << live.status();
  (*live)->Start();
  std::ofstream(path) << kV2;
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (DecidedRule(**live) != "v2" && absl::Now() < deadline)
    absl::SleepFor(absl::Milliseconds(10));
  EXPECT_EQ(DecidedRule(**live), "v2");
}

TEST(LiveRulesOptions, ComeFromTheEnvironment) {
  setenv("ROLESEL_RULES_POLL_SECONDS", "2.5", 1);
  setenv("ROLESEL_SHADOW_SECONDS", "30", 1);
  setenv("ROLESEL_ALLOW_LINT_ERRORS", "1", 1);
  auto options = LiveRulesOptions::FromEnvironment({});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->poll_interval, absl::Milliseconds(2500));
  EXPECT_EQ(options->shadow, absl::Seconds(30));
  EXPECT_TRUE(options->allow_lint_errors);
  setenv("ROLESEL_RULES_POLL_SECONDS", "soon", 1);
  EXPECT_THAT(LiveRulesOptions::FromEnvironment({}).status().message(),
              HasSubstr("ROLESEL_RULES_POLL_SECONDS"));
  unsetenv("ROLESEL_RULES_POLL_SECONDS");
  unsetenv("ROLESEL_SHADOW_SECONDS");
  unsetenv("ROLESEL_ALLOW_LINT_ERRORS");
}

}  // namespace
}  // namespace rolesel::lambda
