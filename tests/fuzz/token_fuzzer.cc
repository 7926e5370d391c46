// Authorization header values -> JWT parsing and verification, and JWKS
// documents -> ParseJwks (inputs starting with '{').
// Oracle: a token verifies only with every claim check satisfied; since the
// signing key is gone, only the unmodified seeds can ever verify.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "fuzz_oracles.h"
#include "rolesel/jwt/jwks.h"
#include "rolesel/jwt/verifier.h"

namespace {

#include "fuzz_jwks.inc"

constexpr char kIssuer[] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Fuzz";

const rolesel::jwt::TokenVerifier& Verifier() {
  static const rolesel::jwt::TokenVerifier* verifier = [] {
    char path[] = "/tmp/rolesel-fuzz-jwks-XXXXXX";
    int fd = mkstemp(path);
    rolesel::fuzz::Check(fd >= 0, "a temporary JWKS file");
    rolesel::fuzz::Check(
        write(fd, kFuzzJwks, sizeof(kFuzzJwks) - 1) == static_cast<ssize_t>(sizeof(kFuzzJwks) - 1),
        "the JWKS is written");
    close(fd);
    auto cache = rolesel::jwt::SharedJwksCache(path, "/");
    rolesel::fuzz::Check(cache.ok(), "the JWKS loads");
    rolesel::JwtSettings settings;
    settings.issuer = kIssuer;
    settings.client_ids = {"fuzzclient"};
    settings.token_use = "id";
    // A fixed clock: the seeds' exp (2100) stays valid, 1700000100 expired.
    return new rolesel::jwt::TokenVerifier(settings, *cache,
                                           [] { return absl::FromUnixSeconds(1800000000); });
  }();
  return *verifier;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using rolesel::fuzz::Check;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!input.empty() && input[0] == '{') {
    static_cast<void>(rolesel::jwt::ParseJwks(input));  // must not crash; any result will do
    return 0;
  }
  auto claims = Verifier().Verify(input);
  if (claims.ok()) {
    Check(claims->value("iss", "") == kIssuer, "a verified token has the issuer");
    Check(claims->value("aud", "") == "fuzzclient", "a verified token has the audience");
    Check(claims->value("token_use", "") == "id", "a verified token is an ID token");
    Check(claims->value("exp", int64_t{0}) > int64_t{1800000000} - 60,
          "a verified token has not expired");
  }
  return 0;
}
