// The signer against an independent one, botocore's: the kept vectors of
// tests/testdata/sigv4/botocore_vectors.json (written by sigv4_botocore.py
// with Debian's python3-botocore; this test needs no botocore), each
// request's canonical request, string to sign and signature byte for byte.
// The CTest sigv4_botocore_live compares fresh requests with botocore itself.
#include "rolesel/sts/sigv4.h"

#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "sigv4_vectors.h"

namespace rolesel::sts {
namespace {

const std::string kVectors =
    std::string(ROLESEL_SOURCE_DIR) + "/tests/testdata/sigv4/botocore_vectors.json";

nlohmann::json ReadVectors() {
  std::ifstream in(kVectors, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return nlohmann::json::parse(buffer.str(), nullptr, /*allow_exceptions=*/false);
}

TEST(SigV4Botocore, TheKeptVectorsAreThere) {
  const nlohmann::json doc = ReadVectors();
  ASSERT_TRUE(doc.is_object()) << kVectors << " is missing or not JSON";
  EXPECT_GE(doc["vectors"].size(), 120u);
}

TEST(SigV4Botocore, EveryKeptVectorMatchesByteForByte) {
  const nlohmann::json doc = ReadVectors();
  ASSERT_TRUE(doc.is_object()) << kVectors;
  for (const auto& vector : doc["vectors"]) {
    const std::string name = vector["name"].get<std::string>();
    SignedParts parts = testing::SignVector(doc, vector);
    const auto& expected = vector["expected"];
    EXPECT_EQ(parts.canonical_request, expected["canonical_request"].get<std::string>()) << name;
    EXPECT_EQ(parts.string_to_sign, expected["string_to_sign"].get<std::string>()) << name;
    EXPECT_EQ(parts.signature, expected["signature"].get<std::string>()) << name;
  }
}

TEST(UriEncode, KeepsUnreservedAndEncodesTheRestUpperCase) {
  EXPECT_EQ(UriEncode("aZ0-_.~", false), "aZ0-_.~");
  EXPECT_EQ(UriEncode("a b/c", false), "a%20b%2Fc");
  EXPECT_EQ(UriEncode("a b/c", true), "a%20b/c");
  EXPECT_EQ(UriEncode("\xe1\x88\xb4", false), "%E1%88%B4");
}

}  // namespace
}  // namespace rolesel::sts
