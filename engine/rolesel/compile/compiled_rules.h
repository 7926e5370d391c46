// CompiledRules: a validated RulesDocument indexed for fast evaluation.
//
// Group names, user names, methods and the segments of indexed path
// prefixes are interned to small integers (StringTable): a condition on
// groups compares short sorted integer arrays, the entry indexes compare
// segment ids, and a method's id is its bit in 64-bit masks. Claim
// matchers know whether their claim is a list claim; each list of entries
// gets an EntryIndex. Path patterns, claim matchers, ARN globs and
// templates are built here from the text the document keeps (the loader
// only validated them). Nothing is parsed or compiled after this step, and
// the document is never changed.
//
// Immutable after Compile(); safe to share between threads.
#ifndef ROLESEL_COMPILE_COMPILED_RULES_H_
#define ROLESEL_COMPILE_COMPILED_RULES_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "rolesel/compile/compiled_entry.h"
#include "rolesel/compile/entry_index.h"
#include "rolesel/compile/string_table.h"
#include "rolesel/load/rules_document.h"

namespace rolesel {

class CompiledRules {
 public:
  // Fails (Internal) only if a value the loader validated does not build,
  // which would be a bug: the caller then refuses the rules, never guesses.
  static absl::StatusOr<std::unique_ptr<CompiledRules>> Compile(RulesDocument document);
  // Entries point into the owned document: not copyable.
  CompiledRules(const CompiledRules&) = delete;
  CompiledRules& operator=(const CompiledRules&) = delete;

  const RulesDocument& document() const { return document_; }
  const CompiledSettings& settings() const { return settings_; }
  const std::vector<CompiledEntry>& deny() const { return deny_; }
  const std::vector<CompiledEntry>& rules() const { return rules_; }
  const EntryIndex& deny_index() const { return deny_index_; }
  const EntryIndex& rules_index() const { return rules_index_; }

  // -1 when the name appears in no rule (so no condition can depend on it).
  // These four run on every decision; they are inline for that.
  int GroupId(std::string_view name) const { return group_ids_.Find(name); }
  int UserId(std::string_view name) const { return user_ids_.Find(name); }
  // Writes the ids of the request's leading path segments that the entry
  // indexes know, in order, into `ids` (room for segments.size()), stopping
  // at the first unknown one or at the deepest indexed prefix; returns how
  // many were written. These are EntryIndex::Keys::segment_ids.
  size_t SegmentIds(absl::Span<const std::string_view> segments, int* ids) const {
    const size_t n = std::min(segments.size(), indexed_depth_);
    for (size_t i = 0; i < n; ++i) {
      ids[i] = segment_ids_.Find(segments[i]);
      if (ids[i] < 0) return i;  // no trie goes deeper than an unknown segment
    }
    return n;
  }
  // 0 when no rule names the method; else its bit in method masks.
  uint64_t MethodBit(std::string_view method) const {
    const int id = method_ids_.Find(method);
    return id < 0 ? 0 : uint64_t{1} << id;
  }

  bool IsListClaim(std::string_view name) const;
  // settings.default's role checks, done at compile time.
  const RoleCheck& default_role_check() const { return default_role_check_; }
  // cognito:groups, cognito:roles and settings.list_claims.
  const std::vector<std::string>& list_claim_names() const { return list_claim_names_; }
  // The settings' session policy and policy ARNs (for settings.default).
  const Narrowing& default_narrowing() const { return default_narrowing_; }
  // The header an event names its requested role in
  // (settings.requested_role_header); empty when no rule has a
  // `requested` role, so that events are not searched for it.
  const std::string& requested_role_header() const { return requested_role_header_; }

 private:
  CompiledRules() = default;
  absl::Status CompileSettings();
  absl::StatusOr<CompiledEntry> CompileEntry(const Entry& entry);
  absl::StatusOr<CompiledCondition> CompileCondition(const Condition& condition);
  absl::StatusOr<const PolicyTemplate*> BuildPolicy(const SessionPolicy& policy);

  RulesDocument document_;
  CompiledSettings settings_;
  std::vector<CompiledEntry> deny_;
  std::vector<CompiledEntry> rules_;
  EntryIndex deny_index_;
  EntryIndex rules_index_;
  StringTable group_ids_;
  StringTable user_ids_;
  StringTable segment_ids_;   // the segments of indexed path prefixes
  size_t indexed_depth_ = 0;  // the longest indexed prefix, in segments
  // Interned like groups; an id is a bit of a 64-bit mask (the loader
  // bounds distinct methods at 64).
  StringTable method_ids_;
  absl::flat_hash_set<std::string> list_claims_;
  RoleCheck default_role_check_;
  std::vector<std::string> list_claim_names_;
  std::vector<std::unique_ptr<PolicyTemplate>> policies_;  // Narrowing points here
  Narrowing default_narrowing_;
  std::string requested_role_header_;
};

}  // namespace rolesel

#endif  // ROLESEL_COMPILE_COMPILED_RULES_H_
