#include "rolesel/load/settings_loader.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loader_test_util.h"

// Through LoadRulesDocument, which drives this stage (rolesel/load/).
namespace rolesel {
namespace {

using namespace ::rolesel::testing;  // NOLINT: the loader's test helpers
using ::testing::HasSubstr;

TEST(LoadRulesDocument, DefaultsWhenSettingsAreAbsent) {
  LoadResult result = LoadRulesDocument(R"({"version": 1})", "t.json", ".");
  ASSERT_TRUE(result.document.has_value());
  const Settings& s = result.document->settings;
  EXPECT_EQ(s.duration_seconds, 3600);
  EXPECT_FALSE(s.default_role.has_value());
  EXPECT_FALSE(s.allowed_roles.has_value());
  EXPECT_EQ(s.session_name, "{cognito:username}");
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

TEST(LoadSettings, SessionTagKeysStartingWithAwsAreRefused) {
  ExpectOneError(R"({"version": 1, "settings": {"session_tags": {"aws:x": "{sub}"}}})", "\"aws:x\"",
                 "bad-session-tag", "not aws:");
}

}  // namespace
}  // namespace rolesel
