#include "rolesel/source/appconfig_source.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "rolesel/source/http_fetch.h"
#include "rolesel/sts/sigv4.h"

namespace rolesel::source {
namespace {

// A short, printable excerpt of an error body for messages.
std::string Excerpt(const std::string& body) {
  std::string out;
  for (char c : body.substr(0, 200)) out.push_back(c >= 0x20 && c < 0x7f ? c : ' ');
  return out;
}

}  // namespace

AppConfigSource::AppConfigSource(std::string location, const std::string& application,
                                 const std::string& environment, const std::string& configuration,
                                 int port, absl::Duration timeout)
    : location_(std::move(location)),
      url_(absl::StrCat("http://localhost:", port, "/applications/",
                        sts::UriEncode(application, false), "/environments/",
                        sts::UriEncode(environment, false), "/configurations/",
                        sts::UriEncode(configuration, false))),
      timeout_(timeout) {}

absl::StatusOr<std::optional<RulesText>> AppConfigSource::Fetch(std::string_view known_revision) {
  absl::StatusOr<internal::HttpReply> reply =
      FetchRulesOverHttp(&http_, url_, {}, timeout_, location_);
  if (!reply.ok()) return reply.status();
  if (reply->status != 200) {
    return absl::UnavailableError(absl::StrCat(location_,
                                               ": the AppConfig extension answered HTTP ",
                                               reply->status, ": ", Excerpt(reply->body)));
  }
  std::string revision = reply->Header("configuration-version");
  revision = revision.empty() ? ContentRevision(reply->body) : absl::StrCat("appconfig:", revision);
  if (revision == known_revision) return std::nullopt;
  return RulesText{std::move(reply->body), std::move(revision), location_, "."};
}

}  // namespace rolesel::source
