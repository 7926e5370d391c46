// AppConfigSource: rules from the AWS AppConfig Lambda extension, which
// polls AppConfig itself and serves the latest deployed configuration on
// localhost (GET /applications/APP/environments/ENV/configurations/CONFIG).
// The revision is the Configuration-Version header it answers with (the
// content's hash when it sends none). Internal to source/.
#ifndef ROLESEL_SOURCE_APPCONFIG_SOURCE_H_
#define ROLESEL_SOURCE_APPCONFIG_SOURCE_H_

#include <memory>
#include <string>

#include "rolesel/internal/http_client.h"
#include "rolesel/source/rules_source.h"

namespace rolesel::source {

class AppConfigSource : public RulesSource {
 public:
  AppConfigSource(std::string location, const std::string& application,
                  const std::string& environment, const std::string& configuration, int port,
                  absl::Duration timeout);
  absl::StatusOr<std::optional<RulesText>> Fetch(std::string_view known_revision) override;
  const std::string& location() const override { return location_; }
  const std::string& url() const { return url_; }

 private:
  std::string location_;
  std::string url_;
  absl::Duration timeout_;
  internal::HttpClient http_;
};

}  // namespace rolesel::source

#endif  // ROLESEL_SOURCE_APPCONFIG_SOURCE_H_
