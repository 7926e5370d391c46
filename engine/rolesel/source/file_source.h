// FileSource: rules from a file, re-read on every Fetch(); a new revision
// when its bytes change (its SHA-256). Internal to source/.
#ifndef ROLESEL_SOURCE_FILE_SOURCE_H_
#define ROLESEL_SOURCE_FILE_SOURCE_H_

#include <string>

#include "rolesel/source/rules_source.h"

namespace rolesel::source {

class FileSource : public RulesSource {
 public:
  explicit FileSource(std::string path) : path_(std::move(path)) {}
  absl::StatusOr<std::optional<RulesText>> Fetch(std::string_view known_revision) override;
  const std::string& location() const override { return path_; }

 private:
  std::string path_;
};

}  // namespace rolesel::source

#endif  // ROLESEL_SOURCE_FILE_SOURCE_H_
