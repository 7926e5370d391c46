// Rs256Check: an RSA public key made ready to check RS256 signatures.
//
// OpenSSL's verify context is initialized once, with the key and SHA-256,
// and copied for each check: EVP_DigestVerifyInit looks up the digest and
// the signature algorithm in OpenSSL's providers on every call, ~6 us of a
// ~30 us check measured here, which a copy of the ready context skips.
//
// Thread-safe: a check copies the prepared context under a mutex (the copy
// only reads it, but OpenSSL does not promise that) and verifies on its own
// copy. Never throws; a check that OpenSSL cannot run is a failed check.
#ifndef ROLESEL_JWT_RS256_H_
#define ROLESEL_JWT_RS256_H_

#include <memory>
#include <mutex>
#include <string_view>

typedef struct evp_pkey_st EVP_PKEY;
typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace rolesel::jwt {

class Rs256Check {
 public:
  // Null when OpenSSL cannot prepare a check with `key`.
  static std::shared_ptr<const Rs256Check> For(std::shared_ptr<EVP_PKEY> key);

  // True only when `signature` is the RS256 signature of `signed_part`.
  bool Verify(std::string_view signed_part, std::string_view signature) const;

  Rs256Check(std::shared_ptr<EVP_PKEY> key, EVP_MD_CTX* prepared);
  ~Rs256Check();
  Rs256Check(const Rs256Check&) = delete;
  Rs256Check& operator=(const Rs256Check&) = delete;

 private:
  std::shared_ptr<EVP_PKEY> key_;
  EVP_MD_CTX* prepared_;  // owned
  mutable std::mutex copy_mu_;
};

}  // namespace rolesel::jwt

#endif  // ROLESEL_JWT_RS256_H_
