#include "rolesel/lambda/log_lines.h"

#include <cstdlib>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolesel::lambda {
namespace {

using nlohmann::json;

TEST(LogLine, IsOneJsonObjectWithTimeLevelEventAndTheFields) {
  const std::string line = LogLine(absl::FromUnixMillis(1764597787123), "info", "rules_loaded",
                                   {{"revision", "r1"}, {"detail", "a \"quoted\"\nline"}});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  json parsed = json::parse(line);
  EXPECT_EQ(parsed["time"], "2025-12-01T14:03:07.123Z");
  EXPECT_EQ(parsed["level"], "info");
  EXPECT_EQ(parsed["event"], "rules_loaded");
  EXPECT_EQ(parsed["detail"], "a \"quoted\"\nline");
}

TEST(LogLine, BytesThatAreNotUtf8AreReplacedNotThrownOn) {
  json parsed = json::parse(LogLine(absl::UnixEpoch(), "info", "x", {{"path", "/a\xff"}}));
  EXPECT_EQ(parsed["path"], "/a\xEF\xBF\xBD");
}

TEST(MetricLine, IsEmbeddedMetricFormat) {
  unsetenv("ROLESEL_METRICS_NAMESPACE");
  json parsed =
      json::parse(MetricLine(absl::FromUnixMillis(5), {{"Decision", "allow"}}, {{"Decision"}},
                             {{"Decisions", "Count", 1}}, {{"Revision", "r1"}}));
  EXPECT_EQ(parsed["_aws"]["Timestamp"], 5);
  const json& definition = parsed["_aws"]["CloudWatchMetrics"][0];
  EXPECT_EQ(definition["Namespace"], "rolesel");
  EXPECT_EQ(definition["Dimensions"], json({{"Decision"}}));
  EXPECT_EQ(definition["Metrics"], json({{{"Name", "Decisions"}, {"Unit", "Count"}}}));
  EXPECT_EQ(parsed["Decision"], "allow");
  EXPECT_EQ(parsed["Decisions"], 1);
  EXPECT_EQ(parsed["Revision"], "r1");
  setenv("ROLESEL_METRICS_NAMESPACE", "orders-api", 1);
  EXPECT_EQ(json::parse(MetricLine(absl::UnixEpoch(), {}, {{}}, {{"Reloads", "Count", 1}},
                                   {}))["_aws"]["CloudWatchMetrics"][0]["Namespace"],
            "orders-api");
  unsetenv("ROLESEL_METRICS_NAMESPACE");
}

}  // namespace
}  // namespace rolesel::lambda
