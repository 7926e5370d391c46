#include "rolesel/load/spot_tree.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace rolesel {
namespace {

// RFC 6901: an array index is "0" or digits without a leading zero.
bool ReadIndex(std::string_view token, size_t* index) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return false;
  *index = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    *index = *index * 10 + static_cast<size_t>(c - '0');
  }
  return true;
}

}  // namespace

uint32_t SpotTree::Add(const Spot& spot, uint32_t parent, Kind kind, std::string_view key) {
  const auto node = static_cast<uint32_t>(nodes_.size());
  nodes_.push_back({spot, parent, kind, std::string(key)});
  return node;
}

SourceLocation SpotTree::FirstKeyLocation(uint32_t parent, std::string_view key) const {
  for (size_t i = parent + 1; i < nodes_.size(); ++i) {
    if (nodes_[i].parent == parent && nodes_[i].key == key) return nodes_[i].spot.key;
  }
  return {};
}

std::string SpotTree::Child(std::string_view pointer, std::string_view key) {
  const absl::string_view parent(pointer.data(), pointer.size());
  const absl::string_view raw(key.data(), key.size());
  // A plain loop: find_first_of builds its character set on every call, and
  // this runs for every key of a rules file.
  if (std::none_of(key.begin(), key.end(), [](char c) { return c == '~' || c == '/'; })) {
    return absl::StrCat(parent, "/", raw);  // the usual key: nothing to escape
  }
  return absl::StrCat(parent, "/", absl::StrReplaceAll(raw, {{"~", "~0"}, {"/", "~1"}}));
}

std::string SpotTree::Child(std::string_view pointer, size_t index) {
  return absl::StrCat(absl::string_view(pointer.data(), pointer.size()), "/", index);
}

std::string SpotTree::PointerOf(uint32_t node) const {
  if (node >= nodes_.size() || nodes_[node].parent == kNoParent) return "";
  const uint32_t parent = nodes_[node].parent;
  if (nodes_[parent].kind == Kind::kObject) return Child(PointerOf(parent), nodes_[node].key);
  size_t index = 0;
  for (uint32_t i = parent + 1; i < node; ++i) index += nodes_[i].parent == parent ? 1 : 0;
  return Child(PointerOf(parent), index);
}

void SpotTree::Index() {
  // Nodes come in document order, each after its parent: one counting pass
  // and one filling pass lay every container's children out in order.
  child_begin_.assign(nodes_.size() + 1, 0);
  for (const Node& node : nodes_) {
    if (node.parent != kNoParent) ++child_begin_[node.parent + 1];
  }
  for (size_t i = 1; i < child_begin_.size(); ++i) child_begin_[i] += child_begin_[i - 1];
  children_.assign(child_begin_.back(), 0);
  std::vector<uint32_t> filled(child_begin_.begin(), child_begin_.end() - 1);
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].parent != kNoParent) {
      children_[filled[nodes_[i].parent]++] = static_cast<uint32_t>(i);
    }
  }
}

const SpotTree::Spot* SpotTree::Find(std::string_view pointer) const {
  if (nodes_.empty() || child_begin_.size() != nodes_.size() + 1) return nullptr;
  uint32_t node = 0;
  std::string key;
  for (size_t at = 0; at < pointer.size();) {
    if (pointer[at] != '/') return nullptr;
    size_t next = pointer.find('/', at + 1);
    if (next == std::string_view::npos) next = pointer.size();
    const std::string_view token = pointer.substr(at + 1, next - at - 1);
    at = next;
    const uint32_t* begin = children_.data() + child_begin_[node];
    const uint32_t* end = children_.data() + child_begin_[node + 1];
    if (nodes_[node].kind == Kind::kArray) {
      size_t index = 0;
      if (!ReadIndex(token, &index) || index >= static_cast<size_t>(end - begin)) return nullptr;
      node = begin[index];
    } else if (nodes_[node].kind == Kind::kObject) {
      key.assign(token.data(), token.size());
      if (token.find('~') != std::string_view::npos) {
        key = absl::StrReplaceAll(absl::string_view(token.data(), token.size()),
                                  {{"~1", "/"}, {"~0", "~"}});
      }
      // The last of a key written twice: the DOM keeps its value.
      const uint32_t* found = nullptr;
      for (const uint32_t* child = end; child != begin && found == nullptr;) {
        --child;
        if (nodes_[*child].key == key) found = child;
      }
      if (found == nullptr) return nullptr;
      node = *found;
    } else {
      return nullptr;
    }
  }
  return &nodes_[node].spot;
}

}  // namespace rolesel
