#include "cli/test_reporters.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "pugixml.hpp"
#include "rolesel/core/decision_json.h"
#include "rolesel/core/trace_json.h"
#include "rolesel/internal/json_text.h"

namespace rolesel::cli {
namespace {

// "expected {...}, got {...}": how every report states a failing case.
std::string Mismatch(const CaseOutcome& o) {
  return absl::StrCat("expected ", internal::JsonText(o.fixture->expect), ", got ",
                      internal::JsonText(DecisionToJson(o.result.got)));
}

class Text : public TestReporter {
 public:
  Text(std::ostream& out, std::ostream& err, bool traces, bool coverage)
      : out_(out), err_(err), traces_(traces), coverage_(coverage) {}

  absl::Status Write(const TestRun& run) override {
    for (const CaseOutcome& o : run.outcomes) {
      if (o.result.passed) continue;
      out_ << "FAIL " << o.file << ": " << internal::JsonQuote(o.fixture->name) << ": "
           << Mismatch(o) << "\n";
      if (o.result.untraced) {
        out_ << "  without a trace it decides "
             << internal::JsonText(DecisionToJson(*o.result.untraced))
             << " (traced and untraced decisions must be the same)\n";
      }
      if (traces_) {
        out_.flush();  // each trace follows its FAIL line on a terminal
        err_ << "  trace of " << internal::JsonQuote(o.fixture->name) << ":\n";
        for (const TraceStep& step : o.result.trace.steps) err_ << "    " << step.ToText() << "\n";
      }
    }
    if (coverage_) run.coverage.Print(out_);
    return absl::OkStatus();
  }

 private:
  std::ostream& out_;
  std::ostream& err_;
  bool traces_;
  bool coverage_;
};

class Json : public TestReporter {
 public:
  Json(std::ostream& out, bool coverage) : out_(out), coverage_(coverage) {}

  absl::Status Write(const TestRun& run) override {
    nlohmann::ordered_json cases = nlohmann::ordered_json::array();
    for (const CaseOutcome& o : run.outcomes) {
      nlohmann::ordered_json c = {{"file", o.file},
                                  {"name", o.fixture->name},
                                  {"passed", o.result.passed},
                                  {"expected", o.fixture->expect},
                                  {"got", DecisionToJson(o.result.got)}};
      if (o.result.untraced) c["got_untraced"] = DecisionToJson(*o.result.untraced);
      if (!o.result.passed) c["trace"] = TraceToJson(o.result.trace);
      cases.push_back(std::move(c));
    }
    nlohmann::ordered_json report = {
        {"cases", cases}, {"passed", run.passed}, {"failed", run.failed}};
    if (coverage_) report["coverage"] = run.coverage.ToJson();
    out_ << internal::JsonText(report) << "\n";
    return absl::OkStatus();
  }

 private:
  std::ostream& out_;
  bool coverage_;
};

class JUnit : public TestReporter {
 public:
  explicit JUnit(std::string path) : path_(std::move(path)) {}
  absl::Status Write(const TestRun& run) override {
    const std::vector<CaseOutcome>& outcomes = run.outcomes;
    const std::string& path = path_;
    pugi::xml_document doc;
    pugi::xml_node suites = doc.append_child("testsuites");
    suites.append_attribute("name") = "rolesel test";
    std::map<std::string, pugi::xml_node> by_file;
    std::map<std::string, std::pair<int, int>> counts;  // tests, failures
    for (const CaseOutcome& outcome : outcomes) {
      pugi::xml_node& suite = by_file[outcome.file];
      if (!suite) {
        suite = suites.append_child("testsuite");
        suite.append_attribute("name") = outcome.file.c_str();
      }
      pugi::xml_node testcase = suite.append_child("testcase");
      testcase.append_attribute("name") = outcome.fixture->name.c_str();
      testcase.append_attribute("classname") = outcome.file.c_str();
      testcase.append_attribute("time") = "0";
      ++counts[outcome.file].first;
      if (!outcome.result.passed) {
        ++counts[outcome.file].second;
        const std::string message = Mismatch(outcome);
        pugi::xml_node failure = testcase.append_child("failure");
        failure.append_attribute("message") = message.c_str();
        failure.append_attribute("type") = "DecisionMismatch";
        failure.text() = absl::StrCat(message, "\n", outcome.result.trace.ToText()).c_str();
      }
    }
    for (auto& [file, suite] : by_file) {
      suite.append_attribute("tests") = counts[file].first;
      suite.append_attribute("failures") = counts[file].second;
      suite.append_attribute("errors") = 0;
    }
    suites.append_attribute("tests") = run.passed + run.failed;
    suites.append_attribute("failures") = run.failed;
    if (!doc.save_file(path.c_str(), "  ", pugi::format_default, pugi::encoding_utf8)) {
      return absl::InternalError(absl::StrCat("cannot write ", path));
    }
    return absl::OkStatus();
  }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<TestReporter> TextTestReporter(std::ostream& out, std::ostream& err, bool traces,
                                               bool coverage) {
  return std::make_unique<Text>(out, err, traces, coverage);
}

std::unique_ptr<TestReporter> JsonTestReporter(std::ostream& out, bool coverage) {
  return std::make_unique<Json>(out, coverage);
}

std::unique_ptr<TestReporter> JUnitTestReporter(std::string path) {
  return std::make_unique<JUnit>(std::move(path));
}

}  // namespace rolesel::cli
