#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rolesel/core/decision_json.h"
#include "rolesel/internal/file_io.h"
#include "rolesel/rule_set.h"
#include "test_util.h"

namespace rolesel {
namespace {

using ::rolesel::testing::SourceDir;
using ::testing::HasSubstr;

const std::string kPets = SourceDir() + "/rules/examples/pets.rules.json";

TEST(RuleSet, EventNeedingTokenVerificationIsInvalidToken) {
  auto rules =
      RuleSet::FromString(R"({"version": 1, "rules": [{"id": "r", "role": "preferred"}]})");
  ASSERT_TRUE(rules.ok());
  std::string event = R"({"httpMethod": "GET", "path": "/", "headers": {"Authorization": "x.y.z"},
                          "requestContext": {"authorizer": {"principalId": "p"}}})";
  Decision d = (*rules)->DecideEvent(event);
  EXPECT_EQ(d.reason, DenyReason::kInvalidToken);
  // Without the header there is nothing to read the claims from.
  std::string no_header = R"({"httpMethod": "GET", "path": "/", "requestContext": {}})";
  EXPECT_EQ((*rules)->DecideEvent(no_header).reason, DenyReason::kBadRequest);
}

TEST(RuleSet, UnreadableEventIsABadRequestWithTheReason) {
  auto rules = RuleSet::FromString(R"({"version": 1})");
  ASSERT_TRUE(rules.ok());
  Trace trace;
  Decision d = (*rules)->DecideEvent("{not json", {&trace});
  EXPECT_EQ(d.reason, DenyReason::kBadRequest);
  EXPECT_THAT(d.detail, HasSubstr("valid JSON"));
  ASSERT_EQ(trace.steps.size(), 1u);
}

// One Decision re-used across an allow, a deny and an unreadable event ends
// each time exactly as a fresh DecideEvent() would.
TEST(RuleSet, DecideEventIntoARecycledDecisionMatchesAFreshOne) {
  auto rules = RuleSet::FromFile(kPets);
  ASSERT_TRUE(rules.ok());
  auto rest =
      internal::ReadFileToString(SourceDir() + "/rules/examples/events/rest-admin-delete.json");
  auto http =
      internal::ReadFileToString(SourceDir() + "/rules/examples/events/http-reader-get.json");
  ASSERT_TRUE(rest.ok() && http.ok());
  const std::vector<std::string> events = {
      *rest, *http,
      R"({"httpMethod": "GET", "path": "/pets//7", "requestContext": {"authorizer":
          {"claims": {"cognito:groups": "admins"}}}})",
      "{not json", *rest};
  Decision recycled;
  for (const std::string& event : events) {
    (*rules)->DecideEvent(event, &recycled);
    const Decision fresh = (*rules)->DecideEvent(event);
    EXPECT_EQ(DecisionToJson(recycled), DecisionToJson(fresh)) << event.substr(0, 60);
    EXPECT_EQ(recycled.session_name, fresh.session_name);
    EXPECT_EQ(recycled.detail, fresh.detail);
  }
  Decision allowed;
  (*rules)->DecideEvent(events[0], &allowed);
  EXPECT_TRUE(allowed.allow);
}

// Several threads deciding on one rule set see exactly what one thread sees.
TEST(RuleSet, IsSafeToShareBetweenThreads) {
  auto loaded = RuleSet::FromFile(kPets);
  ASSERT_TRUE(loaded.ok());
  const RuleSet& rules = **loaded;
  std::vector<std::string> events;
  for (const char* name :
       {"rest-admin-delete.json", "rest-suspended.json", "http-reader-get.json",
        "http-gold-photos.json", "http-encoded-slash.json", "rest-foreign-role.json"}) {
    auto text = internal::ReadFileToString(SourceDir() + "/rules/examples/events/" + name);
    ASSERT_TRUE(text.ok());
    events.push_back(*text);
  }
  std::vector<std::string> expected;
  for (const auto& e : events) expected.push_back(DecisionToJson(rules.DecideEvent(e)).dump());

  constexpr int kThreads = 8;
  constexpr int kRounds = 2000;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Decision reused;
      for (int i = 0; i < kRounds; ++i) {
        size_t k = static_cast<size_t>(i + t) % events.size();
        ExtractedRequest extracted;
        DecideOptions options;
        options.read = &extracted;
        rules.DecideEvent(events[k], &reused, options);
        if (DecisionToJson(reused).dump() != expected[k]) ++mismatches;
        if (extracted.claims_missing) continue;
        // What was read back decides the same as a request.
        rules.Decide(extracted.AsRequest(), &reused);
        if (DecisionToJson(reused).dump() != expected[k]) ++mismatches;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace rolesel
