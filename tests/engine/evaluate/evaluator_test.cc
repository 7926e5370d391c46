#include "rolesel/evaluate/evaluator.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rolesel/core/claims_json.h"
#include "rolesel/core/decision_json.h"
#include "rolesel/event/event_reader.h"
#include "test_util.h"

namespace rolesel {
namespace {

using nlohmann::json;
using ::rolesel::testing::DecideRequest;
using ::rolesel::testing::MustLoad;
using ::testing::HasSubstr;

constexpr char kAdmin[] = "arn:aws:iam::123456789012:role/pets-admin";
constexpr char kReader[] = "arn:aws:iam::123456789012:role/pets-reader";
constexpr char kGold[] = "arn:aws:iam::123456789012:role/pets-gold";

json Req(const std::string& method, const std::string& path, json claims) {
  return {{"method", method}, {"path", path}, {"claims", std::move(claims)}};
}

TEST(Evaluate, DenyEntriesWinOverEveryRule) {
  auto rules = MustLoad(R"({"version": 1,
    "deny": [{"id": "blocked", "groups": ["blocked"]}],
    "rules": [{"id": "all", "role": "arn:aws:iam::123456789012:role/pets-admin"}]})");
  Decision d = DecideRequest(*rules, Req("GET", "/", {{"cognito:groups", {"blocked"}}}));
  EXPECT_FALSE(d.allow);
  EXPECT_EQ(d.reason, DenyReason::kDenyRule);
  EXPECT_EQ(d.rule, "blocked");
  Decision ok = DecideRequest(*rules, Req("GET", "/", {{"cognito:groups", {"x"}}}));
  EXPECT_TRUE(ok.allow);
  EXPECT_EQ(ok.rule, "all");
}

TEST(Evaluate, FirstMatchingDenyEntryIsReported) {
  auto rules = MustLoad(R"({"version": 1, "deny": [
    {"id": "first", "methods": ["GET"]}, {"id": "second", "methods": ["GET"]}]})");
  EXPECT_EQ(DecideRequest(*rules, Req("GET", "/", json::object())).rule, "first");
}

TEST(Evaluate, RulesAreTriedInOrderAndTheFirstMatchWins) {
  auto rules = MustLoad(std::string(R"({"version": 1, "rules": [
    {"id": "a", "path": "/pets/*", "role": ")") +
                        kReader + R"("},
    {"id": "b", "path": "/pets/**", "role": ")" +
                        kAdmin + R"("}]})");
  EXPECT_EQ(DecideRequest(*rules, Req("GET", "/pets/1", json::object())).rule, "a");
  EXPECT_EQ(DecideRequest(*rules, Req("GET", "/pets", json::object())).rule, "b");
}

TEST(Evaluate, AnEntryWithoutConditionsMatchesEveryRequest) {
  auto rules = MustLoad(std::string(R"({"version": 1, "rules": [{"id": "any", "role": ")") +
                        kReader + R"("}]})");
  Decision d = DecideRequest(*rules, Req("PATCH", "/x/y", json::object()));
  EXPECT_TRUE(d.allow);
  EXPECT_EQ(d.role, kReader);
}

TEST(Evaluate, EveryConditionMustHold) {
  auto rules = MustLoad(std::string(R"({"version": 1, "rules": [{"id": "r",
    "groups": ["admins"], "methods": ["DELETE"], "path": "/pets/{id}",
    "claims": {"custom:tier": {"equals": "gold"}}, "role": ")") +
                        kAdmin + R"("}]})");
  json claims = {{"cognito:groups", {"admins"}}, {"custom:tier", "gold"}};
  EXPECT_TRUE(DecideRequest(*rules, Req("DELETE", "/pets/1", claims)).allow);
  EXPECT_FALSE(DecideRequest(*rules, Req("GET", "/pets/1", claims)).allow);
  EXPECT_FALSE(DecideRequest(*rules, Req("DELETE", "/pets", claims)).allow);
  json silver = claims;
  silver["custom:tier"] = "silver";
  EXPECT_FALSE(DecideRequest(*rules, Req("DELETE", "/pets/1", silver)).allow);
  json other = claims;
  other["cognito:groups"] = {"users"};
  EXPECT_FALSE(DecideRequest(*rules, Req("DELETE", "/pets/1", other)).allow);
}

TEST(Evaluate, GroupConditions) {
  auto rules = MustLoad(std::string(R"({"version": 1, "rules": [
    {"id": "any-of", "groups": ["a", "b"], "path": "/any", "role": ")") +
                        kReader + R"("},
    {"id": "all-of", "all_groups": ["a", "b"], "path": "/all", "role": ")" +
                        kReader + R"("},
    {"id": "none-of", "not_groups": ["a", "b"], "path": "/none", "role": ")" +
                        kReader + R"("}]})");
  auto allowed = [&](const char* path, json groups) {
    return DecideRequest(*rules, Req("GET", path, {{"cognito:groups", groups}})).allow;
  };
  EXPECT_TRUE(allowed("/any", {"b"}));
  EXPECT_FALSE(allowed("/any", {"c"}));
  EXPECT_FALSE(allowed("/any", json::array()));
  EXPECT_TRUE(allowed("/all", {"b", "c", "a"}));
  EXPECT_FALSE(allowed("/all", {"a"}));
  EXPECT_TRUE(allowed("/none", {"c"}));
  EXPECT_TRUE(allowed("/none", json::array()));
  EXPECT_FALSE(allowed("/none", {"c", "b"}));
  // No groups claim at all: in no group.
  EXPECT_TRUE(DecideRequest(*rules, Req("GET", "/none", json::object())).allow);
  EXPECT_FALSE(DecideRequest(*rules, Req("GET", "/any", json::object())).allow);
}

// The evaluator keeps the caller's known groups sorted and unique as it
// reads them: any order, repeats and unknown names must not change a match.
TEST(Evaluate, GroupsInAnyOrderWithRepeatsAreEachSeen) {
  json named = json::array();
  for (int i = 0; i < 40; ++i) named.push_back("g" + std::to_string(i));
  auto rules = MustLoad(
      json({{"version", 1},
            {"rules",
             {{{"id", "named"}, {"groups", named}, {"path", "/named"}, {"role", kReader}},
              {{"id", "all"},
               {"all_groups", {"g0", "g17", "g39"}},
               {"path", "/all"},
               {"role", kReader}},
              {{"id", "none"}, {"not_groups", {"g20"}}, {"path", "/none"}, {"role", kReader}}}}})
          .dump());
  auto allowed = [&](const char* path, const json& groups) {
    return DecideRequest(*rules, Req("GET", path, {{"cognito:groups", groups}})).allow;
  };
  json reversed = json::array();
  for (int i = 39; i >= 0; --i) reversed.push_back("g" + std::to_string(i));
  for (const char* extra : {"g17", "zz", "g0", "g39", "g17"}) reversed.push_back(extra);
  EXPECT_TRUE(allowed("/all", reversed));
  EXPECT_FALSE(allowed("/none", reversed));
  json without_20 = json::array();
  for (const json& g : reversed) {
    if (g != "g20") without_20.push_back(g);
  }
  EXPECT_TRUE(allowed("/none", without_20));
  EXPECT_FALSE(allowed("/all", json::array({"g17", "g39", "g17", "g39"})));
  // As many groups as a list may hold, most of them repeats.
  json full = json::array();
  for (size_t i = 0; i < kMaxListElements; ++i) full.push_back(reversed[i % reversed.size()]);
  EXPECT_TRUE(allowed("/all", full));
  EXPECT_TRUE(allowed("/named", full));
}

TEST(Evaluate, GroupNamesAreCaseSensitiveAndExact) {
  auto rules = MustLoad(std::string(R"({"version": 1, "rules": [
    {"id": "r", "groups": ["admins"], "role": ")") +
                        kAdmin + R"("}]})");
  for (const char* look_alike : {"Admins", "admins ",
                                 "\xd0\xb0"
                                 "dmins" /* Cyrillic a */}) {
    EXPECT_FALSE(DecideRequest(*rules, Req("GET", "/", {{"cognito:groups", {look_alike}}})).allow)
        << look_alike;
  }
}

TEST(Evaluate, UsersMatchUsernameOrSub) {
  auto rules = MustLoad(std::string(R"({"version": 1, "rules": [
    {"id": "r", "users": ["alice", "sub-123"], "role": ")") +
                        kAdmin + R"("}]})");
  EXPECT_TRUE(DecideRequest(*rules, Req("GET", "/", {{"cognito:username", "alice"}})).allow);
  EXPECT_TRUE(DecideRequest(*rules, Req("GET", "/", {{"sub", "sub-123"}})).allow);
  EXPECT_FALSE(DecideRequest(*rules, Req("GET", "/", {{"cognito:username", "bob"}})).allow);
  EXPECT_FALSE(DecideRequest(*rules, Req("GET", "/", {{"email", "alice"}})).allow);
}

// The caller's ids are looked up when the first users condition is tested
// and serve every later one: a deny that lists someone else, then rules on
// the username or the sub, decide the same traced and untraced.
TEST(Evaluate, EveryUsersConditionSeesTheSameCaller) {
  auto rules = MustLoad(std::string(R"({"version": 1,
    "deny": [{"id": "carol-out", "users": ["carol"]}],
    "rules": [{"id": "by-name", "users": ["alice"], "path": "/a", "role": ")") +
                        kAdmin + R"("},
              {"id": "by-sub", "users": ["sub-123"], "role": ")" +
                        kReader + R"("}]})");
  struct Case {
    const char* path;
    json claims;
    const char* rule;  // "" for a deny
  };
  const Case cases[] = {
      {"/a", {{"cognito:username", "alice"}, {"sub", "sub-123"}}, "by-name"},
      {"/b", {{"cognito:username", "alice"}, {"sub", "sub-123"}}, "by-sub"},
      {"/a", {{"cognito:username", "bob"}, {"sub", "sub-123"}}, "by-sub"},
      {"/a", {{"cognito:username", "carol"}, {"sub", "sub-123"}}, ""},
      {"/a", {{"sub", "sub-9"}}, ""},
  };
  for (const Case& c : cases) {
    Trace trace;
    const Decision traced = DecideRequest(*rules, Req("GET", c.path, c.claims), &trace);
    const Decision untraced = DecideRequest(*rules, Req("GET", c.path, c.claims));
    EXPECT_EQ(DecisionToJson(traced).dump(), DecisionToJson(untraced).dump()) << c.claims.dump();
    EXPECT_EQ(untraced.allow, *c.rule != '\0') << c.claims.dump();
    if (untraced.allow) EXPECT_EQ(untraced.rule, c.rule) << c.claims.dump();
  }
}

TEST(Evaluate, MethodsAnyAndStarMatchEveryMethod) {
  auto rules = MustLoad(std::string(R"({"version": 1, "rules": [
    {"id": "any", "methods": ["ANY"], "path": "/a", "role": ")") +
                        kAdmin + R"("},
    {"id": "star", "methods": ["*"], "path": "/b", "role": ")" +
                        kAdmin + R"("},
    {"id": "get", "methods": ["GET"], "path": "/c", "role": ")" +
                        kAdmin + R"("}]})");
  for (const char* m : {"GET", "PURGE", "PROPFIND"}) {
    EXPECT_TRUE(DecideRequest(*rules, Req(m, "/a", json::object())).allow) << m;
    EXPECT_TRUE(DecideRequest(*rules, Req(m, "/b", json::object())).allow) << m;
  }
  EXPECT_FALSE(DecideRequest(*rules, Req("POST", "/c", json::object())).allow);
}

TEST(Evaluate, NoMatchWithDefaultDenyAndDefaultRole) {
  auto deny = MustLoad(R"({"version": 1})");
  Decision d = DecideRequest(*deny, Req("GET", "/", json::object()));
  EXPECT_EQ(d.reason, DenyReason::kNoMatch);
  EXPECT_TRUE(d.rule.empty());
  auto fallback =
      MustLoad(std::string(R"({"version": 1, "settings": {"default": ")") + kReader + R"("}})");
  Decision a = DecideRequest(*fallback, Req("GET", "/", json::object()));
  EXPECT_TRUE(a.allow);
  EXPECT_EQ(a.role, kReader);
  EXPECT_EQ(a.rule, "default");
}

TEST(Evaluate, TheDefaultRoleIsCheckedToo) {
  auto rules = MustLoad(std::string(R"({"version": 1, "settings": {"default": ")") + kAdmin +
                        R"(", "deny_roles": ["*-admin"]}})");
  Decision d = DecideRequest(*rules, Req("GET", "/", json::object()));
  EXPECT_EQ(d.reason, DenyReason::kRoleDenied);
  EXPECT_EQ(d.rule, "default");
}

TEST(Evaluate, PreferredYieldsTheTokensPreferredRoleOrNothing) {
  auto rules = MustLoad(std::string(R"({"version": 1, "rules": [
    {"id": "pref", "role": "preferred"},
    {"id": "fallback", "role": ")") +
                        kReader + R"("}]})");
  Decision with = DecideRequest(*rules, Req("GET", "/", {{"cognito:preferred_role", kGold}}));
  EXPECT_EQ(with.rule, "pref");
  EXPECT_EQ(with.role, kGold);
  Decision without = DecideRequest(*rules, Req("GET", "/", json::object()));
  EXPECT_EQ(without.rule, "fallback") << "a rule yielding no role does not match";
}

TEST(Evaluate, FromTokenTakesTheFirstGlobThenTheFirstRoleInTokenOrder) {
  auto rules = MustLoad(R"({"version": 1, "rules": [{"id": "r", "role": {"from_token": [
      "arn:aws:iam::123456789012:role/pets-read*", "arn:aws:iam::123456789012:role/*"]}}]})");
  json roles = {kGold, "arn:aws:iam::123456789012:role/pets-read-b",
                "arn:aws:iam::123456789012:role/pets-read-a"};
  Decision d = DecideRequest(*rules, Req("GET", "/", {{"cognito:roles", roles}}));
  EXPECT_EQ(d.role, "arn:aws:iam::123456789012:role/pets-read-b");
  Decision second = DecideRequest(*rules, Req("GET", "/", {{"cognito:roles", {kGold}}}));
  EXPECT_EQ(second.role, kGold);
  Decision none = DecideRequest(
      *rules, Req("GET", "/", {{"cognito:roles", {"arn:aws:iam::999999999999:role/x"}}}));
  EXPECT_EQ(none.reason, DenyReason::kNoMatch);
}

TEST(Evaluate, RequireRoleInTokenGatesLiteralRolesButNotTheDefault) {
  auto rules = MustLoad(std::string(R"({"version": 1,
    "settings": {"require_role_in_token": true, "default": ")") +
                        kReader + R"("},
    "rules": [{"id": "admin", "role": ")" +
                        kAdmin + R"("}]})");
  Decision has = DecideRequest(*rules, Req("GET", "/", {{"cognito:roles", {kGold, kAdmin}}}));
  EXPECT_EQ(has.rule, "admin");
  Decision lacks = DecideRequest(*rules, Req("GET", "/", {{"cognito:roles", {kGold}}}));
  EXPECT_EQ(lacks.rule, "default");
  EXPECT_EQ(lacks.role, kReader);
}

TEST(Evaluate, RoleChecksDenyAndNeverFallThrough) {
  auto rules = MustLoad(std::string(R"({"version": 1, "settings": {
      "allowed_roles": ["arn:aws:iam::123456789012:role/pets-*"],
      "deny_roles": ["arn:aws:iam::*:role/*Admin*"]},
    "rules": [{"id": "pref", "role": "preferred"},
              {"id": "fallback", "role": ")") +
                        kReader + R"("}]})");
  auto decide = [&](const char* role) {
    return DecideRequest(*rules, Req("GET", "/", {{"cognito:preferred_role", role}}));
  };
  Decision other_account = decide("arn:aws:iam::999999999999:role/pets-x");
  EXPECT_EQ(other_account.reason, DenyReason::kRoleNotAllowed);
  EXPECT_EQ(other_account.rule, "pref");
  EXPECT_EQ(decide("arn:aws-cn:iam::123456789012:role/pets-x").reason, DenyReason::kRoleNotAllowed);
  EXPECT_EQ(decide("not an arn").reason, DenyReason::kRoleNotAllowed);
  EXPECT_EQ(decide("arn:aws:iam::123456789012:role/pets-*").reason, DenyReason::kRoleNotAllowed);
  EXPECT_EQ(decide("").reason, DenyReason::kRoleNotAllowed);
  Decision denied = decide("arn:aws:iam::123456789012:role/pets-SuperAdmin");
  EXPECT_EQ(denied.reason, DenyReason::kRoleDenied);
  EXPECT_EQ(denied.role, "arn:aws:iam::123456789012:role/pets-SuperAdmin");
  EXPECT_TRUE(decide("arn:aws:iam::123456789012:role/pets-ok").allow);
}

TEST(Evaluate, AllowCarriesSessionNameAndDuration) {
  auto rules = MustLoad(std::string(R"({"version": 1, "settings": {"duration_seconds": 1800,
      "session_name": "api-{cognito:username}"},
    "rules": [{"id": "r", "role": ")") +
                        kReader + R"("}]})");
  Decision d = DecideRequest(*rules, Req("GET", "/", {{"cognito:username", "alice"}}));
  EXPECT_EQ(d.session_name, "api-alice");
  EXPECT_EQ(d.duration_seconds, 1800);
  auto defaults = MustLoad(std::string(R"({"version": 1, "rules": [{"id": "r", "role": ")") +
                           kReader + R"("}]})");
  EXPECT_EQ(DecideRequest(*defaults, Req("GET", "/", json::object())).duration_seconds, 3600);
}

TEST(Evaluate, RequestChecksComeInTheSpecsOrder) {
  auto rules = MustLoad(std::string(R"({"version": 1, "rules": [{"id": "r", "role": ")") + kReader +
                        R"("}]})");
  auto reason = [&](json request) { return DecideRequest(*rules, request).reason; };
  EXPECT_EQ(reason({{"path", "//"}, {"claims", json::object()}}), DenyReason::kBadRequest);
  EXPECT_EQ(reason({{"method", 1}, {"path", "//"}, {"claims", json::object()}}),
            DenyReason::kBadRequest);
  EXPECT_EQ(reason({{"method", "get"}, {"claims", json::object()}}), DenyReason::kBadRequest);
  EXPECT_EQ(reason({{"method", "get"}, {"path", "//"}}), DenyReason::kBadRequest);
  EXPECT_EQ(reason({{"method", "get"}, {"path", "//"}, {"claims", json::array()}}),
            DenyReason::kBadRequest);
  EXPECT_EQ(reason({{"method", "get"}, {"path", "//"}, {"claims", json::object()}}),
            DenyReason::kUnsafePath);
  EXPECT_EQ(reason({{"method", "get"}, {"path", "/"}, {"claims", json::object()}}),
            DenyReason::kBadRequest);
  EXPECT_EQ(reason({{"method", ""}, {"path", "/"}, {"claims", json::object()}}),
            DenyReason::kBadRequest);
  EXPECT_EQ(reason({{"method", "G3T"}, {"path", "/"}, {"claims", json::object()}}),
            DenyReason::kBadRequest);
}

TEST(Evaluate, AMalformedListClaimIsABadRequestNotAnEmptyList) {
  auto rules = MustLoad(std::string(R"({"version": 1,
    "deny": [{"id": "suspended", "groups": ["suspended"]}],
    "rules": [{"id": "r", "not_groups": ["suspended"], "role": ")") +
                        kReader + R"("}]})");
  Decision d = DecideRequest(*rules, Req("GET", "/", {{"cognito:groups", {{"a", 1}}}}));
  EXPECT_EQ(d.reason, DenyReason::kBadRequest);
  Decision nested = DecideRequest(*rules, Req("GET", "/", {{"cognito:groups", {{"x"}}}}));
  EXPECT_EQ(nested.reason, DenyReason::kBadRequest);
}

TEST(Evaluate, TraceNamesEveryEntryAndWhyItFailed) {
  auto rules = MustLoad(std::string(R"({"version": 1,
    "deny": [{"id": "suspended", "groups": ["suspended"]}],
    "rules": [{"id": "gold", "claims": {"custom:tier": {"in": ["gold", "platinum"]}},
               "role": ")") +
                        kGold + R"("},
              {"id": "readers", "methods": ["GET"], "role": ")" +
                        kReader + R"("}]})");
  Trace trace;
  Decision d = DecideRequest(*rules, Req("GET", "/pets", {{"custom:tier", "silver"}}), &trace);
  EXPECT_TRUE(d.allow);
  std::string text = trace.ToText();
  EXPECT_THAT(text, HasSubstr("deny[0] \"suspended\": groups:"));
  EXPECT_THAT(
      text,
      HasSubstr(
          "rules[0] \"gold\": claims.custom:tier: \"silver\" not in [\"gold\",\"platinum\"]\n"));
  EXPECT_THAT(text, HasSubstr("rules[1] \"readers\": matched"));
  EXPECT_THAT(text, HasSubstr("role_checks: matched"));
}

TEST(Evaluate, ARecycledDecisionIsFullyOverwritten) {
  auto rules = MustLoad(std::string(R"({"version": 1,
    "deny": [{"id": "d", "path": "/denied"}],
    "rules": [{"id": "r", "path": "/ok", "role": ")") +
                        kReader + R"("}]})");
  ExtractedRequest allow_event, deny_event;
  ReadEvent(Req("GET", "/ok", json::object()).dump(), &allow_event);
  ReadEvent(Req("GET", "/denied", json::object()).dump(), &deny_event);
  Decision reused;
  rules->Decide(allow_event.AsRequest(), &reused);
  ASSERT_TRUE(reused.allow);
  rules->Decide(deny_event.AsRequest(), &reused);
  EXPECT_FALSE(reused.allow);
  EXPECT_EQ(reused.rule, "d");
  EXPECT_TRUE(reused.role.empty());
  EXPECT_TRUE(reused.session_name.empty());
  EXPECT_EQ(reused.duration_seconds, 0);
}

}  // namespace
}  // namespace rolesel

namespace rolesel {
namespace {

// The index may only skip entries that cannot match: with and without it
// (a trace makes the evaluator look at every entry) every decision agrees.
TEST(Evaluate, TheIndexNeverChangesADecision) {
  json deny = json::array(), rules = json::array();
  const std::vector<std::string> groups = {"a", "b", "c", "staff"};
  const std::vector<std::string> paths = {"/svc1/items/{id}",
                                          "/svc1/**",
                                          "/svc2/files/{proxy+}",
                                          "/svc2",
                                          "/*/x",
                                          "/**",
                                          "re:^/svc1/v[0-9]+/r$",
                                          "re:^/v[0-9]+/.*$",
                                          "re:(?i)/SVC2/.*",
                                          "/svc3/items/*",
                                          "/"};
  for (int i = 0; i < 60; ++i) {
    json entry = {{"id", "e" + std::to_string(i)}};
    if (i % 3 != 2) entry["path"] = paths[i % paths.size()];
    if (i % 4 == 0) entry["groups"] = {groups[i % groups.size()]};
    if (i % 5 == 1) entry["all_groups"] = {groups[(i + 1) % groups.size()], "staff"};
    if (i % 7 == 3) entry["not_groups"] = {groups[(i + 2) % groups.size()]};
    if (i % 6 == 5) entry["methods"] = {"GET"};
    if (i % 9 == 4) entry["claims"] = {{"tier", {{"equals", "gold"}}}};
    if (i % 11 == 7) entry["path"] = json::array({paths[i % paths.size()], "/svc3/items/*"});
    if (i % 8 == 0) {
      deny.push_back(entry);
    } else {
      entry["role"] = i % 10 == 9 ? json("preferred")
                                  : json("arn:aws:iam::123456789012:role/r" + std::to_string(i));
      rules.push_back(entry);
    }
  }
  auto loaded = RuleSet::FromString(json{{"version", 1}, {"deny", deny}, {"rules", rules}}.dump());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const std::vector<std::string> request_paths = {
      "/",     "/svc1",           "/svc1/items/7", "/svc1/items/7/x", "/svc1/v2/r",
      "/svc2", "/svc2/files/a/b", "/SVC2/files",   "/svc3/items/9",   "/v3/anything",
      "/q/x",  "/svc9/x",         "/svc1/x/y/z"};
  int decisions = 0, allows = 0;
  for (const auto& path : request_paths) {
    for (int g = 0; g < 16; ++g) {
      json caller_groups = json::array();
      for (size_t k = 0; k < groups.size(); ++k) {
        if (g & (1 << k)) caller_groups.push_back(groups[k]);
      }
      for (const char* method : {"GET", "POST"}) {
        for (const char* tier : {"gold", "silver"}) {
          json request = Req(method, path,
                             {{"cognito:groups", caller_groups},
                              {"tier", tier},
                              {"cognito:preferred_role", "arn:aws:iam::123456789012:role/p"}});
          Trace trace;
          Decision scanned = DecideRequest(**loaded, request, &trace);
          Decision indexed = DecideRequest(**loaded, request);
          ASSERT_EQ(DecisionToJson(indexed).dump(), DecisionToJson(scanned).dump())
              << request.dump();
          ++decisions;
          allows += indexed.allow ? 1 : 0;
        }
      }
    }
  }
  EXPECT_EQ(decisions, 13 * 16 * 2 * 2);
  EXPECT_GT(allows, decisions / 4) << "the comparison must cover allows as well as denies";
  EXPECT_LT(allows, decisions) << "...and denies";
}

}  // namespace
}  // namespace rolesel

namespace rolesel {
namespace {

TEST(Evaluate, SourceIdentityAndSessionTagsComeFromClaims) {
  auto rules = MustLoad(std::string(R"({"version": 1, "settings": {
      "source_identity": "{cognito:username}",
      "session_tags": {"team": "{custom:team}", "tier": "{custom:tier}", "who": "u-{sub}"}},
    "rules": [{"id": "r", "role": "arn:aws:iam::123456789012:role/pets-reader"}]})"));
  Decision d = DecideRequest(
      *rules,
      Req("GET", "/",
          {{"cognito:username", "alice smith"}, {"custom:team", "pets/search*"}, {"sub", "s1"}}));
  ASSERT_TRUE(d.allow);
  EXPECT_EQ(d.source_identity, "alice-smith");
  EXPECT_EQ(d.session_tags, (std::vector<std::pair<std::string, std::string>>{
                                {"team", "pets/search-"}, {"who", "u-s1"}}))
      << "the tier tag's claim is absent, so it is left out";
  EXPECT_EQ(DecisionToJson(d)["session_tags"]["team"], "pets/search-");
  Decision anonymous = DecideRequest(*rules, Req("GET", "/", json::object()));
  EXPECT_TRUE(anonymous.source_identity.empty());
  EXPECT_FALSE(DecisionToJson(anonymous).contains("source_identity"));
}

TEST(Evaluate, ARequestedRoleIsSelectedOnlyWhenTheTokenHoldsItAndAGlobAdmitsIt) {
  auto rules = MustLoad(std::string(R"({"version": 1,
    "settings": {"deny_roles": ["arn:aws:iam::*:role/*-gold"]},
    "rules": [{"id": "pick", "role": {"requested": ["arn:aws:iam::123456789012:role/pets-*"]}},
              {"id": "fallback", "role": ")") +
                        kReader + R"("}]})");
  const json roles = {kAdmin, kReader, kGold, "arn:aws:iam::999999999999:role/pets-x"};
  const auto decide = [&](std::optional<std::string> requested, Trace* trace = nullptr) {
    Request request;
    request.method = "GET";
    request.path = "/";
    const Claims claims = *ClaimsFromJson({{"cognito:roles", roles}});
    request.claims = &claims;
    if (requested) request.requested_role = *requested;
    return rules->Decide(request, trace);
  };
  Decision picked = decide(kAdmin);
  EXPECT_TRUE(picked.allow);
  EXPECT_EQ(picked.role, kAdmin);
  EXPECT_EQ(picked.rule, "pick");
  Trace trace;
  EXPECT_EQ(decide(std::nullopt, &trace).rule, "fallback");
  EXPECT_THAT(trace.steps[2].why, HasSubstr("names no role"));
  trace = Trace();
  EXPECT_EQ(decide("arn:aws:iam::123456789012:role/pets-other", &trace).rule, "fallback");
  EXPECT_THAT(trace.steps[2].why, HasSubstr("is not in cognito:roles"));
  trace = Trace();
  EXPECT_EQ(decide("arn:aws:iam::999999999999:role/pets-x", &trace).rule, "fallback");
  EXPECT_THAT(trace.steps[2].why, HasSubstr("matches none of"));
  Decision denied = decide(kGold);
  EXPECT_FALSE(denied.allow);
  EXPECT_EQ(denied.reason, DenyReason::kRoleDenied);
  EXPECT_EQ(denied.role, kGold);
}

}  // namespace
}  // namespace rolesel
