#include "rolesel/compile/compiled_rules.h"

#include <algorithm>

#include "rolesel/internal/absl_view.h"

namespace rolesel {
namespace {

std::vector<int> InternAll(StringTable* table, const std::vector<std::string>& names) {
  std::vector<int> ids;
  ids.reserve(names.size());
  for (const auto& name : names) ids.push_back(table->Intern(name));
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

RoleCheck CheckRole(const Settings& settings, std::string_view role, bool explain) {
  RoleCheck check;
  if (!IsWellFormedRoleArn(role, explain ? &check.why : nullptr)) {
    check.outcome = RoleCheck::Outcome::kMalformed;
    return check;
  }
  if (settings.allowed_roles &&
      std::none_of(settings.allowed_roles->begin(), settings.allowed_roles->end(),
                   [&](const ArnGlob& glob) { return glob.Matches(role); })) {
    check.outcome = RoleCheck::Outcome::kNotAllowed;
    return check;
  }
  for (const ArnGlob& glob : settings.deny_roles) {
    if (glob.Matches(role)) {
      check.outcome = RoleCheck::Outcome::kDenied;
      check.denied_by = &glob;
      return check;
    }
  }
  return check;
}

std::unique_ptr<CompiledRules> CompiledRules::Compile(RulesDocument document) {
  std::unique_ptr<CompiledRules> out(new CompiledRules());
  out->document_ = std::move(document);
  out->list_claim_names_ = {"cognito:groups", "cognito:roles"};
  for (const auto& name : out->document_.settings.list_claims) {
    if (std::find(out->list_claim_names_.begin(), out->list_claim_names_.end(), name) ==
        out->list_claim_names_.end()) {
      out->list_claim_names_.push_back(name);
    }
  }
  out->list_claims_.insert(out->list_claim_names_.begin(), out->list_claim_names_.end());
  Settings& mutable_settings = out->document_.settings;
  mutable_settings.session_name.UseListClaims(out->list_claims_);
  if (mutable_settings.source_identity) {
    mutable_settings.source_identity->UseListClaims(out->list_claims_);
  }
  for (auto& [key, tag] : mutable_settings.session_tags) tag.UseListClaims(out->list_claims_);
  for (const Entry& entry : out->document_.deny) {
    out->deny_.push_back({&entry, out->CompileCondition(entry.condition), {}});
  }
  const Settings& settings = out->document_.settings;
  for (const Entry& entry : out->document_.rules) {
    CompiledEntry compiled{&entry, out->CompileCondition(entry.condition), {}};
    if (entry.role && entry.role->kind == RoleAction::Kind::kLiteral) {
      compiled.literal_role_check = CheckRole(settings, entry.role->arn, /*explain=*/true);
    }
    out->rules_.push_back(std::move(compiled));
  }
  if (settings.default_role) {
    out->default_role_check_ = CheckRole(settings, *settings.default_role, /*explain=*/true);
  }
  out->deny_index_ = EntryIndex::Build(out->deny_, out->group_ids_.size(), &out->segment_ids_);
  out->rules_index_ = EntryIndex::Build(out->rules_, out->group_ids_.size(), &out->segment_ids_);
  out->indexed_depth_ = std::max(out->deny_index_.depth(), out->rules_index_.depth());
  return out;
}

CompiledCondition CompiledRules::CompileCondition(const Condition& c) {
  CompiledCondition out;
  if (c.groups) {
    out.has_groups = true;
    out.groups = InternAll(&group_ids_, *c.groups);
  }
  if (c.all_groups) {
    out.has_all_groups = true;
    out.all_groups = InternAll(&group_ids_, *c.all_groups);
  }
  if (c.not_groups) {
    out.has_not_groups = true;
    out.not_groups = InternAll(&group_ids_, *c.not_groups);
  }
  if (c.users) {
    out.has_users = true;
    out.users = InternAll(&user_ids_, *c.users);
  }
  if (c.paths) {
    out.has_paths = true;
    out.paths = &*c.paths;
  }
  if (c.methods) {
    out.has_methods = true;
    for (const std::string& method : *c.methods) {
      if (method == "ANY" || method == "*") {
        out.any_method = true;
        continue;
      }
      uint64_t bit = MethodBit(method);
      if (bit == 0) {  // new; the loader bounds methods at 64
        methods_.push_back(method);
        method_words_.push_back(MethodWord(method));
        bit = MethodBit(method);
      }
      out.method_mask |= bit;
    }
  }
  for (const ClaimMatcher& matcher : c.claims) {
    out.claims.push_back({&matcher, IsListClaim(matcher.claim())});
  }
  return out;
}

bool CompiledRules::IsListClaim(std::string_view name) const {
  return list_claims_.contains(internal::Absl(name));
}

}  // namespace rolesel
