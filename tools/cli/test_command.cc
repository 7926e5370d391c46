// `rolesel test`: fixture files against their rules (spec section 8), with
// the CI extras: traces of failing cases, coverage, JUnit, filters, JSON.
#include <map>
#include <memory>
#include <string>

#include "absl/strings/numbers.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/test_reporters.h"
#include "cli/test_runner.h"
#include "re2/re2.h"

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
  if (auto done = ParseCommandLine(args, argv, "test", kTestHelp, out, err)) return *done;
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

  TestRun run = RunFixtureFiles(args.positional(), filter.get(), err);
  bool write_error = false;
  std::vector<std::unique_ptr<TestReporter>> reporters;
  if (format == "json") {
    reporters.push_back(JsonTestReporter(out, coverage_on));
  } else {
    reporters.push_back(TextTestReporter(out, err, traces, coverage_on));
  }
  if (auto junit = args.Value("junit")) reporters.push_back(JUnitTestReporter(*junit));
  for (const auto& reporter : reporters) {
    absl::Status written = reporter->Write(run);
    if (!written.ok()) {
      err << "rolesel test: " << written.message() << "\n";
      write_error = true;
    }
  }
  const bool coverage_low = min_coverage >= 0 && run.coverage.percent() < min_coverage;
  if (coverage_low) {
    err << "rolesel test: coverage " << run.coverage.percent() << "% is below --min-coverage "
        << min_coverage << "%\n";
  }
  out << run.passed << " passed, " << run.failed << " failed\n";
  if (run.load_error || write_error) return kExitError;
  return run.failed > 0 || coverage_low ? kExitFailed : kExitOk;
}

}  // namespace rolesel::cli
