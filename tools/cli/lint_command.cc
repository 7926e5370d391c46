// `rolesel lint`: every finding in rules files, for people and for CI.
#include <algorithm>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/lint_reporters.h"
#include "rolesel/internal/file_io.h"
#include "rolesel/lint/linter.h"
#include "rolesel/rule_set.h"

namespace rolesel::cli {
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
  if (auto done = ParseCommandLine(args, argv, "lint", kLintHelp, out, err)) return *done;
  const std::unique_ptr<LintReporter> reporter =
      MakeLintReporter(args.Value("format").value_or("text"));
  if (reporter == nullptr) {
    err << "rolesel lint: --format must be text, json or sarif\n";
    return kExitError;
  }
  if (args.positional().empty()) {
    err << "rolesel lint: no rules files given\n" << kLintHelp;
    return kExitError;
  }
  bool unreadable = false;
  std::vector<LintedFile> files;
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
  for (const LintedFile& file : files) {
    for (const Diagnostic& d : file.findings) {
      (d.severity == Diagnostic::Severity::kError ? errors : warnings)++;
    }
  }
  reporter->Write(files, out);
  if (unreadable) return kExitError;
  if (errors > 0 || (args.Flag("strict") && warnings > 0)) return kExitFailed;
  return kExitOk;
}

}  // namespace rolesel::cli
