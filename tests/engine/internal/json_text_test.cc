#include "rolesel/internal/json_text.h"

#include "gtest/gtest.h"

namespace rolesel::internal {
namespace {

using nlohmann::json;

TEST(JsonText, WritesValidUtf8AsDumpDoes) {
  const json value = {{"a", "caf\xc3\xa9"}, {"b", {1, 2}}};
  EXPECT_EQ(JsonText(value), value.dump());
  EXPECT_EQ(JsonText(value, 2), value.dump(2));
  EXPECT_EQ(JsonQuote("a\"b\n"), "\"a\\\"b\\n\"");
}

// dump() throws on these; every JSON rolesel writes goes through here.
TEST(JsonText, WritesEachInvalidByteAsTheReplacementCharacter) {
  EXPECT_THROW(json(std::string("/pets/\xff")).dump(), json::type_error);
  EXPECT_EQ(JsonQuote("/pets/\xff"), "\"/pets/\xef\xbf\xbd\"");
  EXPECT_EQ(JsonQuote("\xc3"), "\"\xef\xbf\xbd\"");
  nlohmann::ordered_json decision = {{"decision", "deny"}, {"detail", std::string("\x80x")}};
  EXPECT_EQ(JsonText(decision), "{\"decision\":\"deny\",\"detail\":\"\xef\xbf\xbdx\"}");
}

}  // namespace
}  // namespace rolesel::internal
