#include "rolesel/core/event_input.h"

namespace rolesel {

Request ExtractedRequest::AsRequest() const {
  Request request;
  request.method = method;
  request.path = path;
  request.claims = claims_missing ? nullptr : &claims;
  request.method_missing = method_missing;
  request.path_missing = path_missing;
  return request;
}

void ExtractedRequest::Clear() {
  shape = Shape::kUnknown;
  method.clear();
  path.clear();
  claims.Clear();
  method_missing = path_missing = claims_missing = true;
  authorization.reset();
  error.clear();
}

std::string_view ShapeName(ExtractedRequest::Shape shape) {
  switch (shape) {
    case ExtractedRequest::Shape::kRestV1:
      return "rest";
    case ExtractedRequest::Shape::kHttpV2:
      return "http";
    case ExtractedRequest::Shape::kDirect:
      return "request";
    case ExtractedRequest::Shape::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace rolesel
