#include "rolesel/sts/credentials.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace rolesel::sts {

std::string AwsCredentials::DebugString() const {
  std::string id = access_key_id.size() > 8
                       ? absl::StrCat(access_key_id.substr(0, 4), "...",
                                      access_key_id.substr(access_key_id.size() - 4))
                       : "(short)";
  return absl::StrCat("AwsCredentials{", id, session_token.empty() ? "" : ", session",
                      expiration == absl::InfiniteFuture()
                          ? ""
                          : absl::StrCat(", expires ", absl::FormatTime(expiration)),
                      "}");
}

absl::StatusOr<AwsCredentials> EnvironmentCredentialsProvider::GetCredentials() {
  const char* id = std::getenv("AWS_ACCESS_KEY_ID");
  const char* secret = std::getenv("AWS_SECRET_ACCESS_KEY");
  const char* token = std::getenv("AWS_SESSION_TOKEN");
  if (id == nullptr || secret == nullptr || *id == '\0' || *secret == '\0') {
    return absl::FailedPreconditionError(
        "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and "
        "AWS_SESSION_TOKEN for temporary credentials)");
  }
  AwsCredentials credentials;
  credentials.access_key_id = id;
  credentials.secret_access_key = secret;
  if (token != nullptr) credentials.session_token = token;
  return credentials;
}

}  // namespace rolesel::sts
