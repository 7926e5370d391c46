#include "rolesel/load/diagnostic.h"

#include <vector>

#include "gtest/gtest.h"

namespace rolesel {
namespace {

TEST(Diagnostic, FormatsAsFileLineColumnSeverityMessageAndCheck) {
  const Diagnostic error =
      Diagnostic::At({3, 15}, Diagnostic::Severity::kError, "unknown key \"rulez\"", "unknown-key");
  EXPECT_EQ(error.Format("pets.json"),
            "pets.json:3:15: error: unknown key \"rulez\" [unknown-key]");
  const Diagnostic warning =
      Diagnostic::At({1, 1}, Diagnostic::Severity::kWarning, "empty", "empty-array");
  EXPECT_EQ(warning.Format("-"), "-:1:1: warning: empty [empty-array]");
}

TEST(Diagnostic, HasErrorsIgnoresWarnings) {
  std::vector<Diagnostic> findings = {
      Diagnostic::At({1, 1}, Diagnostic::Severity::kWarning, "w", "deny-all")};
  EXPECT_FALSE(HasErrors(findings));
  findings.push_back(Diagnostic::At({2, 1}, Diagnostic::Severity::kError, "e", "syntax"));
  EXPECT_TRUE(HasErrors(findings));
  EXPECT_FALSE(HasErrors({}));
}

TEST(SortByPosition, OrdersByLineThenColumnAndKeepsTiesInOrder) {
  std::vector<Diagnostic> findings = {
      Diagnostic::At({2, 5}, Diagnostic::Severity::kError, "c", "x"),
      Diagnostic::At({1, 9}, Diagnostic::Severity::kError, "b", "x"),
      Diagnostic::At({2, 5}, Diagnostic::Severity::kWarning, "d", "x"),
      Diagnostic::At({1, 2}, Diagnostic::Severity::kError, "a", "x")};
  SortByPosition(&findings);
  std::string order;
  for (const Diagnostic& d : findings) order += d.message;
  EXPECT_EQ(order, "abcd");
}

}  // namespace
}  // namespace rolesel
