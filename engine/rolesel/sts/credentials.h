// AWS credentials and where they come from.
//
// CredentialsProvider is the small interface the STS client signs with; the
// built-in EnvironmentCredentialsProvider reads AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (what Lambda provides) on each
// call, so rotated values are picked up. Credentials' DebugString() never
// shows a secret.
#ifndef ROLESEL_STS_CREDENTIALS_H_
#define ROLESEL_STS_CREDENTIALS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rolesel::sts {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;                       // empty: none
  absl::Time expiration = absl::InfiniteFuture();  // for assumed-role credentials

  // "AwsCredentials{ASIA...WXYZ, expires ...}": the key id shortened, no secret.
  std::string DebugString() const;
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Thread-safe. NotFound / FailedPrecondition when none are available.
  virtual absl::StatusOr<AwsCredentials> GetCredentials() = 0;
};

class EnvironmentCredentialsProvider : public CredentialsProvider {
 public:
  absl::StatusOr<AwsCredentials> GetCredentials() override;
};

// A provider that always returns the same credentials (tests, tools).
class StaticCredentialsProvider : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(AwsCredentials credentials)
      : credentials_(std::move(credentials)) {}
  absl::StatusOr<AwsCredentials> GetCredentials() override { return credentials_; }

 private:
  AwsCredentials credentials_;
};

}  // namespace rolesel::sts

#endif  // ROLESEL_STS_CREDENTIALS_H_
