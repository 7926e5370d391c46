// Diagnostic: one finding about a rules file, with its position.
//
// Loading collects every finding rather than stopping at the first, so that
// `rolesel lint` and load errors report all of them. `check` is a stable id
// (e.g. "unknown-key") that tools and docs refer to.
#ifndef ROLESEL_LOAD_DIAGNOSTIC_H_
#define ROLESEL_LOAD_DIAGNOSTIC_H_

#include <string>
#include <vector>

namespace rolesel {

struct SourceLocation {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in characters (UTF-8 code points)
};

struct Diagnostic {
  enum class Severity { kError, kWarning };
  SourceLocation location;
  Severity severity = Severity::kError;
  std::string message;
  std::string check;

  static Diagnostic At(SourceLocation location, Severity severity, std::string message,
                       std::string check);

  // "FILE:LINE:COL: error: message [check]"
  std::string Format(const std::string& file) const;
};

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

// By line, then column; findings at one position keep their order.
void SortByPosition(std::vector<Diagnostic>* diagnostics);

}  // namespace rolesel

#endif  // ROLESEL_LOAD_DIAGNOSTIC_H_
