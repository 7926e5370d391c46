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
// or multiValueHeaders) is captured for token verification. When
// `requested_role_header` is given, that header's value (any case, either
// map; the same rules as Authorization) is captured as the requested role;
// a direct object's is its "requested_role" (a string, or null for none).
//
// Reads with simdjson's on-demand API: only the fields a decision needs are
// parsed, on the simdjson kernel the CPU runs best (EventReaderKernel()).
// Never throws. The event is refused (read as "nothing could be
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

#include <string_view>

#include "rolesel/core/event_input.h"

namespace rolesel {

// Always fills `*out` (whatever it held is replaced; its storage is re-used,
// so reading event after event into one ExtractedRequest stops allocating
// once warm); returns false when the document could not be read as a JSON
// object at all.
bool ReadEvent(EventBytes json, ExtractedRequest* out,
               EventShapeHint hint = EventShapeHint::kDetect,
               std::string_view requested_role_header = {});

// The simdjson kernel that walks events in this process: "icelake"
// (AVX-512) or "haswell" (AVX2) on x86-64 CPUs that have them (in optimized
// builds), "arm64" on arm64, "fallback" (scalar) otherwise; SIMDJSON_FORCE_IMPLEMENTATION names
// another, when this build has it and the CPU runs it. Chosen on first use
// and fixed for the process; thread-safe. (simdjson's stage 1 follows its
// own active implementation, the same name but for one this build has no
// walk for, such as "westmere", whose events walk on "fallback".)
std::string_view EventReaderKernel();

}  // namespace rolesel

#endif  // ROLESEL_EVENT_EVENT_READER_H_
