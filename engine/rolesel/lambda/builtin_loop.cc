// The invocation loop over the built-in RuntimeApiClient (used when CMake
// did not find aws-lambda-cpp).
#include "absl/time/clock.h"
#include "rolesel/lambda/log_lines.h"
#include "rolesel/lambda/runtime.h"
#include "rolesel/lambda/runtime_api_client.h"
#include "rolesel/lambda/runtime_backoff.h"

namespace rolesel::lambda {

const char* RuntimeClientName() { return "built-in"; }

int RunInvocationLoop(const AuthorizedHandler& handler, const std::string& runtime_api,
                      RuntimeBackoffOptions backoff_options) {
  RuntimeApiClient client(runtime_api);
  RuntimeBackoff backoff(backoff_options);
  while (true) {
    absl::StatusOr<Invocation> invocation = client.Next();
    if (!invocation.ok()) {
      // A Runtime API error, a dropped connection or an answer without a
      // usable request id (which cannot be answered): wait and ask again.
      // Lambda restarts a runtime that exits, so only a Runtime API that
      // keeps failing ends the loop.
      const absl::Duration wait = backoff.Failed();
      WriteLogLine(LogLine(absl::Now(), "error", "runtime_api_failed",
                           {{"detail", invocation.status().ToString()},
                            {"failures_in_a_row", std::to_string(backoff.failures())},
                            {"retry_in", absl::FormatDuration(wait)}}));
      if (backoff.Exhausted()) return 1;
      absl::SleepFor(wait);
      continue;
    }
    backoff.Succeeded();
    std::string response = handler.Handle(*invocation);
    absl::Status posted = client.PostResponse(invocation->request_id, response);
    if (!posted.ok()) {
      // E.g. a response over Lambda's 6 MB limit: report it as the
      // invocation's error so API Gateway answers 502 instead of waiting.
      WriteLogLine(
          LogLine(absl::Now(), "error", "response_rejected",
                  {{"request_id", invocation->request_id}, {"detail", posted.ToString()}}));
      absl::Status reported = client.PostError(
          invocation->request_id, std::string(posted.message()), "Rolesel.ResponseRejected");
      if (!reported.ok()) {
        WriteLogLine(
            LogLine(absl::Now(), "error", "runtime_api_failed",
                    {{"request_id", invocation->request_id}, {"detail", reported.ToString()}}));
        return 1;
      }
    }
  }
}

}  // namespace rolesel::lambda
