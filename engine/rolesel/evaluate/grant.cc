#include "rolesel/evaluate/grant.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace rolesel {

bool FillGrant(const CompiledSettings& settings, const Narrowing& narrowing, const Claims& claims,
               Decision* out, GrantRefusal* refusal) {
  settings.session_name.Render(claims, &out->session_name);
  out->duration_seconds = settings.duration_seconds;
  out->source_identity.clear();
  if (settings.source_identity &&
      settings.source_identity->RenderExact(claims, &out->source_identity)) {
    SanitizeSessionName(&out->source_identity);
    if (out->source_identity.size() < 2) out->source_identity.clear();
  } else {
    out->source_identity.clear();
  }
  out->session_tags.clear();
  for (const auto& [key, tag] : settings.session_tags) {
    std::string value;
    if (!tag.RenderExact(claims, &value)) continue;
    SanitizeTagValue(&value);
    // Sanitized, each character is one byte.
    if (value.size() > kMaxTagValueChars) {
      refusal->part = "session_tags";
      refusal->why = absl::StrCat("session tag \"", key, "\" is ", value.size(),
                                  " characters; STS allows at most ", kMaxTagValueChars);
      return false;
    }
    out->session_tags.emplace_back(key, std::move(value));
  }
  out->transitive_tag_keys.clear();
  for (const std::string& key : settings.transitive_tag_keys) {
    // Only the tags this allow carries: a tag whose claim is absent is left
    // out, and STS refuses a transitive key without its tag.
    for (const auto& tag : out->session_tags) {
      if (tag.first == key) out->transitive_tag_keys.push_back(key);
    }
  }
  out->session_policy.clear();
  if (narrowing.session_policy != nullptr &&
      !narrowing.session_policy->Render(claims, &out->session_policy, &refusal->why)) {
    refusal->part = "session_policy";
    return false;
  }
  out->policy_arns.assign(narrowing.policy_arns->begin(), narrowing.policy_arns->end());
  return true;
}

}  // namespace rolesel
