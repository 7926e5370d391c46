#include "rolesel/rule_set.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rolesel/compile/compiled_rules.h"
#include "rolesel/evaluate/evaluator.h"
#include "rolesel/jwt/verifier.h"
#include "rolesel/load/document_loader.h"

namespace rolesel {

absl::StatusOr<std::string> ReadFileToString(const std::string& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int error = errno;
    std::string message = absl::StrCat(path, ": cannot open: ", std::strerror(error));
    if (error == ENOENT) return absl::NotFoundError(message);
    if (error == EACCES) return absl::PermissionDeniedError(message);
    return absl::InternalError(message);
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return absl::InternalError(absl::StrCat(path, ": read failed"));
  return text;
}

RuleSet::~RuleSet() = default;

absl::StatusOr<std::unique_ptr<RuleSet>> RuleSet::FromFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  std::string base_dir = ".";
  size_t slash = path.rfind('/');
  if (slash != std::string::npos) base_dir = slash == 0 ? "/" : path.substr(0, slash);
  return FromString(*text, path == "-" ? "<stdin>" : path, base_dir);
}

absl::StatusOr<std::unique_ptr<RuleSet>> RuleSet::FromString(std::string_view text,
                                                             std::string_view source_name,
                                                             std::string_view base_dir) {
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
  rule_set->compiled_ = CompiledRules::Compile(*std::move(loaded.document));
  rule_set->warnings_ = std::move(loaded.diagnostics);
  if (const auto& jwt_settings = rule_set->compiled_->settings().jwt) {
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
      absl::Status loaded = (*cache)->Load();
      if (!loaded.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(name, ": settings.jwt.jwks: ", loaded.message()));
      }
    }
    rule_set->verifier_ = std::make_unique<jwt::TokenVerifier>(*jwt_settings, *std::move(cache));
  }
  return rule_set;
}

const RulesDocument& RuleSet::document() const { return compiled_->document(); }

void RuleSet::DecideInto(const Request& request, Decision* out, Trace* trace) const {
  Evaluate(*compiled_, request, out, trace);
}

Decision RuleSet::Decide(const Request& request, Trace* trace) const {
  Decision decision;
  DecideInto(request, &decision, trace);
  return decision;
}

Decision RuleSet::DecideExtracted(const ExtractedRequest& event, Trace* trace) const {
  Decision decision;
  DecideExtractedInto(event, &decision, trace);
  return decision;
}

void RuleSet::DecideExtractedInto(const ExtractedRequest& event, Decision* out,
                                  Trace* trace) const {
  if (!event.error.empty()) {
    if (trace != nullptr) trace->Add(TraceStep::Kind::kRequest, -1, "request", false, event.error);
    *out = Decision::Deny(DenyReason::kBadRequest, "", event.error);
    return;
  }
  if (event.claims_missing && event.authorization && !event.method_missing && !event.path_missing) {
    // The claims are only in the bearer token: never trusted unverified.
    if (verifier_ == nullptr) {
      std::string why = "the event carries only a bearer token and settings.jwt is not configured";
      if (trace != nullptr) trace->Add(TraceStep::Kind::kRequest, -1, "token", false, why);
      *out = Decision::Deny(DenyReason::kInvalidToken, "", why);
      return;
    }
    absl::StatusOr<nlohmann::json> payload = verifier_->Verify(*event.authorization);
    absl::StatusOr<Claims> claims =
        payload.ok() ? Claims::FromJson(*payload) : absl::StatusOr<Claims>(payload.status());
    if (!claims.ok()) {
      std::string why(claims.status().message());
      if (trace != nullptr) trace->Add(TraceStep::Kind::kRequest, -1, "token", false, why);
      *out = Decision::Deny(DenyReason::kInvalidToken, "", why);
      return;
    }
    if (trace != nullptr) {
      trace->Add(TraceStep::Kind::kRequest, -1, "token", true,
                 "bearer token verified; deciding on its claims");
    }
    Request request = event.AsRequest();
    request.claims = &*claims;
    DecideInto(request, out, trace);
    return;
  }
  DecideInto(event.AsRequest(), out, trace);
}

Decision RuleSet::DecideEvent(EventBytes event_json, Trace* trace, EventShapeHint hint) const {
  Decision decision;
  DecideEventInto(event_json, &decision, trace, hint);
  return decision;
}

void RuleSet::DecideEventInto(EventBytes event_json, Decision* out, Trace* trace,
                              EventShapeHint hint) const {
  // Re-used per thread: after the first event, reading allocates only for
  // claims larger than any seen before.
  thread_local ExtractedRequest event;
  ReadAndDecideInto(event_json, &event, out, trace, hint);
}

Decision RuleSet::ReadAndDecide(EventBytes event_json, ExtractedRequest* read, Trace* trace,
                                EventShapeHint hint) const {
  Decision decision;
  ReadAndDecideInto(event_json, read, &decision, trace, hint);
  return decision;
}

void RuleSet::ReadAndDecideInto(EventBytes event_json, ExtractedRequest* read, Decision* out,
                                Trace* trace, EventShapeHint hint) const {
  // Reading and verifying are written not to throw (the fuzzers check); this
  // is the last line, so that a bug there is a deny and never a crash.
  try {
    ReadEvent(event_json, read, hint);
    DecideExtractedInto(*read, out, trace);
  } catch (...) {
    *out = Decision::Deny(DenyReason::kBadRequest, "", "internal error while reading the event");
  }
}

}  // namespace rolesel
