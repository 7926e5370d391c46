// `rolesel test`: fixture files against their rules (spec section 8), with
// the CI extras: traces of failing cases, coverage, JUnit, filters, JSON.
#include <map>
#include <memory>
#include <string>

#include "absl/strings/numbers.h"
#include "re2/re2.h"
#include "rolesel/args.h"
#include "rolesel/commands.h"
#include "rolesel/core/decision_json.h"
#include "rolesel/core/trace_json.h"
#include "rolesel/fixtures.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/report.h"

namespace rolesel::cli {

const char kTestHelp[] = R"(usage: rolesel test [options] FIXTURES...

Runs every case of the fixture files against the rules file each names, and
prints one line per failing case (file, name, expected, got), then
"N passed, N failed". Each case is decided twice, with a trace and without
one (as production decides); a case whose two decisions differ fails. The trace of each failing case (every entry looked at
and why it did not match) goes to standard error.

  --run REGEX           only the cases whose name matches (RE2, partial)
  --coverage            also print, per rules file, how many cases each deny
                        entry and rule decided, and the entries that decided none
  --min-coverage PCT    fail (exit 1) when fewer than PCT percent of the
                        entries decided at least one case (implies --coverage)
  --junit FILE          write JUnit XML: one testcase per case
  --format json         print the results as one JSON object (cases, counts,
                        coverage) before the closing line
  --quiet               no traces on standard error

exit status: 0 every case passed (and coverage is met), 1 a case failed (or
coverage is below --min-coverage), 2 a fixture or rules file cannot be
loaded (the file and the reason are printed).
)";

int TestCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  Args args({"run", "min-coverage", "junit", "format"}, {"coverage", "quiet", "help"});
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
  const std::string format = args.Value("format").value_or("text");
  if (format != "text" && format != "json") {
    err << "rolesel test: --format must be text or json\n";
    return kExitError;
  }
  std::unique_ptr<RE2> filter;
  if (auto run = args.Value("run")) {
    RE2::Options options;
    options.set_log_errors(false);
    filter = std::make_unique<RE2>(*run, options);
    if (!filter->ok()) {
      err << "rolesel test: bad --run regex: " << filter->error() << "\n";
      return kExitError;
    }
  }
  double min_coverage = -1;
  if (auto pct = args.Value("min-coverage")) {
    if (!absl::SimpleAtod(*pct, &min_coverage) || min_coverage < 0 || min_coverage > 100) {
      err << "rolesel test: --min-coverage takes a percentage 0..100\n";
      return kExitError;
    }
  }
  const bool coverage_on = args.Flag("coverage") || min_coverage >= 0;
  const bool traces = !args.Flag("quiet");

  int passed = 0, failed = 0;
  bool load_error = false;
  std::map<std::string, std::unique_ptr<RuleSet>> rule_sets;  // by resolved path
  std::vector<FixtureFile> files;
  std::vector<CaseOutcome> outcomes;
  Coverage coverage;
  files.reserve(args.positional().size());  // outcomes point into it
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
      coverage.AddRules(fixtures->rules_path, *it->second);
    }
    files.push_back(*std::move(fixtures));
    const FixtureFile& file = files.back();
    for (const FixtureCase& fixture : file.cases) {
      if (filter && !RE2::PartialMatch(fixture.name, *filter)) continue;
      CaseResult result = RunCase(*it->second, fixture);
      coverage.Count(file.rules_path, result.got);
      if (result.passed) {
        ++passed;
      } else {
        ++failed;
        if (format == "text") {
          out << "FAIL " << file.path << ": " << internal::JsonQuote(fixture.name) << ": expected "
              << internal::JsonText(fixture.expect) << ", got "
              << internal::JsonText(DecisionToJson(result.got)) << "\n";
          if (result.untraced) {
            out << "  without a trace it decides "
                << internal::JsonText(DecisionToJson(*result.untraced))
                << " (traced and untraced decisions must be the same)\n";
          }
        }
        if (traces) {
          out.flush();
          err << "  trace of " << internal::JsonQuote(fixture.name) << ":\n";
          for (const TraceStep& step : result.trace.steps) err << "    " << step.ToText() << "\n";
        }
      }
      outcomes.push_back({file.path, &fixture, std::move(result)});
    }
  }

  const bool coverage_low = min_coverage >= 0 && coverage.percent() < min_coverage;
  if (format == "json") {
    nlohmann::ordered_json cases = nlohmann::ordered_json::array();
    for (const CaseOutcome& o : outcomes) {
      nlohmann::ordered_json c = {{"file", o.file},
                                  {"name", o.fixture->name},
                                  {"passed", o.result.passed},
                                  {"expected", o.fixture->expect},
                                  {"got", DecisionToJson(o.result.got)}};
      if (o.result.untraced) c["got_untraced"] = DecisionToJson(*o.result.untraced);
      if (!o.result.passed) c["trace"] = TraceToJson(o.result.trace);
      cases.push_back(std::move(c));
    }
    nlohmann::ordered_json report = {{"cases", cases}, {"passed", passed}, {"failed", failed}};
    if (coverage_on) report["coverage"] = coverage.ToJson();
    out << internal::JsonText(report) << "\n";
  } else if (coverage_on) {
    coverage.Print(out);
  }
  if (coverage_low) {
    err << "rolesel test: coverage " << coverage.percent() << "% is below --min-coverage "
        << min_coverage << "%\n";
  }
  if (auto junit = args.Value("junit")) {
    absl::Status written = WriteJUnit(*junit, outcomes);
    if (!written.ok()) {
      err << "rolesel test: " << written.message() << "\n";
      load_error = true;
    }
  }
  out << passed << " passed, " << failed << " failed\n";
  if (load_error) return kExitError;
  return failed > 0 || coverage_low ? kExitFailed : kExitOk;
}

}  // namespace rolesel::cli
