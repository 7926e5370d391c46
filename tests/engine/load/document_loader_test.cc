#include "rolesel/load/document_loader.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rolesel {
namespace {

using ::testing::HasSubstr;

std::vector<Diagnostic> Errors(const std::string& text) {
  LoadResult result = LoadRulesDocument(text, "t.json", ".");
  std::vector<Diagnostic> errors;
  for (auto& d : result.diagnostics) {
    if (d.severity == Diagnostic::Severity::kError) errors.push_back(d);
  }
  EXPECT_EQ(result.document.has_value(), errors.empty());
  return errors;
}

// Line and column (1-based) of the `nth` occurrence of `needle` in `text`.
SourceLocation PositionOf(const std::string& text, const std::string& needle, int nth = 0) {
  size_t at = text.find(needle);
  for (int i = 0; i < nth && at != std::string::npos; ++i) at = text.find(needle, at + 1);
  EXPECT_NE(at, std::string::npos) << needle;
  SourceLocation loc;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.column = 1;
    } else {
      ++loc.column;
    }
  }
  return loc;
}

// `text` has exactly one error, with `check`, at the start of the `nth`
// occurrence of `at`, and its message holds `says`.
void ExpectOneError(const std::string& text, const std::string& at, const std::string& check,
                    const std::string& says, int nth = 0) {
  auto errors = Errors(text);
  ASSERT_EQ(errors.size(), 1u) << text;
  SourceLocation expected = PositionOf(text, at, nth);
  EXPECT_EQ(errors[0].location.line, expected.line) << errors[0].message;
  EXPECT_EQ(errors[0].location.column, expected.column) << errors[0].message;
  EXPECT_EQ(errors[0].check, check) << errors[0].message;
  EXPECT_THAT(errors[0].message, HasSubstr(says));
}

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

TEST(LoadRulesDocument, DefaultsWhenSettingsAreAbsent) {
  LoadResult result = LoadRulesDocument(R"({"version": 1})", "t.json", ".");
  ASSERT_TRUE(result.document.has_value());
  const Settings& s = result.document->settings;
  EXPECT_EQ(s.duration_seconds, 3600);
  EXPECT_FALSE(s.default_role.has_value());
  EXPECT_FALSE(s.allowed_roles.has_value());
  EXPECT_EQ(s.session_name, "{cognito:username}");
}

TEST(LoadRulesDocument, ATypoedKeyIsAnErrorAtTheKeyWithASuggestion) {
  ExpectOneError(
      "{\"version\": 1,\n"
      " \"rules\": [\n"
      "  {\"id\": \"r\", \"method\": [\"GET\"],\n"
      "   \"role\": \"preferred\"}]}",
      "\"method\"", "unknown-key", "did you mean \"methods\"?");
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

TEST(LoadRulesDocument, UnknownKeysAreErrorsEverywhere) {
  ExpectOneError("{\"version\": 1, \"rule\": []}", "\"rule\"", "unknown-key", "\"rules\"");
  ExpectOneError("{\"version\": 1, \"settings\": {\"defualt\": \"deny\"}}", "\"defualt\"",
                 "unknown-key", "did you mean \"default\"?");
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"role\": \"preferred\"}]}",
                 "\"role\"", "unknown-key", "a deny entry has no \"role\"");
  ExpectOneError("{\"version\": 1, \"rules\": [{\"id\": \"r\", \"role\": {\"from_tokens\": []}}]}",
                 "\"from_tokens\"", "unknown-key", "did you mean \"from_token\"?");
  ExpectOneError(
      "{\"version\": 1, \"settings\": {\"jwt\": {\"issuer\": \"https://x\", "
      "\"client_ids\": [\"c\"], \"audience\": \"a\"}}}",
      "\"audience\"", "unknown-key", "settings.jwt");
}

TEST(LoadRulesDocument, VersionIsRequiredAndMustBeOne) {
  ExpectOneError("{\"rules\": []}", "{", "missing-key", "\"version\"");
  ExpectOneError("{\"version\": 2}", "2", "bad-version", "must be 1");
  ExpectOneError("{\"version\": \"1\"}", "\"1\"", "bad-version", "must be 1");
  ExpectOneError("{\"version\": 1.0}", "1.0", "bad-version", "must be 1");
}

TEST(LoadRulesDocument, WrongTypesNameWhatWasExpected) {
  ExpectOneError("{\"version\": 1, \"rules\": {}}", "{}", "wrong-type", "rules must be an array");
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"groups\": \"admins\"}]}",
                 "\"admins\"", "wrong-type",
                 "deny[0].groups must be an array of strings, got a string");
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"groups\": [\"a\", 3]}]}", "3",
                 "wrong-type", "deny[0].groups[1] must be a string, got a number");
  ExpectOneError("{\"version\": 1, \"settings\": {\"duration_seconds\": \"900\"}}", "\"900\"",
                 "wrong-type", "an integer");
  ExpectOneError("{\"version\": 1, \"settings\": {\"require_role_in_token\": 1}}", "1}",
                 "wrong-type", "true or false");
  ExpectOneError("[]", "[", "wrong-type", "a rules file is a JSON object");
}

TEST(LoadRulesDocument, IdAndRoleAreRequired) {
  ExpectOneError("{\"version\": 1, \"rules\": [{\"role\": \"preferred\"}]}", "{\"role\"",
                 "missing-key", "\"id\"");
  ExpectOneError("{\"version\": 1, \"rules\": [{\"id\": \"r\"}]}", "{\"id\"", "missing-key",
                 "\"role\"");
}

TEST(LoadRulesDocument, IdsMustBeWellFormedAndUniqueAcrossDenyAndRules) {
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"has space\"}]}", "\"has space\"", "bad-id",
                 "bad id");
  const std::string long_id = "\"" + std::string(65, 'a') + "\"";
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": " + long_id + "}]}", long_id, "bad-id",
                 "1 to 64");
  ExpectOneError(
      "{\"version\": 1,\n \"deny\": [{\"id\": \"x\"}],\n"
      " \"rules\": [{\"id\": \"x\", \"role\": \"preferred\"}]}",
      "\"x\"", "duplicate-id", "first used at line 2, column 18", /*nth=*/1);
}

TEST(LoadRulesDocument, BadRoleArnsNameWhatIsWrong) {
  ExpectOneError(
      "{\"version\": 1, \"rules\": [{\"id\": \"r\", \"role\": \"arn:aws:iam::1:role/x\"}]}",
      "\"arn:", "bad-arn", "12 digits");
  ExpectOneError(
      "{\"version\": 1, \"rules\": [{\"id\": \"r\", \"role\": "
      "\"arn:aws:iam::123456789012:user/x\"}]}",
      "\"arn:", "bad-arn", "role/");
  ExpectOneError("{\"version\": 1, \"settings\": {\"default\": \"allow\"}}", "\"allow\"", "bad-arn",
                 "\"deny\" or a role ARN");
  ExpectOneError("{\"version\": 1, \"rules\": [{\"id\": \"r\", \"role\": 7}]}", "7", "wrong-type",
                 "preferred");
}

TEST(LoadRulesDocument, BadGlobsPathsRegexesAndMethods) {
  ExpectOneError("{\"version\": 1, \"settings\": {\"allowed_roles\": [\"pets-*\"]}}", "\"pets-*\"",
                 "bad-glob", "arn:");
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"path\": \"/a/{proxy+}/b\"}]}",
                 "\"/a/", "bad-path-pattern", "last segment");
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"path\": [\"/ok\", \"/x**\"]}]}",
                 "\"/x**\"", "bad-path-pattern", "whole segment");
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"path\": \"re:(\"}]}",
                 "\"re:", "bad-regex", "missing )");
  ExpectOneError(
      "{\"version\": 1, \"deny\": [{\"id\": \"d\", \"claims\": {\"x\": {\"regex\": \"[a\"}}}]}",
      "\"[a\"", "bad-regex", "missing ]");
  ExpectOneError("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"methods\": [\"get\"]}]}", "\"get\"",
                 "bad-method", "upper-case");
}

TEST(LoadRulesDocument, ClaimMatchersNeedExactlyOneKnownOperator) {
  ExpectOneError(
      "{\"version\": 1, \"deny\": [{\"id\": \"d\", \"claims\": {\"x\": {\"equal\": \"a\"}}}]}",
      "\"equal\"", "bad-operator", "did you mean \"equals\"?");
  ExpectOneError(
      "{\"version\": 1, \"deny\": [{\"id\": \"d\", \"claims\": {\"x\": {\"equals\": \"a\", "
      "\"in\": []}}}]}",
      "{\"equals\"", "bad-operator", "exactly one operator");
  ExpectOneError(
      "{\"version\": 1, \"deny\": [{\"id\": \"d\", \"claims\": {\"x\": {\"in\": \"a\"}}}]}",
      "\"a\"}", "wrong-type", "array of strings");
}

TEST(LoadRulesDocument, DurationAndSessionNameAreChecked) {
  ExpectOneError("{\"version\": 1, \"settings\": {\"duration_seconds\": 899}}", "899",
                 "bad-duration", "900..43200");
  ExpectOneError("{\"version\": 1, \"settings\": {\"duration_seconds\": 43201}}", "43201",
                 "bad-duration", "900..43200");
  EXPECT_TRUE(Errors("{\"version\": 1, \"settings\": {\"duration_seconds\": 43200}}").empty());
  EXPECT_TRUE(Errors("{\"version\": 1, \"settings\": {\"duration_seconds\": 900}}").empty());
  ExpectOneError("{\"version\": 1, \"settings\": {\"session_name\": \"{sub\"}}", "\"{sub\"",
                 "bad-session-name", "'{'");
}

TEST(LoadRulesDocument, IncompleteJwtSettingsAreErrors) {
  ExpectOneError("{\"version\": 1, \"settings\": {\"jwt\": {\"issuer\": \"https://x\"}}}",
                 "{\"issuer\"", "jwt-incomplete", "client_ids");
  EXPECT_TRUE(Errors("{\"version\": 1, \"settings\": {\"jwt\": {\"issuer\": \"https://x\", "
                     "\"client_ids\": [\"c\"]}}}")
                  .empty());
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

TEST(LoadRulesDocument, EmptyConditionArraysAreWarningsNotErrors) {
  LoadResult result =
      LoadRulesDocument("{\"version\": 1, \"deny\": [{\"id\": \"d\", \"groups\": []}]}", "t", ".");
  ASSERT_TRUE(result.document.has_value());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(result.diagnostics[0].check, "empty-array");
}

TEST(LoadRulesDocument, SyntaxErrorsStopLoading) {
  ExpectOneError("{\"version\": 1,\n \"rules\": [],\n}", ",\n}", "syntax", "trailing comma");
}

}  // namespace
}  // namespace rolesel
