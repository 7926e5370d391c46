#include "rolesel/rule_set.h"

#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rolesel/core/decision_json.h"
#include "rolesel/internal/file_io.h"
#include "test_util.h"

namespace rolesel {
namespace {

using ::rolesel::testing::SourceDir;
using ::testing::HasSubstr;

const std::string kPets = SourceDir() + "/rules/examples/pets.rules.json";

TEST(RuleSet, LoadsTheBundledExample) {
  auto rules = RuleSet::FromFile(kPets);
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_TRUE((*rules)->warnings().empty());
}

TEST(RuleSet, ListsItsEntriesDenyFirstInFileOrder) {
  auto rules = RuleSet::FromString(R"({"version":1,"deny":[{"id":"d0","groups":["x"]}],
      "rules":[{"id":"r0","groups":["a"],"role":"arn:aws:iam::111122223333:role/a"},
               {"id":"r1","groups":["b"],"role":"arn:aws:iam::111122223333:role/b"}]})");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const std::vector<EntrySummary>& entries = (*rules)->entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_TRUE(entries[0].is_deny);
  EXPECT_EQ(entries[0].id, "d0");
  EXPECT_EQ(entries[0].index, 0);
  EXPECT_FALSE(entries[2].is_deny);
  EXPECT_EQ(entries[2].id, "r1");
  EXPECT_EQ(entries[2].index, 1);
}

TEST(RuleSet, LoadErrorsNameFileLineColumnAndCheck) {
  auto rules = RuleSet::FromString(
      "{\"version\": 1,\n \"rules\": [{\"id\": \"r\", \"methds\": [],"
      " \"role\": \"preferred\"}]}",
      "my.rules.json");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(rules.status().message()),
              HasSubstr("my.rules.json:2:24: error: unknown key \"methds\" in a rule; did you "
                        "mean \"methods\"? [unknown-key]"));
}

TEST(RuleSet, MissingFileIsNotFound) {
  auto rules = RuleSet::FromFile("/nonexistent/rules.json");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(rules.status().message()), HasSubstr("/nonexistent/rules.json"));
}

}  // namespace
}  // namespace rolesel
