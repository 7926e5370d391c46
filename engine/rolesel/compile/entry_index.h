// EntryIndex: which entries of a `deny` or `rules` list could match a request,
// so that deciding does not look at every entry.
//
// Each entry is filed under one condition it cannot match without:
//   - the whole leading literal segments of every one of its path patterns
//     (a trie over interned segment ids; regexes included, see PathPattern),
//     else
//   - one of its `groups` (any-of) or its first `all_groups` group, else
//   - the values of its first `equals` or `in` claim matcher, else
//   - the trie's root, where it is a candidate for every request.
// Candidates are returned in entry order and then evaluated in full, so the
// index only ever skips entries that cannot match: the decision is the same
// as a scan of every entry (a test compares the two on many requests).
//
// Immutable after Build(); Candidates() allocates nothing and is thread-safe.
#ifndef ROLESEL_COMPILE_ENTRY_INDEX_H_
#define ROLESEL_COMPILE_ENTRY_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "rolesel/compile/compiled_entry.h"
#include "rolesel/compile/string_table.h"
#include "rolesel/core/claims.h"

namespace rolesel {

class EntryIndex {
 public:
  // Interns the segments of the path prefixes it files entries under into
  // `segments` (shared by a rule set's indexes, so that a request's segments
  // are looked up once for all of them).
  static EntryIndex Build(const std::vector<CompiledEntry>& entries, size_t group_count,
                          StringTable* segments);

  // What the index looks at in a request.
  struct Keys {
    // The ids of the normalized path's leading segments, up to the first one
    // the segment table does not know (CompiledRules::SegmentIds).
    absl::Span<const int> segment_ids;
    absl::Span<const int> group_ids;  // interned, sorted
    const Claims* claims;
  };

  // The longest path prefix entries are filed under, in segments.
  size_t depth() const { return depth_; }

  // Writes the positions of the entries that could match a request with
  // these keys into `out`, ascending and unique, and sets `*count`. Returns
  // false when there are more than out.size(); the caller must then consider
  // every entry.
  bool Candidates(const Keys& keys, absl::Span<uint32_t> out, size_t* count) const;

 private:
  // Most nodes have one or two children, which a scan finds fastest; a node
  // with more is searched by halves. The root has about one child per
  // service, hundreds in a large rule set: its children are kept in
  // root_children_ instead, by segment id.
  static constexpr size_t kMaxScannedChildren = 8;
  struct Node {
    std::vector<std::pair<int, uint32_t>> children;  // (segment id, node), sorted
    std::vector<uint32_t> entries;

    // The child for `segment`, or 0 (the root is nobody's child).
    uint32_t Child(int segment) const;
  };
  // Build's edges, before they are sorted into the nodes.
  using Edges = absl::flat_hash_map<std::pair<uint32_t, int>, uint32_t>;
  uint32_t NodeFor(const std::vector<std::string>& prefix, StringTable* segments, Edges* edges);
  void FileUnderClaim(const CompiledCondition::Claim& claim, uint32_t position);

  // Entries filed under a claim's values.
  struct ClaimValues {
    std::string claim;
    bool as_list = false;
    StringTable values;
    std::vector<std::vector<uint32_t>> entries;  // by value id
  };

  std::vector<Node> nodes_;  // nodes_[0] is the root (its `children` left empty)
  // The root's child for each segment id, 0 for none; as long as the
  // largest id under the root, so at most one slot per interned segment.
  std::vector<uint32_t> root_children_;
  size_t depth_ = 0;
  std::vector<std::vector<uint32_t>> by_group_;  // group id -> entries
  std::vector<ClaimValues> by_claim_;
};

}  // namespace rolesel

#endif  // ROLESEL_COMPILE_ENTRY_INDEX_H_
