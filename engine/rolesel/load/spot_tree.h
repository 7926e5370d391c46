// SpotTree: where each value of a parsed JSON document sits in its text (its
// key's and its own line and column, and its bytes), in a tree shaped like
// the document, looked up by JSON pointer (RFC 6901: "/rules/3/paths/0").
//
// Built by LocatedJson's parser in document order: Add() each value after
// its container, Close() a container when it ends, then Index() once. No
// pointer string is built while adding (a string per value, hashed into a
// map, was a sixth of compiling a rules file). A key twice in one object
// keeps both nodes; look-ups find the last, as the DOM keeps its value.
// Not thread-safe while built; const methods are safe once indexed.
#ifndef ROLESEL_LOAD_SPOT_TREE_H_
#define ROLESEL_LOAD_SPOT_TREE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rolesel/load/diagnostic.h"

namespace rolesel {

class SpotTree {
 public:
  struct Spot {
    SourceLocation key;  // an object member's key; else the value's position
    SourceLocation value;
    size_t begin = 0;  // the value's bytes: [begin, end)
    size_t end = 0;
  };
  enum class Kind : uint8_t { kScalar, kObject, kArray };
  static constexpr uint32_t kNoParent = UINT32_MAX;

  void Reserve(size_t values) { nodes_.reserve(values); }
  // A value under `parent` (kNoParent for the root, added first); `key` is
  // an object member's, unescaped. Returns its node.
  uint32_t Add(const Spot& spot, uint32_t parent, Kind kind, std::string_view key);
  // A container's end, once it is known.
  void SetEnd(uint32_t node, size_t end) { nodes_[node].spot.end = end; }
  // Where `key` first appeared under object `parent`, for the message about
  // its second appearance; line 1, column 1 when it has not.
  SourceLocation FirstKeyLocation(uint32_t parent, std::string_view key) const;
  // The JSON pointer of `node` (recursing once per level: at most
  // internal::kMaxJsonDepth).
  std::string PointerOf(uint32_t node) const;

  // `pointer` extended by one reference token: a key with '~' and '/'
  // escaped, or an array index (LocatedJson::Child).
  static std::string Child(std::string_view pointer, std::string_view key);
  static std::string Child(std::string_view pointer, size_t index);
  // Lays the children of every container out in order; before any Find().
  void Index();

  // The spot of the value at `pointer` ("" is the root); nullptr when there
  // is none.
  const Spot* Find(std::string_view pointer) const;

 private:
  struct Node {
    Spot spot;
    uint32_t parent = kNoParent;
    Kind kind = Kind::kScalar;
    std::string key;
  };
  std::vector<Node> nodes_;
  // The children of node i, in order: children_[child_begin_[i] ..
  // child_begin_[i + 1]).
  std::vector<uint32_t> child_begin_;
  std::vector<uint32_t> children_;
};

}  // namespace rolesel

#endif  // ROLESEL_LOAD_SPOT_TREE_H_
