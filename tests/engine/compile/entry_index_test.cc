#include "rolesel/compile/entry_index.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rolesel/compile/compiled_rules.h"
#include "rolesel/load/document_loader.h"
#include "test_util.h"

namespace rolesel {
namespace {

std::unique_ptr<CompiledRules> Compile(const std::string& rules) {
  LoadResult loaded = LoadRulesDocument(R"({"version": 1, "rules": [)" + rules + "]}", "t", ".");
  if (!loaded.document) throw testing::PreconditionFailed("the rules did not load");
  auto compiled = CompiledRules::Compile(*std::move(loaded.document));
  if (!compiled.ok()) throw testing::PreconditionFailed(std::string(compiled.status().message()));
  return *std::move(compiled);
}

// The candidate rules' ids for a request, in the order they come back.
std::vector<std::string> Candidates(const CompiledRules& rules,
                                    const std::vector<std::string_view>& segments,
                                    const std::vector<std::string>& groups, const Claims& claims,
                                    size_t room = 64) {
  std::vector<int> segment_ids(segments.size());
  const size_t known = rules.SegmentIds(segments, segment_ids.data());
  segment_ids.resize(known);
  std::vector<int> group_ids;
  for (const std::string& group : groups) {
    if (int id = rules.GroupId(group); id >= 0) group_ids.push_back(id);
  }
  std::sort(group_ids.begin(), group_ids.end());
  std::vector<uint32_t> out(room);
  size_t count = 0;
  if (!rules.rules_index().Candidates({segment_ids, group_ids, &claims}, absl::MakeSpan(out),
                                      &count)) {
    return {"(too many)"};
  }
  std::vector<std::string> ids;
  for (size_t i = 0; i < count; ++i) ids.push_back(rules.rules()[out[i]].source->id);
  return ids;
}

constexpr char kRole[] = R"("role": "arn:aws:iam::123456789012:role/r")";

TEST(EntryIndex, FilesEntriesUnderTheirPathPrefixAndKeepsEntryOrder) {
  const std::string r = kRole;
  auto rules = Compile(R"({"id": "pets", "path": "/pets/**", )" + r + R"(},
      {"id": "any", )" +
                       r + R"(},
      {"id": "photos", "path": "/pets/{id}/photos", )" +
                       r + R"(},
      {"id": "stores", "path": "/stores/*", )" +
                       r + "}");
  const Claims none;
  EXPECT_EQ(Candidates(*rules, {"pets", "7", "photos"}, {}, none),
            (std::vector<std::string>{"pets", "any", "photos"}));
  EXPECT_EQ(Candidates(*rules, {"stores", "1"}, {}, none),
            (std::vector<std::string>{"any", "stores"}));
  // An entry without a condition the index knows is everyone's candidate.
  EXPECT_EQ(Candidates(*rules, {"elsewhere"}, {}, none), (std::vector<std::string>{"any"}));
}

TEST(EntryIndex, FilesEntriesWithoutAPathUnderOneOfTheirGroups) {
  const std::string r = kRole;
  auto rules = Compile(R"({"id": "admins", "groups": ["admins", "ops"], )" + r + R"(},
      {"id": "all", "all_groups": ["staff", "vets"], )" +
                       r + "}");
  const Claims none;
  EXPECT_EQ(Candidates(*rules, {"x"}, {"ops"}, none), (std::vector<std::string>{"admins"}));
  EXPECT_EQ(Candidates(*rules, {"x"}, {"staff"}, none), (std::vector<std::string>{"all"}));
  EXPECT_TRUE(Candidates(*rules, {"x"}, {"users"}, none).empty());
}

TEST(EntryIndex, FilesEntriesUnderTheValuesOfAnEqualsOrInClaim) {
  const std::string r = kRole;
  auto rules = Compile(
      R"({"id": "gold", "claims": {"custom:tier": {"in": ["gold", "platinum"]}}, )" + r + "}");
  Claims gold, silver;
  gold.AddString("custom:tier", "platinum");
  silver.AddString("custom:tier", "silver");
  EXPECT_EQ(Candidates(*rules, {"x"}, {}, gold), (std::vector<std::string>{"gold"}));
  EXPECT_TRUE(Candidates(*rules, {"x"}, {}, silver).empty());
  EXPECT_TRUE(Candidates(*rules, {"x"}, {}, Claims()).empty());
}

// The root holds its children by segment id, other nodes in a sorted list:
// both must find every child when there are more than a scan looks at.
TEST(EntryIndex, FindsEveryServiceAndEveryResourceOfManyUnderTheirPrefix) {
  std::string many;
  for (int i = 0; i < 12; ++i) {
    const std::string n = std::to_string(i);
    many += (i ? "," : "") + std::string(R"({"id": "svc)") + n + R"(", "path": "/svc)" + n +
            R"(/**", )" + kRole + R"(}, {"id": "res)" + n + R"(", "path": "/shared/res)" + n +
            R"(/*", )" + kRole + "}";
  }
  auto rules = Compile(many);
  const Claims none;
  for (int i = 0; i < 12; ++i) {
    const std::string n = std::to_string(i);
    const std::string service = "svc" + n, resource = "res" + n;
    EXPECT_EQ(Candidates(*rules, {service, "x"}, {}, none), (std::vector<std::string>{service}));
    EXPECT_EQ(Candidates(*rules, {"shared", resource, "x"}, {}, none),
              (std::vector<std::string>{resource}));
  }
  // A known segment in the wrong place, or an unknown one, leads nowhere.
  EXPECT_TRUE(Candidates(*rules, {"res3", "x"}, {}, none).empty());
  EXPECT_TRUE(Candidates(*rules, {"shared", "svc3"}, {}, none).empty());
  EXPECT_TRUE(Candidates(*rules, {"svc12"}, {}, none).empty());
  EXPECT_TRUE(Candidates(*rules, {}, {}, none).empty());
}

// Both lists' indexes share one segment table: a segment only one of them
// files under has an id the other's root has no slot for.
TEST(EntryIndex, ASegmentOnlyTheOtherListKnowsLeadsNowhere) {
  LoadResult loaded = LoadRulesDocument(std::string(R"({"version": 1,
          "deny": [{"id": "d", "path": "/denied/**"}],
          "rules": [{"id": "late", "path": "/late/**", )") +
                                            kRole + "}]}",
                                        "t", ".");
  ASSERT_TRUE(loaded.document);
  auto compiled = CompiledRules::Compile(*std::move(loaded.document));
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  const CompiledRules& rules = **compiled;
  const Claims none;
  auto deny_candidates = [&](std::string_view segment) {
    const std::string_view segments[] = {segment};
    int ids[1];
    const size_t known = rules.SegmentIds(segments, ids);
    std::vector<uint32_t> out(8);
    size_t count = 0;
    EXPECT_TRUE(rules.deny_index().Candidates({absl::MakeConstSpan(ids, known), {}, &none},
                                              absl::MakeSpan(out), &count));
    return count;
  };
  EXPECT_EQ(deny_candidates("denied"), 1u);
  EXPECT_EQ(deny_candidates("late"), 0u);  // interned after the deny index was built
  EXPECT_EQ(Candidates(rules, {"denied"}, {}, none), std::vector<std::string>{});
  EXPECT_EQ(Candidates(rules, {"late"}, {}, none), std::vector<std::string>{"late"});
}

TEST(EntryIndex, SaysSoWhenTheCandidatesDoNotFit) {
  std::string many;
  for (int i = 0; i < 5; ++i) {
    many +=
        (i ? "," : "") + std::string(R"({"id": "r)") + std::to_string(i) + R"(", )" + kRole + "}";
  }
  auto rules = Compile(many);
  EXPECT_EQ(Candidates(*rules, {"x"}, {}, Claims(), /*room=*/4),
            (std::vector<std::string>{"(too many)"}));
  EXPECT_EQ(Candidates(*rules, {"x"}, {}, Claims(), /*room=*/5).size(), 5u);
}

}  // namespace
}  // namespace rolesel
