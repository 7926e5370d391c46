// ReadClaims: a claims object of an event (the authorizer's, the JWT
// authorizer's or a direct request's) into the Claims its source is given.
//
// Internal to event/. A claim name twice refuses the event; a value nesting
// deeper than kMaxClaimDepth, or with a key twice, refuses the request
// naming the claim; a claims value that is not an object marks the source
// malformed. Returns false when the document cannot be read further.
#ifndef ROLESEL_EVENT_CLAIMS_READER_H_
#define ROLESEL_EVENT_CLAIMS_READER_H_

#include "rolesel/event/found.h"
#include "rolesel/event/json_walk.h"

namespace rolesel::event {

bool ReadClaims(od::value& value, Found::ClaimsSource* source, Found* found);

}  // namespace rolesel::event

#endif  // ROLESEL_EVENT_CLAIMS_READER_H_
