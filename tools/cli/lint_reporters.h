// Reporters of `rolesel lint`: each writes the findings of every linted
// file in one format behind one interface.
//
//   text   FILE:LINE:COL: error|warning: message [check], a line each
//   json   an array of {file, line, column, severity, message, check}
//   sarif  SARIF 2.1.0 (GitHub code scanning), every check as a rule
#ifndef ROLESEL_CLI_LINT_REPORTERS_H_
#define ROLESEL_CLI_LINT_REPORTERS_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "rolesel/load/diagnostic.h"

namespace rolesel::cli {

struct LintedFile {
  std::string file;  // as named in messages ("<stdin>" for -)
  std::vector<Diagnostic> findings;
};

class LintReporter {
 public:
  virtual ~LintReporter() = default;
  virtual void Write(const std::vector<LintedFile>& files, std::ostream& out) const = 0;
};

// "text", "json" or "sarif"; null for any other format.
std::unique_ptr<LintReporter> MakeLintReporter(const std::string& format);

}  // namespace rolesel::cli

#endif  // ROLESEL_CLI_LINT_REPORTERS_H_
