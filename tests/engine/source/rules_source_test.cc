#include "rolesel/source/rules_source.h"

#include <cstdlib>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "status_matchers.h"

namespace rolesel::source {
namespace {

using ::rolesel::testing::StatusIs;
using ::testing::HasSubstr;

TEST(OpenRulesSource, TakesAPathAnAppConfigOrAnS3Location) {
  auto file = OpenRulesSource("/tmp/rules.json");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ((*file)->location(), "/tmp/rules.json");
  auto appconfig = OpenRulesSource("appconfig://orders/prod/rules");
  ASSERT_TRUE(appconfig.ok()) << appconfig.status();
  EXPECT_EQ((*appconfig)->location(), "appconfig://orders/prod/rules");
  RulesSourceOptions options;
  options.region = "eu-west-1";
  auto s3 = OpenRulesSource("s3://my-bucket/rules/prod.json", options);
  ASSERT_TRUE(s3.ok()) << s3.status();
}

TEST(OpenRulesSource, RefusesMalformedLocations) {
  for (const char* bad :
       {"appconfig://orders/prod", "appconfig://orders//rules", "appconfig://a/b/c/d",
        "s3://bucket", "s3://bucket/", "s3:///key", "https://example.com/rules.json", ""}) {
    RulesSourceOptions options;
    options.region = "us-east-1";
    EXPECT_THAT(OpenRulesSource(bad, options).status(),
                StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_))
        << bad;
  }
}

TEST(OpenRulesSource, AnAppConfigPortMustBeAPort) {
  setenv("AWS_APPCONFIG_EXTENSION_HTTP_PORT", "http", 1);
  EXPECT_THAT(OpenRulesSource("appconfig://a/b/c").status().message(),
              HasSubstr("AWS_APPCONFIG_EXTENSION_HTTP_PORT"));
  unsetenv("AWS_APPCONFIG_EXTENSION_HTTP_PORT");
}

TEST(OpenRulesSource, S3NeedsARegion) {
  unsetenv("AWS_REGION");
  unsetenv("AWS_DEFAULT_REGION");
  EXPECT_THAT(OpenRulesSource("s3://b/k").status().message(), HasSubstr("no AWS region"));
}

TEST(ContentRevision, IsAShortSha256) {
  EXPECT_EQ(ContentRevision(""), "sha256:e3b0c44298fc1c14");
  EXPECT_NE(ContentRevision("a"), ContentRevision("b"));
}

}  // namespace
}  // namespace rolesel::source
