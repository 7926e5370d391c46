// Coverage: how many fixture cases each deny entry and rule of a rules file
// decided, for `rolesel test --coverage` and its reporters.
#ifndef ROLESEL_CLI_COVERAGE_H_
#define ROLESEL_CLI_COVERAGE_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "rolesel/core/decision.h"
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

}  // namespace rolesel::cli

#endif  // ROLESEL_CLI_COVERAGE_H_
