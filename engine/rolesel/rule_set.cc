// RuleSet's construction: load, compile, and set up token verification.
// Deciding is rule_set_decide.cc.
#include "rolesel/rule_set.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rolesel/compile/compiled_rules.h"
#include "rolesel/internal/file_io.h"
#include "rolesel/jwt/verifier.h"
#include "rolesel/load/document_loader.h"

namespace rolesel {

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;

absl::StatusOr<std::unique_ptr<RuleSet>> RuleSet::FromFile(const std::string& path) {
  absl::StatusOr<std::string> text = internal::ReadFileToString(path);
  if (!text.ok()) return text.status();
  return FromString(*text, path == "-" ? "<stdin>" : path, internal::DirectoryOf(path));
}

absl::StatusOr<std::unique_ptr<RuleSet>> RuleSet::FromString(std::string_view text,
                                                             std::string_view source_name,
                                                             std::string_view base_dir,
                                                             std::string_view revision) {
  LoadResult loaded = LoadRulesDocument(text, source_name, base_dir);
  std::string name(source_name);
  if (!loaded.document) {
    std::vector<std::string> lines;
    for (const Diagnostic& d : loaded.diagnostics) {
      if (d.severity == Diagnostic::Severity::kError) lines.push_back(d.Format(name));
    }
    return absl::InvalidArgumentError(absl::StrJoin(lines, "\n"));
  }
  std::unique_ptr<RuleSet> rule_set(new RuleSet());
  absl::StatusOr<std::unique_ptr<CompiledRules>> compiled =
      CompiledRules::Compile(*std::move(loaded.document));
  if (!compiled.ok()) return compiled.status();
  rule_set->compiled_ = *std::move(compiled);
  rule_set->warnings_ = std::move(loaded.diagnostics);
  rule_set->revision_ = std::string(revision);
  const RulesDocument& document = rule_set->compiled_->document();
  if (const auto& jwt_settings = document.settings.jwt) {
    std::string location = jwt_settings->jwks.empty()
                               ? absl::StrCat(jwt_settings->issuer, "/.well-known/jwks.json")
                               : jwt_settings->jwks;
    auto cache = jwt::SharedJwksCache(location, std::string(base_dir));
    if (!cache.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": settings.jwt.jwks: ", cache.status().message()));
    }
    if ((*cache)->is_file()) {
      // A JWKS file is read now, so a missing or broken one fails the load.
      absl::Status jwks_loaded = (*cache)->Load();
      if (!jwks_loaded.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(name, ": settings.jwt.jwks: ", jwks_loaded.message()));
      }
    }
    rule_set->verifier_ = std::make_unique<jwt::TokenVerifier>(*jwt_settings, *std::move(cache));
  }
  return rule_set;
}

absl::Status RuleSet::PrefetchKeys(absl::Time deadline) const {
  return verifier_ == nullptr ? absl::OkStatus() : verifier_->PrefetchKeys(deadline);
}

bool RuleSet::fetches_keys() const { return verifier_ != nullptr && verifier_->fetches_keys(); }

const std::vector<std::string>& RuleSet::log_claims() const {
  return compiled_->document().settings.log_claims;
}

std::vector<EntrySummary> RuleSet::entries() const {
  const RulesDocument& document = compiled_->document();
  std::vector<EntrySummary> out;
  out.reserve(document.deny.size() + document.rules.size());
  for (const Entry& entry : document.deny) out.push_back({/*is_deny=*/true, entry.index, entry.id});
  for (const Entry& entry : document.rules)
    out.push_back({/*is_deny=*/false, entry.index, entry.id});
  return out;
}

}  // namespace rolesel
