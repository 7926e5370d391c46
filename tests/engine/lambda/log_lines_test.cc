#include "rolesel/lambda/log_lines.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
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

TEST(WriteLogLine, LinesFromManyThreadsNeverInterleave) {
  char path[] = "/tmp/rolesel-log-XXXXXX";
  const int file = mkstemp(path);
  ASSERT_GE(file, 0);
  std::fflush(stderr);
  const int saved = dup(STDERR_FILENO);
  dup2(file, STDERR_FILENO);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      // Longer than a pipe's atomic write (4096 bytes).
      const std::string filler(6000, static_cast<char>('a' + t));
      for (int i = 0; i < 100; ++i)
        WriteLogLine(LogLine(absl::Now(), "info", "x", {{"f", filler}}));
    });
  }
  for (auto& thread : threads) thread.join();
  std::fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  close(file);
  std::ifstream in(path);
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    json parsed = json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(parsed.is_object()) << "line " << lines << " is torn";
    const std::string& f = parsed["f"].get_ref<const std::string&>();
    ASSERT_EQ(f.find_first_not_of(f[0]), std::string::npos);
  }
  EXPECT_EQ(lines, 400);
  std::remove(path);
}

}  // namespace
}  // namespace rolesel::lambda
