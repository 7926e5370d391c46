#include "rolesel/sts/role_assumer.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace rolesel::sts {
namespace {
constexpr char kCodePayload[] = "rolesel.dev/aws-error-code";
}  // namespace

AssumeRoleRequest AssumeRoleRequest::ForDecision(const Decision& decision) {
  AssumeRoleRequest request;
  request.role_arn = decision.role;
  request.session_name = decision.session_name;
  request.duration_seconds = decision.duration_seconds;
  request.source_identity = decision.source_identity;
  request.tags = decision.session_tags;
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
  for (const auto& [k, v] : tags) {
    add(k);
    add(v);
  }
  add(policy);
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
