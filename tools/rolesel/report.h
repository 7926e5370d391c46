// What `rolesel test` reports besides its lines: per-entry coverage and
// JUnit XML.
#ifndef ROLESEL_TOOLS_REPORT_H_
#define ROLESEL_TOOLS_REPORT_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "rolesel/fixtures.h"
#include "rolesel/rule_set.h"

namespace rolesel::cli {

// How many cases each deny entry and rule of one rules file decided. An
// entry decides a case when it matched and gave the decision: a deny entry
// its deny_rule, a rule its allow or the deny of a role check on the role it
// selected. "default" is counted apart, not as an entry.
class Coverage {
 public:
  void AddRules(const std::string& rules_path, const RuleSet& rules);
  void Count(const std::string& rules_path, const Decision& decision);

  int entries() const;
  int covered() const;
  double percent() const;  // 100 when there are no entries
  // "coverage: ..." lines: every entry with its count, then the uncovered.
  void Print(std::ostream& out) const;
  nlohmann::ordered_json ToJson() const;

 private:
  struct EntryCount {
    std::string label;  // deny[0] "suspended"
    std::string id;
    int cases = 0;
  };
  struct File {
    std::vector<EntryCount> entries;
    int by_default = 0;
  };
  std::map<std::string, File> files_;
};

struct CaseOutcome {
  std::string file;
  const FixtureCase* fixture;
  CaseResult result;
};

// JUnit XML: a <testsuite> per fixture file, a <testcase> per case, a
// <failure> with expected, got and the trace for each failing one.
absl::Status WriteJUnit(const std::string& path, const std::vector<CaseOutcome>& outcomes);

}  // namespace rolesel::cli

#endif  // ROLESEL_TOOLS_REPORT_H_
