#include "rolesel/jwt/token_parts.h"

#include <string>

#include "fuzz/fuzz_oracles.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rolesel::jwt {
namespace {

using ::testing::HasSubstr;

// A Cognito ID token's payload, as the user pool writes it.
constexpr char kIdTokenPayload[] =
    R"({"sub":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","cognito:groups":["admins","users"],)"
    R"("email_verified":true,"iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X",)"
    R"("cognito:username":"alice","cognito:roles":["arn:aws:iam::123456789012:role/Admin"],)"
    R"("aud":"client1","event_id":"e1","token_use":"id","auth_time":1700000000,)"
    R"("exp":4102444800,"iat":1700000000,"jti":"j1","custom:tenant":"t-1"})";

TEST(TokenParts, AnIdTokenPayloadReadsItsRegisteredClaimsAndItsClaims) {
  absl::StatusOr<TokenPayload> payload = ReadTokenPayload(kIdTokenPayload);
  ASSERT_TRUE(payload.ok()) << payload.status();
  EXPECT_EQ(payload->iss, "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X");
  EXPECT_EQ(payload->token_use, "id");
  EXPECT_THAT(payload->aud, ::testing::ElementsAre("client1"));
  EXPECT_TRUE(payload->client_id.empty());
  EXPECT_EQ(payload->exp.state, TokenTime::State::kSeconds);
  EXPECT_EQ(payload->exp.seconds, 4102444800);
  EXPECT_EQ(payload->nbf.state, TokenTime::State::kAbsent);
  EXPECT_EQ(payload->claims.size(), 14u);
  const ClaimValue* groups = payload->claims.Find("cognito:groups");
  ASSERT_NE(groups, nullptr);
  EXPECT_EQ(groups->text(), R"(["admins","users"])");
  EXPECT_THAT(groups->list(), ::testing::ElementsAre("admins", "users"));
  EXPECT_EQ(payload->claims.Find("email_verified")->text(), "true");
  EXPECT_EQ(payload->claims.Find("auth_time")->text(), "1700000000");
  EXPECT_EQ(fuzz::TokenPartsDisagreement(kIdTokenPayload), "");
}

TEST(TokenParts, EveryValueKindReadsAsNlohmannReadsIt) {
  // Each of these is read from the DOM, or declined there and read by
  // nlohmann; either way the reading is the reference's.
  const char* const texts[] = {
      kIdTokenPayload,
      R"({"aud":["x","client1",3],"client_id":"c","exp":1,"nbf":-5,"iat":0})",
      R"({"n":null,"b":false,"i":-12,"u":18446744073709551615,"e":[],"s":"a\"b\\c\n"})",
      R"({"groups":["caf\u00e9"],"exp":1})",  // "\u": nlohmann alone
      R"({"exp":1.0,"nbf":1.5,"iat":1e19})",  // fractions and exponents
      R"({"exp":-0,"z":0})",                  // "-0"
      R"({"o":{"b":1,"a":[1,{"c":null}]},"m":[1,"two",null,[3]]})",
      R"({"exp":"1700000000","nbf":null,"iat":true,"iss":7})",  // wrong types
      R"({"exp":18446744073709551615})",                        // above int64
      R"({"iss":"a","iss":"b"})",                               // a key twice
      R"({"o":{"k":1,"k":2}})",                                 // a key twice, nested
      R"({"groups":["é","\t"],"k\n":"v"})",                     // escapes nlohmann writes
      R"([1,2])",
      R"("text")",
      R"({"a":1} x)",
      R"({"a":)",
      "",
      R"({"alg":"RS256","kid":"k1"})",
      R"({"alg":"none","kid":7,"crit":null})",
      R"({"alg":["RS256"],"kid":"k"})",
      R"({"kid":"k","x5c":["MII"],"jku":"https://example.com/k"})",
      R"({"alg":"RS256","alg":"HS256"})",
      "{\"groups\":[\"\xff\"],\"exp\":1}",  // invalid UTF-8, in a value
      "{\"k\xc3\":1}",                      // and in a key
  };
  for (const char* text : texts) {
    EXPECT_EQ(fuzz::TokenPartsDisagreement(text), "") << text;
  }
}

TEST(TokenParts, TheFirstLimitBrokenIsTheSameWhicheverReadingTakesIt) {
  // nlohmann writes claims in key order; the DOM reading does too.
  const std::string long_value(kMaxClaimValueBytes + 1, 'v');
  const std::string text = R"({"zz":")" + long_value + R"(","aa":")" + long_value + R"(","exp":1})";
  absl::StatusOr<TokenPayload> payload = ReadTokenPayload(text);
  ASSERT_TRUE(payload.ok());
  EXPECT_THAT(payload->claims.limit_exceeded(), HasSubstr("claim aa"));
  EXPECT_EQ(fuzz::TokenPartsDisagreement(text), "");
}

TEST(TokenParts, NumericDatesSayWhyTheyCannotBeUsed) {
  auto exp_of = [](const std::string& value) {
    absl::StatusOr<TokenPayload> payload = ReadTokenPayload(R"({"exp":)" + value + "}");
    EXPECT_TRUE(payload.ok()) << value;
    return payload.ok() ? payload->exp.state : TokenTime::State::kAbsent;
  };
  EXPECT_EQ(exp_of("1700000000"), TokenTime::State::kSeconds);
  EXPECT_EQ(exp_of("-1"), TokenTime::State::kSeconds);
  EXPECT_EQ(exp_of("1.5"), TokenTime::State::kNotWholeSeconds);
  EXPECT_EQ(exp_of("1e19"), TokenTime::State::kOutOfRange);
  EXPECT_EQ(exp_of("9223372036854775808"), TokenTime::State::kOutOfRange);
  EXPECT_EQ(exp_of("\"1700000000\""), TokenTime::State::kNotNumber);
  EXPECT_EQ(exp_of("null"), TokenTime::State::kNotNumber);
}

TEST(TokenParts, AHeaderSaysWhatItsAlgIsAndWhetherItHasCrit) {
  absl::StatusOr<TokenHeader> rs256 = ReadTokenHeader(R"({"kid":"k1","alg":"RS256"})");
  ASSERT_TRUE(rs256.ok());
  EXPECT_TRUE(rs256->alg_is_rs256);
  EXPECT_EQ(rs256->kid, "k1");
  EXPECT_FALSE(rs256->has_crit);
  absl::StatusOr<TokenHeader> none = ReadTokenHeader(R"({"alg":"none","crit":["b64"]})");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->alg_is_rs256);
  EXPECT_EQ(none->alg_text, "\"none\"");
  EXPECT_TRUE(none->has_crit);
  EXPECT_FALSE(none->kid.has_value());
  EXPECT_EQ(ReadTokenHeader(R"({"kid":"k"})")->alg_text, "none");
}

TEST(TokenParts, WhatIsNotOneStrictJsonObjectIsRefusedWithTheReferencesWords) {
  EXPECT_THAT(std::string(ReadTokenPayload("[1]").status().message()),
              HasSubstr("is not a JSON object"));
  EXPECT_THAT(std::string(ReadTokenPayload(R"({"iss":"a","iss":"b"})").status().message()),
              HasSubstr("has the key \"iss\" twice in one object"));
  EXPECT_THAT(std::string(ReadTokenHeader(R"({"alg":"RS256"} {})").status().message()),
              HasSubstr("is not valid JSON"));
  EXPECT_FALSE(ReadTokenPayload("{\"groups\":[\"\xff\"]}").ok()) << "invalid UTF-8";
  EXPECT_FALSE(ReadTokenHeader("{\"kid\":\"k\xc3\"}").ok()) << "invalid UTF-8";
  const std::string deep = R"({"a":)" + std::string(200, '[') + std::string(200, ']') + "}";
  EXPECT_THAT(std::string(ReadTokenPayload(deep).status().message()), HasSubstr("nests deeper"));
}

}  // namespace
}  // namespace rolesel::jwt
