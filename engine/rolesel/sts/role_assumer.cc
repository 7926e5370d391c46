#include "rolesel/sts/role_assumer.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace rolesel::sts {
namespace {
constexpr char kCodePayload[] = "rolesel.dev/aws-error-code";
}  // namespace

AssumeRoleRequest AssumeRoleRequest::ForDecision(const Decision& decision, absl::Time deadline) {
  AssumeRoleRequest request;
  request.deadline = deadline;
  request.role_arn = decision.role;
  request.session_name = decision.session_name;
  request.duration_seconds = decision.duration_seconds;
  request.source_identity = decision.source_identity;
  request.tags = decision.session_tags;
  request.policy = decision.session_policy;
  request.policy_arns = decision.policy_arns;
  request.transitive_tag_keys = decision.transitive_tag_keys;
  return request;
}

std::string AssumeRoleRequest::CacheKey() const {
  // Length-prefixed fields: no separator can be forged by a value.
  std::string key;
  auto add = [&](std::string_view field) {
    absl::StrAppend(&key, field.size(), ":", absl::string_view(field.data(), field.size()), ";");
  };
  add(role_arn);
  add(session_name);
  add(std::to_string(duration_seconds));
  add(source_identity);
  // Counted lists, so that no field's values can pass for another's.
  add(std::to_string(tags.size()));
  for (const auto& [k, v] : tags) {
    add(k);
    add(v);
  }
  add(policy);
  add(std::to_string(policy_arns.size()));
  for (const std::string& arn : policy_arns) add(arn);
  add(std::to_string(transitive_tag_keys.size()));
  for (const std::string& k : transitive_tag_keys) add(k);
  return key;
}

absl::Status WithAwsErrorCode(absl::Status status, std::string_view code) {
  status.SetPayload(kCodePayload, absl::Cord(absl::string_view(code.data(), code.size())));
  return status;
}

std::string AwsErrorCode(const absl::Status& status) {
  auto payload = status.GetPayload(kCodePayload);
  return payload ? std::string(*payload) : std::string();
}

}  // namespace rolesel::sts
