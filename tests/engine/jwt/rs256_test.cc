#include "rolesel/jwt/rs256.h"

#include <openssl/evp.h>

#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "token_maker.h"

namespace rolesel::jwt {
namespace {

using ::rolesel::testing::TestKey;

std::shared_ptr<EVP_PKEY> PublicKeyOf(const TestKey& key) {
  const std::string pem = key.PublicPem();
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* public_key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return std::shared_ptr<EVP_PKEY>(public_key, EVP_PKEY_free);
}

TEST(Rs256Check, AcceptsOnlyTheSignatureOfTheSignedBytes) {
  TestKey key("k");
  auto check = Rs256Check::For(PublicKeyOf(key));
  ASSERT_NE(check, nullptr);
  const std::string signature = key.Sign("header.payload");
  EXPECT_TRUE(check->Verify("header.payload", signature));
  EXPECT_FALSE(check->Verify("header.payloaD", signature));
  std::string flipped = signature;
  flipped[10] ^= 1;
  EXPECT_FALSE(check->Verify("header.payload", flipped));
  EXPECT_FALSE(check->Verify("header.payload", ""));
  EXPECT_FALSE(check->Verify("header.payload", TestKey("k").Sign("header.payload")))
      << "another key's signature";
}

// Each check starts from the prepared context: a failed check leaves
// nothing behind that changes the next one, on any thread.
TEST(Rs256Check, ChecksAreIndependentAcrossCallsAndThreads) {
  TestKey key("k");
  auto check = Rs256Check::For(PublicKeyOf(key));
  ASSERT_NE(check, nullptr);
  const std::string good = key.Sign("data");
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (check->Verify("data", good) != true) ++wrong;
        if (check->Verify("datA", good) != false) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(Rs256Check, NoKeyNoCheck) { EXPECT_EQ(Rs256Check::For(nullptr), nullptr); }

}  // namespace
}  // namespace rolesel::jwt
