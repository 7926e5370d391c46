// `rolesel test`: fixture files against their rules (spec section 8).
#include <map>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "rolesel/args.h"
#include "rolesel/commands.h"
#include "rolesel/fixtures.h"

namespace rolesel::cli {

const char kTestHelp[] = R"(usage: rolesel test [--explain] FIXTURES...

Runs every case of the fixture files against the rules file each names, and
prints one line per failing case (file, name, expected, got), then
"N passed, N failed".

  --explain   under each failing case, print the trace of its decision

exit status: 0 every case passed, 1 a case failed, 2 a fixture or rules
file cannot be loaded (the file and the reason are printed).
)";

int TestCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  Args args({}, {"explain", "help"});
  if (!args.Parse(argv)) {
    err << "rolesel test: " << args.error() << "\n" << kTestHelp;
    return kExitError;
  }
  if (args.Flag("help")) {
    out << kTestHelp;
    return kExitOk;
  }
  if (args.positional().empty()) {
    err << "rolesel test: no fixture files given\n" << kTestHelp;
    return kExitError;
  }
  int passed = 0, failed = 0;
  bool load_error = false;
  std::map<std::string, std::unique_ptr<RuleSet>> rule_sets;  // by resolved path
  for (const std::string& path : args.positional()) {
    absl::StatusOr<FixtureFile> fixtures = LoadFixtureFile(path);
    if (!fixtures.ok()) {
      err << "rolesel test: cannot load fixture file " << path << ": "
          << fixtures.status().message() << "\n";
      load_error = true;
      continue;
    }
    auto it = rule_sets.find(fixtures->rules_path);
    if (it == rule_sets.end()) {
      auto rules = RuleSet::FromFile(fixtures->rules_path);
      if (!rules.ok()) {
        err << "rolesel test: cannot load rules file " << fixtures->rules_path << " (named by "
            << path << "):\n"
            << rules.status().message() << "\n";
        load_error = true;
        continue;
      }
      it = rule_sets.emplace(fixtures->rules_path, *std::move(rules)).first;
    }
    for (const FixtureCase& fixture : fixtures->cases) {
      CaseResult result = RunCase(*it->second, fixture);
      if (result.passed) {
        ++passed;
        continue;
      }
      ++failed;
      out << "FAIL " << fixtures->path << ": " << nlohmann::json(fixture.name).dump()
          << ": expected " << fixture.expect.dump() << ", got " << result.got.ToJson().dump()
          << "\n";
      if (args.Flag("explain")) {
        for (const TraceStep& step : result.trace.steps) {
          out << "    " << step.Label() << ": " << (step.matched ? "matched" : "no match")
              << (step.why.empty() ? "" : " -- ") << step.why << "\n";
        }
      }
    }
  }
  out << passed << " passed, " << failed << " failed\n";
  if (load_error) return kExitError;
  return failed > 0 ? kExitFailed : kExitOk;
}

}  // namespace rolesel::cli
