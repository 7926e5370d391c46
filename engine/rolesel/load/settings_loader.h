// SettingsLoader: the `settings` object of a rules file (spec section 3),
// with the extensions (source_identity, session_tags, jwt) docs/rules.md
// describes, validated into a Settings.
//
// Internal to load/. Not thread-safe: one loader on one document.
#ifndef ROLESEL_LOAD_SETTINGS_LOADER_H_
#define ROLESEL_LOAD_SETTINGS_LOADER_H_

#include <string>

#include "rolesel/load/json_checks.h"
#include "rolesel/load/rules_document.h"

namespace rolesel {

class SettingsLoader : public JsonChecks {
 public:
  using JsonChecks::JsonChecks;

  // Fills `*settings` with what is valid; reports the rest.
  void LoadSettings(const std::string& pointer, const Json& value, Settings* settings);

 private:
  void LoadSessionTags(const std::string& pointer, const Json& value, Settings* settings);
  void LoadJwt(const std::string& pointer, const Json& value, Settings* settings);
  void LoadTransitiveTagKeys(const std::string& pointer, const Json& value, Settings* settings);
};

}  // namespace rolesel

#endif  // ROLESEL_LOAD_SETTINGS_LOADER_H_
