// Found: what one pass of the event reader over a document found, before
// the shape is resolved; SeenFields: which of an object's fields the pass
// has seen (a field the decision reads may appear once).
//
// Internal to event/. One per ReadEvent call; not shared between threads.
#ifndef ROLESEL_EVENT_FOUND_H_
#define ROLESEL_EVENT_FOUND_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "rolesel/core/claims.h"

namespace rolesel::event {

// What one pass over the document found; shapes are decided at the end.
struct Found {
  bool version_2 = false;
  bool has_request_context = false;
  bool has_http_method_field = false;
  // Strings point into the parser's buffer (valid until its next document).
  std::optional<std::string_view> http_method;  // REST httpMethod
  std::optional<std::string_view> rest_path;    // REST path, or the direct object's
  std::optional<std::string_view> raw_path;     // HTTP API rawPath
  std::optional<std::string_view> context_http_method;
  std::optional<std::string_view> stage;
  std::optional<std::string_view> direct_method;
  // Each place claims can come from is kept apart: only the detected
  // shape's own place is used (spec section 7).
  struct ClaimsSource {
    explicit ClaimsSource(Claims* into) : claims(into) {}
    bool found = false;
    bool malformed = false;
    Claims* claims;  // cleared; not owned; null until found (see ClaimsFor)
  };
  ClaimsSource authorizer_claims;  // requestContext.authorizer.claims
  ClaimsSource jwt_claims;         // requestContext.authorizer.jwt.claims
  ClaimsSource direct_claims;      // top-level claims
  // The Authorization header's JSON text (quotes included): decoded only
  // when the event has no authorizer claims to decide on.
  std::optional<std::string_view> authorization_json;
  // The header holding the requested role (empty: not looked for), and its
  // value's JSON text; the direct object's "requested_role", decoded.
  std::string_view requested_role_header;
  std::optional<std::string_view> requested_role_json;
  std::optional<std::string_view> direct_requested_role;
  // Why the event cannot be read (a duplicated field, two Authorization
  // values, ...); the first reason found.
  const char* unreadable = nullptr;

  // The authorizer's two places share two Claims objects: the first place
  // found reads straight into the result (an event has one of them), the
  // second aside; so no swap is needed for either shape's usual event.
  Found(Claims* result, Claims* aside, Claims* direct)
      : authorizer_claims(nullptr),
        jwt_claims(nullptr),
        direct_claims(direct),
        result_(result),
        aside_(aside) {}

  Claims* ClaimsFor(ClaimsSource* source) {
    if (source->claims == nullptr) {
      source->claims = result_free_ ? result_ : aside_;
      result_free_ = false;
    }
    return source->claims;
  }

  // Returns false, so that walks can `return found->Refuse(...)`.
  bool Refuse(const char* why) {
    if (unreadable == nullptr) unreadable = why;
    return false;
  }

 private:
  Claims* result_;
  Claims* aside_;
  bool result_free_ = true;
};

// Which of an object's fields have been seen: a field the decision reads,
// or an object on the way to one, may appear once. A second occurrence is
// refused whatever either holds (a null or a number before the real value
// included): a last-wins parser in the handler would read the other one.
class SeenFields {
 public:
  // False (and the document refused) when field `bit` was seen before.
  bool First(uint32_t bit, Found* found) {
    if ((seen_ & bit) != 0) return found->Refuse("event has a duplicated field");
    seen_ |= bit;
    return true;
  }

 private:
  uint32_t seen_ = 0;
};

}  // namespace rolesel::event

#endif  // ROLESEL_EVENT_FOUND_H_
