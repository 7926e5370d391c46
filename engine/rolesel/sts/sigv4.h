// AWS Signature Version 4 (header signing), with OpenSSL's SHA-256 and HMAC.
//
// SignRequest() adds X-Amz-Date, X-Amz-Security-Token (when the credentials
// carry a session token) and Authorization to the request and returns the
// intermediate values, which tests compare byte for byte with AWS's signing
// test suite. Every header present when signing is signed, so callers add
// only the headers that should be (host, content-type, ...), never hop-by-hop
// ones. Secrets appear only in the derived key; nothing is logged.
// Stateless and thread-safe.
#ifndef ROLESEL_STS_SIGV4_H_
#define ROLESEL_STS_SIGV4_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "rolesel/sts/credentials.h"

namespace rolesel::sts {

struct HttpRequest {
  std::string method;  // "POST"
  std::string path;    // raw (not percent-encoded), e.g. "/"
  std::string query;   // raw query string without '?', may be empty
  std::vector<std::pair<std::string, std::string>> headers;  // in order, as sent
  std::string body;
};

struct SigningOptions {
  std::string region;
  std::string service;
  absl::Time time;
  bool normalize_path = true;       // remove "." / ".." / empty segments first
  bool sign_body_header = false;    // also send and sign x-amz-content-sha256
  bool omit_session_token = false;  // add the token after signing (unsigned)
};

struct SignedParts {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;      // lowercase hex
  std::string authorization;  // the Authorization header's value
};

SignedParts SignRequest(HttpRequest* request, const AwsCredentials& credentials,
                        const SigningOptions& options);

// Helpers, exposed for tests.
std::string Sha256Hex(std::string_view data);
// RFC 3986 encoding as SigV4 wants it: unreserved A-Za-z0-9-_.~ kept,
// everything else %XX (upper case); '/' kept when `keep_slash`.
std::string UriEncode(std::string_view raw, bool keep_slash);
std::string FormatAmzDate(absl::Time time);  // 20150830T123600Z

}  // namespace rolesel::sts

#endif  // ROLESEL_STS_SIGV4_H_
