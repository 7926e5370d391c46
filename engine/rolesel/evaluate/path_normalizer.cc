#include "rolesel/evaluate/path_normalizer.h"

namespace rolesel {
namespace {

bool Refuse(std::string* why, const char* message) {
  if (why != nullptr) *why = message;
  return false;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

}  // namespace

bool NormalizePath(std::string_view raw, NormalizedPath* out, std::string* why) {
  out->length_ = 0;
  out->segment_count_ = 0;
  if (raw.size() > kMaxPathBytes) return Refuse(why, "path is longer than 8192 bytes");
  if (raw.empty() || raw.front() != '/') return Refuse(why, "path does not start with '/'");

  // Decode once. Escaped separators and controls are refused, so every '/'
  // in the decoded buffer was a raw '/'.
  char* buffer = out->buffer_.data();
  size_t length = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (IsControl(c)) return Refuse(why, "path holds a control character");
    if (c != '%') {
      buffer[length++] = static_cast<char>(c);
      continue;
    }
    int high = i + 2 < raw.size() ? HexValue(raw[i + 1]) : -1;
    int low = i + 2 < raw.size() ? HexValue(raw[i + 2]) : -1;
    if (high < 0 || low < 0) return Refuse(why, "path has an invalid percent-escape");
    unsigned char decoded = static_cast<unsigned char>(high * 16 + low);
    if (decoded == '/' || decoded == '\\' || decoded == '%') {
      return Refuse(why, "path has an escaped '/', '\\' or '%'");
    }
    if (IsControl(decoded)) return Refuse(why, "path has an escaped control character");
    buffer[length++] = static_cast<char>(decoded);
    i += 2;
  }

  // Empty segments anywhere are refused before the trailing '/' is dropped,
  // so "//" does not become "/".
  for (size_t i = 1; i < length; ++i) {
    if (buffer[i] == '/' && buffer[i - 1] == '/') return Refuse(why, "path has an empty segment");
  }
  if (length > 1 && buffer[length - 1] == '/') --length;

  size_t start = 1;
  while (start < length) {
    size_t end = start;
    while (end < length && buffer[end] != '/') ++end;
    std::string_view segment(buffer + start, end - start);
    if (segment == "." || segment == "..") {
      return Refuse(why, "path has a \".\" or \"..\" segment");
    }
    if (out->segment_count_ == kMaxPathSegments) {
      return Refuse(why, "path has more than 256 segments");
    }
    out->segments_[out->segment_count_++] = segment;
    start = end + 1;
  }
  out->length_ = length;
  return true;
}

}  // namespace rolesel
