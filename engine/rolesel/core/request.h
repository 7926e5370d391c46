// Request: the three inputs of a decision (spec section 1), already
// extracted from whatever carried them.
//
// A Request does not own its method and path; they must outlive the call to
// Decide(). `claims` may be null, which the engine treats as claims missing
// (bad_request). The `*_missing` flags let the event reader say "absent or of
// the wrong JSON type", which the spec orders before every other failure.
#ifndef ROLESEL_CORE_REQUEST_H_
#define ROLESEL_CORE_REQUEST_H_

#include <optional>
#include <string_view>

#include "rolesel/core/claims.h"

namespace rolesel {

struct Request {
  std::string_view method;
  std::string_view path;
  const Claims* claims = nullptr;
  bool method_missing = false;
  bool path_missing = false;
  // The role the request asks for (a `requested` role action): an event's
  // requested-role header, a direct object's "requested_role". Not owned.
  std::optional<std::string_view> requested_role;
};

}  // namespace rolesel

#endif  // ROLESEL_CORE_REQUEST_H_
