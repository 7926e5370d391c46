#include "rolesel/compile/compiled_rules.h"

#include "gtest/gtest.h"
#include "rolesel/load/document_loader.h"
#include "test_util.h"

namespace rolesel {
namespace {

// Loads and compiles, or fails the test: never null.
std::unique_ptr<CompiledRules> Compile(const std::string& text) {
  LoadResult loaded = LoadRulesDocument(text, "t", ".");
  if (!loaded.document) throw testing::PreconditionFailed("the rules did not load");
  auto compiled = CompiledRules::Compile(*std::move(loaded.document));
  if (!compiled.ok()) throw testing::PreconditionFailed(std::string(compiled.status().message()));
  return *std::move(compiled);
}

// Path patterns and claim matchers are parsed (regexes compiled) once, by
// the loader, and compiling takes them over; a pattern whose text no longer
// matches what the loader parsed is parsed again from its text.
TEST(CompiledRules, TakesOverTheLoadersPatternsOnlyWhileTheirTextsAgree) {
  LoadResult loaded = LoadRulesDocument(R"({"version": 1, "rules": [{"id": "r",
      "path": ["re:^/a/[0-9]+$", "/b/{id}"], "claims": {"t": {"regex": "^x+$"}},
      "role": "preferred"}]})",
                                        "t", ".");
  ASSERT_TRUE(loaded.document.has_value());
  Condition& condition = loaded.document->rules[0].condition;
  ASSERT_EQ(condition.parsed_paths.size(), 2u);
  ASSERT_TRUE(condition.claims[0].matcher.has_value());
  RulesDocument kept = *loaded.document;
  auto same = CompiledRules::Compile(std::move(kept));
  ASSERT_TRUE(same.ok());
  const CompiledCondition& compiled = (*same)->rules()[0].condition;
  ASSERT_EQ(compiled.paths.size(), 2u);
  EXPECT_EQ(compiled.paths[0].text(), "re:^/a/[0-9]+$");
  EXPECT_TRUE(compiled.paths[0].is_regex());

  (*condition.paths)[1] = "/c/{id}";  // the text changed after loading
  auto changed = CompiledRules::Compile(*std::move(loaded.document));
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ((*changed)->rules()[0].condition.paths[1].text(), "/c/{id}");
}

TEST(CompiledRules, InternsGroupsSoConditionsShareIds) {
  auto rules = Compile(R"({"version": 1,
    "deny": [{"id": "d", "groups": ["b", "a"]}],
    "rules": [{"id": "r", "all_groups": ["a"], "not_groups": ["c"], "role": "preferred"}]})");
  int a = rules->GroupId("a"), b = rules->GroupId("b"), c = rules->GroupId("c");
  EXPECT_GE(a, 0);
  EXPECT_GE(b, 0);
  EXPECT_GE(c, 0);
  EXPECT_EQ(rules->GroupId("unknown"), -1);
  const CompiledCondition& deny = rules->deny()[0].condition;
  EXPECT_TRUE(deny.has_groups);
  EXPECT_EQ(deny.groups, (std::vector<int>{std::min(a, b), std::max(a, b)}));
  EXPECT_EQ(rules->rules()[0].condition.all_groups, std::vector<int>{a});
  EXPECT_EQ(rules->rules()[0].condition.not_groups, std::vector<int>{c});
}

TEST(CompiledRules, SegmentIdsStopAtTheFirstSegmentNoIndexKnows) {
  auto rules = Compile(R"({"version": 1,
    "deny": [{"id": "d", "path": "/admin/**"}],
    "rules": [{"id": "r", "path": "/pets/{id}/photos", "role": "preferred"},
              {"id": "s", "path": "/pets/mine/toys/*", "role": "preferred"}]})");
  const std::string_view path[] = {"pets", "mine", "toys", "ball"};
  int ids[4] = {-2, -2, -2, -2};
  // "pets", "mine", "toys" are indexed prefixes; "ball" is deeper than any.
  ASSERT_EQ(rules->SegmentIds(path, ids), 3u);
  EXPECT_GE(ids[0], 0);
  EXPECT_GE(ids[1], 0);
  EXPECT_GE(ids[2], 0);
  EXPECT_EQ(ids[3], -2);  // not written
  const std::string_view other[] = {"pets", "42", "photos"};
  EXPECT_EQ(rules->SegmentIds(other, ids), 1u);  // "42" is in no prefix
  const std::string_view admin[] = {"admin"};
  EXPECT_EQ(rules->SegmentIds(admin, ids), 1u);  // the deny list's prefix
  EXPECT_NE(ids[0], -1);
}

TEST(CompiledRules, MethodsBecomeBitsAndAnyIsAWildcard) {
  auto rules = Compile(R"({"version": 1, "deny": [
    {"id": "a", "methods": ["GET", "PUT"]}, {"id": "b", "methods": ["ANY"]},
    {"id": "c", "methods": ["*", "GET"]}]})");
  uint64_t get = rules->MethodBit("GET"), put = rules->MethodBit("PUT");
  EXPECT_NE(get, 0u);
  EXPECT_NE(put, 0u);
  EXPECT_NE(get, put);
  EXPECT_EQ(rules->MethodBit("POST"), 0u);
  EXPECT_EQ(rules->deny()[0].condition.method_mask, get | put);
  EXPECT_TRUE(rules->deny()[1].condition.any_method);
  EXPECT_TRUE(rules->deny()[2].condition.any_method);
}

// Methods of up to 8 bytes are compared as one integer, longer ones as
// strings; neither may match a prefix or an extension of a listed method.
TEST(CompiledRules, MethodBitsMatchWholeMethodsOfAnyLength) {
  auto rules = Compile(R"({"version": 1, "deny": [
    {"id": "a", "methods": ["GET", "PROPFIND", "MKCALENDAR", "LONGMETHODNAME"]}]})");
  const uint64_t mask = rules->deny()[0].condition.method_mask;
  for (const char* listed : {"GET", "PROPFIND", "MKCALENDAR", "LONGMETHODNAME"}) {
    const uint64_t bit = rules->MethodBit(listed);
    EXPECT_NE(bit, 0u) << listed;
    EXPECT_NE(bit & mask, 0u) << listed;
  }
  for (const char* other : {"GE", "GETS", "PROPFIN", "PROPFINDX", "MKCALENDA", "LONGMETHODNAMES",
                            "LONGMETHODNAM", ""}) {
    EXPECT_EQ(rules->MethodBit(other), 0u) << other;
  }
}

TEST(CompiledRules, ListClaimsIncludeCognitosAndTheConfiguredOnes) {
  auto rules = Compile(R"({"version": 1, "settings": {"list_claims": ["custom:teams"]},
    "deny": [{"id": "d", "claims": {"custom:teams": {"equals": "x"}, "email": {"equals": "y"}}}]})");
  EXPECT_TRUE(rules->IsListClaim("cognito:groups"));
  EXPECT_TRUE(rules->IsListClaim("cognito:roles"));
  EXPECT_TRUE(rules->IsListClaim("custom:teams"));
  EXPECT_FALSE(rules->IsListClaim("email"));
  const auto& claims = rules->deny()[0].condition.claims;
  ASSERT_EQ(claims.size(), 2u);
  for (const auto& claim : claims) {
    EXPECT_EQ(claim.as_list, claim.matcher.claim() == "custom:teams");
  }
}

}  // namespace
}  // namespace rolesel
