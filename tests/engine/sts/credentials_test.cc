#include "rolesel/sts/credentials.h"

#include <cstdlib>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "status_matchers.h"

namespace rolesel::sts {
namespace {

using ::rolesel::testing::IsOk;
using ::rolesel::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(AwsCredentials, DebugStringShortensTheKeyIdAndNeverShowsASecret) {
  AwsCredentials credentials;
  credentials.access_key_id = "ASIAEXAMPLEKEYWXYZ";
  credentials.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRET";
  credentials.session_token = "FwoGZXIvYXdzEXAMPLETOKEN";
  credentials.expiration = absl::FromUnixSeconds(1767225600);
  const std::string shown = credentials.DebugString();
  EXPECT_THAT(shown, HasSubstr("ASIA...WXYZ"));
  EXPECT_THAT(shown, HasSubstr("session"));
  EXPECT_THAT(shown, HasSubstr("expires 2026-01-01"));
  EXPECT_THAT(shown, Not(HasSubstr("SECRET")));
  EXPECT_THAT(shown, Not(HasSubstr("EXAMPLETOKEN")));
  AwsCredentials short_id;
  short_id.access_key_id = "AKIA";
  EXPECT_EQ(short_id.DebugString(), "AwsCredentials{(short)}");
}

// Sets environment variables for one test and restores them after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value == nullptr) {
      unsetenv(name);
    } else {
      setenv(name, value, 1);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(EnvironmentCredentialsProvider, ReadsWhatLambdaProvidesOnEachCall) {
  ScopedEnv id("AWS_ACCESS_KEY_ID", "AKIAFIRST0000000");
  ScopedEnv secret("AWS_SECRET_ACCESS_KEY", "s1");
  ScopedEnv token("AWS_SESSION_TOKEN", "t1");
  EnvironmentCredentialsProvider provider;
  absl::StatusOr<AwsCredentials> first = provider.GetCredentials();
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->access_key_id, "AKIAFIRST0000000");
  EXPECT_EQ(first->secret_access_key, "s1");
  EXPECT_EQ(first->session_token, "t1");
  ScopedEnv rotated("AWS_SECRET_ACCESS_KEY", "s2");  // rotated values are picked up
  EXPECT_EQ(provider.GetCredentials()->secret_access_key, "s2");
}

TEST(EnvironmentCredentialsProvider, WithoutAKeyPairItFailsSayingWhatToSet) {
  ScopedEnv id("AWS_ACCESS_KEY_ID", nullptr);
  ScopedEnv secret("AWS_SECRET_ACCESS_KEY", "s");
  EXPECT_THAT(EnvironmentCredentialsProvider().GetCredentials(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("AWS_ACCESS_KEY_ID")));
  ScopedEnv empty_id("AWS_ACCESS_KEY_ID", "");
  EXPECT_THAT(EnvironmentCredentialsProvider().GetCredentials(),
              StatusIs(absl::StatusCode::kFailedPrecondition, ::testing::_));
}

TEST(StaticCredentialsProvider, ReturnsItsCredentials) {
  AwsCredentials credentials;
  credentials.access_key_id = "AKIASTATIC000000";
  StaticCredentialsProvider provider(credentials);
  EXPECT_EQ(provider.GetCredentials()->access_key_id, "AKIASTATIC000000");
}

TEST(AwsCredentials, DebugStringNeverShowsTheSecret) {
  AwsCredentials c{"AKIDEXAMPLE123456", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "tok",
                   absl::InfiniteFuture()};
  std::string s = c.DebugString();
  EXPECT_EQ(s.find("wJalr"), std::string::npos);
  EXPECT_EQ(s.find("tok"), std::string::npos);
  EXPECT_EQ(s.find("AKIDEXAMPLE123456"), std::string::npos);
}

}  // namespace
}  // namespace rolesel::sts
