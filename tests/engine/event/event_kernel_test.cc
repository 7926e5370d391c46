#include "rolesel/event/event_kernel.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/fuzz_oracles.h"
#include "gtest/gtest.h"
#include "read_test_util.h"
#include "rolesel/event/event_reader.h"

namespace rolesel::event {
namespace {

using testing::Example;

std::vector<std::string> KernelNames(const std::vector<const EventKernel*>& kernels) {
  std::vector<std::string> names;
  for (const EventKernel* kernel : kernels) names.push_back(kernel->name);
  return names;
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(EventKernel, TheActiveKernelIsOneTheCpuRunsAndReadEventUsesIt) {
  const std::vector<std::string> runnable = KernelNames(RunnableEventKernels());
  ASSERT_FALSE(runnable.empty());
  EXPECT_EQ(runnable.front(), BuiltinEventKernel().name);
  EXPECT_TRUE(Contains(runnable, ActiveEventKernel().name)) << ActiveEventKernel().name;
  EXPECT_EQ(EventReaderKernel(), ActiveEventKernel().name);
}

// ROLESEL_AVX_KERNELS_EXPECTED: an optimized x86-64 build (tests/CMakeLists.txt).
#if defined(ROLESEL_AVX_KERNELS_EXPECTED)
TEST(EventKernel, OptimizedX86BuildsHaveTheScalarHaswellAndIcelakeKernels) {
  EXPECT_STREQ(BuiltinEventKernel().name, "fallback");
  ASSERT_NE(HaswellEventKernel(), nullptr);
  EXPECT_STREQ(HaswellEventKernel()->name, "haswell");
  ASSERT_NE(IcelakeEventKernel(), nullptr);
  EXPECT_STREQ(IcelakeEventKernel()->name, "icelake");
}
#endif

// CTest runs this binary once per kernel with SIMDJSON_FORCE_IMPLEMENTATION
// naming it (tests/tools/on_every_kernel.sh): this is what makes those runs
// test that kernel. Without it, simdjson's best for the CPU is the best
// kernel this build has for it, the last of RunnableEventKernels().
TEST(EventKernel, TheActiveKernelFollowsSimdjson) {
  const std::vector<std::string> runnable = KernelNames(RunnableEventKernels());
  const char* forced = std::getenv("SIMDJSON_FORCE_IMPLEMENTATION");
  if (forced == nullptr) {
    EXPECT_EQ(EventReaderKernel(), runnable.back());
  } else if (Contains(runnable, forced)) {
    EXPECT_EQ(EventReaderKernel(), forced);
  } else {
    EXPECT_EQ(EventReaderKernel(), BuiltinEventKernel().name) << forced;
  }
}

// Every bundled event, hostile ones and past fuzz findings included, read
// on every kernel the CPU runs: the same reading, field by field and claim
// by claim, as on the builtin kernel (fuzz::KernelDisagreement, which the
// event fuzz target also checks on every input).
TEST(EventKernel, EveryKernelReadsEveryBundledEventAsTheBuiltinOne) {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"/rules/examples/events", "/rules/examples/events/hostile",
                          "/tests/fuzz/regressions/event"}) {
    for (const auto& entry : std::filesystem::directory_iterator(testing::SourceDir() + dir)) {
      if (entry.is_regular_file() && entry.path().filename() != ".keep") {
        files.push_back(entry.path());
      }
    }
  }
  ASSERT_GE(files.size(), 20u);
  std::vector<std::string> events;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    events.push_back(bytes.str());
  }
  // And around them: a claim with escapes to unescape, a long claim value
  // (several SIMD blocks), a structured claim, a header of the wrong type.
  const std::string long_value(300, 'g');
  events.push_back(testing::RestEvent({{"cognito:groups", "a\\u0062c\\n\\u00e9\\ud83d\\ude00"},
                                       {"custom:long", long_value},
                                       {"custom:list", {"x", 1, true, nullptr}},
                                       {"custom:object", {{"k", {{"deep", 2}}}}}})
                       .dump());
  events.push_back(R"({"httpMethod":"GET","path":"/p","headers":{"Authorization":7}})");
  events.push_back(R"({"httpMethod":"GET","path":"/p\u0000","headers":{"X-Role":"a\"b"}})");
  for (const std::string& event : events) {
    EXPECT_EQ(fuzz::KernelDisagreement(event), "") << "on " << event.substr(0, 200);
  }
}

}  // namespace
}  // namespace rolesel::event
