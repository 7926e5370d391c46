// `rolesel assume`: decide, then assume the chosen role with STS.
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/decision_input.h"
#include "rolesel/core/decision_json.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/rule_set.h"
#include "rolesel/sts/sts_client.h"

namespace rolesel::cli {

const char kAssumeHelp[] =
    R"(usage: rolesel assume --rules RULES (--event EVENT | --request REQUEST)
                      [--endpoint-url URL] [--region REGION]

Decides the request, then on allow calls sts:AssumeRole for the chosen role
(session name, duration, and source identity and session tags when the rules
set them) and prints the credentials in the AWS CLI credential_process form:
  {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ...,
   "SessionToken": ..., "Expiration": "2026-11-27T14:00:00Z"}

The caller's credentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
and AWS_SESSION_TOKEN. Region: --region, else AWS_REGION, else
AWS_DEFAULT_REGION. Endpoint: --endpoint-url, else AWS_ENDPOINT_URL_STS, else
AWS_ENDPOINT_URL, else https://sts.REGION.amazonaws.com.

exit status: 0 allowed and assumed, 3 denied (the decision is printed),
4 STS failed (the AWS error code and message are on standard error),
2 error (usage, unreadable file, rules that fail to load, no region or no
caller credentials).
)";

int AssumeCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  Args args({"rules", "event", "request", "endpoint-url", "region"}, {"help"});
  if (auto done = ParseCommandLine(args, argv, "assume", kAssumeHelp, out, err)) return *done;
  std::unique_ptr<DecisionInput> input = ReadDecisionInput(args, "assume", kAssumeHelp, err);
  if (input == nullptr) return kExitError;
  Decision decision = input->rules->DecideEvent(input->document, {nullptr, input->hint});
  if (!decision.allow) {
    out << internal::JsonText(DecisionToJson(decision)) << "\n";
    return kExitDenied;
  }
  sts::StsClientOptions options;
  options.region = args.Value("region").value_or("");
  options.endpoint_url = args.Value("endpoint-url").value_or("");
  auto client =
      sts::StsClient::Create(options, std::make_shared<sts::EnvironmentCredentialsProvider>());
  if (!client.ok()) {
    err << "rolesel assume: " << client.status().message() << "\n";
    return kExitError;
  }
  auto credentials = (*client)->AssumeRole(sts::AssumeRoleRequest::ForDecision(decision));
  if (!credentials.ok()) {
    if (absl::IsFailedPrecondition(credentials.status()) &&
        sts::AwsErrorCode(credentials.status()).empty() &&
        std::string(credentials.status().message()).find("no AWS credentials") == 0) {
      err << "rolesel assume: " << credentials.status().message() << "\n";
      return kExitError;
    }
    std::string code = sts::AwsErrorCode(credentials.status());
    err << "rolesel assume: " << credentials.status().message() << "\n";
    if (!code.empty()) err << "rolesel assume: AWS error code: " << code << "\n";
    return kExitStsFailed;
  }
  nlohmann::ordered_json printed = {
      {"Version", 1},
      {"AccessKeyId", credentials->access_key_id},
      {"SecretAccessKey", credentials->secret_access_key},
      {"SessionToken", credentials->session_token},
      {"Expiration",
       absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", credentials->expiration, absl::UTCTimeZone())}};
  out << internal::JsonText(printed) << "\n";
  return kExitOk;
}

}  // namespace rolesel::cli
