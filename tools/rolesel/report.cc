#include "rolesel/report.h"

#include <sstream>

#include "absl/strings/str_cat.h"
#include "pugixml.hpp"
#include "rolesel/core/decision_json.h"
#include "rolesel/internal/json_text.h"

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

absl::Status WriteJUnit(const std::string& path, const std::vector<CaseOutcome>& outcomes) {
  pugi::xml_document doc;
  pugi::xml_node suites = doc.append_child("testsuites");
  suites.append_attribute("name") = "rolesel test";
  std::map<std::string, pugi::xml_node> by_file;
  std::map<std::string, std::pair<int, int>> counts;  // tests, failures
  int tests = 0, failures = 0;
  for (const CaseOutcome& outcome : outcomes) {
    pugi::xml_node& suite = by_file[outcome.file];
    if (!suite) {
      suite = suites.append_child("testsuite");
      suite.append_attribute("name") = outcome.file.c_str();
    }
    pugi::xml_node testcase = suite.append_child("testcase");
    testcase.append_attribute("name") = outcome.fixture->name.c_str();
    testcase.append_attribute("classname") = outcome.file.c_str();
    testcase.append_attribute("time") = "0";
    ++counts[outcome.file].first;
    ++tests;
    if (!outcome.result.passed) {
      ++counts[outcome.file].second;
      ++failures;
      std::string message =
          absl::StrCat("expected ", internal::JsonText(outcome.fixture->expect), ", got ",
                       internal::JsonText(DecisionToJson(outcome.result.got)));
      pugi::xml_node failure = testcase.append_child("failure");
      failure.append_attribute("message") = message.c_str();
      failure.append_attribute("type") = "DecisionMismatch";
      failure.text() = absl::StrCat(message, "\n", outcome.result.trace.ToText()).c_str();
    }
  }
  for (auto& [file, suite] : by_file) {
    suite.append_attribute("tests") = counts[file].first;
    suite.append_attribute("failures") = counts[file].second;
    suite.append_attribute("errors") = 0;
  }
  suites.append_attribute("tests") = tests;
  suites.append_attribute("failures") = failures;
  if (!doc.save_file(path.c_str(), "  ", pugi::format_default, pugi::encoding_utf8)) {
    return absl::InternalError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

}  // namespace rolesel::cli
