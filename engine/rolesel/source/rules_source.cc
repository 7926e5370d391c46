#include "rolesel/source/rules_source.h"

#include <cstdlib>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/source/appconfig_source.h"
#include "rolesel/source/file_source.h"
#include "rolesel/source/s3_source.h"
#include "rolesel/sts/sigv4.h"

namespace rolesel::source {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

std::string ContentRevision(std::string_view text) {
  return absl::StrCat("sha256:", sts::Sha256Hex(text).substr(0, 16));
}

absl::StatusOr<std::unique_ptr<RulesSource>> OpenRulesSource(std::string_view location,
                                                             RulesSourceOptions options) {
  const std::string where(location);
  if (absl::StartsWith(internal::Absl(location), "appconfig://")) {
    std::vector<std::string> parts = absl::StrSplit(internal::Absl(location.substr(12)), '/');
    const bool well_formed =
        parts.size() == 3 && !parts[0].empty() && !parts[1].empty() && !parts[2].empty();
    if (!well_formed) {
      return absl::InvalidArgumentError(absl::StrCat(
          "rules source ", where, ": expected appconfig://APPLICATION/ENVIRONMENT/CONFIGURATION"));
    }
    int port = options.appconfig_port;
    if (port == 0) {
      const std::string configured = Env("AWS_APPCONFIG_EXTENSION_HTTP_PORT");
      if (configured.empty()) {
        port = 2772;
      } else if (!absl::SimpleAtoi(configured, &port) || port <= 0 || port > 65535) {
        return absl::InvalidArgumentError(
            absl::StrCat("AWS_APPCONFIG_EXTENSION_HTTP_PORT is not a port: ", configured));
      }
    }
    return std::unique_ptr<RulesSource>(
        new AppConfigSource(where, parts[0], parts[1], parts[2], port, options.timeout));
  }
  if (absl::StartsWith(internal::Absl(location), "s3://")) {
    const std::string_view rest = location.substr(5);
    const size_t slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("rules source ", where, ": expected s3://BUCKET/KEY"));
    }
    std::string region = options.region;
    if (region.empty()) region = Env("AWS_REGION");
    if (region.empty()) region = Env("AWS_DEFAULT_REGION");
    if (region.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("rules source ", where, ": no AWS region (set AWS_REGION)"));
    }
    std::string endpoint = options.s3_endpoint_url;
    if (endpoint.empty()) endpoint = Env("AWS_ENDPOINT_URL_S3");
    if (endpoint.empty()) endpoint = Env("AWS_ENDPOINT_URL");
    std::shared_ptr<sts::CredentialsProvider> credentials = options.credentials;
    if (credentials == nullptr)
      credentials = std::make_shared<sts::EnvironmentCredentialsProvider>();
    return S3Source::Create(where, std::string(rest.substr(0, slash)),
                            std::string(rest.substr(slash + 1)), region, endpoint,
                            std::move(credentials), options.timeout);
  }
  if (location.find("://") != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rules source ", where, ": a file path, appconfig://APP/ENV/CONFIG or s3://BUCKET/KEY"));
  }
  if (location.empty()) return absl::InvalidArgumentError("rules source: empty location");
  return std::unique_ptr<RulesSource>(new FileSource(where));
}

}  // namespace rolesel::source
