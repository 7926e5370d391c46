#include "cli/coverage.h"

#include <sstream>

#include "absl/strings/str_cat.h"

namespace rolesel::cli {

void Coverage::AddRules(const std::string& rules_path, const RuleSet& rules) {
  if (files_.count(rules_path)) return;
  File& file = files_[rules_path];
  for (const EntrySummary& e : rules.entries()) {
    file.entries.push_back(
        {absl::StrCat(e.is_deny ? "deny[" : "rules[", e.index, "] \"", e.id, "\""), e.id, 0});
  }
}

void Coverage::Count(const std::string& rules_path, const Decision& decision) {
  auto it = files_.find(rules_path);
  if (it == files_.end() || decision.rule.empty()) return;
  if (decision.rule == "default") {
    ++it->second.by_default;
    return;
  }
  // Ids are unique across deny and rules, so the id names the entry.
  for (EntryCount& entry : it->second.entries) {
    if (entry.id == decision.rule) {
      ++entry.cases;
      return;
    }
  }
}

int Coverage::entries() const {
  int n = 0;
  for (const auto& [path, file] : files_) n += static_cast<int>(file.entries.size());
  return n;
}

int Coverage::covered() const {
  int n = 0;
  for (const auto& [path, file] : files_) {
    for (const EntryCount& e : file.entries) n += e.cases > 0 ? 1 : 0;
  }
  return n;
}

double Coverage::percent() const { return entries() == 0 ? 100.0 : 100.0 * covered() / entries(); }

void Coverage::Print(std::ostream& out) const {
  for (const auto& [path, file] : files_) {
    out << "coverage of " << path << ":\n";
    std::vector<std::string> uncovered;
    for (const EntryCount& e : file.entries) {
      out << "  " << e.label << ": " << e.cases << (e.cases == 1 ? " case" : " cases") << "\n";
      if (e.cases == 0) uncovered.push_back(e.id);
    }
    if (file.by_default > 0) out << "  default: " << file.by_default << " cases\n";
    out << "  decided no case:";
    if (uncovered.empty()) out << " (none)";
    for (const std::string& id : uncovered) out << " " << id;
    out << "\n";
  }
  std::ostringstream pct;
  pct.precision(1);
  pct << std::fixed << percent();
  out << "coverage: " << covered() << " of " << entries() << " entries decided at least one case ("
      << pct.str() << "%)\n";
}

nlohmann::ordered_json Coverage::ToJson() const {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& [path, file] : files_) {
    nlohmann::ordered_json entries = nlohmann::ordered_json::array();
    nlohmann::ordered_json uncovered = nlohmann::ordered_json::array();
    for (const EntryCount& e : file.entries) {
      entries.push_back({{"entry", e.label}, {"id", e.id}, {"cases", e.cases}});
      if (e.cases == 0) uncovered.push_back(e.id);
    }
    files.push_back({{"rules", path},
                     {"entries", entries},
                     {"default", file.by_default},
                     {"uncovered", uncovered}});
  }
  return {{"entries", entries()}, {"covered", covered()}, {"percent", percent()}, {"files", files}};
}

}  // namespace rolesel::cli
