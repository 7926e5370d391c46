// RoleAssumer: the pluggable STS adapter. Implement it with aws-sdk-cpp or
// anything else, or use the built-in StsClient; wrap either in
// CachingRoleAssumer.
//
// Failures are a Status whose message names the AWS error code and message;
// AwsErrorCode() reads the code back (e.g. "SignatureDoesNotMatch").
#ifndef ROLESEL_STS_ROLE_ASSUMER_H_
#define ROLESEL_STS_ROLE_ASSUMER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rolesel/core/decision.h"
#include "rolesel/sts/credentials.h"

namespace rolesel::sts {

struct AssumeRoleRequest {
  std::string role_arn;
  std::string session_name;
  int duration_seconds = 3600;
  std::string source_identity;                            // empty: none
  std::vector<std::pair<std::string, std::string>> tags;  // session tags
  std::string policy;                                     // session policy JSON; empty: none
  std::vector<std::string> policy_arns;                   // managed session policies
  std::vector<std::string> transitive_tag_keys;           // keys of `tags`

  // The request an allow decision asks for: everything in it that shapes
  // the credentials (role, session name, duration, source identity, session
  // tags and their transitive keys, session policy, policy ARNs).
  static AssumeRoleRequest ForDecision(const Decision& decision);

  // Identifies the credentials this request yields, for caching: every
  // field, each length-prefixed.
  std::string CacheKey() const;

  bool operator==(const AssumeRoleRequest& other) const {
    return role_arn == other.role_arn && session_name == other.session_name &&
           duration_seconds == other.duration_seconds && source_identity == other.source_identity &&
           tags == other.tags && policy == other.policy && policy_arns == other.policy_arns &&
           transitive_tag_keys == other.transitive_tag_keys;
  }
  template <typename H>
  friend H AbslHashValue(H h, const AssumeRoleRequest& r) {
    h = H::combine(std::move(h), r.role_arn, r.session_name, r.duration_seconds, r.source_identity,
                   r.policy, r.tags.size(), r.policy_arns, r.transitive_tag_keys);
    for (const auto& [key, value] : r.tags) h = H::combine(std::move(h), key, value);
    return h;
  }
};

class RoleAssumer {
 public:
  virtual ~RoleAssumer() = default;
  // Thread-safe.
  virtual absl::StatusOr<AwsCredentials> AssumeRole(const AssumeRoleRequest& request) = 0;
};

// Attaches an AWS error code to a status, and reads it back ("" when none).
absl::Status WithAwsErrorCode(absl::Status status, std::string_view code);
std::string AwsErrorCode(const absl::Status& status);

}  // namespace rolesel::sts

#endif  // ROLESEL_STS_ROLE_ASSUMER_H_
