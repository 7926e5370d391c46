// RoleAssumer: the pluggable STS adapter. Implement it with aws-sdk-cpp or
// anything else, or use the built-in StsClient; wrap either in
// CachingRoleAssumer.
//
// Failures are a Status whose message names the AWS error code and message;
// AwsErrorCode() reads the code back (e.g. "SignatureDoesNotMatch").
//
// Deadlines: a request carries the time by which its caller needs an answer
// (the Lambda invocation's deadline less a margin). An adapter bounds its
// work by it, retries included, and answers DeadlineExceeded when it cannot
// finish in time; the built-in StsClient does. The deadline is not part of
// what identifies the credentials: ==, the hash and CacheKey() ignore it.
#ifndef ROLESEL_STS_ROLE_ASSUMER_H_
#define ROLESEL_STS_ROLE_ASSUMER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
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
  absl::Time deadline = absl::InfiniteFuture();           // answer by then; not in the key

  // The request an allow decision asks for: everything in it that shapes
  // the credentials (role, session name, duration, source identity, session
  // tags and their transitive keys, session policy, policy ARNs), to be
  // answered by `deadline`.
  static AssumeRoleRequest ForDecision(const Decision& decision,
                                       absl::Time deadline = absl::InfiniteFuture());

  // Identifies the credentials this request yields, for caching: every
  // field, each length-prefixed.
  std::string CacheKey() const;

  bool operator==(const AssumeRoleRequest& other) const {
    return role_arn == other.role_arn && session_name == other.session_name &&
           duration_seconds == other.duration_seconds && source_identity == other.source_identity &&
           tags == other.tags && policy == other.policy && policy_arns == other.policy_arns &&
           transitive_tag_keys == other.transitive_tag_keys;
  }
  // The fields that tell requests apart in practice (role, session, the
  // tenant's policy, duration); operator== compares every field. Hashing
  // every field was a quarter of a credential cache hit.
  template <typename H>
  friend H AbslHashValue(H h, const AssumeRoleRequest& r) {
    return H::combine(std::move(h), r.role_arn, r.session_name, r.policy, r.duration_seconds);
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
