#include "rolesel/load/diagnostic.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"

namespace rolesel {

Diagnostic Diagnostic::At(SourceLocation location, Severity severity, std::string message,
                          std::string check) {
  Diagnostic d;
  d.location = location;
  d.severity = severity;
  d.message = std::move(message);
  d.check = std::move(check);
  return d;
}

std::string Diagnostic::Format(const std::string& file) const {
  return absl::StrCat(file, ":", location.line, ":", location.column, ": ",
                      severity == Severity::kError ? "error" : "warning", ": ", message, " [",
                      check, "]");
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
    return d.severity == Diagnostic::Severity::kError;
  });
}

void SortByPosition(std::vector<Diagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.location.line, a.location.column) <
                            std::tie(b.location.line, b.location.column);
                   });
}

}  // namespace rolesel
