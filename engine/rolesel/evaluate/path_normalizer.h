// NormalizePath: the request path checks of spec section 5, failing closed.
//
// The path must start with '/', be at most kMaxPathBytes bytes and have at
// most kMaxPathSegments segments; percent-escapes are decoded exactly once;
// an escape of '/', '\', '%', of a byte below 0x20 or of 0x7f, an invalid
// escape, a raw control byte, an empty segment ("//" anywhere, "//" alone),
// a "." or ".." segment (after decoding; also with path parameters, ".;x"
// or "..;", which Java servers read as the dot segment) and a decoded path
// that is not valid UTF-8 (overlong forms and surrogates included) are all
// refused. One trailing '/' is dropped (except for "/" itself).
//
// NormalizedPath is a fixed-size value meant to live on the stack: the hot
// path allocates nothing. Its views point into its own buffer (a path with
// escapes, decoded) or into the raw path (one without, which needs no
// copy), so it must not be copied or moved while they are in use, and the
// raw path must outlive them.
#ifndef ROLESEL_EVALUATE_PATH_NORMALIZER_H_
#define ROLESEL_EVALUATE_PATH_NORMALIZER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/types/span.h"

namespace rolesel {

inline constexpr size_t kMaxPathBytes = 8192;
inline constexpr size_t kMaxPathSegments = 256;

class NormalizedPath {
 public:
  // Leaves the buffers uninitialized: only the first segment_count_ views are
  // ever written and read, and zeroing 12 KiB per decision is pure cost.
  NormalizedPath() {}
  NormalizedPath(const NormalizedPath&) = delete;
  NormalizedPath& operator=(const NormalizedPath&) = delete;

  std::string_view path() const { return std::string_view(data_, length_); }
  absl::Span<const std::string_view> segments() const {
    return absl::MakeConstSpan(segments_, segment_count_);
  }

 private:
  friend bool NormalizePath(std::string_view, NormalizedPath*, std::string*);
  char buffer_[kMaxPathBytes];
  const char* data_ = buffer_;  // buffer_ or the raw path
  size_t length_ = 0;
  union {
    std::string_view segments_[kMaxPathSegments];  // written by placement new
  };
  size_t segment_count_ = 0;
};

// Returns false when the path is refused; `why` (optional) says why.
bool NormalizePath(std::string_view raw, NormalizedPath* out, std::string* why);

}  // namespace rolesel

#endif  // ROLESEL_EVALUATE_PATH_NORMALIZER_H_
