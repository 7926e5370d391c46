// Reporters of `rolesel test`: each writes a TestRun in one format behind
// one interface, so the command picks them by its options and the runner
// knows none of them.
//
//   text   a FAIL line per failing case (stdout) with its trace (stderr,
//          unless quiet), then coverage when asked for
//   json   one object: cases, counts, coverage when asked for
//   junit  JUnit XML to a file: a testsuite per fixture file
#ifndef ROLESEL_CLI_TEST_REPORTERS_H_
#define ROLESEL_CLI_TEST_REPORTERS_H_

#include <memory>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "cli/test_runner.h"

namespace rolesel::cli {

class TestReporter {
 public:
  virtual ~TestReporter() = default;
  // Fails only when the report cannot be written (a JUnit file).
  virtual absl::Status Write(const TestRun& run) = 0;
};

std::unique_ptr<TestReporter> TextTestReporter(std::ostream& out, std::ostream& err, bool traces,
                                               bool coverage);
std::unique_ptr<TestReporter> JsonTestReporter(std::ostream& out, bool coverage);
std::unique_ptr<TestReporter> JUnitTestReporter(std::string path);

}  // namespace rolesel::cli

#endif  // ROLESEL_CLI_TEST_REPORTERS_H_
