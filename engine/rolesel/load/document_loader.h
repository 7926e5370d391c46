// LoadRulesDocument: rules text -> validated RulesDocument, or every problem
// found, each with its line and column (spec section 3).
//
// Loading never throws. It reports all findings, not only the first: syntax
// (with comments allowed and trailing commas refused), unknown keys (with a
// did-you-mean), a key twice in one object (naming both positions), wrong
// types, missing keys, bad values (ARNs, globs, path patterns, RE2 regexes,
// methods, durations, templates, ids) and duplicate ids; nesting deeper than
// internal::kMaxJsonDepth stops it ("too-deep"). Every position costs O(1),
// so a file on one line loads as fast as the same file pretty-printed. The
// document is usable only when no finding is an error.
#ifndef ROLESEL_LOAD_DOCUMENT_LOADER_H_
#define ROLESEL_LOAD_DOCUMENT_LOADER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rolesel/load/diagnostic.h"
#include "rolesel/load/rules_document.h"

namespace rolesel {

// Documented limits on rules files; exceeding one is a load error.
inline constexpr size_t kMaxRulesFileBytes = 16 * 1024 * 1024;
inline constexpr size_t kMaxEntries = 100000;
inline constexpr size_t kMaxDistinctMethods = 64;

struct LoadResult {
  std::optional<RulesDocument> document;  // set when no error was found
  std::vector<Diagnostic> diagnostics;    // sorted by position
};

LoadResult LoadRulesDocument(std::string_view text, std::string_view source_name,
                             std::string_view base_dir);

// The keys the loader accepts, per place in the document (for tools and the
// test that keeps rules/schema in step).
extern const std::vector<std::string> kTopKeys;
extern const std::vector<std::string> kSettingsKeys;
extern const std::vector<std::string> kJwtKeys;
extern const std::vector<std::string> kDenyKeys;
extern const std::vector<std::string> kRuleKeys;

}  // namespace rolesel

#endif  // ROLESEL_LOAD_DOCUMENT_LOADER_H_
