// Helpers shared by the tests: load rules from text, build requests, match
// statuses (status_matchers.h).
#ifndef ROLESEL_TESTS_TEST_UTIL_H_
#define ROLESEL_TESTS_TEST_UTIL_H_

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "rolesel/rule_set.h"
#include "status_matchers.h"

namespace rolesel::testing {

// A test's precondition did not hold (rules that should load did not).
// Thrown so that the test stops there: GoogleTest reports it, with the
// message, as that test's failure, and the next test runs.
class PreconditionFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Loads rules text, or fails the test with the load errors: never null.
inline std::unique_ptr<RuleSet> MustLoad(std::string_view text, std::string_view revision = {}) {
  auto rules = RuleSet::FromString(text, "test.rules.json", ".", revision);
  if (!rules.ok()) {
    throw PreconditionFailed(absl::StrCat("rules did not load: ", rules.status().message()));
  }
  return *std::move(rules);
}

// MustLoad() for a rules file.
inline std::unique_ptr<RuleSet> MustLoadFile(const std::string& path) {
  auto rules = RuleSet::FromFile(path);
  if (!rules.ok()) {
    throw PreconditionFailed(absl::StrCat(path, " did not load: ", rules.status().message()));
  }
  return *std::move(rules);
}

// Decides a direct request object given as a JSON value.
inline Decision DecideRequest(const RuleSet& rules, const nlohmann::json& request,
                              Trace* trace = nullptr) {
  return rules.DecideEvent(request.dump(), {trace, EventShapeHint::kDirectRequest});
}

inline std::string SourceDir() { return ROLESEL_SOURCE_DIR; }

// A claim view as a vector, for comparisons.
inline std::vector<std::string> Vec(absl::Span<const std::string> values) {
  return {values.begin(), values.end()};
}

}  // namespace rolesel::testing

#endif  // ROLESEL_TESTS_TEST_UTIL_H_
