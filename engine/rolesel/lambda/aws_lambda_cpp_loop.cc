// The invocation loop over aws-lambda-cpp's run_handler (compiled instead of
// builtin_loop.cc when CMake finds aws-lambda-runtime).
#include <aws/lambda-runtime/runtime.h>

#include "absl/time/clock.h"
#include "rolesel/event/event_reader.h"
#include "rolesel/lambda/runtime.h"

namespace rolesel::lambda {

const char* RuntimeClientName() { return "aws-lambda-cpp"; }

int RunInvocationLoop(const AuthorizedHandler& handler, const std::string& /*runtime_api*/,
                      RuntimeBackoffOptions /*backoff*/) {
  // run_handler reads AWS_LAMBDA_RUNTIME_API itself.
  aws::lambda_runtime::run_handler(
      [&handler](const aws::lambda_runtime::invocation_request& request) {
        Invocation invocation;
        invocation.request_id = request.request_id;
        invocation.deadline = absl::FromChrono(request.deadline);
        invocation.invoked_function_arn = request.function_arn;
        invocation.trace_id = request.xray_trace_id;
        invocation.client_context = request.client_context;
        invocation.cognito_identity = request.cognito_identity;
        // With room past the end, the event reader reads it in place.
        invocation.payload.reserve(request.payload.size() + kEventPadding);
        invocation.payload.assign(request.payload);
        return aws::lambda_runtime::invocation_response::success(handler.Handle(invocation),
                                                                 "application/json");
      });
  return 1;  // run_handler returns only when the Runtime API goes away
}

}  // namespace rolesel::lambda
