#include "rolesel/load/spot_tree.h"

#include "gtest/gtest.h"

namespace rolesel {
namespace {

SpotTree::Spot At(int line, size_t begin) { return {{line, 1}, {line, 3}, begin, begin + 1}; }

// {"rules": [{"id": "a"}, {"id": "b", "a/b~": 1}], "x": 1, "x": 2}
SpotTree Example() {
  SpotTree tree;
  const uint32_t root = tree.Add(At(1, 0), SpotTree::kNoParent, SpotTree::Kind::kObject, "");
  const uint32_t rules = tree.Add(At(2, 10), root, SpotTree::Kind::kArray, "rules");
  const uint32_t first = tree.Add(At(3, 20), rules, SpotTree::Kind::kObject, "");
  tree.Add(At(4, 30), first, SpotTree::Kind::kScalar, "id");
  const uint32_t second = tree.Add(At(5, 40), rules, SpotTree::Kind::kObject, "");
  tree.Add(At(6, 50), second, SpotTree::Kind::kScalar, "id");
  tree.Add(At(7, 60), second, SpotTree::Kind::kScalar, "a/b~");
  tree.Add(At(8, 70), root, SpotTree::Kind::kScalar, "x");
  tree.Add(At(9, 80), root, SpotTree::Kind::kScalar, "x");
  tree.SetEnd(rules, 65);
  tree.Index();
  return tree;
}

TEST(SpotTree, FindsEachValueByItsJsonPointer) {
  const SpotTree tree = Example();
  ASSERT_NE(tree.Find(""), nullptr);
  EXPECT_EQ(tree.Find("")->key.line, 1);
  EXPECT_EQ(tree.Find("/rules")->end, 65u);
  EXPECT_EQ(tree.Find("/rules/0/id")->key.line, 4);
  EXPECT_EQ(tree.Find("/rules/1/id")->key.line, 6);
  EXPECT_EQ(tree.Find("/rules/1/a~1b~0")->key.line, 7) << "RFC 6901 escapes";
}

TEST(SpotTree, FindsNothingThatIsNotThere) {
  const SpotTree tree = Example();
  for (const char* pointer : {"/nope", "/rules/2", "/rules/01", "/rules/-1", "/rules/x",
                              "/rules/0/id/deeper", "rules", "/rules/1/a/b~", "/rules/"}) {
    EXPECT_EQ(tree.Find(pointer), nullptr) << pointer;
  }
}

TEST(SpotTree, AKeyWrittenTwiceIsFoundAtItsLastPlaceAndNamedByItsFirst) {
  const SpotTree tree = Example();
  EXPECT_EQ(tree.Find("/x")->key.line, 9) << "the DOM keeps the last value";
  EXPECT_EQ(tree.FirstKeyLocation(0, "x").line, 8);
  EXPECT_EQ(tree.FirstKeyLocation(0, "absent").line, 1);
}

TEST(SpotTree, WritesThePointerOfANode) {
  const SpotTree tree = Example();
  EXPECT_EQ(tree.PointerOf(0), "");
  EXPECT_EQ(tree.PointerOf(5), "/rules/1/id");
  EXPECT_EQ(tree.PointerOf(6), "/rules/1/a~1b~0");
}

TEST(SpotTree, AnUnindexedTreeFindsNothing) {
  SpotTree tree;
  tree.Add(At(1, 0), SpotTree::kNoParent, SpotTree::Kind::kObject, "");
  EXPECT_EQ(tree.Find(""), nullptr);
}

}  // namespace
}  // namespace rolesel
