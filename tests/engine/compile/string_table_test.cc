#include "rolesel/compile/string_table.h"

#include <string>

#include "gtest/gtest.h"

namespace rolesel {
namespace {

TEST(StringTable, InternGivesIdsInFirstSeenOrderAndRepeatsThem) {
  StringTable table;
  EXPECT_EQ(table.Intern("admins"), 0);
  EXPECT_EQ(table.Intern("users"), 1);
  EXPECT_EQ(table.Intern("admins"), 0);
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(table.name(1), "users");
}

TEST(StringTable, FindAnswersMinusOneForNamesNeverInterned) {
  StringTable table;
  EXPECT_EQ(table.Find("anything"), -1);  // empty table
  table.Intern("admins");
  EXPECT_EQ(table.Find("admins"), 0);
  EXPECT_EQ(table.Find("admin"), -1);
  EXPECT_EQ(table.Find("admins "), -1);
  EXPECT_EQ(table.Find(""), -1);
  table.Intern("");
  EXPECT_EQ(table.Find(""), 1);
}

// Names that differ only in one byte, at every position and for every length
// the hash reads differently (1-3, 4-8, more than 8 bytes), stay apart, also
// once the table has grown several times.
TEST(StringTable, TellsApartNamesDifferingInAnyOneByte) {
  StringTable table;
  std::vector<std::string> names;
  for (size_t length = 0; length <= 20; ++length) {
    std::string base(length, 'a');
    names.push_back(base);
    for (size_t i = 0; i < length; ++i) {
      std::string changed = base;
      changed[i] = 'b';
      names.push_back(changed);
    }
  }
  for (size_t i = 0; i < names.size(); ++i) {
    ASSERT_EQ(table.Intern(names[i]), static_cast<int>(i)) << names[i];
  }
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(table.Find(names[i]), static_cast<int>(i)) << names[i];
    EXPECT_EQ(table.Find(names[i] + "c"), -1) << names[i];
  }
}

TEST(StringTable, FindsEveryNameOfALargeTable) {
  StringTable table;
  for (int i = 0; i < 10000; ++i) table.Intern("group-" + std::to_string(i));
  for (int i = 0; i < 10000; ++i) EXPECT_EQ(table.Find("group-" + std::to_string(i)), i);
  EXPECT_EQ(table.Find("group-10000"), -1);
}

TEST(StringTable, NamesMayHoldAnyByte) {
  StringTable table;
  const std::string with_nul("a\0b", 3);
  table.Intern(with_nul);
  EXPECT_EQ(table.Find(with_nul), 0);
  EXPECT_EQ(table.Find(std::string("a\0c", 3)), -1);
  EXPECT_EQ(table.Find("a"), -1);
}

// Small tables are scanned and large ones hashed: both answer alike at the
// size where one gives way to the other.
TEST(StringTable, SmallAndLargeTablesAnswerAlike) {
  for (int size : {1, 7, 8, 9, 17}) {
    StringTable table;
    for (int i = 0; i < size; ++i) table.Intern("name" + std::to_string(i));
    for (int i = 0; i < size; ++i) {
      EXPECT_EQ(table.Find("name" + std::to_string(i)), i) << size;
    }
    EXPECT_EQ(table.Find("name" + std::to_string(size)), -1) << size;
    EXPECT_EQ(table.Find("nam"), -1) << size;
    EXPECT_EQ(table.Find(""), -1) << size;
  }
}

}  // namespace
}  // namespace rolesel
