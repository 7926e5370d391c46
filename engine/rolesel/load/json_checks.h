// JsonChecks: the checks every part of the loader makes on the JSON it
// reads (types, known keys, string arrays, ARN globs, session policies and
// policy ARNs), each finding reported
// at its position with a message naming the value ("rules[2].methods").
//
// Internal to load/. Not thread-safe: one loader on one document. Findings
// go to the caller's list, unsorted (LoadRulesDocument sorts them).
#ifndef ROLESEL_LOAD_JSON_CHECKS_H_
#define ROLESEL_LOAD_JSON_CHECKS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nlohmann/json.hpp"
#include "rolesel/load/diagnostic.h"
#include "rolesel/load/located_json.h"
#include "rolesel/load/rules_document.h"

namespace rolesel {

// "a string", "an array", "null", ... for messages.
std::string TypeName(const nlohmann::json& value);

class JsonChecks {
 public:
  using Json = nlohmann::json;

  JsonChecks(const LocatedJson& json, std::vector<Diagnostic>* diagnostics)
      : json_(json), diagnostics_(diagnostics) {}

  // A finding at the value at `pointer` (or at its key, `at_key`).
  void Error(const std::string& pointer, bool at_key, std::string message, std::string check);
  void Warning(const std::string& pointer, std::string message, std::string check);
  void WrongType(const std::string& pointer, const Json& value, std::string_view expected);
  // "settings.duration_seconds", "rules[2].methods" for messages.
  static std::string Describe(const std::string& pointer);
  // Member `key` of `object`, or nullptr: one look-up, with a key that
  // knows its length (a `const char*` key costs a strlen per comparison).
  static const Json* Member(const Json& object, std::string_view key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }
  // An unknown-key error (with a did-you-mean) for each key not in `known`
  // but `reported` (one the caller has already named, when not empty).
  void CheckKeys(const std::string& pointer, const Json& object,
                 const std::vector<std::string>& known, std::string_view where,
                 std::string_view reported = {});
  // An array of non-empty strings; nullopt (after reporting) when malformed.
  std::optional<std::vector<std::string>> StringArray(const std::string& pointer,
                                                      const Json& value);
  // An array of ARN globs, each validated by the matcher compile builds.
  std::optional<std::vector<std::string>> GlobArray(const std::string& pointer, const Json& value);
  // A session policy, validated by the template compile builds.
  std::optional<SessionPolicy> SessionPolicyValue(const std::string& pointer, const Json& value);
  // At most 10 distinct managed policy ARNs (STS's PolicyArns limit).
  std::optional<std::vector<std::string>> PolicyArnArray(const std::string& pointer,
                                                         const Json& value);

  const LocatedJson& json() const { return json_; }

 private:
  void Report(const std::string& pointer, bool at_key, std::string message, std::string check,
              Diagnostic::Severity severity);

  const LocatedJson& json_;
  std::vector<Diagnostic>* diagnostics_;
};

}  // namespace rolesel

#endif  // ROLESEL_LOAD_JSON_CHECKS_H_
