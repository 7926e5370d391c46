// The Lambda-authorizer case for the benchmarks: an RS256 ID token signed
// with a key generated at start, its JWKS in a file, 10 generated rules
// with settings.jwt (the JWKS file read at load and removed), and a REST
// event that carries only the token.
#ifndef ROLESEL_BENCH_BEARER_FIXTURE_H_
#define ROLESEL_BENCH_BEARER_FIXTURE_H_

#include <memory>
#include <string>

#include "rolesel/rule_set.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace rolesel::bench {

struct BearerFixture {
  std::shared_ptr<const RuleSet> rules;  // GenerateRules(10) with settings.jwt
  std::string event;                     // the REST event; Authorization: Bearer <token>
  std::string signed_part;               // header.payload of the token
  std::string signature;                 // the token's signature, decoded
  std::shared_ptr<EVP_PKEY> public_key;
};

// Made once per process; `cache_verified_tokens` goes into settings.jwt.
const BearerFixture& Bearer(bool cache_verified_tokens);

}  // namespace rolesel::bench

#endif  // ROLESEL_BENCH_BEARER_FIXTURE_H_
