// ReadClaims: a claims object of an event (the authorizer's, the JWT
// authorizer's or a direct request's) into the Claims its source is given.
//
// Internal to event/, part of the kernel's walk (event_kernel.h): compiled
// once per kernel, in rolesel::event::ROLESEL_EVENT_KERNEL. A claim name twice refuses the event; a
// value nesting deeper than kMaxClaimDepth, or with a key twice, refuses the request naming the
// claim; a claims value that is not an object marks the source malformed. Returns false when the
// document cannot be read further.
#ifndef ROLESEL_EVENT_CLAIMS_READER_H_
#define ROLESEL_EVENT_CLAIMS_READER_H_

#include "rolesel/event/json_walk.h"

namespace rolesel::event::ROLESEL_EVENT_KERNEL {
namespace {

// One claim value into `claims`.
enum class ClaimRead { kAdded, kNull, kDuplicate, kMalformed };
ClaimRead Added(bool added) { return added ? ClaimRead::kAdded : ClaimRead::kDuplicate; }

ClaimRead ReadClaim(std::string_view name, od::value& value, Claims* claims) {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return ClaimRead::kMalformed;
  switch (type) {
    case od::json_type::null:
      if (!IsNull(value)) return ClaimRead::kMalformed;
      return AddJsonClaim(*claims, name, nullptr) ? ClaimRead::kNull : ClaimRead::kDuplicate;
    case od::json_type::string: {
      std::string_view s;
      if (value.get_string().get(s) != simdjson::SUCCESS) return ClaimRead::kMalformed;
      return Added(claims->AddString(name, s));
    }
    case od::json_type::number:
    case od::json_type::boolean: {
      std::string_view raw = value.raw_json_token();
      // Validate the token while we are here.
      if (type == od::json_type::boolean) {
        bool b;
        if (value.get_bool().get(b) != simdjson::SUCCESS) return ClaimRead::kMalformed;
      } else {
        double d;
        if (value.get_double().get(d) != simdjson::SUCCESS) return ClaimRead::kMalformed;
      }
      return Added(claims->AddJsonScalar(name, TrimRight(raw)));
    }
    case od::json_type::array:
    case od::json_type::object: {
      std::string_view raw;
      if (type == od::json_type::array) {
        od::array array;
        if (value.get_array().get(array) != simdjson::SUCCESS) return ClaimRead::kMalformed;
        if (array.raw_json().get(raw) != simdjson::SUCCESS) return ClaimRead::kMalformed;
      } else {
        od::object object;
        if (value.get_object().get(object) != simdjson::SUCCESS) return ClaimRead::kMalformed;
        if (object.raw_json().get(raw) != simdjson::SUCCESS) return ClaimRead::kMalformed;
      }
      if (claims->Find(name) != nullptr) return ClaimRead::kDuplicate;
      // Structured claims are rare; let nlohmann build the exact views. One
      // nesting too deep, or with a key twice in an object, refuses the
      // request naming the claim (it is not added, so the walk goes on).
      absl::StatusOr<nlohmann::json> parsed =
          internal::ParseStrictJson(raw, static_cast<int>(kMaxClaimDepth));
      if (!parsed.ok()) {
        const absl::string_view why = parsed.status().message();
        claims->RefuseValue(name, std::string_view(why.data(), why.size()));
        return ClaimRead::kAdded;
      }
      return Added(AddJsonClaim(*claims, name, *parsed));
    }
  }
  return ClaimRead::kMalformed;
}

}  // namespace

bool ReadClaims(od::value& value, Found::ClaimsSource* source, Found* found) {
  source->found = true;
  Claims* claims = found->ClaimsFor(source);
  od::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    source->malformed = true;
    return true;
  }
  // A null claim is absent, so it is not stored; its name is kept here so
  // that a second field of that name is a duplicate all the same.
  absl::InlinedVector<std::string_view, 4> null_names;
  for (auto field_result : object) {
    od::field* field = FieldOrNull(field_result);
    if (field == nullptr) return false;
    std::string_view name;
    if (field->unescaped_key().get(name) != simdjson::SUCCESS) return false;
    if (!null_names.empty() &&
        std::find(null_names.begin(), null_names.end(), name) != null_names.end()) {
      return found->Refuse("event has a duplicated claim");
    }
    od::value& v = field->value();
    switch (ReadClaim(name, v, claims)) {
      case ClaimRead::kAdded:
        break;
      case ClaimRead::kNull:
        null_names.push_back(name);
        break;
      case ClaimRead::kDuplicate:
        return found->Refuse("event has a duplicated claim");
      case ClaimRead::kMalformed:
        // A repeated name is a duplicate whatever its second value holds.
        if (claims->Find(name) != nullptr) return found->Refuse("event has a duplicated claim");
        source->malformed = true;
        return false;
    }
  }
  return true;
}

}  // namespace rolesel::event::ROLESEL_EVENT_KERNEL

#endif  // ROLESEL_EVENT_CLAIMS_READER_H_
