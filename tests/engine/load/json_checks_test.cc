#include "rolesel/load/json_checks.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loader_test_util.h"

// Through LoadRulesDocument, which drives this stage (rolesel/load/).
namespace rolesel {
namespace {

using namespace ::rolesel::testing;  // NOLINT: the loader's test helpers
using ::testing::HasSubstr;

TEST(LoadRulesDocument, ATypoedKeyIsAnErrorAtTheKeyWithASuggestion) {
  ExpectOneError(
      "{\"version\": 1,\n"
      " \"rules\": [\n"
      "  {\"id\": \"r\", \"method\": [\"GET\"],\n"
      "   \"role\": \"preferred\"}]}",
      "\"method\"", "unknown-key", "did you mean \"methods\"?");
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

}  // namespace
}  // namespace rolesel
