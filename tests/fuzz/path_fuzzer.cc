// "PATTERN\nPATH" -> path normalization and pattern matching.
// Oracles: a normalized path is canonical (no empty, "." or ".." segment,
// no '%' left, valid UTF-8, no dot segment with path parameters) and
// normalizing it again changes nothing; matching never
// crashes, and a literal pattern matches exactly its own path.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_oracles.h"
#include "rolesel/evaluate/path_normalizer.h"
#include "rolesel/matchers/path_pattern.h"
#include "simdjson.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using rolesel::fuzz::Check;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  std::string_view pattern_text = input.substr(0, newline);
  std::string_view raw_path = newline == std::string_view::npos ? input : input.substr(newline + 1);

  auto path = std::make_unique<rolesel::NormalizedPath>();
  if (!rolesel::NormalizePath(raw_path, path.get(), nullptr)) return 0;
  std::string normalized(path->path());
  Check(!normalized.empty() && normalized[0] == '/', "a normalized path starts with '/'");
  Check(normalized.find('%') == std::string::npos, "a normalized path has no escapes left");
  for (std::string_view segment : path->segments()) {
    Check(!segment.empty() && segment != "." && segment != "..",
          "no empty, '.' or '..' segment survives");
    const std::string_view name = segment.substr(0, segment.find(';'));
    Check(name != "." && name != "..", "no '..;' segment survives");
  }
  Check(simdjson::validate_utf8(normalized.data(), normalized.size()),
        "a normalized path is valid UTF-8");
  auto again = std::make_unique<rolesel::NormalizedPath>();
  Check(rolesel::NormalizePath(normalized, again.get(), nullptr) && again->path() == normalized,
        "normalization is idempotent");

  auto pattern = rolesel::PathPattern::Parse(pattern_text);
  if (!pattern.ok()) return 0;
  bool matches = pattern->Matches(path->path(), path->segments());
  bool literal = !pattern->is_regex();
  for (const auto& segment : pattern->segments()) {
    literal = literal && segment.kind == rolesel::PathPattern::SegmentKind::kLiteral;
  }
  if (literal) {
    auto own = std::make_unique<rolesel::NormalizedPath>();
    if (rolesel::NormalizePath(pattern_text, own.get(), nullptr)) {
      Check(matches == (own->path() == normalized), "a literal pattern matches only itself");
    }
  }
  return 0;
}
