// RunHandler: the whole Lambda function for a custom runtime
// (provided.al2023). Call it from main() of your `bootstrap`:
//
//   int main() {
//     return rolesel::lambda::RunHandler([](const rolesel::lambda::AuthorizedRequest& r)
//         -> absl::StatusOr<rolesel::lambda::ProxyResponse> {
//       // r.decision.role, r.credentials: act as the caller's role here.
//       return rolesel::lambda::ProxyResponse::Json(200, R"({"ok":true})");
//     });
//   }
//
// Init, once per execution environment: the rules load, compile and lint
// clean (lint errors fail the init unless ROLESEL_ALLOW_LINT_ERRORS=1) from
// ROLESEL_RULES: a file (default: rules.json next to the executable),
// appconfig://APP/ENV/CONFIG or s3://BUCKET/KEY (source/rules_source.h);
// then LiveRules polls it every ROLESEL_RULES_POLL_SECONDS (default 45),
// shadowing a new revision for ROLESEL_SHADOW_SECONDS first when set. The STS
// client reads AWS_REGION, the execution role's credentials from the
// environment, AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL and
// AWS_STS_REGIONAL_ENDPOINTS when set, and ROLESEL_STS_MAX_RATE /
// ROLESEL_STS_BURST (the process's STS calls per second, default 20 and 20;
// 0: no limit; sts/rate_limiter.h).
// If any of that fails, the error goes to the Runtime API's init/error
// endpoint and RunHandler returns 1: the function never serves without its
// rules. With settings.jwt on a URL, the keys are fetched during the init
// (within 3 s); a failed fetch is logged ("jwks_prefetch_failed") and the
// first token fetches again. Then every invocation goes through
// AuthorizedHandler, whose time budget keeps ROLESEL_DEADLINE_MARGIN_MS
// (default 500) before the invocation's deadline.
//
// The built-in runtime client survives a misbehaving Runtime API: failed
// `next` calls (HTTP errors, dropped connections, missing or malformed
// headers) are retried with capped exponential backoff and jitter (10 ms
// doubling to 1 s); the loop ends (exit 1) only after 30 such failures in a
// row, or when a response can be posted neither as itself nor as an error.
//
// The runtime client is aws-lambda-cpp's run_handler when CMake found
// aws-lambda-runtime at build time, else the built-in RuntimeApiClient;
// RuntimeClientName() says which.
#ifndef ROLESEL_LAMBDA_RUNTIME_H_
#define ROLESEL_LAMBDA_RUNTIME_H_

#include <string>
#include <string_view>

#include "rolesel/lambda/authorized_handler.h"
#include "rolesel/lambda/live_rules.h"
#include "rolesel/lambda/runtime_backoff.h"
#include "rolesel/source/rules_source.h"
#include "rolesel/sts/credential_cache.h"
#include "rolesel/sts/sts_client.h"

namespace rolesel::lambda {

inline constexpr char kDefaultRulesFileName[] = "rules.json";

struct RuntimeOptions {
  std::string rules_path;  // a rules location; empty: RulesPathFromEnvironment()
  source::RulesSourceOptions source;
  LiveRulesOptions live;      // the environment's settings override these
  sts::StsClientOptions sts;  // empty fields: from the environment
  sts::CredentialCacheOptions cache;
  HandlerOptions handler;  // the environment's settings override these
  absl::Duration jwks_prefetch_budget = absl::Seconds(3);
};

// ROLESEL_RULES when set and non-empty, else rules.json in the folder of
// the running executable.
std::string RulesPathFromEnvironment();

// "aws-lambda-cpp" or "built-in".
const char* RuntimeClientName();

// For a handler's own init failures: logs `message`, posts it to the
// Runtime API's init/error endpoint, and returns 1 (the exit code to use).
int ReportInitError(std::string_view message, std::string_view type);

// Runs init and then the invocation loop; returns the process exit code
// (1 when init fails or the Runtime API goes away).
int RunHandler(UserHandler handler, RuntimeOptions options = {});

// The loop alone, over whichever runtime client was built in (internal).
// `backoff` paces the built-in client's retries (aws-lambda-cpp has its own).
int RunInvocationLoop(const AuthorizedHandler& handler, const std::string& runtime_api,
                      RuntimeBackoffOptions backoff = {});

}  // namespace rolesel::lambda

#endif  // ROLESEL_LAMBDA_RUNTIME_H_
