// EntryIndex: which entries of a `deny` or `rules` list could match a request,
// so that deciding does not look at every entry.
//
// Each entry is filed under one condition it cannot match without:
//   - the whole leading literal segments of every one of its path patterns
//     (a trie over segments; regexes included, see PathPattern), else
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
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "rolesel/claims.h"
#include "rolesel/compile/compiled_entry.h"

namespace rolesel {

class EntryIndex {
 public:
  static EntryIndex Build(const std::vector<CompiledEntry>& entries, size_t group_count);

  // What the index looks at in a request.
  struct Keys {
    absl::Span<const std::string_view> segments;  // the normalized path's
    absl::Span<const int> group_ids;              // interned, sorted
    const Claims* claims;
  };

  // Writes the positions of the entries that could match a request with
  // these keys into `out`, ascending and unique, and sets `*count`. Returns
  // false when there are more than out.size(); the caller must then consider
  // every entry.
  bool Candidates(const Keys& keys, absl::Span<uint32_t> out, size_t* count) const;

 private:
  // Most nodes below the root have one or two children, where comparing the
  // segments beats hashing them; a node with more uses a hash map.
  static constexpr size_t kMaxScannedChildren = 4;
  struct Node {
    std::vector<std::pair<std::string, uint32_t>> few_children;  // while small
    absl::flat_hash_map<std::string, uint32_t> many_children;    // once not
    std::vector<uint32_t> entries;

    // The child for `segment`, or 0 (the root is nobody's child).
    uint32_t Child(std::string_view segment) const;
  };
  uint32_t NodeFor(const std::vector<std::string>& prefix);
  void FileUnderClaim(const CompiledCondition::Claim& claim, uint32_t position);

  // Entries filed under a claim's values.
  struct ClaimValues {
    std::string claim;
    bool as_list = false;
    absl::flat_hash_map<std::string, std::vector<uint32_t>> entries_by_value;
  };

  std::vector<Node> nodes_;                      // nodes_[0] is the root
  std::vector<std::vector<uint32_t>> by_group_;  // group id -> entries
  std::vector<ClaimValues> by_claim_;
};

}  // namespace rolesel

#endif  // ROLESEL_COMPILE_ENTRY_INDEX_H_
