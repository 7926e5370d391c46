// Invocation: one Lambda invocation as the Runtime API hands it over (the
// event bytes and the Lambda-Runtime-* headers), whichever runtime client
// fetched it (the built-in one or aws-lambda-cpp's).
#ifndef ROLESEL_LAMBDA_INVOCATION_H_
#define ROLESEL_LAMBDA_INVOCATION_H_

#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace rolesel::lambda {

struct Invocation {
  std::string request_id;                        // Lambda-Runtime-Aws-Request-Id
  absl::Time deadline = absl::InfiniteFuture();  // Lambda-Runtime-Deadline-Ms
  std::string invoked_function_arn;              // Lambda-Runtime-Invoked-Function-Arn
  std::string trace_id;                          // Lambda-Runtime-Trace-Id (X-Ray)
  std::string client_context;                    // Lambda-Runtime-Client-Context
  std::string cognito_identity;                  // Lambda-Runtime-Cognito-Identity
  std::string payload;  // the event; runtime clients leave kEventPadding spare capacity

  // Time left before Lambda stops the invocation (zero once it has passed).
  absl::Duration remaining(absl::Time now = absl::Now()) const {
    return deadline > now ? deadline - now : absl::ZeroDuration();
  }
};

}  // namespace rolesel::lambda

#endif  // ROLESEL_LAMBDA_INVOCATION_H_
