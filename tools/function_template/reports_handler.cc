// A team's own function: the reports API. rolesel decides, from the
// caller's Cognito groups, the method and the path, which role the call
// runs as (rules.json) and hands over that role's credentials; the handler
// does the work with them. Here it only says what it would act as.
#include <string>

#include "absl/status/statusor.h"
#include "rolesel/lambda/runtime.h"

namespace {

// A JSON string for `text`, which here holds only rule-checked values.
std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}

}  // namespace

int main() {
  return rolesel::lambda::RunHandler([](const rolesel::lambda::AuthorizedRequest& request)
                                         -> absl::StatusOr<rolesel::lambda::ProxyResponse> {
    // Your code: any AWS client, signed with request.credentials.
    return rolesel::lambda::ProxyResponse::Json(
        200, "{\"report\":" + Quoted(request.request.path) +
                 ",\"acting_as\":" + Quoted(request.decision.role) +
                 ",\"for\":" + Quoted(request.decision.session_name) + "}");
  });
}
