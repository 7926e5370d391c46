// LiveRules: the rules a function serves, kept current from a RulesSource
// without a redeploy (the AppConfig extension's model: poll, keep the last
// good revision when a poll fails).
//
//   - Create() fetches, loads and lints the first revision: when it cannot
//     be had, or has lint errors (unless allow_lint_errors), it fails, and
//     the function's init fails with it, as before.
//   - Start() runs a poller thread: every poll_interval it fetches; a new
//     revision is loaded, compiled and linted in full before it is swapped
//     in, so deciding threads never see half a rule set. A revision that
//     fails to fetch, load or lint is refused with a log line, and the last
//     good one keeps serving. A refused revision is not retried until the
//     source's revision changes again.
//   - With `shadow` > 0, a new revision first runs as the candidate beside
//     the enforced one for that long (the handler decides with both and
//     counts their differences; rolesel/shadow.h), then it is promoted.
//
// Current() is what a decision uses: an atomic load of one shared pointer
// (libstdc++ guards it with a short internal lock for the pointer copy,
// never for a fetch or a load), so a revision lives until its last decision
// is done. Thread-safe. Every log line is one JSON object naming the
// revision.
#ifndef ROLESEL_LAMBDA_LIVE_RULES_H_
#define ROLESEL_LAMBDA_LIVE_RULES_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rolesel/rule_set.h"
#include "rolesel/source/rules_source.h"

namespace rolesel::lambda {

struct LiveRulesOptions {
  absl::Duration poll_interval = absl::Seconds(45);  // ROLESEL_RULES_POLL_SECONDS
  absl::Duration shadow = absl::ZeroDuration();      // ROLESEL_SHADOW_SECONDS
  bool allow_lint_errors = false;                    // ROLESEL_ALLOW_LINT_ERRORS=1
  // One JSON object per line; by default standard error (CloudWatch).
  std::function<void(std::string_view)> log;
  std::function<absl::Time()> now = [] { return absl::Now(); };

  // The options above from the environment, over `defaults`; InvalidArgument
  // names a variable that is not a number of seconds.
  static absl::StatusOr<LiveRulesOptions> FromEnvironment(LiveRulesOptions defaults);
};

// What one decision uses: the enforced rules, and the candidate when one is
// being shadowed.
struct RulesSnapshot {
  std::shared_ptr<const RuleSet> enforced;
  std::shared_ptr<const RuleSet> candidate;  // null unless shadowing
};

class LiveRules {
 public:
  static absl::StatusOr<std::unique_ptr<LiveRules>> Create(
      std::unique_ptr<source::RulesSource> source, LiveRulesOptions options);
  // Rules that never change: no source, no poller.
  static std::unique_ptr<LiveRules> Fixed(std::shared_ptr<const RuleSet> rules);
  ~LiveRules();  // stops the poller
  LiveRules(const LiveRules&) = delete;
  LiveRules& operator=(const LiveRules&) = delete;

  RulesSnapshot Current() const;

  // Starts the poller thread (once; nothing for Fixed rules).
  void Start();
  // One poll now, on the calling thread: fetch, and swap in (or shadow) a
  // good new revision; then promote a candidate whose shadow time is over.
  // What Start()'s thread does every interval.
  void PollOnce();

  // Counted since creation.
  int64_t reloads() const { return reloads_.load(); }
  int64_t failed_reloads() const { return failed_reloads_.load(); }
  int64_t shadow_differences() const { return shadow_differences_.load(); }
  // The handler reports each decision the candidate would change.
  void CountShadowDifference() { shadow_differences_.fetch_add(1); }

  const std::string& location() const { return location_; }

 private:
  LiveRules() = default;
  // Loads and lints `text`; the rule set, or why it is refused.
  absl::StatusOr<std::shared_ptr<const RuleSet>> Build(const source::RulesText& text) const;
  void Publish(RulesSnapshot snapshot);
  void Log(std::string_view event, std::string_view revision, std::string_view detail) const;
  void Run();

  std::unique_ptr<source::RulesSource> source_;
  LiveRulesOptions options_;
  std::string location_;
  std::shared_ptr<const RulesSnapshot> current_;  // read and written atomically
  // The poller's own state (PollOnce runs on one thread at a time).
  std::mutex poll_mutex_;
  std::string latest_seen_;  // the newest revision fetched, good or not
  absl::Time promote_at_ = absl::InfiniteFuture();
  std::atomic<int64_t> reloads_{0};
  std::atomic<int64_t> failed_reloads_{0};
  std::atomic<int64_t> shadow_differences_{0};
  std::mutex stop_mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread poller_;
};

}  // namespace rolesel::lambda

#endif  // ROLESEL_LAMBDA_LIVE_RULES_H_
