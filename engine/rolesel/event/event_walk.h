// ReadTopLevel: the one pass over an event's top-level object (and the
// requestContext, authorizer and headers below it) that records what the
// decision reads into a Found.
//
// Internal to event/. A field the decision reads, or an object on the way
// to one, twice in one object refuses the event. Returns false when the
// document cannot be read further or is refused (Found::unreadable says
// why when it is refused).
#ifndef ROLESEL_EVENT_EVENT_WALK_H_
#define ROLESEL_EVENT_EVENT_WALK_H_

#include "rolesel/event/found.h"
#include "rolesel/event/json_walk.h"

namespace rolesel::event {

bool ReadTopLevel(od::object object, Found* found);

}  // namespace rolesel::event

#endif  // ROLESEL_EVENT_EVENT_WALK_H_
