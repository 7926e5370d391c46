// Checks shared by the fuzz targets. A violated check aborts, which
// libFuzzer reports as a finding (and the replay runner as a failed test).
#ifndef ROLESEL_TESTS_FUZZ_FUZZ_ORACLES_H_
#define ROLESEL_TESTS_FUZZ_FUZZ_ORACLES_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"
#include "rolesel/core/decision.h"
#include "rolesel/core/decision_json.h"
#include "rolesel/core/event_input.h"
#include "rolesel/event/event_kernel.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"
#include "rolesel/jwt/token_parts.h"
#include "rolesel/matchers/arn.h"

namespace rolesel::fuzz {

inline void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz oracle violated: %s\n", what);
    std::abort();
  }
}

// A Decision is one of the spec's: an allow with a well-formed role, a
// session name and a duration in STS's range, or a deny with a reason.
inline void CheckWellFormed(const Decision& decision) {
  if (decision.allow) {
    Check(decision.reason == DenyReason::kNone, "an allow carries no deny reason");
    Check(IsWellFormedRoleArn(decision.role), "an allow names a well-formed role ARN");
    Check(decision.session_name.size() >= 2 && decision.session_name.size() <= 64,
          "an allow has a session name of 2-64 characters (spec section 6)");
    for (char c : decision.session_name) {
      bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      Check(word || std::string_view("_+=,.@-").find(c) != std::string_view::npos,
            "a session name has only [\\w+=,.@-]");
    }
    Check(decision.duration_seconds >= 900 && decision.duration_seconds <= 43200,
          "an allow has a duration STS accepts");
  } else {
    Check(decision.reason != DenyReason::kNone, "a deny has a reason");
    Check(!DenyReasonName(decision.reason).empty(), "a deny's reason has a spec name");
  }
  auto json = DecisionToJson(decision);
  Check(json.contains("decision"), "a decision serializes");
  Check(!internal::JsonText(json).empty(), "a decision is written as JSON, whatever its bytes");
}

// The decision a trace records is the decision production makes: traced
// and untraced must agree in everything but the explanation.
inline void CheckSameDecision(const Decision& traced, const Decision& untraced) {
  Check(traced.allow == untraced.allow && traced.reason == untraced.reason &&
            traced.role == untraced.role && traced.rule == untraced.rule &&
            traced.session_name == untraced.session_name &&
            traced.duration_seconds == untraced.duration_seconds &&
            traced.source_identity == untraced.source_identity &&
            traced.session_tags == untraced.session_tags,
        "a traced decision is the untraced decision");
}

// Every object key of `document` (nested included, at most `limit`), as a
// JSON reader decodes them: the names an event's claims may have. None
// when it is not JSON.
inline void CollectKeys(const nlohmann::json& value, std::vector<std::string>* keys,
                        size_t limit = 4096) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (keys->size() >= limit) return;
      keys->push_back(key);
      CollectKeys(child, keys, limit);
    }
  } else if (value.is_array()) {
    for (const auto& child : value) CollectKeys(child, keys, limit);
  }
}

// Claims as text: every view a decision takes of those named in `names`,
// and the first limit they broke, so that two readings can be compared.
inline std::string ClaimsText(const Claims& claims, const std::vector<std::string>& names) {
  std::string text = absl::StrCat("claims=", claims.size(), " limit=", claims.limit_exceeded());
  for (const std::string& name : names) {
    const ClaimValue* claim = claims.Find(name);
    absl::StrAppend(&text, "\n", name, ": ");
    if (claim == nullptr) {
      absl::StrAppend(&text, "absent");
      continue;
    }
    absl::StrAppend(&text, "text=", claim->text(), " elements=", claim->elements().size(),
                    " malformed_as_list=", int{claim->malformed_as_list()});
    for (const std::string& e : claim->elements()) absl::StrAppend(&text, " [", e, "]");
    absl::StrAppend(&text, " list=", claim->list().size());
    for (const std::string& e : claim->list()) absl::StrAppend(&text, " [", e, "]");
  }
  return text;
}

// One reading of an event as text (claims named in `claim_names` with
// every view a decision takes of them), so that two readings of the same
// bytes can be compared.
inline std::string ReadingText(const ExtractedRequest& r,
                               const std::vector<std::string>& claim_names) {
  const std::string none = "-";
  return absl::StrCat(
      "shape=", std::string(ShapeName(r.shape)), " method=", r.method_missing ? none : r.method,
      " path=", r.path_missing ? none : r.path, " claims_missing=", int{r.claims_missing}, " ",
      ClaimsText(r.claims, claim_names),
      " authorization=", r.authorization ? *r.authorization : none,
      " requested_role=", r.requested_role ? *r.requested_role : none, " error=", r.error);
}

// A token part's reading as text (rolesel/jwt/token_parts.h).
inline std::string TimeText(const jwt::TokenTime& time) {
  return absl::StrCat(static_cast<int>(time.state), ":", time.seconds);
}

inline std::string TokenPartsText(const absl::StatusOr<jwt::TokenHeader>& header,
                                  const absl::StatusOr<jwt::TokenPayload>& payload,
                                  const std::vector<std::string>& names) {
  std::string text;
  if (header.ok()) {
    absl::StrAppend(&text, "header: rs256=", int{header->alg_is_rs256}, " alg=", header->alg_text,
                    " crit=", int{header->has_crit}, " kid=", header->kid ? *header->kid : "-");
  } else {
    absl::StrAppend(&text, "header refused: ", header.status().ToString());
  }
  if (!payload.ok()) return absl::StrCat(text, "\npayload refused: ", payload.status().ToString());
  absl::StrAppend(&text, "\npayload: iss=", payload->iss ? *payload->iss : "-",
                  " iss_text=", payload->iss_text, " token_use=", payload->token_use,
                  " aud=", absl::StrJoin(payload->aud, "|"),
                  " client_id=", absl::StrJoin(payload->client_id, "|"),
                  " exp=", TimeText(payload->exp), " nbf=", TimeText(payload->nbf),
                  " iat=", TimeText(payload->iat), " ", ClaimsText(payload->claims, names));
  return text;
}

// Empty when ReadTokenHeader() and ReadTokenPayload() read `text` as their
// nlohmann-only references do: same acceptance and words, same registered
// claims, every claim named anywhere in the text read the same. Otherwise
// both readings.
inline std::string TokenPartsDisagreement(std::string_view text) {
  std::vector<std::string> names;
  if (auto parsed = internal::ParseStrictJsonReference(text); parsed.ok()) {
    CollectKeys(*parsed, &names);
  }
  const std::string got =
      TokenPartsText(jwt::ReadTokenHeader(text), jwt::ReadTokenPayload(text), names);
  const std::string expected = TokenPartsText(jwt::ReadTokenHeaderReference(text),
                                              jwt::ReadTokenPayloadReference(text), names);
  if (got == expected) return "";
  return absl::StrCat("read:\n", got, "\nthe reference read:\n", expected);
}

// Empty when every kernel of the event walk the CPU runs
// (rolesel/event/event_kernel.h) reads `event` as the builtin one does:
// same acceptance, same error, same fields, every claim named anywhere in
// the event read the same. Otherwise the first kernel that does not, with
// both readings.
inline std::string KernelDisagreement(std::string_view event) {
  std::vector<std::string> names;
  if (auto parsed = internal::ParseStrictJson(event); parsed.ok()) CollectKeys(*parsed, &names);
  const std::vector<const event::EventKernel*> kernels = event::RunnableEventKernels();
  ExtractedRequest builtin;
  const bool builtin_read =
      event::ReadEventOnKernel(*kernels.front(), event, &builtin, {}, "x-role");
  const std::string expected =
      absl::StrCat("read=", int{builtin_read}, " ", ReadingText(builtin, names));
  for (const event::EventKernel* kernel : kernels) {
    ExtractedRequest read;
    const bool was_read = event::ReadEventOnKernel(*kernel, event, &read, {}, "x-role");
    const std::string got = absl::StrCat("read=", int{was_read}, " ", ReadingText(read, names));
    if (got != expected) {
      return absl::StrCat(kernel->name, " read:\n", got, "\n", kernels.front()->name, " read:\n",
                          expected);
    }
  }
  return "";
}

}  // namespace rolesel::fuzz

#endif  // ROLESEL_TESTS_FUZZ_FUZZ_ORACLES_H_
