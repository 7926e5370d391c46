#include "rolesel/evaluate/evaluator.h"

#include <algorithm>
#include <exception>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rolesel/compile/entry_index.h"
#include "rolesel/evaluate/grant.h"
#include "rolesel/evaluate/path_normalizer.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/method_token.h"
#include "rolesel/internal/sorted_insert.h"

namespace rolesel {
namespace {

// Candidate entries considered per list before falling back to a full scan.
constexpr size_t kMaxCandidates = 512;

using internal::JsonQuote;
using internal::JsonQuoteAll;

// Writes `from` over `*to`. clear() then append() re-uses the capacity the
// Decision kept from its last use and skips assign()'s check for a source
// inside the string itself, which costs as much as copying a role ARN (the
// sources here are the rules' and the claims' strings, never the Decision's).
void Overwrite(std::string* to, std::string_view from) {
  to->clear();
  to->append(from.data(), from.size());
}

bool Contains(const std::vector<int>& sorted, int id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

// Everything about the request that conditions look at, computed once.
struct RequestFacts {
  const Claims* claims = nullptr;
  NormalizedPath path;
  // The ids of the path's leading segments the entry indexes know; only the
  // first segment_id_count are written.
  int segment_ids[kMaxPathSegments];
  size_t segment_id_count = 0;
  std::string_view method;
  uint64_t method_bit = 0;
  // Sorted, unique; only groups the rules name. A list claim within the
  // limits (checked first) has at most kMaxListElements elements.
  int group_ids[kMaxListElements];
  size_t group_count = 0;
  const ClaimValue* groups = nullptr;
  const ClaimValue* roles = nullptr;
  // Ids among the names users conditions list (-1: not listed), looked up
  // when one is first tested (most decisions test none).
  static constexpr int kNotLookedUp = -2;
  int username_id = kNotLookedUp;
  int sub_id = kNotLookedUp;
  std::optional<std::string_view> requested_role;
};

const std::string* FirstElement(const ClaimValue* value) {
  return value == nullptr || value->elements().empty() ? nullptr : &value->elements().front();
}

class Evaluator {
 public:
  Evaluator(const CompiledRules& rules, Decision* out, Trace* trace)
      : rules_(rules), settings_(rules.settings()), out_(out), trace_(trace) {}

  void Run(const Request& request) {
    if (!CheckRequest(request)) return;
    const CompiledEntry* denied =
        FirstMatch(rules_.deny(), rules_.deny_index(), TraceStep::Kind::kDeny);
    if (denied != nullptr) {
      Deny(DenyReason::kDenyRule, denied->source->id, "");
      return;
    }
    const CompiledEntry* selected =
        FirstMatch(rules_.rules(), rules_.rules_index(), TraceStep::Kind::kRule);
    if (selected != nullptr) {
      const bool literal = selected->source->role->kind == RoleAction::Kind::kLiteral;
      Finish(selected->source->id, literal ? &selected->literal_role_check : nullptr,
             selected->narrowing);
      return;
    }
    if (settings_.default_role) {
      Overwrite(&out_->role, *settings_.default_role);
      Note(TraceStep::Kind::kDefault, -1, "default", true, [&] {
        return absl::StrCat("no rule matched; settings.default selects ", *settings_.default_role);
      });
      Finish("default", &rules_.default_role_check(), rules_.default_narrowing());
      return;
    }
    Note(TraceStep::Kind::kDefault, -1, "default", false,
         [] { return "no rule matched and settings.default is \"deny\""; });
    Deny(DenyReason::kNoMatch, "", "no rule matched");
  }

 private:
  bool tracing() const { return trace_ != nullptr; }

  // `why` is a callable returning the explanation; it runs only when a trace
  // was asked for, so the untraced hot path builds no strings.
  template <typename WhyFn>
  void Note(TraceStep::Kind kind, int index, std::string_view id, bool matched, WhyFn&& why) {
    if (tracing()) trace_->Add(kind, index, std::string(id), matched, std::string(why()));
  }

  void Deny(DenyReason reason, std::string_view rule, std::string_view detail) {
    out_->ResetToDeny(reason, rule, detail);
  }

  bool RequestError(DenyReason reason, const std::string& why) {
    Note(TraceStep::Kind::kRequest, -1, "request", false, [&] { return why; });
    Deny(reason, "", why);
    return false;
  }

  bool CheckRequest(const Request& request) {
    facts_.claims = request.claims;
    facts_.requested_role = request.requested_role;
    if (request.method_missing) {
      return RequestError(DenyReason::kBadRequest, "method is missing or not a string");
    }
    if (request.path_missing) {
      return RequestError(DenyReason::kBadRequest, "path is missing or not a string");
    }
    if (request.claims == nullptr) {
      return RequestError(DenyReason::kBadRequest, "claims are missing or not an object");
    }
    if (!request.claims->limit_exceeded().empty()) {
      return RequestError(DenyReason::kBadRequest, request.claims->limit_exceeded());
    }
    if (request.claims->may_hold_malformed_list()) {
      for (const std::string& name : rules_.list_claim_names()) {
        const ClaimValue* value = request.claims->Find(name);
        if (value != nullptr && value->malformed_as_list()) {
          return RequestError(DenyReason::kBadRequest,
                              absl::StrCat("claim ", name, " is not a list of strings"));
        }
      }
    }
    std::string why;
    if (!NormalizePath(request.path, &facts_.path, tracing() ? &why : nullptr)) {
      if (!tracing()) NormalizePath(request.path, &facts_.path, &why);  // cold path
      return RequestError(DenyReason::kUnsafePath, why);
    }
    if (!internal::IsMethodToken(request.method)) {
      return RequestError(DenyReason::kBadRequest, "method is not an upper-case token");
    }
    facts_.segment_id_count = rules_.SegmentIds(facts_.path.segments(), facts_.segment_ids);
    facts_.method = request.method;
    facts_.method_bit = rules_.MethodBit(request.method);
    facts_.groups = request.claims->Find(WellKnownClaim::kGroups);
    facts_.roles = request.claims->Find(WellKnownClaim::kRoles);
    if (facts_.groups != nullptr) {
      for (const std::string& group : facts_.groups->list()) {
        const int id = rules_.GroupId(group);
        if (id < 0) continue;
        // Kept sorted and unique as they come: a caller has a handful.
        if (facts_.group_count < kMaxListElements) {
          internal::InsertSortedUnique(facts_.group_ids, &facts_.group_count, id);
        }
      }
    }
    if (tracing()) {
      Note(TraceStep::Kind::kRequest, -1, "request", true, [&] {
        return absl::StrCat(
            internal::Absl(request.method), " ", internal::Absl(facts_.path.path()), " groups=",
            JsonQuoteAll(facts_.groups ? facts_.groups->list() : absl::Span<const std::string>()));
      });
    }
    return true;
  }

  // The first entry, in order, that matches (for rules: and yields a role,
  // written to out_->role). With a trace every entry is looked at, so the
  // trace shows each one; without, only the index's candidates are.
  const CompiledEntry* FirstMatch(const std::vector<CompiledEntry>& entries,
                                  const EntryIndex& index, TraceStep::Kind kind) {
    const bool is_rule = kind == TraceStep::Kind::kRule;
    auto matches = [&](const CompiledEntry& entry) {
      return ConditionHolds(entry, kind) && (!is_rule || SelectRole(entry));
    };
    uint32_t candidates[kMaxCandidates];
    size_t count = 0;
    const EntryIndex::Keys keys{absl::MakeConstSpan(facts_.segment_ids, facts_.segment_id_count),
                                absl::MakeConstSpan(facts_.group_ids, facts_.group_count),
                                facts_.claims};
    if (!tracing() && index.Candidates(keys, absl::MakeSpan(candidates), &count)) {
      for (size_t i = 0; i < count; ++i) {
        if (matches(entries[candidates[i]])) return &entries[candidates[i]];
      }
      return nullptr;
    }
    for (const CompiledEntry& entry : entries) {
      if (matches(entry)) return &entry;
    }
    return nullptr;
  }

  std::string CallerGroups() const {
    return JsonQuoteAll(facts_.groups ? facts_.groups->list() : absl::Span<const std::string>());
  }

  std::string NamesOf(const std::vector<std::string>* names) const {
    return names == nullptr ? "[]" : JsonQuoteAll(*names);
  }

  // The condition of `entry` does not hold: with a trace, notes why (`why`
  // runs only then, so the untraced path builds no strings).
  template <typename WhyFn>
  bool Reject(const CompiledEntry& entry, TraceStep::Kind kind, WhyFn&& why) {
    Note(kind, entry.source->index, entry.source->id, false, std::forward<WhyFn>(why));
    return false;
  }

  // Whether every condition of `entry` holds. They are tested cheapest
  // first; a trace names the first that fails, or says that all hold.
  bool ConditionHolds(const CompiledEntry& entry, TraceStep::Kind kind) {
    const CompiledCondition& c = entry.condition;
    const Condition& source = entry.source->condition;
    if (c.has_methods && !c.any_method && (c.method_mask & facts_.method_bit) == 0) {
      return Reject(entry, kind, [&] {
        return absl::StrCat("methods: ", internal::Absl(facts_.method), " is not in ",
                            NamesOf(&*source.methods));
      });
    }
    if (c.has_groups &&
        !std::any_of(c.groups.begin(), c.groups.end(), [&](int id) { return HasGroup(id); })) {
      return Reject(entry, kind, [&] {
        return absl::StrCat("groups: caller's groups ", CallerGroups(), " include none of ",
                            NamesOf(&*source.groups));
      });
    }
    if (c.has_all_groups && !std::all_of(c.all_groups.begin(), c.all_groups.end(),
                                         [&](int id) { return HasGroup(id); })) {
      return Reject(entry, kind, [&] {
        return absl::StrCat("all_groups: caller's groups ", CallerGroups(), " lack one of ",
                            NamesOf(&*source.all_groups));
      });
    }
    if (c.has_not_groups && std::any_of(c.not_groups.begin(), c.not_groups.end(),
                                        [&](int id) { return HasGroup(id); })) {
      return Reject(entry, kind, [&] {
        return absl::StrCat("not_groups: caller's groups ", CallerGroups(), " include one of ",
                            NamesOf(&*source.not_groups));
      });
    }
    if (c.has_users && !CallerListed(c.users)) {
      return Reject(entry, kind, [&] {
        return absl::StrCat("users: neither cognito:username nor sub is in ",
                            NamesOf(&*source.users));
      });
    }
    if (c.has_paths && !std::any_of(c.paths.begin(), c.paths.end(), [&](const PathPattern& p) {
          return p.Matches(facts_.path.path(), facts_.path.segments());
        })) {
      return Reject(entry, kind, [&] {
        return absl::StrCat("path: ", JsonQuote(facts_.path.path()), " matches none of ",
                            NamesOf(&*source.paths));
      });
    }
    for (const CompiledCondition::Claim& claim : c.claims) {
      const ClaimValue* value = facts_.claims->Find(claim.matcher.claim());
      if (!claim.matcher.Matches(value, claim.as_list)) {
        return Reject(entry, kind, [&] { return claim.matcher.Explain(value, claim.as_list); });
      }
    }
    Note(kind, entry.source->index, entry.source->id, true, [&] {
      return source.IsUnconditional() ? "no conditions: matches every request"
                                      : "every condition holds";
    });
    return true;
  }

  // Whether the caller's cognito:username or sub is in `users` (sorted ids).
  bool CallerListed(const std::vector<int>& users) {
    if (facts_.username_id == RequestFacts::kNotLookedUp) {
      const std::string* name = FirstElement(facts_.claims->Find(WellKnownClaim::kUsername));
      facts_.username_id = name == nullptr ? -1 : rules_.UserId(*name);
      const std::string* sub = FirstElement(facts_.claims->Find(WellKnownClaim::kSub));
      facts_.sub_id = sub == nullptr ? -1 : rules_.UserId(*sub);
    }
    return Contains(users, facts_.username_id) || Contains(users, facts_.sub_id);
  }

  bool HasGroup(int id) const {
    return std::binary_search(facts_.group_ids, facts_.group_ids + facts_.group_count, id);
  }

  bool TokenHasRole(std::string_view arn) const {
    if (facts_.roles == nullptr) return false;
    const auto& roles = facts_.roles->list();
    return std::find(roles.begin(), roles.end(), arn) != roles.end();
  }

  // Writes the role into out_->role; false when the action yields none.
  bool SelectRole(const CompiledEntry& entry) {
    const RoleAction& action = *entry.source->role;
    const int index = entry.source->index;
    const std::string& id = entry.source->id;
    switch (action.kind) {
      case RoleAction::Kind::kLiteral:
        if (settings_.require_role_in_token && !TokenHasRole(action.arn)) {
          Note(TraceStep::Kind::kRule, index, id, false, [&] {
            return absl::StrCat("role: ", action.arn,
                                " is not in cognito:roles (require_role_in_token)");
          });
          return false;
        }
        Overwrite(&out_->role, action.arn);
        return true;
      case RoleAction::Kind::kPreferred: {
        const ClaimValue* preferred = facts_.claims->Find(WellKnownClaim::kPreferredRole);
        if (preferred == nullptr) {
          Note(TraceStep::Kind::kRule, index, id, false,
               [&] { return "role: the token has no cognito:preferred_role"; });
          return false;
        }
        Overwrite(&out_->role, preferred->text());
        return true;
      }
      case RoleAction::Kind::kFromToken:
        if (facts_.roles != nullptr) {
          for (const ArnGlob& glob : entry.role_globs) {
            for (const std::string& role : facts_.roles->list()) {
              if (glob.Matches(role)) {
                Overwrite(&out_->role, role);
                return true;
              }
            }
          }
        }
        Note(TraceStep::Kind::kRule, index, id, false, [&] {
          return absl::StrCat(
              "role: no role in cognito:roles ",
              JsonQuoteAll(facts_.roles ? facts_.roles->list() : absl::Span<const std::string>()),
              " matches from_token ", JsonQuoteAll(action.globs));
        });
        return false;
      case RoleAction::Kind::kRequested:
        return SelectRequestedRole(entry);
    }
    return false;
  }

  // The role the request asks for, when the token holds it and a glob of
  // the rule admits it; else the rule does not match.
  bool SelectRequestedRole(const CompiledEntry& entry) {
    const RoleAction& action = *entry.source->role;
    const int index = entry.source->index;
    const std::string& id = entry.source->id;
    if (!facts_.requested_role) {
      Note(TraceStep::Kind::kRule, index, id, false,
           [&] { return "role: the request names no role (requested)"; });
      return false;
    }
    const std::string_view wanted = *facts_.requested_role;
    if (!TokenHasRole(wanted)) {
      Note(TraceStep::Kind::kRule, index, id, false, [&] {
        return absl::StrCat("role: the requested role ", JsonQuote(wanted),
                            " is not in cognito:roles");
      });
      return false;
    }
    for (const ArnGlob& glob : entry.role_globs) {
      if (glob.Matches(wanted)) {
        Overwrite(&out_->role, wanted);
        return true;
      }
    }
    Note(TraceStep::Kind::kRule, index, id, false, [&] {
      return absl::StrCat("role: the requested role ", JsonQuote(wanted), " matches none of ",
                          JsonQuoteAll(action.globs));
    });
    return false;
  }

  // Role checks (spec section 2, step 5), then allow. `precomputed` holds
  // them for a literal role (from a rule or the default); a role from the
  // token is checked now.
  void Finish(std::string_view rule, const RoleCheck* precomputed, const Narrowing& narrowing) {
    const std::string& role = out_->role;
    RoleCheck computed;
    if (precomputed == nullptr) computed = CheckRole(settings_, role, tracing());
    const RoleCheck& check = precomputed != nullptr ? *precomputed : computed;
    switch (check.outcome) {
      case RoleCheck::Outcome::kMalformed:
        Note(TraceStep::Kind::kRoleCheck, -1, "well_formed", false,
             [&] { return absl::StrCat(JsonQuote(role), ": ", check.why); });
        Deny(DenyReason::kRoleNotAllowed, rule, "the selected role is not a well-formed role ARN");
        return;
      case RoleCheck::Outcome::kNotAllowed:
        Note(TraceStep::Kind::kRoleCheck, -1, "allowed_roles", false,
             [&] { return absl::StrCat(role, " matches no settings.allowed_roles pattern"); });
        Deny(DenyReason::kRoleNotAllowed, rule,
             "the selected role matches no settings.allowed_roles pattern");
        return;
      case RoleCheck::Outcome::kDenied:
        Note(TraceStep::Kind::kRoleCheck, -1, "deny_roles", false, [&] {
          return absl::StrCat(role, " matches settings.deny_roles pattern ",
                              check.denied_by->pattern());
        });
        Deny(DenyReason::kRoleDenied, rule, "the selected role matches settings.deny_roles");
        return;
      case RoleCheck::Outcome::kAllowed:
        break;
    }
    Note(TraceStep::Kind::kRoleCheck, -1, "role_checks", true,
         [&] { return absl::StrCat(role, " is well-formed, allowed and not denied"); });
    out_->allow = true;
    out_->reason = DenyReason::kNone;
    Overwrite(&out_->rule, rule);
    out_->detail.clear();
    GrantRefusal refusal;
    if (!FillGrant(settings_, narrowing, *facts_.claims, out_, &refusal)) {
      Note(TraceStep::Kind::kCredentials, -1, refusal.part, false, [&] { return refusal.why; });
      Deny(DenyReason::kBadRequest, "", refusal.why);
      return;
    }
    if (!out_->session_policy.empty()) {
      Note(TraceStep::Kind::kCredentials, -1, "session_policy", true,
           [&] { return absl::StrCat("rendered, ", out_->session_policy.size(), " bytes"); });
    }
  }

  const CompiledRules& rules_;
  const CompiledSettings& settings_;
  Decision* out_;
  Trace* trace_;
  RequestFacts facts_;
};

}  // namespace

void Evaluate(const CompiledRules& rules, const Request& request, Decision* out,
              Trace* trace) noexcept {
  try {
    Evaluator(rules, out, trace).Run(request);
  } catch (...) {
    // Only allocation failure can get here; fail closed.
    out->ResetToDeny(DenyReason::kBadRequest);
  }
}

}  // namespace rolesel
