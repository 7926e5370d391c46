#include "rolesel/sts/sts_response.h"

#include "gtest/gtest.h"

namespace rolesel::sts {
namespace {

TEST(ParseAssumeRoleResponse, ReadsMotosAndRealStsDates) {
  for (const char* expiration : {"2026-11-27T13:22:44.138130Z", "2026-11-27T13:22:44Z"}) {
    std::string body =
        std::string(
            "<AssumeRoleResponse "
            "xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
            "<Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
            "<SessionToken>t</SessionToken><Expiration>") +
        expiration + "</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>";
    auto c = ParseAssumeRoleResponse(body);
    ASSERT_TRUE(c.ok()) << c.status();
    EXPECT_EQ(c->access_key_id, "ASIA1");
    EXPECT_EQ(c->secret_access_key, "s");
    EXPECT_EQ(c->session_token, "t");
    EXPECT_EQ(absl::FormatTime("%Y-%m-%dT%H:%M:%S", c->expiration, absl::UTCTimeZone()),
              "2026-11-27T13:22:44");
  }
}

TEST(ParseAssumeRoleResponse, MalformedTruncatedOrIncompleteIsDataLoss) {
  EXPECT_EQ(ParseAssumeRoleResponse("not xml").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(ParseAssumeRoleResponse("<AssumeRoleResponse><AssumeRoleResult><Cred").status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(ParseAssumeRoleResponse("<AssumeRoleResponse><AssumeRoleResult><Credentials>"
                                    "<AccessKeyId>a</AccessKeyId></Credentials>"
                                    "</AssumeRoleResult></AssumeRoleResponse>")
                .status()
                .code(),
            absl::StatusCode::kDataLoss);
}

TEST(ParseStsError, ReadsBothErrorShapes) {
  StsError real = ParseStsError(
      "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
      "<Message>Rate exceeded</Message></Error><RequestId>x</RequestId></ErrorResponse>");
  EXPECT_EQ(real.code, "Throttling");
  EXPECT_EQ(real.message, "Rate exceeded");
  StsError moto = ParseStsError(
      "<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>m</Message>"
      "</Error></Errors></ErrorResponse>");
  EXPECT_EQ(moto.code, "SignatureDoesNotMatch");
  EXPECT_EQ(ParseStsError("garbage").code, "");
}

}  // namespace
}  // namespace rolesel::sts
