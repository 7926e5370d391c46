#include "rolesel/core/event_input.h"

#include <iterator>

namespace rolesel {

Request ExtractedRequest::AsRequest() const {
  Request request;
  request.method = method;
  request.path = path;
  request.claims = claims_missing ? nullptr : &claims;
  request.method_missing = method_missing;
  request.path_missing = path_missing;
  if (requested_role) request.requested_role = *requested_role;
  return request;
}

void ExtractedRequest::Clear() {
  shape = Shape::kUnknown;
  method.clear();
  path.clear();
  claims.Clear();
  method_missing = path_missing = claims_missing = true;
  authorization.reset();
  requested_role.reset();
  error.clear();
}

std::string_view ShapeName(ExtractedRequest::Shape shape) {
  // Indexed by Shape: kUnknown, kRestV1, kHttpV2, kDirect.
  constexpr std::string_view kNames[] = {"unknown", "rest", "http", "request"};
  static_assert(static_cast<int>(ExtractedRequest::Shape::kDirect) == 3, "a name per Shape");
  const auto index = static_cast<size_t>(shape);
  return index < std::size(kNames) ? kNames[index] : "unknown";
}

}  // namespace rolesel
