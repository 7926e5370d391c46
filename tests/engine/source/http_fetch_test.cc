#include "rolesel/source/http_fetch.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "subprocess.h"
#include "tools/cli_runner.h"

namespace rolesel::source {
namespace {

using ::testing::HasSubstr;

TEST(FetchRulesOverHttp, ReadsTheBodyAndHeadersOfAGet) {
  testing::TempDir dir;
  testing::Subprocess extension("timeout 60 /usr/bin/python3 " + std::string(ROLESEL_SOURCE_DIR) +
                                "/tests/tools/appconfig_standin.py a e c " +
                                dir.Write("c.json", "{\"version\": 1}") + " 7");
  internal::HttpClient http;
  auto reply = FetchRulesOverHttp(&http,
                                  "http://127.0.0.1:" + extension.FirstLine() +
                                      "/applications/a/environments/e/configurations/c",
                                  {}, absl::Seconds(5), "appconfig://a/e/c");
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "{\"version\": 1}");
  EXPECT_EQ(reply->Header("configuration-version"), "7");
}

TEST(FetchRulesOverHttp, ATransportFailureNamesTheSource) {
  internal::HttpClient http;
  auto reply = FetchRulesOverHttp(&http, "http://127.0.0.1:1/x", {}, absl::Milliseconds(500),
                                  "s3://bucket/key");
  ASSERT_FALSE(reply.ok());
  EXPECT_THAT(reply.status().message(), HasSubstr("s3://bucket/key: "));
}

}  // namespace
}  // namespace rolesel::source
