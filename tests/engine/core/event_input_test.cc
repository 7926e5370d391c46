#include "rolesel/core/event_input.h"

#include <string>

#include "gtest/gtest.h"

namespace rolesel {
namespace {

TEST(ExtractedRequest, AsRequestViewsItsFieldsAndClaimsOnlyWhenPresent) {
  ExtractedRequest read;
  read.method = "GET";
  read.path = "/pets";
  read.method_missing = false;
  read.path_missing = false;
  read.claims.AddString("sub", "abc");
  read.claims_missing = false;
  Request request = read.AsRequest();
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.path, "/pets");
  EXPECT_EQ(request.method.data(), read.method.data());  // a view, not a copy
  ASSERT_EQ(request.claims, &read.claims);
  EXPECT_FALSE(request.method_missing);
  read.claims_missing = true;
  EXPECT_EQ(read.AsRequest().claims, nullptr);  // missing claims are no claims
}

TEST(ExtractedRequest, ClearForgetsEverythingAndKeepsStorage) {
  ExtractedRequest read;
  read.shape = ExtractedRequest::Shape::kRestV1;
  read.method = "DELETE";
  read.path = std::string(200, 'p');
  read.method_missing = read.path_missing = read.claims_missing = false;
  read.claims.AddString("cognito:groups", "admins");
  read.authorization = "Bearer x";
  read.error = "broken";
  const size_t path_capacity = read.path.capacity();
  read.Clear();
  EXPECT_EQ(read.shape, ExtractedRequest::Shape::kUnknown);
  EXPECT_TRUE(read.method.empty());
  EXPECT_TRUE(read.path.empty());
  EXPECT_TRUE(read.method_missing && read.path_missing && read.claims_missing);
  EXPECT_TRUE(read.claims.empty());
  EXPECT_FALSE(read.authorization.has_value());
  EXPECT_TRUE(read.error.empty());
  EXPECT_EQ(read.path.capacity(), path_capacity);
}

TEST(ShapeName, NamesEveryShapeAsEvalPrintsIt) {
  EXPECT_EQ(ShapeName(ExtractedRequest::Shape::kRestV1), "rest");
  EXPECT_EQ(ShapeName(ExtractedRequest::Shape::kHttpV2), "http");
  EXPECT_EQ(ShapeName(ExtractedRequest::Shape::kDirect), "request");
  EXPECT_EQ(ShapeName(ExtractedRequest::Shape::kUnknown), "unknown");
}

TEST(EventBytes, AStringGivesItsSpareCapacityAsPaddingAViewGivesNone) {
  std::string event = "{}";
  event.reserve(2 + kEventPadding);
  const EventBytes padded(event);
  EXPECT_EQ(padded.json(), "{}");
  EXPECT_GE(padded.padding(), kEventPadding);
  const EventBytes view{std::string_view(event)};
  EXPECT_EQ(view.padding(), 0u);
  EXPECT_EQ(EventBytes("{}").padding(), 0u);
}

}  // namespace
}  // namespace rolesel
