// LocatedJson: a JSON document (with // and /* */ comments allowed) parsed by
// nlohmann::json, plus the source position of every key and value.
//
// nlohmann::json 3.11 does not expose token positions, so parsing runs its
// SAX parser over an iterator that counts the bytes consumed; each SAX event
// records where its token starts. Positions are looked up by JSON pointer.
//
// Parse() never throws. A syntax error comes back as a Diagnostic with the
// line and column of the offending token ("syntax" check), and a trailing
// comma is named as such.
#ifndef ROLESEL_LOAD_LOCATED_JSON_H_
#define ROLESEL_LOAD_LOCATED_JSON_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "nlohmann/json.hpp"
#include "rolesel/load/diagnostic.h"

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

  // Appends a reference token to a JSON pointer, escaping '~' and '/'.
  static std::string Child(const std::string& pointer, std::string_view key);
  static std::string Child(const std::string& pointer, size_t index);

 private:
  friend class LocatingSaxHandler;
  SourceLocation LocationOf(size_t offset) const;

  nlohmann::json root_;
  std::vector<size_t> line_starts_;
  std::string text_;
  struct Offsets {
    size_t key = 0;
    size_t value = 0;
  };
  absl::flat_hash_map<std::string, Offsets> offsets_;
};

}  // namespace rolesel

#endif  // ROLESEL_LOAD_LOCATED_JSON_H_
