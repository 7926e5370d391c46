// Signs one request of a SigV4 vector file (sigv4_botocore.py) with rolesel's
// signer: the C++ half of the comparison with botocore, shared by the test
// over the kept vectors and by sigv4_vector_tool, the live check's signer.
#ifndef ROLESEL_TESTS_ENGINE_STS_SIGV4_VECTORS_H_
#define ROLESEL_TESTS_ENGINE_STS_SIGV4_VECTORS_H_

#include <stdexcept>
#include <string>

#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "rolesel/sts/sigv4.h"

namespace rolesel::sts::testing {

// `doc` holds the credentials; `vector` one request: method, path (raw),
// wire_query (encoded, as sent), headers ([name, value] in order), body,
// token (whether the session token is used), region, service, time
// (yyyymmddThhmmssZ). Throws nlohmann's exceptions on a malformed file.
inline SignedParts SignVector(const nlohmann::json& doc, const nlohmann::json& vector) {
  AwsCredentials credentials;
  credentials.access_key_id = doc.at("access_key_id").get<std::string>();
  credentials.secret_access_key = doc.at("secret_access_key").get<std::string>();
  if (vector.at("token").get<bool>()) {
    credentials.session_token = doc.at("session_token").get<std::string>();
  }
  SigningOptions options;
  options.region = vector.at("region").get<std::string>();
  options.service = vector.at("service").get<std::string>();
  // yyyymmddThhmmssZ -> RFC 3339, which absl parses.
  const std::string t = vector.at("time").get<std::string>();
  const std::string rfc3339 = t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2) + "T" +
                              t.substr(9, 2) + ":" + t.substr(11, 2) + ":" + t.substr(13, 2) + "Z";
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, rfc3339, &options.time, &error)) {
    throw std::invalid_argument("bad time " + t + ": " + error);
  }
  HttpRequest request;
  request.method = vector.at("method").get<std::string>();
  request.path = vector.at("path").get<std::string>();
  request.query = vector.at("wire_query").get<std::string>();
  request.body = vector.at("body").get<std::string>();
  for (const auto& header : vector.at("headers")) {
    request.headers.emplace_back(header.at(0).get<std::string>(), header.at(1).get<std::string>());
  }
  return SignRequest(&request, credentials, options);
}

}  // namespace rolesel::sts::testing

#endif  // ROLESEL_TESTS_ENGINE_STS_SIGV4_VECTORS_H_
