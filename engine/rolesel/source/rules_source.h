// RulesSource: where a function's rules come from, and how a new revision
// is told from the one already serving. OpenRulesSource() takes what
// ROLESEL_RULES holds:
//
//   /path/rules.json            a file; its revision is its SHA-256
//                               ("sha256:" and 16 hex digits), so it is
//                               re-read and re-loaded when its bytes change;
//   appconfig://APP/ENV/CONFIG  the AWS AppConfig Lambda extension on
//                               localhost (port AWS_APPCONFIG_EXTENSION_HTTP_PORT,
//                               default 2772); the revision is its
//                               Configuration-Version header;
//   s3://BUCKET/KEY             an object, fetched with a GET signed by the
//                               project's SigV4 signer and If-None-Match; the
//                               revision is its ETag.
//
// Contract: Fetch() never throws; it returns the text when its revision
// differs from `known_revision`, nullopt when it is unchanged, and an error
// (with the source named, never a secret) when it cannot be had. A source is
// used by one thread at a time (the poller of rolesel/lambda/live_rules.h).
#ifndef ROLESEL_SOURCE_RULES_SOURCE_H_
#define ROLESEL_SOURCE_RULES_SOURCE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rolesel/sts/credentials.h"

namespace rolesel::source {

struct RulesText {
  std::string text;
  std::string revision;
  std::string name;      // for messages: the path or the URI
  std::string base_dir;  // resolves relative paths in the rules (a file's folder, else ".")
};

class RulesSource {
 public:
  virtual ~RulesSource() = default;
  virtual absl::StatusOr<std::optional<RulesText>> Fetch(std::string_view known_revision) = 0;
  // The location, as given ("appconfig://orders/prod/rules").
  virtual const std::string& location() const = 0;
};

struct RulesSourceOptions {
  // appconfig://: 0 reads AWS_APPCONFIG_EXTENSION_HTTP_PORT, else 2772.
  int appconfig_port = 0;
  // s3://: empty reads AWS_REGION / AWS_DEFAULT_REGION.
  std::string region;
  // s3://: empty reads AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL (both
  // addressed path-style, as local S3 stand-ins are), else
  // https://BUCKET.s3.REGION.amazonaws.com.
  std::string s3_endpoint_url;
  // s3://: null reads the execution role's credentials from the environment.
  std::shared_ptr<sts::CredentialsProvider> credentials;
  absl::Duration timeout = absl::Seconds(5);
};

// InvalidArgument for a malformed location (an s3:// without a key, an
// appconfig:// without its three parts, an unknown scheme).
absl::StatusOr<std::unique_ptr<RulesSource>> OpenRulesSource(std::string_view location,
                                                             RulesSourceOptions options = {});

// "sha256:" and the first 16 hex digits of the text's SHA-256.
std::string ContentRevision(std::string_view text);

}  // namespace rolesel::source

#endif  // ROLESEL_SOURCE_RULES_SOURCE_H_
