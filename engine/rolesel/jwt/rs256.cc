#include "rolesel/jwt/rs256.h"

#include <openssl/evp.h>

#include <utility>

namespace rolesel::jwt {

std::shared_ptr<const Rs256Check> Rs256Check::For(std::shared_ptr<EVP_PKEY> key) {
  if (key == nullptr) return nullptr;
  EVP_MD_CTX* prepared = EVP_MD_CTX_new();
  if (prepared == nullptr) return nullptr;
  if (EVP_DigestVerifyInit(prepared, nullptr, EVP_sha256(), nullptr, key.get()) != 1) {
    EVP_MD_CTX_free(prepared);
    return nullptr;
  }
  return std::make_shared<const Rs256Check>(std::move(key), prepared);
}

Rs256Check::Rs256Check(std::shared_ptr<EVP_PKEY> key, EVP_MD_CTX* prepared)
    : key_(std::move(key)), prepared_(prepared) {}

Rs256Check::~Rs256Check() { EVP_MD_CTX_free(prepared_); }

bool Rs256Check::Verify(std::string_view signed_part, std::string_view signature) const {
  // One context per thread, re-used: a copy into it frees what the last
  // check left there.
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                           EVP_MD_CTX_free);
  if (ctx == nullptr) return false;
  {
    std::lock_guard<std::mutex> lock(copy_mu_);
    if (EVP_MD_CTX_copy_ex(ctx.get(), prepared_) != 1) return false;
  }
  return EVP_DigestVerify(
             ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
             reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
}

}  // namespace rolesel::jwt
