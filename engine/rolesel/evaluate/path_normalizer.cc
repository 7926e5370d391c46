#include "rolesel/evaluate/path_normalizer.h"

#include <new>

#include "rolesel/internal/bytes.h"
#include "simdjson.h"

namespace rolesel {
namespace {

bool Refuse(std::string* why, const char* message) {
  if (why != nullptr) *why = message;
  return false;
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

// Bytes that end a run of ordinary path bytes: a segment's end ('/'), an
// escape ('%', decoded by the second pass), a refusal (a control byte), or
// a byte of a multi-byte UTF-8 sequence (>= 0x80), which sends the path to
// the second pass, where it is validated.
struct SpecialBytes {
  bool special[256] = {};
  constexpr SpecialBytes() {
    for (int c = 0; c < 0x20; ++c) special[c] = true;
    for (int c = 0x7f; c < 0x100; ++c) special[c] = true;
    special[static_cast<unsigned char>('/')] = true;
    special[static_cast<unsigned char>('%')] = true;
  }
};
constexpr SpecialBytes kSpecial;

// "." or "..", also with path parameters after a ';' (".;x", "..;"): what
// Tomcat, Jetty and Spring read as the dot segment itself.
bool IsDotSegment(std::string_view segment) {
  if (segment.empty() || segment.front() != '.') return false;
  const std::string_view name = segment.substr(0, segment.find(';'));
  return name == "." || name == "..";
}

// The checks on a segment, as refusals (nullptr: fine).
const char* SegmentRefusal(std::string_view segment, size_t count) {
  if (segment.empty()) return "path has an empty segment";
  if (IsDotSegment(segment)) return "path has a \".\" or \"..\" segment";
  if (count == kMaxPathSegments) return "path has more than 256 segments";
  return nullptr;
}

}  // namespace

bool NormalizePath(std::string_view raw, NormalizedPath* out, std::string* why) {
  out->data_ = out->buffer_;
  out->length_ = 0;
  out->segment_count_ = 0;
  if (raw.size() > kMaxPathBytes) return Refuse(why, "path is longer than 8192 bytes");
  if (raw.empty() || raw.front() != '/') return Refuse(why, "path does not start with '/'");

  // Without escapes or non-ASCII bytes (nearly every path) nothing is
  // decoded: the path and its segments are views into `raw`, checked in one
  // pass; a '%' or a byte >= 0x80 sends the path to the second pass below.
  const char* p = raw.data();
  const size_t n = raw.size();
  size_t i = 1;
  bool escaped = false;
  while (true) {
    const size_t segment_start = i;
    // The tight loop: most bytes are ordinary, and this runs per byte. (A
    // word-at-a-time scan was tried: segments are too short for it to pay.)
    while (i < n && !kSpecial.special[static_cast<unsigned char>(p[i])]) ++i;
    if (i < n && (p[i] == '%' || static_cast<unsigned char>(p[i]) >= 0x80)) {
      escaped = true;
      break;
    }
    if (i < n && p[i] != '/') return Refuse(why, "path holds a control character");
    if (i == n && segment_start == n) break;  // "/" itself, or one trailing '/'
    std::string_view segment(p + segment_start, i - segment_start);
    if (const char* refusal = SegmentRefusal(segment, out->segment_count_)) {
      return Refuse(why, refusal);
    }
    new (&out->segments_[out->segment_count_++]) std::string_view(segment);
    if (i == n) break;
    ++i;  // past the '/'
  }
  if (!escaped) {
    out->data_ = raw.data();
    out->length_ = n > 1 && raw.back() == '/' ? n - 1 : n;
    return true;
  }
  out->segment_count_ = 0;

  // One pass: decode each escape once into the buffer, and close a segment
  // at each raw '/'. Escaped separators are refused, so every '/' in the
  // buffer was a raw one. The decoded path must then be valid UTF-8 (API
  // Gateway's paths are): a byte that is not (%ff, %80, a truncated %c3, an
  // overlong %c0%ae, a surrogate) would make RE2's patterns fail to match,
  // so a deny written as a regex could be skipped by encoding.
  char* buffer = out->buffer_;
  buffer[0] = '/';
  size_t length = 1;
  size_t segment_start = 1;
  auto close_segment = [&]() -> const char* {
    std::string_view segment(buffer + segment_start, length - segment_start);
    if (const char* refusal = SegmentRefusal(segment, out->segment_count_)) return refusal;
    new (&out->segments_[out->segment_count_++]) std::string_view(segment);
    return nullptr;
  };
  for (size_t i = 1; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == '/') {
      if (const char* refusal = close_segment()) return Refuse(why, refusal);
      buffer[length++] = '/';
      segment_start = length;
      continue;
    }
    if (IsControl(c)) return Refuse(why, "path holds a control character");
    if (c != '%') {
      buffer[length++] = static_cast<char>(c);
      continue;
    }
    int high = i + 2 < raw.size() ? internal::HexDigitValue(raw[i + 1]) : -1;
    int low = i + 2 < raw.size() ? internal::HexDigitValue(raw[i + 2]) : -1;
    if (high < 0 || low < 0) return Refuse(why, "path has an invalid percent-escape");
    unsigned char decoded = static_cast<unsigned char>(high * 16 + low);
    if (decoded == '/' || decoded == '\\' || decoded == '%') {
      return Refuse(why, "path has an escaped '/', '\\' or '%'");
    }
    if (IsControl(decoded)) return Refuse(why, "path has an escaped control character");
    buffer[length++] = static_cast<char>(decoded);
    i += 2;
  }
  if (segment_start < length) {
    if (const char* refusal = close_segment()) return Refuse(why, refusal);
  } else if (length > 1) {
    --length;  // one trailing '/' is dropped; "/" itself stays
  }
  if (!simdjson::validate_utf8(buffer, length)) {
    out->segment_count_ = 0;
    return Refuse(why, "path is not valid UTF-8 once decoded");
  }
  out->length_ = length;
  return true;
}

}  // namespace rolesel
