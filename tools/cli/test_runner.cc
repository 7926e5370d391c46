#include "cli/test_runner.h"

#include <map>
#include <utility>

namespace rolesel::cli {

TestRun RunFixtureFiles(const std::vector<std::string>& paths, const RE2* filter,
                        std::ostream& err) {
  TestRun run;
  std::map<std::string, std::unique_ptr<RuleSet>> rule_sets;  // by resolved path
  for (const std::string& path : paths) {
    absl::StatusOr<FixtureFile> fixtures = LoadFixtureFile(path);
    if (!fixtures.ok()) {
      err << "rolesel test: cannot load fixture file " << path << ": "
          << fixtures.status().message() << "\n";
      run.load_error = true;
      continue;
    }
    auto it = rule_sets.find(fixtures->rules_path);
    if (it == rule_sets.end()) {
      auto rules = RuleSet::FromFile(fixtures->rules_path);
      if (!rules.ok()) {
        err << "rolesel test: cannot load rules file " << fixtures->rules_path << " (named by "
            << path << "):\n"
            << rules.status().message() << "\n";
        run.load_error = true;
        continue;
      }
      it = rule_sets.emplace(fixtures->rules_path, *std::move(rules)).first;
      run.coverage.AddRules(fixtures->rules_path, *it->second);
    }
    run.files.push_back(*std::move(fixtures));
    const FixtureFile& file = run.files.back();
    for (const FixtureCase& fixture : file.cases) {
      if (filter != nullptr && !RE2::PartialMatch(fixture.name, *filter)) continue;
      CaseResult result = RunCase(*it->second, fixture);
      run.coverage.Count(file.rules_path, result.got);
      ++(result.passed ? run.passed : run.failed);
      run.outcomes.push_back({file.path, &fixture, std::move(result)});
    }
  }
  return run;
}

}  // namespace rolesel::cli
