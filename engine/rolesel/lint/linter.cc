#include "rolesel/lint/linter.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "rolesel/compile/compiled_rules.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/jwt/jwks.h"
#include "rolesel/load/document_loader.h"
#include "rolesel/matchers/policy_template.h"

namespace rolesel {
namespace {

using Kind = PathPattern::SegmentKind;

// How many entry pairs the reachability check compares at most (about a
// second): every pair of a file of ~4,500 entries.
constexpr size_t kMaxReachabilityComparisons = 10'000'000;

// Both sorted (interned ids): every element of `small` is in `large`.
bool Subset(const std::vector<int>& small, const std::vector<int>& large) {
  return std::includes(large.begin(), large.end(), small.begin(), small.end());
}

bool SameMatcher(const ClaimMatcher& a, const ClaimMatcher& b) {
  return a.claim() == b.claim() && a.op() == b.op() && a.operands() == b.operands() &&
         a.exists_operand() == b.exists_operand();
}

// `narrow` cannot hold without `broad` holding.
bool MatcherImplied(const ClaimMatcher& broad,
                    const std::vector<CompiledCondition::Claim>& narrow) {
  for (const CompiledCondition::Claim& claim : narrow) {
    const ClaimMatcher& m = claim.matcher;
    if (SameMatcher(broad, m)) return true;
    // Every operator but exists:false needs the claim present.
    if (broad.op() == ClaimMatcher::Op::kExists && broad.exists_operand() &&
        m.claim() == broad.claim() &&
        !(m.op() == ClaimMatcher::Op::kExists && !m.exists_operand())) {
      return true;
    }
  }
  return false;
}

std::string Label(const Entry& entry, bool is_deny) {
  return absl::StrCat(is_deny ? "deny[" : "rules[", entry.index, "] \"", entry.id, "\"");
}

// A rule stops evaluation whenever its condition matches only if its role
// action always yields a role.
bool AlwaysYieldsRole(const Entry& rule, const CompiledSettings& settings) {
  return rule.role && rule.role->kind == RoleAction::Kind::kLiteral &&
         !settings.require_role_in_token;
}

void CheckRoles(const CompiledRules& compiled, std::vector<Diagnostic>* out) {
  const CompiledSettings& settings = compiled.settings();
  auto report = [&](const RoleCheck& check, const std::string& role, SourceLocation at,
                    const std::string& who) {
    if (check.outcome == RoleCheck::Outcome::kNotAllowed) {
      out->push_back(
          Diagnostic::At(at, Diagnostic::Severity::kError,
                         absl::StrCat(who, " role ", role,
                                      " matches no settings.allowed_roles pattern, so it "
                                      "can never be allowed"),
                         "role-not-allowed"));
    } else if (check.outcome == RoleCheck::Outcome::kDenied) {
      out->push_back(
          Diagnostic::At(at, Diagnostic::Severity::kError,
                         absl::StrCat(who, " role ", role, " matches settings.deny_roles \"",
                                      check.denied_by->pattern(), "\", so it can never be allowed"),
                         "role-denied"));
    }
  };
  for (const CompiledEntry& rule : compiled.rules()) {
    const Entry& entry = *rule.source;
    if (!entry.role) continue;
    if (entry.role->kind == RoleAction::Kind::kLiteral) {
      report(rule.literal_role_check, entry.role->arn, entry.role->location,
             absl::StrCat("rule \"", entry.id, "\":"));
    } else if ((entry.role->kind == RoleAction::Kind::kFromToken ||
                entry.role->kind == RoleAction::Kind::kRequested) &&
               settings.allowed_roles) {
      const char* action =
          entry.role->kind == RoleAction::Kind::kRequested ? "requested" : "from_token";
      for (size_t i = 0; i < entry.role->globs.size(); ++i) {
        const std::string& glob = entry.role->globs[i];
        bool possible = std::any_of(
            settings.allowed_roles->begin(), settings.allowed_roles->end(),
            [&](const ArnGlob& allowed) { return GlobsCanMatchSameRole(glob, allowed.pattern()); });
        if (!possible) {
          out->push_back(
              Diagnostic::At(entry.role->glob_locations[i], Diagnostic::Severity::kWarning,
                             absl::StrCat("rule \"", entry.id, "\": ", action, " glob \"", glob,
                                          "\" can never match a role settings.allowed_roles "
                                          "admits"),
                             "from-token-never-allowed"));
        }
      }
    }
  }
  if (settings.default_role) {
    report(compiled.default_role_check(), *settings.default_role,
           compiled.document().settings.default_location, "settings.default:");
  }
}

// A session policy whose text alone, without its placeholders, is over
// STS's 2048 characters denies every request it applies to.
void CheckSessionPolicies(const CompiledRules& compiled, std::vector<Diagnostic>* out) {
  auto check = [&](const PolicyTemplate* policy, const SessionPolicy& source,
                   std::string_view who) {
    if (policy == nullptr || policy->literal_chars() <= PolicyTemplate::kMaxPolicyChars) return;
    out->push_back(Diagnostic::At(
        source.location, Diagnostic::Severity::kError,
        absl::StrCat(internal::Absl(who), " session_policy is ", policy->literal_chars(),
                     " characters without its placeholders; STS allows at most ",
                     PolicyTemplate::kMaxPolicyChars, ", so every allow it applies to is denied"),
        "session-policy-too-large"));
  };
  // The templates compile built; each reported where it is written.
  if (const auto& settings_policy = compiled.document().settings.session_policy) {
    check(compiled.default_narrowing().session_policy, *settings_policy, "settings:");
  }
  for (const CompiledEntry& rule : compiled.rules()) {
    if (rule.source->session_policy) {
      check(rule.narrowing.session_policy, *rule.source->session_policy,
            absl::StrCat("rule \"", rule.source->id, "\":"));
    }
  }
}

void CheckReachability(const CompiledRules& compiled, std::vector<Diagnostic>* out) {
  const std::vector<CompiledEntry>& deny = compiled.deny();
  const std::vector<CompiledEntry>& rules = compiled.rules();
  for (const CompiledEntry& entry : deny) {
    if (entry.source->condition.IsUnconditional()) {
      out->push_back(Diagnostic::At(entry.source->location, Diagnostic::Severity::kWarning,
                                    absl::StrCat("deny entry \"", entry.source->id,
                                                 "\" has no conditions: it denies every request"),
                                    "deny-all"));
    }
  }
  auto report = [&](const Entry& shadowed, bool shadowed_is_deny, const Entry& by,
                    bool by_is_deny) {
    out->push_back(Diagnostic::At(
        shadowed.location, Diagnostic::Severity::kWarning,
        absl::StrCat(Label(shadowed, shadowed_is_deny), " is unreachable: ", Label(by, by_is_deny),
                     by_is_deny && !shadowed_is_deny
                         ? " denies every request it would match"
                         : " matches every request it would match, and comes first"),
        "unreachable"));
  };
  // Each entry is compared with every one before it: quadratic, so the
  // comparisons are budgeted (a generated file of 100,000 entries would take
  // hours), and when the budget runs out lint says which entries it did not
  // check rather than calling them reachable.
  size_t budget = kMaxReachabilityComparisons;
  auto covers = [&](const CompiledEntry& broad, const CompiledEntry& narrow) {
    --budget;
    return ConditionCovers(broad.condition, narrow.condition);
  };
  const Entry* first_unchecked = nullptr;
  bool first_unchecked_is_deny = false;
  for (size_t j = 0; j < deny.size(); ++j) {
    if (budget < j) {
      first_unchecked = deny[j].source;
      first_unchecked_is_deny = true;
      break;
    }
    for (size_t i = 0; i < j; ++i) {
      if (covers(deny[i], deny[j])) {
        report(*deny[j].source, true, *deny[i].source, true);
        break;
      }
    }
  }
  for (size_t j = 0; first_unchecked == nullptr && j < rules.size(); ++j) {
    if (budget < deny.size() + j) {
      first_unchecked = rules[j].source;
      break;
    }
    const CompiledEntry& rule = rules[j];
    const Entry* by = nullptr;
    bool by_deny = false;
    for (const CompiledEntry& d : deny) {
      if (covers(d, rule)) {
        by = d.source;
        by_deny = true;
        break;
      }
    }
    for (size_t i = 0; by == nullptr && i < j; ++i) {
      if (AlwaysYieldsRole(*rules[i].source, compiled.settings()) && covers(rules[i], rule)) {
        by = rules[i].source;
      }
    }
    if (by != nullptr) report(*rule.source, false, *by, by_deny);
  }
  if (first_unchecked != nullptr) {
    out->push_back(Diagnostic::At(
        first_unchecked->location, Diagnostic::Severity::kWarning,
        absl::StrCat("reachability not checked from ",
                     Label(*first_unchecked, first_unchecked_is_deny),
                     " on: comparing every entry with every earlier one would take more than ",
                     kMaxReachabilityComparisons, " comparisons"),
        "unreachable-not-checked"));
  }
}

}  // namespace

bool GlobsIntersect(std::string_view a, std::string_view b) {
  // reachable[i][j]: some string takes `a` to position i and `b` to j.
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<char>> seen(n + 1, std::vector<char>(m + 1, 0));
  std::vector<std::pair<size_t, size_t>> work = {{0, 0}};
  seen[0][0] = 1;
  auto push = [&](size_t i, size_t j) {
    if (i <= n && j <= m && !seen[i][j]) {
      seen[i][j] = 1;
      work.emplace_back(i, j);
    }
  };
  while (!work.empty()) {
    auto [i, j] = work.back();
    work.pop_back();
    if (i == n && j == m) return true;
    // A '*' may match nothing.
    if (i < n && a[i] == '*') push(i + 1, j);
    if (j < m && b[j] == '*') push(i, j + 1);
    // Or one more character, consumed by both sides at once.
    if (i < n && j < m) {
      char x = a[i], y = b[j];
      bool any_x = x == '*' || x == '?', any_y = y == '*' || y == '?';
      if (any_x || any_y || x == y) {
        push(x == '*' ? i : i + 1, y == '*' ? j : j + 1);
      }
    }
  }
  return false;
}

bool GlobsCanMatchSameRole(std::string_view a, std::string_view b) {
  auto split = [](std::string_view glob, std::vector<std::string_view>* fields) {
    for (int i = 0; i < 5; ++i) {
      size_t colon = glob.find(':');
      if (colon == std::string_view::npos) return false;
      fields->push_back(glob.substr(0, colon));
      glob.remove_prefix(colon + 1);
    }
    fields->push_back(glob);  // the resource: role/...
    return true;
  };
  std::vector<std::string_view> fa, fb;
  if (!split(a, &fa) || !split(b, &fb)) return GlobsIntersect(a, b);
  for (size_t i = 0; i < fa.size(); ++i) {
    if (!GlobsIntersect(fa[i], fb[i])) return false;
  }
  return true;
}

bool PathPatternCovers(const PathPattern& broad, const PathPattern& narrow) {
  if (broad.is_regex() || narrow.is_regex()) return broad.text() == narrow.text();
  const auto& a = broad.segments();
  const auto& b = narrow.segments();
  // int8_t, not char: char is unsigned on arm64, where -1 would read as 255.
  std::vector<std::vector<int8_t>> memo(a.size() + 1, std::vector<int8_t>(b.size() + 1, -1));
  // covers(i, j): a[i..] matches every path b[j..] matches.
  std::function<bool(size_t, size_t)> covers = [&](size_t i, size_t j) -> bool {
    int8_t& cached = memo[i][j];
    if (cached >= 0) return cached;
    bool result = false;
    if (i == a.size()) {
      result = j == b.size();
    } else if (a[i].kind == Kind::kDoubleStar) {
      result = covers(i + 1, j) || (j < b.size() && covers(i, j + 1));
    } else if (a[i].kind == Kind::kGreedy) {
      // One or more: b's rest must always be at least one segment.
      result = std::any_of(b.begin() + j, b.end(),
                           [](const auto& s) { return s.kind != Kind::kDoubleStar; });
    } else if (j < b.size() && b[j].kind != Kind::kDoubleStar && b[j].kind != Kind::kGreedy) {
      bool one = a[i].kind == Kind::kVariable || a[i].kind == Kind::kStar ||
                 (b[j].kind == Kind::kLiteral && a[i].literal == b[j].literal);
      result = one && covers(i + 1, j + 1);
    }
    cached = result;
    return result;
  };
  return covers(0, 0);
}

bool ConditionCovers(const CompiledCondition& broad, const CompiledCondition& narrow) {
  if (broad.has_methods && !broad.any_method &&
      !(narrow.has_methods && !narrow.any_method &&
        (narrow.method_mask & ~broad.method_mask) == 0)) {
    return false;
  }
  if (broad.has_groups) {
    bool ok = (narrow.has_groups && Subset(narrow.groups, broad.groups)) ||
              (narrow.has_all_groups &&
               std::any_of(narrow.all_groups.begin(), narrow.all_groups.end(), [&](int g) {
                 return std::binary_search(broad.groups.begin(), broad.groups.end(), g);
               }));
    if (!ok) return false;
  }
  if (broad.has_all_groups &&
      !(narrow.has_all_groups && Subset(broad.all_groups, narrow.all_groups))) {
    return false;
  }
  if (broad.has_not_groups &&
      !(narrow.has_not_groups && Subset(broad.not_groups, narrow.not_groups))) {
    return false;
  }
  if (broad.has_users && !(narrow.has_users && Subset(narrow.users, broad.users))) return false;
  if (broad.has_paths) {
    if (!narrow.has_paths) return false;
    for (const PathPattern& n : narrow.paths) {
      if (std::none_of(broad.paths.begin(), broad.paths.end(),
                       [&](const PathPattern& b) { return PathPatternCovers(b, n); })) {
        return false;
      }
    }
  }
  for (const CompiledCondition::Claim& claim : broad.claims) {
    if (!MatcherImplied(claim.matcher, narrow.claims)) return false;
  }
  return true;
}

const std::vector<LintCheck>& LintChecks() {
  static const auto* checks = new std::vector<LintCheck>{
      {"syntax", "The file is not valid JSON (comments allowed, trailing commas not)."},
      {"unknown-key", "A key the rules language does not have (often a typo)."},
      {"wrong-type", "A value of the wrong JSON type, or an empty string."},
      {"missing-key", "A required key is missing (version, id, role, ...)."},
      {"bad-version", "version is not the integer 1."},
      {"bad-id", "An id outside [A-Za-z0-9_.:-]{1,64}."},
      {"duplicate-id", "Two entries share an id (ids are unique across deny and rules)."},
      {"bad-arn", "A role that is not a well-formed IAM role ARN."},
      {"bad-glob", "A malformed ARN glob."},
      {"bad-path-pattern", "A malformed path pattern."},
      {"bad-regex", "A regex RE2 cannot compile."},
      {"bad-method", "A method that is not an upper-case token, ANY or *."},
      {"bad-operator", "A claim matcher without exactly one known operator."},
      {"bad-duration", "duration_seconds outside 900..43200."},
      {"internal", "A value that loaded but did not compile: a bug in rolesel (please report it)."},
      {"bad-session-name", "A malformed session_name or source_identity template."},
      {"bad-session-tag", "A session tag with a bad key or template, or more than 50 tags."},
      {"jwt-incomplete", "settings.jwt lacks issuer or client_ids, or has a bad value."},
      {"too-large", "The file exceeds a documented limit."},
      {"duplicate-key", "A key twice in one object (the second would silently win)."},
      {"too-deep", "Arrays and objects nested deeper than 128 levels."},
      {"empty-array", "An empty array makes a condition unsatisfiable."},
      {"role-not-allowed", "A literal role no settings.allowed_roles pattern admits."},
      {"role-denied", "A literal role a settings.deny_roles pattern denies."},
      {"from-token-never-allowed",
       "A from_token or requested glob that can never match a role allowed_roles admits."},
      {"bad-session-policy",
       "A session_policy that is not an IAM policy document, or has a bad placeholder."},
      {"session-policy-too-large",
       "A session_policy over STS's 2048 characters even without its placeholders."},
      {"bad-policy-arn", "A malformed, repeated or eleventh managed policy ARN."},
      {"unreachable", "An entry an earlier entry always matches first."},
      {"unreachable-not-checked",
       "A file too large to compare every entry with every earlier one: where checking stopped."},
      {"deny-all", "A deny entry without conditions denies every request."},
      {"jwks", "settings.jwt.jwks names a file that cannot be read or is not a JWKS."},
      {"jwks-key-skipped",
       "A key of the JWKS file is malformed, not RSA or shares its kid; tokens it signed fail."},
  };
  return *checks;
}

// A JWKS file named by settings.jwt.jwks (URLs are not fetched by lint):
// an error when it cannot be read or is no JWKS, a warning per key that
// the verifier skips, and one when no key is left.
static void CheckJwksFile(const Settings& settings, std::string_view base_dir,
                          std::vector<Diagnostic>* out) {
  if (!settings.jwt || settings.jwt->jwks.empty()) return;
  const JwtSettings& jwt = *settings.jwt;
  // The verifier's own source: the same path resolution, the same reading.
  absl::StatusOr<std::unique_ptr<jwt::JwksSource>> source =
      jwt::MakeJwksSource(jwt.jwks, std::string(base_dir));
  if (!source.ok() || !(*source)->is_file()) return;  // URLs are not fetched
  const std::string path = (*source)->Describe();
  absl::StatusOr<std::string> text = (*source)->Fetch(absl::InfiniteFuture());
  if (!text.ok()) {
    out->push_back(Diagnostic::At(jwt.jwks_location, Diagnostic::Severity::kError,
                                  absl::StrCat("settings.jwt.jwks: ", text.status().message()),
                                  "jwks"));
    return;
  }
  std::vector<std::string> skipped;
  absl::StatusOr<jwt::KeySet> keys = jwt::ParseJwks(*text, &skipped);
  if (!keys.ok()) {
    out->push_back(Diagnostic::At(
        jwt.jwks_location, Diagnostic::Severity::kError,
        absl::StrCat("settings.jwt.jwks ", path, ": ", keys.status().message()), "jwks"));
    return;
  }
  for (const std::string& why : skipped) {
    out->push_back(Diagnostic::At(jwt.jwks_location, Diagnostic::Severity::kWarning,
                                  absl::StrCat("settings.jwt.jwks ", path, ": ", why),
                                  "jwks-key-skipped"));
  }
  if (keys->empty()) {
    out->push_back(
        Diagnostic::At(jwt.jwks_location, Diagnostic::Severity::kWarning,
                       absl::StrCat("settings.jwt.jwks ", path,
                                    " has no usable key: every bearer token is invalid_token"),
                       "jwks-key-skipped"));
  }
}

std::vector<Diagnostic> LintRules(std::string_view text, std::string_view source_name,
                                  std::string_view base_dir) {
  LoadResult loaded = LoadRulesDocument(text, source_name, base_dir);
  std::vector<Diagnostic> out = std::move(loaded.diagnostics);
  if (loaded.document) {
    absl::StatusOr<std::unique_ptr<CompiledRules>> compiled =
        CompiledRules::Compile(*std::move(loaded.document));
    if (!compiled.ok()) {
      out.push_back(Diagnostic::At({}, Diagnostic::Severity::kError,
                                   std::string(compiled.status().message()), "internal"));
    } else {
      CheckRoles(**compiled, &out);
      CheckSessionPolicies(**compiled, &out);
      CheckReachability(**compiled, &out);
      CheckJwksFile((*compiled)->document().settings, base_dir, &out);
    }
  }
  SortByPosition(&out);
  return out;
}

}  // namespace rolesel
