// LocatedJson: a JSON document (with // and /* */ comments allowed) parsed by
// nlohmann::json, plus the source position of every key and value.
//
// nlohmann::json 3.11 does not expose token positions, so parsing runs its
// SAX parser over an iterator that counts the bytes consumed; each SAX event
// records where its token starts, as a line and column computed from the
// previous event's (so each costs O(1), amortized, even when the whole file
// is one line). Positions are looked up by JSON pointer (SpotTree).
//
// Parse() never throws. A syntax error comes back as a Diagnostic with the
// line and column of the offending token ("syntax" check), and a trailing
// comma is named as such; nesting deeper than internal::kMaxJsonDepth is
// refused the same way ("too-deep"). A key twice in one object is not a
// syntax error: it is recorded in duplicate_keys() (with both positions)
// for the caller to refuse, so that its other findings are reported too.
#ifndef ROLESEL_LOAD_LOCATED_JSON_H_
#define ROLESEL_LOAD_LOCATED_JSON_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "nlohmann/json.hpp"
#include "rolesel/load/diagnostic.h"
#include "rolesel/load/spot_tree.h"

namespace rolesel {

class LocatedJson {
 public:
  // On success `*out` holds the document; on a syntax error returns false and
  // sets `*error`.
  static bool Parse(std::string_view text, LocatedJson* out, Diagnostic* error);

  const nlohmann::json& root() const { return root_; }

  // Position of the value at `pointer` ("" is the root), or of the member's
  // key for KeyLocation. Unknown pointers give line 1, column 1.
  SourceLocation ValueLocation(const std::string& pointer) const;
  SourceLocation KeyLocation(const std::string& pointer) const;

  // The value at `pointer` as written in the text (comments inside it
  // included); empty for an unknown pointer.
  std::string_view RawText(const std::string& pointer) const;

  // Every key that appeared twice in one object: where (the pointer of the
  // member), and a "duplicate-key" error at the second key naming the
  // first's position. The DOM holds the last value.
  struct DuplicateKey {
    std::string pointer;
    Diagnostic diagnostic;
  };
  const std::vector<DuplicateKey>& duplicate_keys() const { return duplicate_keys_; }

  // Appends a reference token to a JSON pointer, escaping '~' and '/'.
  static std::string Child(const std::string& pointer, std::string_view key);
  static std::string Child(const std::string& pointer, size_t index);

 private:
  friend class LocatingSaxHandler;
  SourceLocation LocationOf(size_t offset) const;

  nlohmann::json root_;
  std::vector<size_t> line_starts_;
  std::string text_;
  SpotTree spots_;
  std::vector<DuplicateKey> duplicate_keys_;
};

}  // namespace rolesel

#endif  // ROLESEL_LOAD_LOCATED_JSON_H_
