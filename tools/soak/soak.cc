// rolesel_soak: the Lambda layer's warm reuse in one process. Runs N
// invocations (default 100,000) of the bundled API Gateway events through
// AuthorizedHandler with the credential cache in front of an in-process
// RoleAssumer (distinct sessions every few calls, so the cache fills,
// evicts and refreshes), the decision and metric log lines written to a
// sink that keeps nothing, and samples the process's resident memory
// (VmRSS) and open file descriptors every `--every` invocations.
//
// Prints one JSON object: {"invocations", "samples": [{"n", "rss_kib",
// "fds"}...], "rss_growth_kib", "fd_growth"} where the growths are counted
// from the first sample after the warm-up (a fifth of the run) to the
// highest one after it. Exits 1 when the file descriptors grow at all or
// the memory grows by more than --max-growth-kib (default 512).
//   build/bin/rolesel_soak [--invocations N] [--every K] [--max-growth-kib M]
#include <dirent.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "rolesel/lambda/authorized_handler.h"
#include "rolesel/rule_set.h"
#include "rolesel/sts/credential_cache.h"

namespace {

long ResidentKib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

int OpenFds() {
  int count = 0;
  if (DIR* dir = opendir("/proc/self/fd")) {
    while (readdir(dir) != nullptr) ++count;
    closedir(dir);
    count -= 3;  // ".", ".." and the directory's own descriptor
  }
  return count;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Answers at once with credentials valid for 15 minutes of the soak's clock.
class InProcessAssumer : public rolesel::sts::RoleAssumer {
 public:
  explicit InProcessAssumer(const absl::Time* now) : now_(now) {}
  absl::StatusOr<rolesel::sts::AwsCredentials> AssumeRole(
      const rolesel::sts::AssumeRoleRequest& request) override {
    ++calls;
    return rolesel::sts::AwsCredentials{"ASIASOAK" + request.session_name, "secret", "token",
                                        *now_ + absl::Minutes(15)};
  }
  std::atomic<long> calls{0};

 private:
  const absl::Time* now_;
};

}  // namespace

int main(int argc, char** argv) {
  long invocations = 100000, every = 10000, max_growth_kib = 512;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    long* target = flag == "--invocations"      ? &invocations
                   : flag == "--every"          ? &every
                   : flag == "--max-growth-kib" ? &max_growth_kib
                                                : nullptr;
    if (target == nullptr || !absl::SimpleAtoi(argv[i + 1], target) || *target <= 0) {
      std::cerr << "usage: rolesel_soak [--invocations N] [--every K] [--max-growth-kib M]\n";
      return 2;
    }
  }
  const std::string source = ROLESEL_SOURCE_DIR;
  auto rules = rolesel::RuleSet::FromFile(source + "/rules/examples/pets.rules.json");
  if (!rules.ok()) {
    std::cerr << rules.status() << "\n";
    return 2;
  }
  std::vector<std::string> events;
  for (const char* name : {"rest-admin-delete.json", "http-reader-get.json", "rest-suspended.json",
                           "rest-foreign-role.json", "http-encoded-slash.json"}) {
    events.push_back(Slurp(source + "/rules/examples/events/" + name));
  }
  events.push_back("{\"httpMethod\": ");  // not JSON: a 400
  // Distinct callers: the admin event's user name changes every 7 calls,
  // so the cache (64 entries) keeps filling and evicting.
  const std::string admin = events[0];
  const size_t user_at = admin.find("\"alice\"");

  absl::Time now = absl::Now();
  InProcessAssumer inner(&now);
  rolesel::sts::CredentialCacheOptions cache_options;
  cache_options.max_entries = 64;
  cache_options.now = [&now] { return now; };
  rolesel::sts::CachingRoleAssumer cache(&inner, cache_options);
  long log_bytes = 0;
  rolesel::lambda::AuthorizedHandler handler(
      rules->get(), &cache,
      [](const rolesel::lambda::AuthorizedRequest&)
          -> absl::StatusOr<rolesel::lambda::ProxyResponse> {
        return rolesel::lambda::ProxyResponse::Json(200, R"({"ok":true})");
      },
      [&log_bytes](std::string_view line) { log_bytes += static_cast<long>(line.size()); });

  std::ostringstream samples;
  long base_rss = -1, peak_rss = -1;
  int base_fds = -1, peak_fds = -1;
  const long warm_up = invocations / 5;
  long answered_200 = 0;
  rolesel::lambda::Invocation invocation;
  for (long n = 1; n <= invocations; ++n) {
    invocation.request_id = absl::StrCat("soak-", n);
    invocation.deadline = absl::Now() + absl::Seconds(3);
    if (n % events.size() == 0 && user_at != std::string::npos) {
      invocation.payload = admin;
      invocation.payload.replace(user_at, 7, absl::StrCat("\"u", (n / 7) % 500, "\""));
    } else {
      invocation.payload = events[n % events.size()];
    }
    const std::string response = handler.Handle(invocation);
    if (response.find("\"statusCode\":200") != std::string::npos) ++answered_200;
    now += absl::Milliseconds(50);  // 100,000 calls span 83 minutes: credentials expire
    if (n % every == 0) {
      const long rss = ResidentKib();
      const int fds = OpenFds();
      samples << (n == every ? "" : ",") << "{\"n\":" << n << ",\"rss_kib\":" << rss
              << ",\"fds\":" << fds << "}";
      if (n > warm_up) {
        if (base_rss < 0) {
          base_rss = peak_rss = rss;
          base_fds = peak_fds = fds;
        }
        peak_rss = std::max(peak_rss, rss);
        peak_fds = std::max(peak_fds, fds);
      }
    }
  }
  const long rss_growth = peak_rss - base_rss;
  const int fd_growth = peak_fds - base_fds;
  std::cout << "{\"invocations\":" << invocations << ",\"answered_200\":" << answered_200
            << ",\"sts_calls\":" << inner.calls << ",\"log_bytes\":" << log_bytes
            << ",\"samples\":[" << samples.str() << "],\"rss_growth_kib\":" << rss_growth
            << ",\"fd_growth\":" << fd_growth << "}" << std::endl;
  if (base_rss < 0 || answered_200 == 0) {
    std::cerr << "rolesel_soak: too few samples or no invocation answered 200\n";
    return 1;
  }
  if (fd_growth > 0 || rss_growth > max_growth_kib) {
    std::cerr << "rolesel_soak: grew after warm-up: " << rss_growth << " KiB, " << fd_growth
              << " file descriptors\n";
    return 1;
  }
  return 0;
}
