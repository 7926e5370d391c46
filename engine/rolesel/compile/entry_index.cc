#include "rolesel/compile/entry_index.h"

#include <algorithm>

#include "rolesel/compile/compiled_entry.h"
#include "rolesel/internal/sorted_insert.h"

namespace rolesel {

uint32_t EntryIndex::Node::Child(int segment) const {
  if (children.size() <= kMaxScannedChildren) {
    for (const auto& [id, child] : children) {
      if (id == segment) return child;
    }
    return 0;
  }
  auto it = std::lower_bound(children.begin(), children.end(), segment,
                             [](const std::pair<int, uint32_t>& c, int s) { return c.first < s; });
  return it != children.end() && it->first == segment ? it->second : 0;
}

uint32_t EntryIndex::NodeFor(const std::vector<std::string>& prefix, StringTable* segments,
                             Edges* edges) {
  uint32_t node = 0;
  for (const std::string& segment : prefix) {
    auto [it, added] =
        edges->try_emplace({node, segments->Intern(segment)}, static_cast<uint32_t>(nodes_.size()));
    if (added) nodes_.emplace_back();
    node = it->second;
  }
  depth_ = std::max(depth_, prefix.size());
  return node;
}

namespace {

// The first claim matcher that only holds for listed values.
const CompiledCondition::Claim* IndexableClaim(const CompiledCondition& c) {
  for (const CompiledCondition::Claim& claim : c.claims) {
    ClaimMatcher::Op op = claim.matcher.op();
    if (op == ClaimMatcher::Op::kEquals || op == ClaimMatcher::Op::kIn) return &claim;
  }
  return nullptr;
}

}  // namespace

void EntryIndex::FileUnderClaim(const CompiledCondition::Claim& claim, uint32_t position) {
  auto it = std::find_if(by_claim_.begin(), by_claim_.end(), [&](const ClaimValues& values) {
    return values.claim == claim.matcher.claim();
  });
  if (it == by_claim_.end()) {
    by_claim_.push_back({claim.matcher.claim(), claim.as_list, {}, {}});
    it = by_claim_.end() - 1;
  }
  for (const std::string& value : claim.matcher.operands()) {
    const size_t id = static_cast<size_t>(it->values.Intern(value));
    if (id == it->entries.size()) it->entries.emplace_back();
    std::vector<uint32_t>& entries = it->entries[id];
    if (entries.empty() || entries.back() != position) entries.push_back(position);
  }
}

EntryIndex EntryIndex::Build(const std::vector<CompiledEntry>& entries, size_t group_count,
                             StringTable* segments) {
  EntryIndex index;
  index.nodes_.emplace_back();
  Edges edges;
  index.by_group_.resize(group_count);
  for (uint32_t position = 0; position < entries.size(); ++position) {
    const CompiledCondition& c = entries[position].condition;
    if (c.has_paths && !c.paths.empty() &&
        std::all_of(c.paths.begin(), c.paths.end(),
                    [](const PathPattern& p) { return !p.literal_prefix().empty(); })) {
      std::vector<uint32_t> nodes;
      for (const PathPattern& pattern : c.paths)
        nodes.push_back(index.NodeFor(pattern.literal_prefix(), segments, &edges));
      std::sort(nodes.begin(), nodes.end());
      nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
      for (uint32_t node : nodes) index.nodes_[node].entries.push_back(position);
    } else if (c.has_groups && !c.groups.empty()) {
      for (int group : c.groups) index.by_group_[group].push_back(position);
    } else if (c.has_all_groups && !c.all_groups.empty()) {
      index.by_group_[c.all_groups.front()].push_back(position);
    } else if (const CompiledCondition::Claim* claim = IndexableClaim(c)) {
      index.FileUnderClaim(*claim, position);
    } else {
      index.nodes_[0].entries.push_back(position);
    }
  }
  for (const auto& [edge, child] : edges) {
    index.nodes_[edge.first].children.emplace_back(edge.second, child);
  }
  for (Node& node : index.nodes_) std::sort(node.children.begin(), node.children.end());
  std::vector<std::pair<int, uint32_t>> root = std::move(index.nodes_[0].children);
  index.nodes_[0].children.clear();
  if (!root.empty()) index.root_children_.assign(static_cast<size_t>(root.back().first) + 1, 0);
  for (const auto& [segment, child] : root) index.root_children_[segment] = child;
  return index;
}

bool EntryIndex::Candidates(const Keys& keys, absl::Span<uint32_t> out, size_t* count) const {
  size_t n = 0;
  auto add = [&](const std::vector<uint32_t>& entries) {
    if (entries.size() > out.size() - n) return false;
    for (uint32_t entry : entries) out[n++] = entry;  // mostly 0-2: no memmove call
    return true;
  };
  if (!add(nodes_[0].entries)) return false;
  // Segment ids come from the table both lists' indexes share: one may be
  // beyond this index's root (a segment only the other list files under).
  const absl::Span<const int> segments = keys.segment_ids;
  uint32_t node = 0;
  if (!segments.empty() && segments[0] >= 0 &&
      static_cast<size_t>(segments[0]) < root_children_.size()) {
    node = root_children_[static_cast<size_t>(segments[0])];
  }
  for (size_t depth = 1; node != 0; ++depth) {
    if (!add(nodes_[node].entries)) return false;
    if (depth == segments.size()) break;
    node = nodes_[node].Child(segments[depth]);
  }
  for (int group : keys.group_ids) {
    if (group >= 0 && static_cast<size_t>(group) < by_group_.size() && !add(by_group_[group])) {
      return false;
    }
  }
  for (const ClaimValues& values : by_claim_) {
    const ClaimValue* claim = keys.claims->Find(values.claim);
    if (claim == nullptr) continue;
    for (const std::string& element : values.as_list ? claim->list() : claim->elements()) {
      const int id = values.values.Find(element);
      if (id >= 0 && !add(values.entries[static_cast<size_t>(id)])) return false;
    }
  }
  if (n > 32) {  // large: std::sort; the usual handful: an insertion sort
    std::sort(out.begin(), out.begin() + n);
    *count = static_cast<size_t>(std::unique(out.begin(), out.begin() + n) - out.begin());
    return true;
  }
  size_t unique = 0;  // out[0, unique) sorted, without repeats; unique <= i
  for (size_t i = 0; i < n; ++i) internal::InsertSortedUnique(out.data(), &unique, out[i]);
  *count = unique;
  return true;
}

}  // namespace rolesel
