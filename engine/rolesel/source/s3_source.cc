#include "rolesel/source/s3_source.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "pugixml.hpp"
#include "rolesel/source/http_fetch.h"
#include "rolesel/sts/sigv4.h"

namespace rolesel::source {
namespace {

// S3's error code ("NoSuchKey", "AccessDenied", "SignatureDoesNotMatch").
std::string S3ErrorCode(const std::string& body) {
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size())) return "";
  return doc.child("Error").child_value("Code");
}

}  // namespace

absl::StatusOr<std::unique_ptr<RulesSource>> S3Source::Create(
    std::string location, std::string bucket, std::string key, std::string region,
    std::string endpoint, std::shared_ptr<sts::CredentialsProvider> credentials,
    absl::Duration timeout) {
  std::unique_ptr<S3Source> source(new S3Source());
  source->location_ = std::move(location);
  source->region_ = std::move(region);
  source->credentials_ = std::move(credentials);
  source->timeout_ = timeout;
  if (endpoint.empty()) {
    source->host_ = absl::StrCat(bucket, ".s3.", source->region_, ".amazonaws.com");
    source->base_url_ = absl::StrCat("https://", source->host_);
    source->path_ = absl::StrCat("/", key);
  } else {
    absl::StatusOr<internal::HttpEndpoint> parsed =
        internal::ParseHttpEndpoint(std::move(endpoint), "S3 endpoint");
    if (!parsed.ok()) return parsed.status();
    source->host_ = parsed->host;
    source->base_url_ = parsed->url;
    source->path_ = absl::StrCat("/", bucket, "/", key);
  }
  return std::unique_ptr<RulesSource>(std::move(source));
}

absl::StatusOr<std::optional<RulesText>> S3Source::Fetch(std::string_view known_revision) {
  absl::StatusOr<sts::AwsCredentials> credentials = credentials_->GetCredentials();
  if (!credentials.ok()) {
    return absl::Status(credentials.status().code(),
                        absl::StrCat(location_, ": ", credentials.status().message()));
  }
  sts::HttpRequest request;
  request.method = "GET";
  request.path = path_;
  request.headers = {{"Host", host_}};
  const bool conditional = !etag_.empty() && etag_revision_ == known_revision;
  if (conditional) request.headers.emplace_back("If-None-Match", etag_);
  sts::SigningOptions signing;
  signing.region = region_;
  signing.service = "s3";
  signing.time = absl::Now();
  signing.normalize_path = false;  // S3 keys are taken as written
  signing.sign_body_header = true;
  sts::SignRequest(&request, *credentials, signing);

  std::vector<std::string> headers;
  for (const auto& [name, value] : request.headers) {
    headers.push_back(absl::StrCat(name, ": ", value));
  }
  absl::StatusOr<internal::HttpReply> reply = FetchRulesOverHttp(
      &http_, base_url_ + sts::UriEncode(path_, true), std::move(headers), timeout_, location_);
  if (!reply.ok()) return reply.status();
  if (reply->status == 304 && conditional) return std::nullopt;
  if (reply->status != 200) {
    const std::string code = S3ErrorCode(reply->body);
    return absl::UnavailableError(absl::StrCat(location_, ": S3 answered HTTP ", reply->status,
                                               code.empty() ? "" : " ", code));
  }
  const std::string etag = reply->Header("etag");
  std::string revision;
  if (etag.empty()) {
    revision = ContentRevision(reply->body);
  } else {
    std::string bare = etag;
    if (bare.size() >= 2 && bare.front() == '"' && bare.back() == '"') {
      bare = bare.substr(1, bare.size() - 2);
    }
    revision = absl::StrCat("etag:", bare);
  }
  etag_ = etag;
  etag_revision_ = revision;
  if (revision == known_revision) return std::nullopt;
  return RulesText{std::move(reply->body), std::move(revision), location_, "."};
}

}  // namespace rolesel::source
