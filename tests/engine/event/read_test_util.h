// Helpers of the event reader's tests: read an event given as JSON, the
// bundled example events, and REST and HTTP API events around given claims.
#ifndef ROLESEL_TESTS_ENGINE_EVENT_READ_TEST_UTIL_H_
#define ROLESEL_TESTS_ENGINE_EVENT_READ_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "rolesel/event/event_reader.h"
#include "test_util.h"

namespace rolesel::testing {

using nlohmann::json;
using Strings = std::vector<std::string>;

inline ExtractedRequest Read(const json& event, EventShapeHint hint = EventShapeHint::kDetect) {
  ExtractedRequest out;
  ReadEvent(event.dump(), &out, hint);
  return out;
}

inline std::string Example(const std::string& name) {
  std::ifstream in(SourceDir() + "/rules/examples/events/" + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline json RestEvent(json claims) {
  return {{"resource", "/pets/{petId}"},
          {"path", "/pets/7"},
          {"httpMethod", "DELETE"},
          {"headers", {{"Host", "x"}}},
          {"requestContext", {{"stage", "prod"}, {"authorizer", {{"claims", claims}}}}}};
}

inline json HttpEvent(const std::string& stage, const std::string& raw_path, json claims) {
  return {{"version", "2.0"},
          {"rawPath", raw_path},
          {"headers", {{"host", "x"}}},
          {"requestContext",
           {{"stage", stage},
            {"http", {{"method", "GET"}, {"path", raw_path}}},
            {"authorizer", {{"jwt", {{"claims", claims}, {"scopes", nullptr}}}}}}}};
}

inline constexpr char kRest[] =
    R"({"version":"1.0","httpMethod":"GET","path":"/pets","headers":{},"multiValueHeaders":{},)"
    R"("requestContext":{"stage":"prod","authorizer":{"claims":{"cognito:username":"alice"}}}})";

// `event` with `field` inserted first in the object that starts at `at`
// (the top level when `at` is 0).
inline std::string WithFieldFirst(std::string event, size_t at, const std::string& field) {
  return event.insert(at + 1, field + ",");
}

// `depth` arrays nested in one another: [[[]]].
inline std::string Nested(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace rolesel::testing

#endif  // ROLESEL_TESTS_ENGINE_EVENT_READ_TEST_UTIL_H_
