// The appconfig:// source against a stand-in for the AppConfig Lambda
// extension on 127.0.0.1 (tests/tools/appconfig_standin.py).
#include "rolesel/source/appconfig_source.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "http_client.h"
#include "subprocess.h"
#include "tools/cli_runner.h"

namespace rolesel::source {
namespace {

using ::testing::HasSubstr;

const std::string kTools = std::string(ROLESEL_SOURCE_DIR) + "/tests/tools";

class AppConfigStandIn {
 public:
  explicit AppConfigStandIn(const std::string& file)
      : process_("timeout 120 /usr/bin/python3 " + kTools +
                 "/appconfig_standin.py orders prod rules " + file + " 1"),
        port_(std::stoi(process_.FirstLine())) {}
  int port() const { return port_; }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void Deploy(const std::string& text, const std::string& version) {
    testing::HttpPost(base() + "/_config?version=" + version, text);
  }
  void Fail(int status) {
    testing::HttpPost(base() + "/_fail?status=" + std::to_string(status), "");
  }

 private:
  testing::Subprocess process_;
  int port_;
};

TEST(AppConfigSource, ReadsTheExtensionsConfigurationAndItsVersion) {
  testing::TempDir dir;
  AppConfigStandIn extension(dir.Write("r.json", R"({"version": 1})"));
  RulesSourceOptions options;
  options.appconfig_port = extension.port();
  auto source = OpenRulesSource("appconfig://orders/prod/rules", options);
  ASSERT_TRUE(source.ok()) << source.status();
  auto first = (*source)->Fetch("");
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->text, R"({"version": 1})");
  EXPECT_EQ((*first)->revision, "appconfig:1");
  auto unchanged = (*source)->Fetch("appconfig:1");
  ASSERT_TRUE(unchanged.ok());
  EXPECT_FALSE(unchanged->has_value());
  extension.Deploy(R"({"version": 1, "rules": []})", "2");
  auto next = (*source)->Fetch("appconfig:1");
  ASSERT_TRUE(next.ok() && next->has_value());
  EXPECT_EQ((*next)->revision, "appconfig:2");
}

TEST(AppConfigSource, AnExtensionErrorIsAnErrorNamingTheSource) {
  testing::TempDir dir;
  AppConfigStandIn extension(dir.Write("r.json", "{}"));
  extension.Fail(503);
  RulesSourceOptions options;
  options.appconfig_port = extension.port();
  auto source = OpenRulesSource("appconfig://orders/prod/rules", options);
  ASSERT_TRUE(source.ok());
  auto fetched = (*source)->Fetch("");
  ASSERT_FALSE(fetched.ok());
  EXPECT_THAT(fetched.status().message(), HasSubstr("appconfig://orders/prod/rules"));
  EXPECT_THAT(fetched.status().message(), HasSubstr("HTTP 503"));
  auto wrong = OpenRulesSource("appconfig://orders/prod/other", options);
  EXPECT_THAT((*wrong)->Fetch("").status().message(), HasSubstr("HTTP 404"));
}

TEST(AppConfigSource, NoExtensionListeningIsAnError) {
  RulesSourceOptions options;
  options.appconfig_port = 1;  // nothing listens there
  options.timeout = absl::Milliseconds(500);
  auto source = OpenRulesSource("appconfig://orders/prod/rules", options);
  EXPECT_FALSE((*source)->Fetch("").ok());
}

}  // namespace
}  // namespace rolesel::source
