#include "rolesel/internal/curl_api.h"

#include "gtest/gtest.h"
#include "status_matchers.h"

namespace rolesel::internal {
namespace {

using ::rolesel::testing::IsOk;

// Debian's libcurl4 is installed wherever the suite runs (tools/deps.sh).
TEST(Curl, LoadsLibcurlOnceWithEveryEntryResolved) {
  absl::StatusOr<const CurlApi*> first = Curl();
  ASSERT_THAT(first, IsOk());
  const CurlApi& api = **first;
  EXPECT_NE(api.easy_init, nullptr);
  EXPECT_NE(api.easy_cleanup, nullptr);
  EXPECT_NE(api.easy_reset, nullptr);
  EXPECT_NE(api.easy_setopt, nullptr);
  EXPECT_NE(api.easy_perform, nullptr);
  EXPECT_NE(api.easy_getinfo, nullptr);
  EXPECT_NE(api.easy_strerror, nullptr);
  EXPECT_NE(api.slist_append, nullptr);
  EXPECT_NE(api.slist_free_all, nullptr);
  EXPECT_EQ(*Curl(), *first);  // the same table every time
  EXPECT_STREQ(api.easy_strerror(CURLE_OK), "No error");
}

}  // namespace
}  // namespace rolesel::internal
