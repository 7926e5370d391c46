#include "rolesel/lambda/proxy_response.h"

#include "nlohmann/json.hpp"
#include "rolesel/internal/json_text.h"

namespace rolesel::lambda {

ProxyResponse ProxyResponse::Json(int status_code, std::string body) {
  ProxyResponse response;
  response.status_code = status_code;
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(body);
  return response;
}

std::string Serialize(const ProxyResponse& response, PayloadVersion version) {
  nlohmann::ordered_json out;
  out["statusCode"] = response.status_code;
  nlohmann::ordered_json headers = nlohmann::ordered_json::object();
  for (const auto& [name, value] : response.headers) headers[name] = value;
  out["headers"] = std::move(headers);
  if (version == PayloadVersion::kV2) {
    if (!response.cookies.empty()) out["cookies"] = response.cookies;
  } else if (!response.cookies.empty()) {
    // Payload 1.0 has no cookies field; several Set-Cookie headers need
    // multiValueHeaders.
    out["multiValueHeaders"] = {{"Set-Cookie", response.cookies}};
  }
  out["body"] = response.body;
  out["isBase64Encoded"] = response.is_base64_encoded;
  // Handler bodies may carry bytes that are not UTF-8; replace rather than
  // throw, so a response always goes out.
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

ProxyResponse DenyResponse(const Decision& decision) {
  // An allow passed here by mistake is still refused (403), never let through.
  bool malformed = !decision.allow && decision.reason == DenyReason::kBadRequest;
  nlohmann::ordered_json body = {{"message", malformed ? "Bad Request" : "Forbidden"},
                                 {"reason", std::string(DenyReasonName(decision.reason))}};
  return ProxyResponse::Json(malformed ? 400 : 403, internal::JsonText(body));
}

ProxyResponse ErrorResponse(int status_code, std::string_view message, std::string_view code) {
  nlohmann::ordered_json body = {{"message", std::string(message)}, {"error", std::string(code)}};
  return ProxyResponse::Json(status_code, internal::JsonText(body));
}

}  // namespace rolesel::lambda
