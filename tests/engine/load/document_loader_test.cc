#include "rolesel/load/document_loader.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loader_test_util.h"

namespace rolesel {
namespace {

using namespace ::rolesel::testing;  // NOLINT: the loader's test helpers
using ::testing::HasSubstr;

TEST(LoadRulesDocument, AcceptsTheSpecsExample) {
  const char* text = R"({
    "version": 1,
    "settings": {
      "allowed_roles": ["arn:aws:iam::123456789012:role/pets-*"],
      "deny_roles": ["arn:aws:iam::*:role/*Admin*"],
      "default": "deny", "require_role_in_token": false,
      "session_name": "{cognito:username}", "duration_seconds": 900
    },
    "deny": [
      {"id": "suspended", "groups": ["suspended"]},
      {"id": "admin-delete-only-admins", "path": "/admin/**",
       "methods": ["DELETE"], "not_groups": ["admins"]}
    ],
    "rules": [
      {"id": "admins-manage", "groups": ["admins"], "path": "/pets/{petId}",
       "methods": ["PUT", "DELETE"], "role": "arn:aws:iam::123456789012:role/pets-admin"},
      {"id": "gold", "claims": {"custom:tier": {"equals": "gold"}},
       "role": "arn:aws:iam::123456789012:role/pets-gold"},
      {"id": "readers", "path": ["/pets", "/pets/*"], "methods": ["GET"],
       "role": {"from_token": ["arn:aws:iam::*:role/pets-read*"]}},
      {"id": "token", "role": "preferred"}
    ]
  })";
  LoadResult result = LoadRulesDocument(text, "t.json", ".");
  ASSERT_TRUE(result.document.has_value());
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(result.document->deny.size(), 2u);
  EXPECT_EQ(result.document->rules.size(), 4u);
  EXPECT_EQ(result.document->settings.duration_seconds, 900);
}

TEST(LoadRulesDocument, ATypoedKeyIsReportedAtLineThreeColumnFifteen) {
  // The same case with the position spelled out, as a user reads it.
  auto errors = Errors(
      "{\"version\": 1,\n"
      " \"rules\": [\n"
      "  {\"id\": \"r\", \"method\": [\"GET\"],\n"
      "   \"role\": \"preferred\"}]}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].location.line, 3);
  EXPECT_EQ(errors[0].location.column, 15);
}

TEST(LoadRulesDocument, VersionIsRequiredAndMustBeOne) {
  ExpectOneError("{\"rules\": []}", "{", "missing-key", "\"version\"");
  ExpectOneError("{\"version\": 2}", "2", "bad-version", "must be 1");
  ExpectOneError("{\"version\": \"1\"}", "\"1\"", "bad-version", "must be 1");
  ExpectOneError("{\"version\": 1.0}", "1.0", "bad-version", "must be 1");
}

TEST(LoadRulesDocument, ReportsEveryErrorSortedByPosition) {
  auto errors = Errors(
      "{\"version\": 1,\n"
      " \"rules\": [\n"
      "  {\"id\": \"a\", \"role\": \"nope\"},\n"
      "  {\"id\": \"a\", \"methodz\": [], \"role\": \"preferred\"}\n"
      " ],\n"
      " \"settings\": {\"duration_seconds\": 5}\n"
      "}");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].check, "bad-arn");
  EXPECT_EQ(errors[0].location.line, 3);
  EXPECT_EQ(errors[1].check, "duplicate-id");
  EXPECT_EQ(errors[2].check, "unknown-key");
  EXPECT_EQ(errors[3].check, "bad-duration");
  EXPECT_EQ(errors[3].location.line, 6);
}

TEST(LoadRulesDocument, SyntaxErrorsStopLoading) {
  ExpectOneError("{\"version\": 1,\n \"rules\": [],\n}", ",\n}", "syntax", "trailing comma");
}

TEST(LoadRulesDocument, MoreThanSixtyFourDistinctMethodsAreTooLarge) {
  std::string methods;
  for (int i = 0; i < 65; ++i) {
    std::string m;
    for (int n = i + 1; n > 0; n /= 26) m += static_cast<char>('A' + n % 26);
    methods += (i ? ",\"" : "\"") + m + "X\"";
  }
  LoadResult loaded = LoadRulesDocument(
      "{\"version\": 1, \"deny\": [{\"id\": \"d\", \"methods\": [" + methods + "]}]}", "t", ".");
  EXPECT_FALSE(loaded.document.has_value());
  ASSERT_FALSE(loaded.diagnostics.empty());
  EXPECT_EQ(loaded.diagnostics[0].check, "too-large");
}

}  // namespace
}  // namespace rolesel
