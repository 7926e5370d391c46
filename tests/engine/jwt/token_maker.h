// Test keys and tokens: RSA keys generated with OpenSSL, their JWKS, and
// tokens signed (or forged) the ways the tests need.
#ifndef ROLESEL_TESTS_ENGINE_JWT_TOKEN_MAKER_H_
#define ROLESEL_TESTS_ENGINE_JWT_TOKEN_MAKER_H_

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <string>

#include "absl/strings/escaping.h"
#include "nlohmann/json.hpp"

namespace rolesel::testing {

inline std::string B64(std::string_view s) {
  std::string out;
  absl::WebSafeBase64Escape(absl::string_view(s.data(), s.size()), &out);
  return out;
}

class TestKey {
 public:
  explicit TestKey(std::string kid)
      : kid_(std::move(kid)), key_(EVP_RSA_gen(2048), EVP_PKEY_free) {}

  const std::string& kid() const { return kid_; }

  nlohmann::json Jwk(const std::string& kid_override = "") const {
    return {{"kty", "RSA"},
            {"kid", kid_override.empty() ? kid_ : kid_override},
            {"use", "sig"},
            {"alg", "RS256"},
            {"n", B64(Param(OSSL_PKEY_PARAM_RSA_N))},
            {"e", B64(Param(OSSL_PKEY_PARAM_RSA_E))}};
  }

  std::string Sign(std::string_view data) const {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t length = 0;
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_.get());
    EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(data.data()),
                   data.size());
    std::string signature(length, '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                   reinterpret_cast<const unsigned char*>(data.data()), data.size());
    EVP_MD_CTX_free(ctx);
    signature.resize(length);
    return signature;
  }

  std::string PublicPem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, key_.get());
    char* data = nullptr;
    long length = BIO_get_mem_data(bio, &data);
    std::string pem(data, length);
    BIO_free(bio);
    return pem;
  }

  // header.payload.signature with RS256 and this key's kid.
  std::string Token(const nlohmann::json& payload, nlohmann::json header = nullptr) const {
    if (header.is_null()) header = {{"alg", "RS256"}, {"kid", kid_}, {"typ", "JWT"}};
    std::string signed_part = B64(header.dump()) + "." + B64(payload.dump());
    return signed_part + "." + B64(Sign(signed_part));
  }

 private:
  std::string Param(const char* name) const {
    BIGNUM* bn = nullptr;
    EVP_PKEY_get_bn_param(key_.get(), name, &bn);
    std::string out(BN_num_bytes(bn), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    BN_free(bn);
    return out;
  }
  std::string kid_;
  std::shared_ptr<EVP_PKEY> key_;
};

inline std::string Hs256(const nlohmann::json& header, const nlohmann::json& payload,
                         const std::string& secret) {
  std::string signed_part = B64(header.dump()) + "." + B64(payload.dump());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(), mac,
       &length);
  return signed_part + "." + B64(std::string(reinterpret_cast<char*>(mac), length));
}

}  // namespace rolesel::testing

#endif  // ROLESEL_TESTS_ENGINE_JWT_TOKEN_MAKER_H_
