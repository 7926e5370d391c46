// Fixture files for `rolesel test` (spec section 8): loading and running.
//
// A fixture file names a rules file (relative to itself) and a list of
// cases; each case gives a request or an event (a file relative to the
// fixture file, or an inline object) and the expected decision. Only the
// keys given in `expect` are compared.
//
// Loading fails with a message naming the file, line and column; running a
// case never fails (a case whose event cannot be read decides bad_request,
// as the engine would in production).
#ifndef ROLESEL_CLI_FIXTURES_H_
#define ROLESEL_CLI_FIXTURES_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "rolesel/core/decision.h"
#include "rolesel/core/trace.h"
#include "rolesel/rule_set.h"

namespace rolesel::cli {

struct FixtureCase {
  std::string name;
  // The document to decide, as JSON text, and how to read it.
  std::string input;
  bool is_request = false;  // "request": always the direct request object
  nlohmann::ordered_json expect;
};

struct FixtureFile {
  std::string path;
  std::string rules_path;  // resolved against the fixture file's folder
  std::vector<FixtureCase> cases;
};

// Keys allowed in `expect`.
const std::vector<std::string>& ExpectKeys();

absl::StatusOr<FixtureFile> LoadFixtureFile(const std::string& path);

struct CaseResult {
  const FixtureCase* fixture = nullptr;
  Decision got;  // decided with a trace
  Trace trace;
  bool passed = false;
  std::vector<std::string> mismatched_keys;
  // Set when deciding without a trace (as production does) gave another
  // decision than `got`: the case fails, whatever it expected.
  std::optional<Decision> untraced;
};

// Decides the case twice, with a trace and without one (production's path),
// and compares both with `expect`.
CaseResult RunCase(const RuleSet& rules, const FixtureCase& fixture);

// Whether two decisions are the same in every field but `detail`.
bool SameDecision(const Decision& a, const Decision& b);

// `base_dir` joined with a relative `path`; absolute paths stay as they are.
std::string ResolvePath(const std::string& base_dir, const std::string& path);

}  // namespace rolesel::cli

#endif  // ROLESEL_CLI_FIXTURES_H_
