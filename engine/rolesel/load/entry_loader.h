// EntryLoader: the `deny` and `rules` arrays of a rules file (spec
// sections 3 and 4): ids, conditions (groups, users, paths, methods,
// claims) and role actions, validated into Entries.
//
// Internal to load/. Not thread-safe: one loader on one document; it
// remembers the ids and methods it has seen across both arrays.
#ifndef ROLESEL_LOAD_ENTRY_LOADER_H_
#define ROLESEL_LOAD_ENTRY_LOADER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "rolesel/load/json_checks.h"
#include "rolesel/load/rules_document.h"

namespace rolesel {

class EntryLoader : public JsonChecks {
 public:
  using JsonChecks::JsonChecks;

  // Appends each entry of the array at `pointer` that is an object.
  void LoadEntries(const std::string& pointer, const Json& value, bool is_deny,
                   std::vector<Entry>* out);
  // How many different methods the entries so far name.
  size_t distinct_methods() const { return distinct_methods_.size(); }

 private:
  void LoadEntry(const std::string& pointer, const Json& value, bool is_deny, Entry* entry);
  std::optional<std::vector<std::string>> ConditionList(const std::string& pointer,
                                                        const Json& value);
  void LoadCondition(const std::string& pointer, const Json& value, Condition* c);
  std::optional<std::vector<std::string>> LoadPaths(const std::string& pointer, const Json& value,
                                                    std::vector<PathPattern>* parsed);
  void LoadClaims(const std::string& pointer, const Json& value, Condition* c);
  std::optional<RoleAction> LoadRole(const std::string& pointer, const Json& value);

  absl::flat_hash_map<std::string, std::string> ids_;  // id -> pointer of first use
  absl::flat_hash_set<std::string> distinct_methods_;
};

}  // namespace rolesel

#endif  // ROLESEL_LOAD_ENTRY_LOADER_H_
