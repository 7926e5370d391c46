// A RulesSource whose text and revision a test sets, or makes fail.
#ifndef ROLESEL_TESTS_ENGINE_LAMBDA_SETTABLE_SOURCE_H_
#define ROLESEL_TESTS_ENGINE_LAMBDA_SETTABLE_SOURCE_H_

#include <mutex>
#include <string>
#include <utility>

#include "rolesel/source/rules_source.h"

namespace rolesel::testing {

class SettableSource : public source::RulesSource {
 public:
  absl::StatusOr<std::optional<source::RulesText>> Fetch(std::string_view known) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++fetches;
    if (!fail.ok()) return fail;
    if (revision_ == known) return std::nullopt;
    return source::RulesText{text_, revision_, "settable", "."};
  }
  const std::string& location() const override { return location_; }
  void Set(std::string text, std::string revision) {
    std::lock_guard<std::mutex> lock(mu_);
    text_ = std::move(text);
    revision_ = std::move(revision);
  }
  absl::Status fail = absl::OkStatus();
  int fetches = 0;

 private:
  std::mutex mu_;
  std::string text_, revision_;
  std::string location_ = "settable://";
};

}  // namespace rolesel::testing

#endif  // ROLESEL_TESTS_ENGINE_LAMBDA_SETTABLE_SOURCE_H_
