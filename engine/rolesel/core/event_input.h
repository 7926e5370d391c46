// Event input: the bytes of an event as the engine takes them, how to read
// them, and what reading them yields (rolesel/event/event_reader.h reads
// them; RuleSet::DecideEvent reads and decides them in one call).
//
// Plain value types, light to include: they pull in no JSON library. An
// ExtractedRequest is not synchronized; const access from several threads
// is safe. EventBytes owns nothing (see below).
#ifndef ROLESEL_CORE_EVENT_INPUT_H_
#define ROLESEL_CORE_EVENT_INPUT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "rolesel/core/claims.h"
#include "rolesel/core/request.h"

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
  // The requested role (RuleSet::requested_role_header's value, or the
  // direct object's "requested_role"), when present.
  std::optional<std::string> requested_role;
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

}  // namespace rolesel

#endif  // ROLESEL_CORE_EVENT_INPUT_H_
