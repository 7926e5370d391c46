// S3Source: rules from an S3 object: a GET signed with SigV4 (service s3,
// the payload hash sent as x-amz-content-sha256), with If-None-Match on the
// ETag last fetched, so an unchanged object costs a 304. The revision is
// "etag:" and the ETag. Internal to source/.
#ifndef ROLESEL_SOURCE_S3_SOURCE_H_
#define ROLESEL_SOURCE_S3_SOURCE_H_

#include <memory>
#include <string>

#include "rolesel/internal/http_client.h"
#include "rolesel/source/rules_source.h"

namespace rolesel::source {

class S3Source : public RulesSource {
 public:
  // `endpoint` empty: virtual-hosted https://BUCKET.s3.REGION.amazonaws.com;
  // else http(s)://host[:port], addressed path-style (/BUCKET/KEY).
  static absl::StatusOr<std::unique_ptr<RulesSource>> Create(
      std::string location, std::string bucket, std::string key, std::string region,
      std::string endpoint, std::shared_ptr<sts::CredentialsProvider> credentials,
      absl::Duration timeout);

  absl::StatusOr<std::optional<RulesText>> Fetch(std::string_view known_revision) override;
  const std::string& location() const override { return location_; }

 private:
  S3Source() = default;

  std::string location_;
  std::string region_;
  std::string base_url_;  // scheme://host[:port]
  std::string host_;      // as signed
  std::string path_;      // raw: /KEY or /BUCKET/KEY
  std::shared_ptr<sts::CredentialsProvider> credentials_;
  absl::Duration timeout_;
  internal::HttpClient http_;
  std::string etag_;           // of the last object fetched
  std::string etag_revision_;  // the revision it was
};

}  // namespace rolesel::source

#endif  // ROLESEL_SOURCE_S3_SOURCE_H_
