#include "rolesel/lambda/live_rules.h"

#include <cstdlib>
#include <iostream>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/environment.h"
#include "rolesel/lambda/log_lines.h"
#include "rolesel/lint/linter.h"

namespace rolesel::lambda {
absl::StatusOr<LiveRulesOptions> LiveRulesOptions::FromEnvironment(LiveRulesOptions defaults) {
  LiveRulesOptions options = std::move(defaults);
  if (absl::Status s =
          internal::SecondsFromEnv("ROLESEL_RULES_POLL_SECONDS", &options.poll_interval);
      !s.ok()) {
    return s;
  }
  if (options.poll_interval < absl::Milliseconds(100)) {
    return absl::InvalidArgumentError("ROLESEL_RULES_POLL_SECONDS must be at least 0.1");
  }
  if (absl::Status s = internal::SecondsFromEnv("ROLESEL_SHADOW_SECONDS", &options.shadow);
      !s.ok()) {
    return s;
  }
  const char* lint = std::getenv("ROLESEL_ALLOW_LINT_ERRORS");
  if (lint != nullptr && std::string_view(lint) == "1") options.allow_lint_errors = true;
  return options;
}

absl::StatusOr<std::unique_ptr<LiveRules>> LiveRules::Create(
    std::unique_ptr<source::RulesSource> source, LiveRulesOptions options) {
  std::unique_ptr<LiveRules> live(new LiveRules());
  if (!options.log) options.log = WriteLogLine;
  live->location_ = source->location();
  live->source_ = std::move(source);
  live->options_ = std::move(options);
  absl::StatusOr<std::optional<source::RulesText>> first = live->source_->Fetch("");
  if (!first.ok()) return first.status();
  if (!*first) return absl::InternalError(live->location_ + ": no rules text");
  absl::StatusOr<std::shared_ptr<const RuleSet>> rules = live->Build(**first);
  if (!rules.ok()) return rules.status();
  live->latest_seen_ = (*first)->revision;
  live->Publish({*std::move(rules), nullptr});
  live->Log("rules_loaded", live->latest_seen_, "");
  return live;
}

std::unique_ptr<LiveRules> LiveRules::Fixed(std::shared_ptr<const RuleSet> rules) {
  std::unique_ptr<LiveRules> live(new LiveRules());
  live->options_.log = [](std::string_view) {};
  live->latest_seen_ = rules->revision();
  live->Publish({std::move(rules), nullptr});
  return live;
}

LiveRules::~LiveRules() {
  {
    std::lock_guard<std::mutex> lock(stop_mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  if (poller_.joinable()) poller_.join();
}

RulesSnapshot LiveRules::Current() const { return *std::atomic_load(&current_); }

void LiveRules::Publish(RulesSnapshot snapshot) {
  std::atomic_store(&current_, std::shared_ptr<const RulesSnapshot>(
                                   std::make_shared<RulesSnapshot>(std::move(snapshot))));
}

absl::StatusOr<std::shared_ptr<const RuleSet>> LiveRules::Build(
    const source::RulesText& text) const {
  absl::StatusOr<std::unique_ptr<RuleSet>> rules =
      RuleSet::FromString(text.text, text.name, text.base_dir, text.revision);
  if (!rules.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("revision ", text.revision, " does not load: ", rules.status().message()));
  }
  if (!options_.allow_lint_errors) {
    std::vector<std::string> errors;
    for (const Diagnostic& d : LintRules(text.text, text.name, text.base_dir)) {
      if (d.severity == Diagnostic::Severity::kError) errors.push_back(d.Format(text.name));
    }
    if (!errors.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("revision ", text.revision,
                       " has lint errors (ROLESEL_ALLOW_LINT_ERRORS=1 serves it anyway): ",
                       absl::StrJoin(errors, "; ")));
    }
  }
  return std::shared_ptr<const RuleSet>(*std::move(rules));
}

void LiveRules::Log(std::string_view event, std::string_view revision,
                    std::string_view detail) const {
  const absl::Time now = options_.now();
  LogFields fields = {{"source", location_}, {"revision", revision}};
  if (!detail.empty()) fields.emplace_back("detail", detail);
  const bool failure = event == "rules_refused" || event == "rules_fetch_failed";
  options_.log(LogLine(now, failure ? "error" : "info", event, fields));
  if (event == "rules_loaded" || event == "rules_promoted" || failure) {
    options_.log(MetricLine(now, {}, {{}}, {{failure ? "ReloadFailures" : "Reloads", "Count", 1.0}},
                            {{"Revision", revision}, {"Event", event}}));
  }
}

void LiveRules::PollOnce() {
  if (source_ == nullptr) return;
  std::lock_guard<std::mutex> lock(poll_mutex_);
  absl::StatusOr<std::optional<source::RulesText>> fetched = source_->Fetch(latest_seen_);
  if (!fetched.ok()) {
    failed_reloads_.fetch_add(1);
    Log("rules_fetch_failed", Current().enforced->revision(),
        internal::Std(fetched.status().message()));
  } else if (*fetched) {
    latest_seen_ = (*fetched)->revision;
    absl::StatusOr<std::shared_ptr<const RuleSet>> rules = Build(**fetched);
    if (!rules.ok()) {
      failed_reloads_.fetch_add(1);
      Log("rules_refused", latest_seen_, internal::Std(rules.status().message()));
    } else if (options_.shadow > absl::ZeroDuration()) {
      RulesSnapshot next = Current();
      next.candidate = *std::move(rules);
      Publish(std::move(next));
      promote_at_ = options_.now() + options_.shadow;
      Log("rules_shadowing", latest_seen_,
          absl::StrCat("candidate beside ", Current().enforced->revision(), " for ",
                       absl::FormatDuration(options_.shadow)));
    } else {
      reloads_.fetch_add(1);
      Publish({*std::move(rules), nullptr});
      Log("rules_loaded", latest_seen_, "");
    }
  }
  RulesSnapshot snapshot = Current();
  if (snapshot.candidate != nullptr && options_.now() >= promote_at_) {
    reloads_.fetch_add(1);
    const std::string revision = snapshot.candidate->revision();
    Publish({std::move(snapshot.candidate), nullptr});
    promote_at_ = absl::InfiniteFuture();
    Log("rules_promoted", revision, "");
  }
}

void LiveRules::Start() {
  if (source_ == nullptr || poller_.joinable()) return;
  poller_ = std::thread([this] { Run(); });
}

void LiveRules::Run() {
  while (true) {
    absl::Duration wait = options_.poll_interval;
    {
      std::lock_guard<std::mutex> lock(poll_mutex_);
      if (promote_at_ != absl::InfiniteFuture()) {
        wait = std::min(wait, std::max(absl::ZeroDuration(), promote_at_ - options_.now()));
      }
    }
    std::unique_lock<std::mutex> lock(stop_mutex_);
    if (stop_.wait_for(lock, absl::ToChronoMilliseconds(wait), [this] { return stopping_; })) {
      return;
    }
    lock.unlock();
    PollOnce();
  }
}

}  // namespace rolesel::lambda
