#include "rolesel/lambda/runtime.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rolesel/event/event_reader.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/environment.h"
#include "rolesel/internal/file_io.h"
#include "rolesel/lambda/log_lines.h"
#include "rolesel/lambda/runtime_api_client.h"
#include "rolesel/sts/credentials.h"

namespace rolesel::lambda {

std::string RulesPathFromEnvironment() {
  const char* configured = std::getenv("ROLESEL_RULES");
  if (configured != nullptr && *configured != '\0') return configured;
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  const std::string dir =
      n > 0 ? internal::DirectoryOf(std::string(exe, static_cast<size_t>(n))) : ".";
  return dir + "/" + kDefaultRulesFileName;
}

int ReportInitError(std::string_view message, std::string_view type) {
  WriteLogLine(LogLine(absl::Now(), "error", "init_failed", {{"type", type}, {"detail", message}}));
  const char* runtime_api = std::getenv("AWS_LAMBDA_RUNTIME_API");
  if (runtime_api == nullptr || *runtime_api == '\0') return 1;
  RuntimeApiClient client(runtime_api);
  absl::Status posted = client.PostInitError(message, type);
  if (!posted.ok()) {
    WriteLogLine(
        LogLine(absl::Now(), "error", "runtime_api_failed", {{"detail", posted.ToString()}}));
  }
  return 1;
}

int RunHandler(UserHandler handler, RuntimeOptions options) {
  const char* runtime_api = std::getenv("AWS_LAMBDA_RUNTIME_API");
  if (runtime_api == nullptr || *runtime_api == '\0') {
    std::cerr << "rolesel: AWS_LAMBDA_RUNTIME_API is not set; this program runs as a Lambda "
                 "custom runtime (bootstrap)"
              << std::endl;
    return 1;
  }

  absl::Time start = absl::Now();
  std::string rules_location =
      options.rules_path.empty() ? RulesPathFromEnvironment() : options.rules_path;
  absl::StatusOr<LiveRulesOptions> live_options = LiveRulesOptions::FromEnvironment(options.live);
  if (!live_options.ok()) {
    return ReportInitError(internal::Std(live_options.status().message()), "Rolesel.ConfigError");
  }
  absl::StatusOr<std::unique_ptr<source::RulesSource>> source =
      source::OpenRulesSource(rules_location, options.source);
  if (!source.ok()) {
    return ReportInitError(internal::Std(source.status().message()), "Rolesel.RulesLoadError");
  }
  absl::StatusOr<std::unique_ptr<LiveRules>> live =
      LiveRules::Create(*std::move(source), *std::move(live_options));
  if (!live.ok()) {
    return ReportInitError(absl::StrCat("rules ", rules_location, ": ", live.status().message()),
                           "Rolesel.RulesLoadError");
  }
  absl::Duration rules_time = absl::Now() - start;
  if (absl::Status margin = internal::MillisecondsFromEnv("ROLESEL_DEADLINE_MARGIN_MS",
                                                          &options.handler.deadline_margin);
      !margin.ok()) {
    return ReportInitError(internal::Std(margin.message()), "Rolesel.ConfigError");
  }
  auto sts =
      sts::StsClient::Create(options.sts, std::make_shared<sts::EnvironmentCredentialsProvider>());
  if (!sts.ok()) {
    return ReportInitError(absl::StrCat("STS client: ", sts.status().message()),
                           "Rolesel.StsConfigError");
  }
  // The token keys now, in the init, rather than on the first request.
  const RulesSnapshot first = (*live)->Current();
  const absl::Time prefetch_start = absl::Now();
  absl::Status keys = first.enforced->PrefetchKeys(prefetch_start + options.jwks_prefetch_budget);
  const std::string keys_state = !keys.ok()                       ? "failed"
                                 : first.enforced->fetches_keys() ? "prefetched"
                                                                  : "none";
  if (!keys.ok()) {
    WriteLogLine(LogLine(absl::Now(), "warn", "jwks_prefetch_failed",
                         {{"detail", keys.ToString()},
                          {"duration", absl::FormatDuration(absl::Now() - prefetch_start)}}));
  }
  sts::CachingRoleAssumer cache(sts->get(), options.cache);
  AuthorizedHandler authorized(live->get(), &cache, std::move(handler), nullptr, options.handler);
  WriteLogLine(LogLine(absl::Now(), "info", "init",
                       {{"duration", absl::FormatDuration(absl::Now() - start)},
                        {"rules", rules_location},
                        {"revision", first.enforced->revision()},
                        {"jwks", keys_state},
                        {"rules_load", absl::FormatDuration(rules_time)},
                        {"runtime_client", RuntimeClientName()},
                        {"event_kernel", std::string(EventReaderKernel())},
                        {"sts", (*sts)->endpoint()}}));
  (*live)->Start();
  return RunInvocationLoop(authorized, runtime_api);
}

}  // namespace rolesel::lambda
