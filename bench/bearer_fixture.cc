#include "bearer_fixture.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "absl/time/clock.h"
#include "rule_generator.h"
#include "token_maker.h"  // tests/engine/jwt: the tests' key and token maker

namespace rolesel::bench {
namespace {

using nlohmann::json;

constexpr char kIssuer[] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12CdE34";
constexpr char kClient[] = "4k2p0d7v3u5l9s1n8m6q0r2t4";

BearerFixture Make(bool cache_verified_tokens) {
  static const testing::TestKey* const key = new testing::TestKey("bench-key");
  BearerFixture out;
  char dir[] = "/tmp/rolesel-bench-XXXXXX";
  if (mkdtemp(dir) == nullptr) std::abort();
  const std::string jwks_path = std::string(dir) + "/jwks.json";
  std::ofstream(jwks_path) << json{{"keys", {key->Jwk()}}}.dump();

  json rules = json::parse(GenerateRules(10));
  rules["settings"]["jwt"] = {{"issuer", kIssuer},
                              {"client_ids", {kClient}},
                              {"jwks", "jwks.json"},
                              {"cache_verified_tokens", cache_verified_tokens}};
  auto loaded = RuleSet::FromString(rules.dump(1), "<bench>", dir);
  std::remove(jwks_path.c_str());
  rmdir(dir);
  if (!loaded.ok()) std::abort();
  out.rules = std::move(*loaded);

  // The claims a Cognito ID token carries, as JSON (groups an array).
  json request = MatchingRequest(10);
  json payload = request["claims"];
  const int64_t now = absl::ToUnixSeconds(absl::Now());
  payload.update({{"iss", kIssuer},
                  {"aud", kClient},
                  {"token_use", "id"},
                  {"auth_time", now},
                  {"iat", now},
                  {"exp", now + 3600},
                  {"email_verified", true},
                  {"jti", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"},
                  {"origin_jti", "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809"},
                  {"event_id", "9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0"}});
  const std::string token = key->Token(payload);
  out.signed_part = token.substr(0, token.rfind('.'));
  out.signature = key->Sign(out.signed_part);

  json event = MatchingRestEvent(10);
  event["requestContext"]["authorizer"] = {{"principalId", "bench-user"}};
  event["headers"]["Authorization"] = "Bearer " + token;
  event["multiValueHeaders"]["Authorization"] = {"Bearer " + token};
  out.event = event.dump();

  const std::string pem = key->PublicPem();
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  out.public_key.reset(PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr), EVP_PKEY_free);
  BIO_free(bio);
  return out;
}

}  // namespace

const BearerFixture& Bearer(bool cache_verified_tokens) {
  static const BearerFixture* const cached = new BearerFixture(Make(true));
  static const BearerFixture* const uncached = new BearerFixture(Make(false));
  return cache_verified_tokens ? *cached : *uncached;
}

}  // namespace rolesel::bench
