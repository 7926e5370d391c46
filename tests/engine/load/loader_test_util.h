// Helpers of the loader's tests: load text and keep its errors, find where
// a piece of the text sits, expect exactly one error there.
#ifndef ROLESEL_TESTS_ENGINE_LOAD_LOADER_TEST_UTIL_H_
#define ROLESEL_TESTS_ENGINE_LOAD_LOADER_TEST_UTIL_H_

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rolesel/load/document_loader.h"

namespace rolesel::testing {

using ::testing::HasSubstr;

inline std::vector<Diagnostic> Errors(const std::string& text) {
  LoadResult result = LoadRulesDocument(text, "t.json", ".");
  std::vector<Diagnostic> errors;
  for (auto& d : result.diagnostics) {
    if (d.severity == Diagnostic::Severity::kError) errors.push_back(d);
  }
  EXPECT_EQ(result.document.has_value(), errors.empty());
  return errors;
}

// Line and column (1-based) of the `nth` occurrence of `needle` in `text`.
inline SourceLocation PositionOf(const std::string& text, const std::string& needle, int nth = 0) {
  size_t at = text.find(needle);
  for (int i = 0; i < nth && at != std::string::npos; ++i) at = text.find(needle, at + 1);
  EXPECT_NE(at, std::string::npos) << needle;
  SourceLocation loc;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.column = 1;
    } else {
      ++loc.column;
    }
  }
  return loc;
}

// `text` has exactly one error, with `check`, at the start of the `nth`
// occurrence of `at`, and its message holds `says`.
inline void ExpectOneError(const std::string& text, const std::string& at, const std::string& check,
                           const std::string& says, int nth = 0) {
  auto errors = Errors(text);
  ASSERT_EQ(errors.size(), 1u) << text;
  SourceLocation expected = PositionOf(text, at, nth);
  EXPECT_EQ(errors[0].location.line, expected.line) << errors[0].message;
  EXPECT_EQ(errors[0].location.column, expected.column) << errors[0].message;
  EXPECT_EQ(errors[0].check, check) << errors[0].message;
  EXPECT_THAT(errors[0].message, HasSubstr(says));
}

}  // namespace rolesel::testing

#endif  // ROLESEL_TESTS_ENGINE_LOAD_LOADER_TEST_UTIL_H_
