// `rolesel lint`: every finding in rules files, for people and for CI.
#include <algorithm>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "rolesel/args.h"
#include "rolesel/commands.h"
#include "rolesel/fixtures.h"
#include "rolesel/internal/file_io.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/lint/linter.h"
#include "rolesel/rule_set.h"

namespace rolesel::cli {
namespace {

struct FileFindings {
  std::string file;
  std::vector<Diagnostic> findings;
};

nlohmann::ordered_json Sarif(const std::vector<FileFindings>& files) {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const LintCheck& check : LintChecks()) {
    rules.push_back({{"id", check.id},
                     {"shortDescription", {{"text", check.description}}},
                     {"helpUri", "docs/lint.md#" + check.id}});
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const FileFindings& file : files) {
    for (const Diagnostic& d : file.findings) {
      results.push_back(
          {{"ruleId", d.check},
           {"level", d.severity == Diagnostic::Severity::kError ? "error" : "warning"},
           {"message", {{"text", d.message}}},
           {"locations",
            {{{"physicalLocation",
               {{"artifactLocation", {{"uri", file.file}}},
                {"region",
                 {{"startLine", d.location.line}, {"startColumn", d.location.column}}}}}}}}});
    }
  }
  nlohmann::ordered_json run = {
      {"tool", {{"driver", {{"name", "rolesel"}, {"version", "0.1.0"}, {"rules", rules}}}}},
      {"columnKind", "unicodeCodePoints"},
      {"results", results}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", {run}}};
}

}  // namespace

const char kLintHelp[] = R"(usage: rolesel lint [--format text|json|sarif] [--strict] RULES...

Checks rules files and reports every finding, sorted by position:
  FILE:LINE:COL: error|warning: message [check]
Checks: syntax, unknown keys (with a did-you-mean), types, missing keys,
malformed ARNs, globs, path patterns, regexes, methods, durations and
session-name templates, duplicate ids, empty arrays, literal roles that
allowed_roles/deny_roles make impossible, from_token globs that can never be
allowed, unreachable entries, deny entries without conditions. The list with
examples is in docs/lint.md.

  --format F   text (default), json (an array of findings), or sarif
               (SARIF 2.1.0, for CI code annotations)
  --strict     warnings fail too

exit status: 0 clean or warnings only, 1 errors (or warnings with
--strict), 2 a file cannot be opened.
)";

int LintCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  Args args({"format"}, {"strict", "help"});
  if (!args.Parse(argv)) {
    err << "rolesel lint: " << args.error() << "\n" << kLintHelp;
    return kExitError;
  }
  if (args.Flag("help")) {
    out << kLintHelp;
    return kExitOk;
  }
  const std::string format = args.Value("format").value_or("text");
  if (format != "text" && format != "json" && format != "sarif") {
    err << "rolesel lint: --format must be text, json or sarif\n";
    return kExitError;
  }
  if (args.positional().empty()) {
    err << "rolesel lint: no rules files given\n" << kLintHelp;
    return kExitError;
  }
  bool unreadable = false;
  std::vector<FileFindings> files;
  for (const std::string& path : args.positional()) {
    absl::StatusOr<std::string> text = internal::ReadFileToString(path);
    if (!text.ok()) {
      err << "rolesel lint: " << text.status().message() << "\n";
      unreadable = true;
      continue;
    }
    const std::string name = path == "-" ? "<stdin>" : path;
    files.push_back({name, LintRules(*text, name, internal::DirectoryOf(path))});
  }
  int errors = 0, warnings = 0;
  for (const FileFindings& file : files) {
    for (const Diagnostic& d : file.findings) {
      (d.severity == Diagnostic::Severity::kError ? errors : warnings)++;
    }
  }
  if (format == "text") {
    for (const FileFindings& file : files) {
      for (const Diagnostic& d : file.findings) out << d.Format(file.file) << "\n";
    }
  } else if (format == "json") {
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const FileFindings& file : files) {
      for (const Diagnostic& d : file.findings) {
        findings.push_back(
            {{"file", file.file},
             {"line", d.location.line},
             {"column", d.location.column},
             {"severity", d.severity == Diagnostic::Severity::kError ? "error" : "warning"},
             {"message", d.message},
             {"check", d.check}});
      }
    }
    out << internal::JsonText(findings, 2) << "\n";
  } else {
    out << internal::JsonText(Sarif(files), 2) << "\n";
  }
  if (unreadable) return kExitError;
  if (errors > 0 || (args.Flag("strict") && warnings > 0)) return kExitFailed;
  return kExitOk;
}

}  // namespace rolesel::cli
