// ProxyResponse: what a Lambda proxy integration returns to API Gateway, and
// its JSON in the shape the event's payload version expects.
//
// Payload 1.0 (REST APIs, and HTTP APIs set to 1.0): statusCode, headers,
// multiValueHeaders, body, isBase64Encoded. Payload 2.0 (HTTP APIs):
// statusCode, headers, cookies, body, isBase64Encoded. The layer's own
// refusals (DenyResponse, ErrorResponse) carry a small JSON body with a code
// and nothing internal: no rule text, no claim values, no AWS messages.
#ifndef ROLESEL_LAMBDA_PROXY_RESPONSE_H_
#define ROLESEL_LAMBDA_PROXY_RESPONSE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rolesel/core/decision.h"

namespace rolesel::lambda {

enum class PayloadVersion { kV1, kV2 };

struct ProxyResponse {
  int status_code = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> cookies;  // payload 2.0 only; sent as Set-Cookie in 1.0
  std::string body;
  bool is_base64_encoded = false;

  // A JSON body with Content-Type: application/json.
  static ProxyResponse Json(int status_code, std::string body);
};

// The response JSON for API Gateway. Never fails.
std::string Serialize(const ProxyResponse& response, PayloadVersion version);

// A deny: 400 for bad_request (the event could not be read), 403 otherwise;
// body {"message":"Forbidden","reason":"<spec reason code>"}.
ProxyResponse DenyResponse(const Decision& decision);

// The layer's other failures: body {"message": <message>, "error": <code>}.
ProxyResponse ErrorResponse(int status_code, std::string_view message, std::string_view code);

}  // namespace rolesel::lambda

#endif  // ROLESEL_LAMBDA_PROXY_RESPONSE_H_
