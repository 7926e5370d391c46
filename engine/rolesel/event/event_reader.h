// ReadEvent: method, path and claims from an API Gateway event or a direct
// request object (spec section 7).
//
// Shapes, detected from the event itself:
//   - HTTP API payload 2.0 ("version": "2.0" or requestContext.http): method
//     requestContext.http.method; path rawPath less "/{stage}" when the stage
//     is not "$default" and rawPath is that stage or starts with "/{stage}/";
//     claims requestContext.authorizer.jwt.claims, and only there.
//   - REST / payload 1.0 (httpMethod or requestContext): method httpMethod;
//     path `path`; claims requestContext.authorizer.claims (or, for an HTTP
//     API using payload 1.0 with a JWT authorizer, .authorizer.jwt.claims;
//     both at once is refused).
//   - a direct request object {"method", "path", "claims"}.
// With no authorizer claims, an Authorization header (any case, in headers
// or multiValueHeaders) is captured for token verification.
//
// Reads with simdjson's on-demand API: only the fields a decision needs are
// parsed. Never throws. The event is refused (read as "nothing could be
// read", which decides as bad_request, with the reason in `error`) when it
// is not JSON, not an object, larger than kMaxEventBytes, followed by
// anything but whitespace, or ambiguous: the method or path fields of both
// shapes (an HTTP API event with `httpMethod` or `path`, a REST event with
// `rawPath`), a field the decision reads, or an
// object on the way to it, twice in one object (keys compared after
// unescaping, so "pat\u0068" is "path"; whatever either occurrence holds),
// a claim name twice, or two different Authorization values anywhere in
// `headers` and `multiValueHeaders`. A claim value nesting deeper than
// kMaxClaimDepth, or holding a key twice, refuses the request naming it.
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

// The JSON reader looks up to this many bytes past a document's end (it
// reads in SIMD blocks). Event bytes followed by that much readable memory
// are read where they are; any others are first copied into a padded
// per-thread buffer (a memcpy of the whole event).
inline constexpr size_t kEventPadding = 64;

// The bytes of an event, and how many readable bytes follow them. Made
// implicitly from a std::string_view or a C string (no padding known), or
// from a std::string, whose spare capacity is the padding: a string made
// with reserve(size + kEventPadding), as the Lambda runtime clients in
// rolesel/lambda/ make each event, is read without a copy. The bytes past
// the end are read, never written, and their values do not matter. Like a
// string_view it owns nothing: the bytes must outlive the call it is
// passed to.
class EventBytes {
 public:
  EventBytes(std::string_view json) : json_(json) {}  // NOLINT: implicit by design
  EventBytes(const char* json) : json_(json) {}       // NOLINT
  EventBytes(const std::string& json)                 // NOLINT
      : json_(json), padding_(json.capacity() - json.size()) {}

  std::string_view json() const { return json_; }
  // Readable bytes after json().end().
  size_t padding() const { return padding_; }

 private:
  std::string_view json_;
  size_t padding_ = 0;
};

// Always fills `*out` (whatever it held is replaced; its storage is re-used,
// so reading event after event into one ExtractedRequest stops allocating
// once warm); returns false when the document could not be read as a JSON
// object at all.
bool ReadEvent(EventBytes json, ExtractedRequest* out,
               EventShapeHint hint = EventShapeHint::kDetect);

}  // namespace rolesel

#endif  // ROLESEL_EVENT_EVENT_READER_H_
