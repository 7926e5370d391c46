// RunFixtureFiles: the runner of `rolesel test`. It loads fixture files and
// the rules each names (every rules file once), decides every case (with a
// trace and without, as RunCase does) and yields the results; writing them
// is the reporters' job (test_reporters.h).
//
// Load failures are written to `err` as they happen and recorded in
// `load_error`; deciding never fails.
#ifndef ROLESEL_CLI_TEST_RUNNER_H_
#define ROLESEL_CLI_TEST_RUNNER_H_

#include <deque>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/coverage.h"
#include "cli/fixtures.h"
#include "re2/re2.h"

namespace rolesel::cli {

struct CaseOutcome {
  std::string file;            // the fixture file
  const FixtureCase* fixture;  // points into TestRun::files
  CaseResult result;
};

struct TestRun {
  std::deque<FixtureFile> files;  // a deque: outcomes point into it
  std::vector<CaseOutcome> outcomes;
  int passed = 0;
  int failed = 0;
  bool load_error = false;  // a fixture or rules file could not be loaded
  Coverage coverage;
};

// `filter`, when given, keeps only the cases whose name it partly matches.
TestRun RunFixtureFiles(const std::vector<std::string>& paths, const RE2* filter,
                        std::ostream& err);

}  // namespace rolesel::cli

#endif  // ROLESEL_CLI_TEST_RUNNER_H_
