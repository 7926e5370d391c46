#include "rolesel/matchers/policy_template.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "rolesel/core/claims_json.h"
#include "status_matchers.h"

namespace rolesel {
namespace {

using nlohmann::json;
using ::rolesel::testing::StatusIs;
using ::testing::HasSubstr;

json Policy(const std::string& resource) {
  return {{"Version", "2012-10-17"},
          {"Statement",
           {{{"Effect", "Allow"}, {"Action", "s3:GetObject"}, {"Resource", resource}}}}};
}

PolicyTemplate MustParse(const json& policy) {
  absl::StatusOr<PolicyTemplate> parsed = PolicyTemplate::Parse(policy);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  if (!parsed.ok()) throw std::runtime_error("policy did not parse");
  return *std::move(parsed);
}

Claims ClaimsOf(const json& claims) {
  absl::StatusOr<Claims> parsed = ClaimsFromJson(claims);
  if (!parsed.ok()) throw std::runtime_error("claims did not parse");
  return *std::move(parsed);
}

std::string RenderOrWhy(const PolicyTemplate& policy, const json& claims) {
  std::string out, why;
  return policy.Render(ClaimsOf(claims), &out, &why) ? out : "refused: " + why;
}

TEST(PolicyTemplate, RendersMinifiedJsonWithThePlaceholdersFilled) {
  PolicyTemplate policy = MustParse(Policy("arn:aws:s3:::tenants/{custom:tenant_id}/*"));
  const std::string rendered = RenderOrWhy(policy, {{"custom:tenant_id", "acme-7"}});
  EXPECT_EQ(rendered,
            R"({"Statement":[{"Action":"s3:GetObject","Effect":"Allow",)"
            R"("Resource":"arn:aws:s3:::tenants/acme-7/*"}],"Version":"2012-10-17"})");
  EXPECT_EQ(json::parse(rendered), Policy("arn:aws:s3:::tenants/acme-7/*"));
}

TEST(PolicyTemplate, KeepsIamPolicyVariablesAsWritten) {
  PolicyTemplate policy =
      MustParse(Policy("arn:aws:s3:::b/${aws:PrincipalTag/tenant}/{custom:tenant_id}/${*}"));
  EXPECT_THAT(RenderOrWhy(policy, {{"custom:tenant_id", "t1"}}),
              HasSubstr(R"(arn:aws:s3:::b/${aws:PrincipalTag/tenant}/t1/${*})"));
}

TEST(PolicyTemplate, PlaceholdersWorkInConditionsAndArrays) {
  json policy = {{"Version", "2012-10-17"},
                 {"Statement",
                  {{"Effect", "Allow"},
                   {"Action", {"dynamodb:GetItem", "dynamodb:Query"}},
                   {"Resource", "arn:aws:dynamodb:us-east-1:123456789012:table/orders"},
                   {"Condition",
                    {{"ForAllValues:StringEquals",
                      {{"dynamodb:LeadingKeys", {"{custom:tenant_id}"}}}}}}}}};
  PolicyTemplate parsed = MustParse(policy);
  const json rendered = json::parse(RenderOrWhy(parsed, {{"custom:tenant_id", "acme"}}));
  EXPECT_EQ(rendered["Statement"]["Condition"]["ForAllValues:StringEquals"]["dynamodb:LeadingKeys"],
            json({"acme"}));
}

TEST(PolicyTemplate, AListClaimGivesItsFirstElement) {
  PolicyTemplate policy = MustParse(Policy("arn:aws:s3:::b/{cognito:groups}/*"));
  policy.UseListClaims({"cognito:groups"});
  EXPECT_THAT(RenderOrWhy(policy, {{"cognito:groups", "[\"gold\",\"silver\"]"}}),
              HasSubstr("arn:aws:s3:::b/gold/*"));
  EXPECT_THAT(RenderOrWhy(policy, {{"cognito:groups", {"gold", "silver"}}}),
              HasSubstr("arn:aws:s3:::b/gold/*"));
}

TEST(PolicyTemplate, EveryCharacterThatCouldWidenThePolicyIsRefused) {
  PolicyTemplate policy = MustParse(Policy("arn:aws:s3:::tenants/{custom:tenant_id}/*"));
  for (const std::string& bad : std::vector<std::string>{"*", "?", "/", ":", "$", "{", "}", "\"", "'", " ", "\t", "\n", "\\", "a*", "a/b", "a:b",
        "${aws:username}", "x\",\"Resource\":\"*", std::string("a\0b", 3), "\x7f"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(RenderOrWhy(policy, {{"custom:tenant_id", bad}}),
                HasSubstr("refused: session_policy: claim custom:tenant_id is empty or holds"));
  }
}

TEST(PolicyTemplate, UnicodeLookAlikesAreRefused) {
  PolicyTemplate policy = MustParse(Policy("arn:aws:s3:::tenants/{custom:tenant_id}/*"));
  // FULLWIDTH ASTERISK, DIVISION SLASH, FULLWIDTH COLON, Cyrillic "а".
  for (const char* bad : {"\xEF\xBC\x8A", "a\xE2\x88\x95" "b", "\xEF\xBC\x9A", "\xD0\xB0" "cme"}) {
    EXPECT_THAT(RenderOrWhy(policy, {{"custom:tenant_id", bad}}), HasSubstr("refused:"));
  }
}

TEST(PolicyTemplate, AnAbsentOrEmptyClaimIsRefusedByName) {
  PolicyTemplate policy = MustParse(Policy("arn:aws:s3:::tenants/{custom:tenant_id}/*"));
  EXPECT_EQ(RenderOrWhy(policy, json::object()),
            "refused: session_policy: claim custom:tenant_id is absent");
  EXPECT_THAT(RenderOrWhy(policy, {{"custom:tenant_id", ""}}), HasSubstr("is empty or holds"));
  EXPECT_THAT(RenderOrWhy(policy, {{"custom:tenant_id", json::array()}}), HasSubstr("refused:"));
}

TEST(PolicyTemplate, ANumberClaimIsItsJsonText) {
  PolicyTemplate policy = MustParse(Policy("arn:aws:s3:::tenants/{custom:tenant_id}/*"));
  EXPECT_THAT(RenderOrWhy(policy, {{"custom:tenant_id", 42}}), HasSubstr("tenants/42/*"));
}

TEST(PolicyTemplate, TheRenderedPolicyIsAtMost2048Characters) {
  PolicyTemplate policy = MustParse(Policy("arn:aws:s3:::t/{custom:tenant_id}"));
  const size_t room = PolicyTemplate::kMaxPolicyChars - policy.literal_chars();
  std::string out, why;
  EXPECT_TRUE(policy.Render(ClaimsOf({{"custom:tenant_id", std::string(room, 'a')}}), &out, &why))
      << why;
  EXPECT_EQ(out.size(), PolicyTemplate::kMaxPolicyChars);
  EXPECT_FALSE(
      policy.Render(ClaimsOf({{"custom:tenant_id", std::string(room + 1, 'a')}}), &out, &why));
  EXPECT_EQ(why, "session_policy is 2049 characters once rendered; STS allows at most 2048");
  // A value at the claim size limit is refused for its size, never cut.
  EXPECT_FALSE(policy.Render(ClaimsOf({{"custom:tenant_id", std::string(kMaxClaimValueBytes, 'a')}}),
                             &out, &why));
  EXPECT_THAT(why, HasSubstr("STS allows at most 2048"));
}

TEST(PolicyTemplate, CountsCharactersNotBytes) {
  PolicyTemplate policy = MustParse(Policy("arn:aws:s3:::caf\xC3\xA9"));
  EXPECT_EQ(policy.literal_chars(), json(Policy("arn:aws:s3:::cafe")).dump().size());
}

TEST(PolicyTemplate, RefusesWhatIsNotAPolicyDocument) {
  EXPECT_THAT(PolicyTemplate::Parse(json::array()).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("an object")));
  EXPECT_THAT(PolicyTemplate::Parse({{"Statement", json::object()}}).status().message(),
              HasSubstr("no \"Version\""));
  EXPECT_THAT(PolicyTemplate::Parse({{"Version", "2012-10-17"}}).status().message(),
              HasSubstr("no \"Statement\""));
  EXPECT_THAT(
      PolicyTemplate::Parse({{"Version", "2020-01-01"}, {"Statement", json::object()}}).status().message(),
      HasSubstr("\"Version\" must be"));
  EXPECT_THAT(
      PolicyTemplate::Parse({{"Version", "2012-10-17"}, {"Statement", json::array()}}).status().message(),
      HasSubstr("non-empty array of objects"));
  EXPECT_THAT(PolicyTemplate::Parse({{"Version", "2012-10-17"}, {"Statement", {1}}}).status().message(),
              HasSubstr("non-empty array of objects"));
}

TEST(PolicyTemplate, RefusesMalformedPlaceholders) {
  EXPECT_THAT(PolicyTemplate::Parse(Policy("a/{}")).status().message(), HasSubstr("empty \"{}\""));
  EXPECT_THAT(PolicyTemplate::Parse(Policy("a/{x")).status().message(),
              HasSubstr("'{' without a matching '}'"));
  EXPECT_THAT(PolicyTemplate::Parse(Policy("a/x}")).status().message(),
              HasSubstr("'}' without a matching '{'"));
  EXPECT_THAT(PolicyTemplate::Parse(Policy("a/{x{y}}")).status().message(),
              HasSubstr("'{' without a matching '}'"));
  EXPECT_THAT(PolicyTemplate::Parse(Policy("a/{x\"y}")).status().message(), HasSubstr("a quote"));
  json key = Policy("a");
  key["Statement"][0]["Condition"] = {{"StringEquals", {{"s3:prefix/{x}", "a"}}}};
  EXPECT_THAT(PolicyTemplate::Parse(key).status().message(), HasSubstr("placeholders go in values"));
}

TEST(IsSafePolicyValue, IsTheDocumentedAlphabet) {
  EXPECT_TRUE(IsSafePolicyValue("Acme_7.a@b+c=d,e-f"));
  EXPECT_FALSE(IsSafePolicyValue(""));
  EXPECT_FALSE(IsSafePolicyValue("a b"));
}

}  // namespace
}  // namespace rolesel
