#include "rolesel/source/file_source.h"

#include <utility>

#include "rolesel/internal/file_io.h"

namespace rolesel::source {

absl::StatusOr<std::optional<RulesText>> FileSource::Fetch(std::string_view known_revision) {
  absl::StatusOr<std::string> text = internal::ReadFileToString(path_);
  if (!text.ok()) return text.status();
  std::string revision = ContentRevision(*text);
  if (revision == known_revision) return std::nullopt;
  return RulesText{*std::move(text), std::move(revision), path_, internal::DirectoryOf(path_)};
}

}  // namespace rolesel::source
