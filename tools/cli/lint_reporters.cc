#include "cli/lint_reporters.h"

#include "nlohmann/json.hpp"
#include "rolesel/internal/json_text.h"
#include "rolesel/lint/linter.h"
#include "rolesel/version.h"

namespace rolesel::cli {
namespace {

std::string SeverityName(const Diagnostic& d) {
  return d.severity == Diagnostic::Severity::kError ? "error" : "warning";
}

class Text : public LintReporter {
 public:
  void Write(const std::vector<LintedFile>& files, std::ostream& out) const override {
    for (const LintedFile& file : files) {
      for (const Diagnostic& d : file.findings) out << d.Format(file.file) << "\n";
    }
  }
};

class Json : public LintReporter {
 public:
  void Write(const std::vector<LintedFile>& files, std::ostream& out) const override {
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const LintedFile& file : files) {
      for (const Diagnostic& d : file.findings) {
        findings.push_back({{"file", file.file},
                            {"line", d.location.line},
                            {"column", d.location.column},
                            {"severity", SeverityName(d)},
                            {"message", d.message},
                            {"check", d.check}});
      }
    }
    out << internal::JsonText(findings, 2) << "\n";
  }
};

nlohmann::ordered_json SarifLog(const std::vector<LintedFile>& files) {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const LintCheck& check : LintChecks()) {
    rules.push_back({{"id", check.id},
                     {"shortDescription", {{"text", check.description}}},
                     {"helpUri", "docs/lint.md#" + check.id}});
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const LintedFile& file : files) {
    for (const Diagnostic& d : file.findings) {
      results.push_back(
          {{"ruleId", d.check},
           {"level", SeverityName(d)},
           {"message", {{"text", d.message}}},
           {"locations",
            {{{"physicalLocation",
               {{"artifactLocation", {{"uri", file.file}}},
                {"region",
                 {{"startLine", d.location.line}, {"startColumn", d.location.column}}}}}}}}});
    }
  }
  nlohmann::ordered_json run = {
      {"tool", {{"driver", {{"name", "rolesel"}, {"version", kVersion}, {"rules", rules}}}}},
      {"columnKind", "unicodeCodePoints"},
      {"results", results}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", {run}}};
}

class Sarif : public LintReporter {
 public:
  void Write(const std::vector<LintedFile>& files, std::ostream& out) const override {
    out << internal::JsonText(SarifLog(files), 2) << "\n";
  }
};

}  // namespace

std::unique_ptr<LintReporter> MakeLintReporter(const std::string& format) {
  if (format == "text") return std::make_unique<Text>();
  if (format == "json") return std::make_unique<Json>();
  if (format == "sarif") return std::make_unique<Sarif>();
  return nullptr;
}

}  // namespace rolesel::cli
