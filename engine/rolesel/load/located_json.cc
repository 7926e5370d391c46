#include "rolesel/load/located_json.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"

namespace rolesel {

namespace {

// An input iterator over the text that publishes how many bytes the parser
// has consumed, so SAX callbacks know where they are.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* base, const char* at, size_t* consumed)
      : base_(base), at_(at), consumed_(consumed) {}
  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    ++at_;
    *consumed_ = static_cast<size_t>(at_ - base_);
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const CountingIterator& other) const { return at_ == other.at_; }
  bool operator!=(const CountingIterator& other) const { return at_ != other.at_; }

 private:
  const char* base_;
  const char* at_;
  size_t* consumed_;
};

bool IsTokenChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' ||
         c == '-' || c == '.';
}

}  // namespace

// Builds the DOM like nlohmann's own SAX DOM parser, and records offsets.
class LocatingSaxHandler {
 public:
  using number_integer_t = nlohmann::json::number_integer_t;
  using number_unsigned_t = nlohmann::json::number_unsigned_t;
  using number_float_t = nlohmann::json::number_float_t;
  using string_t = nlohmann::json::string_t;
  using binary_t = nlohmann::json::binary_t;

  LocatingSaxHandler(LocatedJson* out, const std::string& text, const size_t* consumed)
      : out_(out), text_(text), consumed_(consumed) {}

  // Set when the parse was stopped for nesting too deep.
  bool too_deep() const { return too_deep_; }

  bool null() { return Scalar(nullptr, ScalarStart()); }
  bool boolean(bool v) { return Scalar(v, ScalarStart()); }
  bool number_integer(number_integer_t v) { return Scalar(v, ScalarStart()); }
  bool number_unsigned(number_unsigned_t v) { return Scalar(v, ScalarStart()); }
  bool number_float(number_float_t v, const string_t&) { return Scalar(v, ScalarStart()); }
  bool string(string_t& v) { return Scalar(std::move(v), StringStart()); }
  bool binary(binary_t&) { return false; }

  bool start_object(std::size_t) { return Open(nlohmann::json::object(), *consumed_ - 1); }
  bool end_object() { return Close('}'); }
  bool start_array(std::size_t) { return Open(nlohmann::json::array(), *consumed_ - 1); }
  bool end_array() { return Close(']'); }

  bool key(string_t& k) {
    Frame& frame = stack_.back();
    frame.pending_key = std::move(k);  // the lexer refills its buffer
    frame.pending_key_location = Locate(StringStart());
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) {
    // `position` is just past the last character read; point at the start
    // of the token it ends (a string, a literal or number, or one
    // structural character).
    error_offset_ = position == 0 ? 0 : position - 1;
    if (error_offset_ < text_.size()) {
      char last = text_[error_offset_];
      if (last == '"' && !last_token.empty() && last_token.front() == '"' &&
          last_token.size() > 1) {
        error_offset_ = StringStartBefore(position);
      } else if (IsTokenChar(last)) {
        while (error_offset_ > 0 && IsTokenChar(text_[error_offset_ - 1])) --error_offset_;
      }
    }
    std::string what = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: xyz"
    size_t colon = what.find(": ", what.find("column"));
    error_message_ = colon == std::string::npos ? what : what.substr(colon + 2);
    last_token_ = last_token;
    return false;
  }

  size_t error_offset() const { return error_offset_; }
  const std::string& error_message() const { return error_message_; }
  const std::string& last_token() const { return last_token_; }

 private:
  struct Frame {
    nlohmann::json* value;
    uint32_t node;  // the container's, in out_->spots_
    std::string pending_key;
    SourceLocation pending_key_location;
  };

  // The line and column of `offset`, counted on from the last position
  // asked for. Positions come in text order but for a step back within
  // the current token (a string's or a number's start), so the counting
  // costs O(1) per position, amortized; a step back over a line break is
  // counted again from its line's start.
  SourceLocation Locate(size_t offset) {
    offset = std::min(offset, text_.size());
    if (offset >= cursor_offset_) {
      for (size_t i = cursor_offset_; i < offset; ++i) {
        const unsigned char c = static_cast<unsigned char>(text_[i]);
        if (c == '\n') {
          ++cursor_.line;
          cursor_.column = 1;
        } else if ((c & 0xC0) != 0x80) {
          ++cursor_.column;  // count UTF-8 code points
        }
      }
    } else {
      bool crossed_line = false;
      int columns = 0;
      for (size_t i = offset; i < cursor_offset_; ++i) {
        const unsigned char c = static_cast<unsigned char>(text_[i]);
        if (c == '\n') crossed_line = true;
        if ((c & 0xC0) != 0x80) ++columns;
      }
      if (crossed_line) {
        cursor_ = out_->LocationOf(offset);
      } else {
        cursor_.column -= columns;
      }
    }
    cursor_offset_ = offset;
    return cursor_;
  }

  // One past the end of the number or literal starting at `start`.
  size_t TokenEnd(size_t start) const {
    size_t end = start;
    while (end < text_.size() && IsTokenChar(text_[end])) ++end;
    return end;
  }

  // Start of a string token that just ended: the unescaped opening quote.
  size_t StringStart() const { return StringStartBefore(*consumed_); }

  // `end` is one past a closing quote.
  size_t StringStartBefore(size_t end) const {
    if (end < 2) return 0;
    for (size_t i = end - 1; i-- > 0;) {
      if (text_[i] != '"') continue;
      size_t backslashes = 0;
      while (i > backslashes && text_[i - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
    return 0;
  }

  // Start of a number or literal token: the lexer may have read one
  // delimiter past its end.
  size_t ScalarStart() const {
    size_t at = *consumed_ == 0 ? 0 : *consumed_ - 1;
    while (at > 0 && at < text_.size() && !IsTokenChar(text_[at])) --at;
    while (at > 0 && IsTokenChar(text_[at - 1])) --at;
    return at;
  }

  // Where the next value goes; returns its place in the DOM and records
  // its spot under the open container's node. `node_out` (a
  // container's, which its children name as their parent) may be null.
  // `end` is the value's end, or 0 for a container (set when it closes).
  nlohmann::json* Place(nlohmann::json value, size_t offset, size_t end, uint32_t* node_out) {
    const SourceLocation at = Locate(offset);
    const SpotTree::Kind kind = value.is_object()  ? SpotTree::Kind::kObject
                                : value.is_array() ? SpotTree::Kind::kArray
                                                   : SpotTree::Kind::kScalar;
    SpotTree& spots = out_->spots_;
    if (stack_.empty()) {
      out_->root_ = std::move(value);
      const uint32_t node = spots.Add({at, at, offset, end}, SpotTree::kNoParent, kind, {});
      if (node_out != nullptr) *node_out = node;
      return &out_->root_;
    }
    Frame& parent = stack_.back();
    nlohmann::json* placed;
    uint32_t node;
    if (parent.value->is_object()) {
      if (parent.value->contains(parent.pending_key)) RecordDuplicateKey(parent);
      node = spots.Add({parent.pending_key_location, at, offset, end}, parent.node, kind,
                       parent.pending_key);
      placed = &(*parent.value)[parent.pending_key];
      *placed = std::move(value);
    } else {
      node = spots.Add({at, at, offset, end}, parent.node, kind, {});
      parent.value->push_back(std::move(value));
      placed = &parent.value->back();
    }
    if (node_out != nullptr) *node_out = node;
    return placed;
  }

  // A key twice: recorded for the caller to refuse (with both positions);
  // the DOM keeps the last value, and look-ups find the last key's node.
  // Rare, so the member's pointer is worked out only here.
  void RecordDuplicateKey(const Frame& parent) {
    const SourceLocation first_at = out_->spots_.FirstKeyLocation(parent.node, parent.pending_key);
    Diagnostic d;
    d.location = parent.pending_key_location;
    d.severity = Diagnostic::Severity::kError;
    d.message = absl::StrCat("duplicate key ", internal::JsonQuote(parent.pending_key),
                             " (first at line ", first_at.line, ", column ", first_at.column,
                             "); a key may appear once in an object");
    d.check = "duplicate-key";
    out_->duplicate_keys_.push_back(
        {LocatedJson::Child(out_->spots_.PointerOf(parent.node), parent.pending_key),
         std::move(d)});
  }

  template <typename T>
  bool Scalar(T&& v, size_t offset) {
    // A string ends at the quote just consumed; a number or literal where
    // its characters do (the lexer may have read one past it).
    const size_t end = text_[offset] == '"' ? *consumed_ : TokenEnd(offset);
    Place(nlohmann::json(std::forward<T>(v)), offset, end, nullptr);
    return true;
  }

  bool Open(nlohmann::json container, size_t offset) {
    if (stack_.size() >= static_cast<size_t>(internal::kMaxJsonDepth)) {
      // Refused before it costs: every open container holds a frame.
      too_deep_ = true;
      error_offset_ = offset;
      error_message_ = absl::StrCat("nesting deeper than ", internal::kMaxJsonDepth, " levels");
      return false;
    }
    uint32_t node = 0;
    nlohmann::json* placed = Place(std::move(container), offset, 0, &node);
    stack_.push_back(Frame{placed, node, {}, {}});
    return true;
  }

  bool Close(char closing) {
    // The closing bracket was the last character consumed.
    size_t end = std::min(*consumed_, text_.size());
    while (end > 0 && text_[end - 1] != closing) --end;
    out_->spots_.SetEnd(stack_.back().node, end);
    stack_.pop_back();
    return true;
  }

  LocatedJson* out_;
  const std::string& text_;
  const size_t* consumed_;
  std::vector<Frame> stack_;
  SourceLocation cursor_;  // the position of cursor_offset_
  size_t cursor_offset_ = 0;
  bool too_deep_ = false;
  size_t error_offset_ = 0;
  std::string error_message_;
  std::string last_token_;
};

bool LocatedJson::Parse(std::string_view text, LocatedJson* out, Diagnostic* error) {
  *out = LocatedJson();
  out->text_ = std::string(text);
  out->line_starts_.push_back(0);
  for (size_t i = 0; i < out->text_.size(); ++i) {
    if (out->text_[i] == '\n') out->line_starts_.push_back(i + 1);
  }
  // A hint for the node table: about one value per ':' and ','.
  size_t values = 1;
  for (char c : out->text_) values += (c == ':' || c == ',') ? 1 : 0;
  out->spots_.Reserve(std::min(values, out->text_.size() / 2 + 1));
  size_t consumed = 0;
  const char* base = out->text_.data();
  CountingIterator first(base, base, &consumed);
  CountingIterator last(base, base + out->text_.size(), &consumed);
  LocatingSaxHandler handler(out, out->text_, &consumed);
  bool ok = nlohmann::json::sax_parse(first, last, &handler, nlohmann::json::input_format_t::json,
                                      /*strict=*/true, /*ignore_comments=*/true);
  out->spots_.Index();
  if (ok) return true;
  if (handler.too_deep()) {
    error->location = out->LocationOf(handler.error_offset());
    error->severity = Diagnostic::Severity::kError;
    error->message = handler.error_message();
    error->check = "too-deep";
    return false;
  }

  size_t offset = std::min(handler.error_offset(), out->text_.size());
  std::string message = handler.error_message();
  // A trailing comma reads as "unexpected ']'" / "expected string literal";
  // name it for what it is, at the comma.
  const std::string& token = handler.last_token();
  if (!token.empty() && (token.back() == '}' || token.back() == ']') && offset > 0) {
    size_t at = offset;
    while (at > 0) {
      --at;
      char c = out->text_[at];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
      if (c == ',') {
        offset = at;
        message = "trailing comma is not allowed";
      }
      break;
    }
  }
  if (out->text_.empty() || out->text_.find_first_not_of(" \t\r\n") == std::string::npos) {
    message = "the file is empty; expected a JSON object";
  }
  error->location = out->LocationOf(offset);
  error->severity = Diagnostic::Severity::kError;
  error->message = absl::StrCat("JSON syntax error: ", message);
  error->check = "syntax";
  return false;
}

SourceLocation LocatedJson::LocationOf(size_t offset) const {
  if (line_starts_.empty()) return {};
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  size_t start = line_starts_[line_index];
  int column = 1;
  for (size_t i = start; i < offset && i < text_.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text_[i]);
    if ((c & 0xC0) != 0x80) ++column;  // count UTF-8 code points
  }
  return SourceLocation{static_cast<int>(line_index) + 1, column};
}

SourceLocation LocatedJson::ValueLocation(const std::string& pointer) const {
  const SpotTree::Spot* spot = spots_.Find(pointer);
  return spot == nullptr ? SourceLocation{} : spot->value;
}

SourceLocation LocatedJson::KeyLocation(const std::string& pointer) const {
  const SpotTree::Spot* spot = spots_.Find(pointer);
  return spot == nullptr ? SourceLocation{} : spot->key;
}

std::string_view LocatedJson::RawText(const std::string& pointer) const {
  const SpotTree::Spot* spot = spots_.Find(pointer);
  if (spot == nullptr || spot->end < spot->begin) return {};
  return std::string_view(text_).substr(spot->begin, spot->end - spot->begin);
}

std::string LocatedJson::Child(const std::string& pointer, std::string_view key) {
  return SpotTree::Child(pointer, key);
}

std::string LocatedJson::Child(const std::string& pointer, size_t index) {
  return SpotTree::Child(pointer, index);
}

}  // namespace rolesel
