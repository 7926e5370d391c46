// ReadEvent: method, path and claims from an API Gateway event or a direct
// request object (spec section 7).
//
// Shapes, detected from the event itself:
//   - HTTP API payload 2.0 ("version": "2.0" or requestContext.http): method
//     requestContext.http.method; path rawPath less "/{stage}" when the stage
//     is not "$default" and rawPath is that stage or starts with "/{stage}/";
//     claims requestContext.authorizer.jwt.claims.
//   - REST / payload 1.0 (httpMethod or requestContext): method httpMethod;
//     path `path`; claims requestContext.authorizer.claims (or, for an HTTP
//     API using payload 1.0 with a JWT authorizer, .authorizer.jwt.claims).
//   - a direct request object {"method", "path", "claims"}.
// With no authorizer claims, an Authorization header (any case, in headers
// or multiValueHeaders) is captured for token verification.
//
// Reads with simdjson's on-demand API: only the fields a decision needs are
// parsed. Never throws. A document that is not JSON, not an object, larger
// than kMaxEventBytes, or has a duplicated field that matters, reads as
// "nothing could be read" (all three missing), which decides as bad_request.
#ifndef ROLESEL_EVENT_EVENT_READER_H_
#define ROLESEL_EVENT_EVENT_READER_H_

#include <optional>
#include <string>
#include <string_view>

#include "rolesel/claims.h"
#include "rolesel/request.h"

namespace rolesel {

inline constexpr size_t kMaxEventBytes = 6 * 1024 * 1024;  // Lambda's payload limit

struct ExtractedRequest {
  enum class Shape { kUnknown, kRestV1, kHttpV2, kDirect };
  Shape shape = Shape::kUnknown;
  std::string method;
  std::string path;
  Claims claims;
  bool method_missing = true;
  bool path_missing = true;
  bool claims_missing = true;
  // The Authorization header's value, when present (any shape but direct).
  std::optional<std::string> authorization;
  // Why the event could not be read at all (not JSON, too large, ...).
  std::string error;

  // A view of this request for the engine; valid while *this lives.
  Request AsRequest() const;
  // Back to the state of a new object, keeping the strings' and the claims'
  // storage for the next event.
  void Clear();
};

std::string_view ShapeName(ExtractedRequest::Shape shape);

// How to read a document: detect the shape, or insist on the direct request
// object (fixtures' "request" and `rolesel eval --request`).
enum class EventShapeHint { kDetect, kDirectRequest };

// Always fills `*out` (whatever it held is replaced; its storage is re-used,
// so reading event after event into one ExtractedRequest stops allocating
// once warm); returns false when the document could not be read as a JSON
// object at all.
bool ReadEvent(std::string_view json, ExtractedRequest* out,
               EventShapeHint hint = EventShapeHint::kDetect);

}  // namespace rolesel

#endif  // ROLESEL_EVENT_EVENT_READER_H_
