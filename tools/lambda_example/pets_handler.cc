// The example Lambda function: a `bootstrap` for the provided.al2023
// runtime. rolesel decides who may call which route of the pets API and
// assumes the caller's group role; this handler then acts as that role. To
// show it, it asks STS who it is with the role's credentials
// (sts:GetCallerIdentity needs no permission) and answers with the result.
//
// Build: cmake --build build --target pets_handler; package:
// tools/lambda_example/package.sh; deploy: template.yaml (see README).
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "rolesel/lambda/runtime.h"
#include "rolesel/sts/sts_client.h"

namespace {

using rolesel::lambda::AuthorizedRequest;
using rolesel::lambda::ProxyResponse;

absl::StatusOr<ProxyResponse> HandlePets(rolesel::sts::StsClient* sts,
                                         const AuthorizedRequest& request) {
  // Your application code goes here, using request.credentials (the caller's
  // role) with any AWS client: DynamoDB, S3, ...
  absl::StatusOr<std::string> caller = sts->GetCallerIdentity(request.credentials);
  if (!caller.ok()) return caller.status();
  nlohmann::ordered_json body = {{"method", request.request.method},
                                 {"path", request.request.path},
                                 {"role", request.decision.role},
                                 {"rule", request.decision.rule},
                                 {"session_name", request.decision.session_name},
                                 {"caller", *caller}};
  // The replace handler: a string that is not UTF-8 is written, never thrown.
  return ProxyResponse::Json(
      200, body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace

int main() {
  // A second client for the handler's own calls; its connections stay warm
  // across invocations like the layer's.
  auto sts = rolesel::sts::StsClient::Create(
      {}, std::make_shared<rolesel::sts::EnvironmentCredentialsProvider>());
  if (!sts.ok()) {
    return rolesel::lambda::ReportInitError(std::string(sts.status().message()),
                                            "PetsHandler.InitError");
  }
  return rolesel::lambda::RunHandler([client = sts->get()](const AuthorizedRequest& request) {
    return HandlePets(client, request);
  });
}
