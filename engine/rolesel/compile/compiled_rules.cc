#include "rolesel/compile/compiled_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
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

// What the loader validated, built again: a failure is a bug, reported as one.
absl::Status Unbuildable(std::string_view what, std::string_view text, const absl::Status& why) {
  return absl::InternalError(
      absl::StrCat("the ", internal::Absl(what), " \"", internal::Absl(text),
                   "\" passed loading but does not compile: ", why.message()));
}

absl::StatusOr<std::vector<ArnGlob>> BuildGlobs(const std::vector<std::string>& patterns) {
  std::vector<ArnGlob> globs;
  globs.reserve(patterns.size());
  for (const std::string& pattern : patterns) {
    absl::StatusOr<ArnGlob> glob = ArnGlob::Create(pattern);
    if (!glob.ok()) return Unbuildable("ARN glob", pattern, glob.status());
    globs.push_back(*std::move(glob));
  }
  return globs;
}

absl::StatusOr<SessionTemplate> BuildTemplate(const std::string& text,
                                              const absl::flat_hash_set<std::string>& list_claims) {
  absl::StatusOr<SessionTemplate> built = SessionTemplate::Parse(text);
  if (!built.ok()) return Unbuildable("template", text, built.status());
  built->UseListClaims(list_claims);
  return built;
}

}  // namespace

RoleCheck CheckRole(const CompiledSettings& settings, std::string_view role, bool explain) {
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

absl::StatusOr<std::unique_ptr<CompiledRules>> CompiledRules::Compile(RulesDocument document) {
  std::unique_ptr<CompiledRules> out(new CompiledRules());
  out->document_ = std::move(document);
  out->list_claim_names_ = {std::string(WellKnownClaimName(WellKnownClaim::kGroups)),
                            std::string(WellKnownClaimName(WellKnownClaim::kRoles))};
  for (const auto& name : out->document_.settings.list_claims) {
    if (std::find(out->list_claim_names_.begin(), out->list_claim_names_.end(), name) ==
        out->list_claim_names_.end()) {
      out->list_claim_names_.push_back(name);
    }
  }
  out->list_claims_.insert(out->list_claim_names_.begin(), out->list_claim_names_.end());
  if (absl::Status settings = out->CompileSettings(); !settings.ok()) return settings;
  for (const Entry& entry : out->document_.deny) {
    absl::StatusOr<CompiledEntry> compiled = out->CompileEntry(entry);
    if (!compiled.ok()) return compiled.status();
    out->deny_.push_back(*std::move(compiled));
  }
  for (const Entry& entry : out->document_.rules) {
    absl::StatusOr<CompiledEntry> compiled = out->CompileEntry(entry);
    if (!compiled.ok()) return compiled.status();
    out->rules_.push_back(*std::move(compiled));
  }
  if (out->settings_.default_role) {
    out->default_role_check_ =
        CheckRole(out->settings_, *out->settings_.default_role, /*explain=*/true);
  }
  out->deny_index_ = EntryIndex::Build(out->deny_, out->group_ids_.size(), &out->segment_ids_);
  out->rules_index_ = EntryIndex::Build(out->rules_, out->group_ids_.size(), &out->segment_ids_);
  out->indexed_depth_ = std::max(out->deny_index_.depth(), out->rules_index_.depth());
  return out;
}

absl::Status CompiledRules::CompileSettings() {
  const Settings& source = document_.settings;
  CompiledSettings& out = settings_;
  if (source.allowed_roles) {
    absl::StatusOr<std::vector<ArnGlob>> globs = BuildGlobs(*source.allowed_roles);
    if (!globs.ok()) return globs.status();
    out.allowed_roles = *std::move(globs);
  }
  absl::StatusOr<std::vector<ArnGlob>> deny_roles = BuildGlobs(source.deny_roles);
  if (!deny_roles.ok()) return deny_roles.status();
  out.deny_roles = *std::move(deny_roles);
  out.default_role = source.default_role;
  out.require_role_in_token = source.require_role_in_token;
  out.duration_seconds = source.duration_seconds;
  absl::StatusOr<SessionTemplate> session_name = BuildTemplate(source.session_name, list_claims_);
  if (!session_name.ok()) return session_name.status();
  out.session_name = *std::move(session_name);
  if (source.source_identity) {
    absl::StatusOr<SessionTemplate> built = BuildTemplate(*source.source_identity, list_claims_);
    if (!built.ok()) return built.status();
    out.source_identity = *std::move(built);
  }
  for (const auto& [key, text] : source.session_tags) {
    absl::StatusOr<SessionTemplate> built = BuildTemplate(text, list_claims_);
    if (!built.ok()) return built.status();
    out.session_tags.emplace_back(key, *std::move(built));
  }
  out.transitive_tag_keys = source.transitive_tag_keys;
  if (source.session_policy) {
    absl::StatusOr<const PolicyTemplate*> policy = BuildPolicy(*source.session_policy);
    if (!policy.ok()) return policy.status();
    default_narrowing_.session_policy = *policy;
  }
  default_narrowing_.policy_arns = &source.policy_arns;
  return absl::OkStatus();
}

absl::StatusOr<const PolicyTemplate*> CompiledRules::BuildPolicy(const SessionPolicy& policy) {
  absl::StatusOr<PolicyTemplate> built = PolicyTemplate::Parse(policy.document);
  if (!built.ok()) return Unbuildable("session policy", policy.document.dump(), built.status());
  built->UseListClaims(list_claims_);
  policies_.push_back(std::make_unique<PolicyTemplate>(*std::move(built)));
  return policies_.back().get();
}

absl::StatusOr<CompiledEntry> CompiledRules::CompileEntry(const Entry& entry) {
  absl::StatusOr<CompiledCondition> condition = CompileCondition(entry.condition);
  if (!condition.ok()) return condition.status();
  CompiledEntry compiled{&entry, *std::move(condition), {}, {}, default_narrowing_};
  if (entry.role && entry.role->kind == RoleAction::Kind::kLiteral) {
    compiled.literal_role_check = CheckRole(settings_, entry.role->arn, /*explain=*/true);
  }
  if (entry.role && (entry.role->kind == RoleAction::Kind::kFromToken ||
                     entry.role->kind == RoleAction::Kind::kRequested)) {
    absl::StatusOr<std::vector<ArnGlob>> globs = BuildGlobs(entry.role->globs);
    if (!globs.ok()) return globs.status();
    compiled.role_globs = *std::move(globs);
  }
  if (entry.role && entry.role->kind == RoleAction::Kind::kRequested) {
    requested_role_header_ = document_.settings.requested_role_header;
  }
  if (entry.has_session_policy) {
    compiled.narrowing.session_policy = nullptr;
    if (entry.session_policy) {
      absl::StatusOr<const PolicyTemplate*> policy = BuildPolicy(*entry.session_policy);
      if (!policy.ok()) return policy.status();
      compiled.narrowing.session_policy = *policy;
    }
  }
  if (entry.policy_arns) compiled.narrowing.policy_arns = &*entry.policy_arns;
  return compiled;
}

absl::StatusOr<CompiledCondition> CompiledRules::CompileCondition(const Condition& c) {
  CompiledCondition out;
  // A list of names present in the condition becomes its sorted ids.
  const auto intern = [](StringTable* table, const std::optional<std::vector<std::string>>& names,
                         bool* has, std::vector<int>* ids) {
    *has = names.has_value();
    if (names) *ids = InternAll(table, *names);
  };
  intern(&group_ids_, c.groups, &out.has_groups, &out.groups);
  intern(&group_ids_, c.all_groups, &out.has_all_groups, &out.all_groups);
  intern(&group_ids_, c.not_groups, &out.has_not_groups, &out.not_groups);
  intern(&user_ids_, c.users, &out.has_users, &out.users);
  if (c.paths) {
    out.has_paths = true;
    // The loader's parse of the same texts, when it has one: compiling a
    // regex again was a tenth of BM_Compile/1000.
    const bool parsed = c.parsed_paths.size() == c.paths->size() &&
                        std::equal(c.paths->begin(), c.paths->end(), c.parsed_paths.begin(),
                                   [](const std::string& text, const PathPattern& pattern) {
                                     return text == pattern.text();
                                   });
    if (parsed) {
      out.paths = c.parsed_paths;
    } else {
      for (const std::string& text : *c.paths) {
        absl::StatusOr<PathPattern> pattern = PathPattern::Parse(text);
        if (!pattern.ok()) return Unbuildable("path pattern", text, pattern.status());
        out.paths.push_back(*std::move(pattern));
      }
    }
  }
  if (c.methods) {
    out.has_methods = true;
    for (const std::string& method : *c.methods) {
      if (method == "ANY" || method == "*") {
        out.any_method = true;
        continue;
      }
      const int id = method_ids_.Intern(method);
      if (id >= 64) {  // the loader bounds distinct methods at 64
        return absl::InternalError("more than 64 distinct methods passed loading");
      }
      out.method_mask |= uint64_t{1} << id;
    }
  }
  for (const ClaimCondition& claim : c.claims) {
    absl::StatusOr<ClaimMatcher> matcher =
        claim.matcher ? absl::StatusOr<ClaimMatcher>(*claim.matcher)
                      : ClaimMatcher::Create(claim.claim, claim.op, claim.operand);
    if (!matcher.ok()) return Unbuildable("claim matcher", claim.claim, matcher.status());
    out.claims.push_back({*std::move(matcher), IsListClaim(claim.claim)});
  }
  return out;
}

bool CompiledRules::IsListClaim(std::string_view name) const {
  return list_claims_.contains(internal::Absl(name));
}

}  // namespace rolesel
