#include "rolesel/matchers/session_template.h"

#include <algorithm>
#include <cctype>

namespace rolesel {
namespace {

constexpr size_t kMaxSessionName = 64;
constexpr size_t kMinSessionName = 2;

// RoleSessionName's alphabet, [\w+=,.@-], as a table: sanitizing is on the
// hot path of every allow.
struct SessionNameAlphabet {
  bool allowed[256] = {};
  constexpr SessionNameAlphabet() {
    for (int c = 'a'; c <= 'z'; ++c) allowed[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) allowed[c] = true;
    for (int c = '0'; c <= '9'; ++c) allowed[c] = true;
    for (char c : {'_', '+', '=', ',', '.', '@', '-'})
      allowed[static_cast<unsigned char>(c)] = true;
  }
};
constexpr SessionNameAlphabet kAlphabet;

// Length of the UTF-8 sequence starting with `lead`; 1 for a stray byte.
size_t Utf8SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

const std::string* FirstValue(const ClaimValue* value, bool as_list) {
  if (value == nullptr) return nullptr;
  const absl::Span<const std::string> elements = as_list ? value->list() : value->elements();
  return elements.empty() ? nullptr : &elements.front();
}

}  // namespace

bool IsSessionNameChar(unsigned char c) { return kAlphabet.allowed[c]; }

TemplatePart ClaimPart(std::string_view name) {
  TemplatePart part{true, std::string(name), false, -1};
  for (int i = 0; i < kWellKnownClaimCount; ++i) {
    if (WellKnownClaimName(static_cast<WellKnownClaim>(i)) == name) part.well_known = i;
  }
  return part;
}

void UseListClaims(const absl::flat_hash_set<std::string>& list_claims,
                   std::vector<TemplatePart>* parts) {
  for (TemplatePart& part : *parts) part.as_list = part.is_claim && list_claims.contains(part.text);
}

const std::string* FirstClaimValue(const Claims& claims, const TemplatePart& part) {
  const ClaimValue* value = part.well_known >= 0
                                ? claims.Find(static_cast<WellKnownClaim>(part.well_known))
                                : claims.Find(part.text);
  return FirstValue(value, part.as_list);
}

void SanitizeSessionName(std::string* name) {
  // Most names (a username, an email, a uuid) are already valid: check
  // before rewriting.
  if (name->size() <= kMaxSessionName && std::all_of(name->begin(), name->end(), [](char c) {
        return IsSessionNameChar(static_cast<unsigned char>(c));
      })) {
    return;
  }
  size_t write = 0;
  size_t read = 0;
  const size_t size = name->size();
  while (read < size && write < kMaxSessionName) {
    unsigned char c = static_cast<unsigned char>((*name)[read]);
    if (c < 0x80) {
      (*name)[write++] = IsSessionNameChar(c) ? static_cast<char>(c) : '-';
      ++read;
      continue;
    }
    size_t length = Utf8SequenceLength(c);
    bool valid = read + length <= size;
    for (size_t i = 1; valid && i < length; ++i) {
      valid = (static_cast<unsigned char>((*name)[read + i]) & 0xC0) == 0x80;
    }
    read += valid ? length : 1;
    (*name)[write++] = '-';
  }
  name->resize(write);
}

absl::StatusOr<SessionTemplate> SessionTemplate::Parse(std::string_view text) {
  SessionTemplate t;
  t.text_ = std::string(text);
  if (text.empty()) {
    return absl::InvalidArgumentError("session_name template must not be empty");
  }
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find_first_of("{}", at);
    if (open == std::string_view::npos) {
      t.parts_.push_back({false, std::string(text.substr(at)), false, -1});
      break;
    }
    if (text[open] == '}') {
      return absl::InvalidArgumentError("session_name template has a '}' without a matching '{'");
    }
    if (open > at) {
      t.parts_.push_back({false, std::string(text.substr(at, open - at)), false, -1});
    }
    size_t close = text.find_first_of("{}", open + 1);
    if (close == std::string_view::npos || text[close] != '}') {
      return absl::InvalidArgumentError("session_name template has a '{' without a matching '}'");
    }
    std::string_view claim = text.substr(open + 1, close - open - 1);
    if (claim.empty()) {
      return absl::InvalidArgumentError("session_name template has an empty \"{}\"");
    }
    t.parts_.push_back(ClaimPart(claim));
    at = close + 1;
  }
  return t;
}

void SessionTemplate::UseListClaims(const absl::flat_hash_set<std::string>& list_claims) {
  rolesel::UseListClaims(list_claims, &parts_);
  sub_as_list_ = list_claims.contains("sub");
}

bool SessionTemplate::Expand(const Claims& claims, std::string* out) const {
  for (const Part& part : parts_) {
    if (!part.is_claim) {
      out->append(part.text);
      continue;
    }
    const std::string* value = FirstClaimValue(claims, part);
    if (value == nullptr) return false;
    out->append(*value);
  }
  return true;
}

bool SessionTemplate::RenderExact(const Claims& claims, std::string* out) const {
  out->clear();
  return Expand(claims, out);
}

void SanitizeTagValue(std::string* value) {
  std::string out;
  size_t read = 0;
  while (read < value->size()) {
    unsigned char c = static_cast<unsigned char>((*value)[read]);
    if (c < 0x80) {
      bool ok = std::isalnum(c) ||
                std::string_view("_.:/=+-@ ").find(static_cast<char>(c)) != std::string_view::npos;
      out.push_back(ok ? static_cast<char>(c) : '-');
      ++read;
      continue;
    }
    size_t length = Utf8SequenceLength(c);
    read += std::min(length, value->size() - read);
    out.push_back('-');
  }
  *value = std::move(out);
}

void SessionTemplate::Render(const Claims& claims, std::string* out) const {
  out->clear();
  if (Expand(claims, out)) {
    SanitizeSessionName(out);
    if (out->size() >= kMinSessionName) return;
  }
  out->clear();
  if (const std::string* sub = FirstValue(claims.Find(WellKnownClaim::kSub), sub_as_list_)) {
    out->append(*sub);
    SanitizeSessionName(out);
    if (out->size() >= kMinSessionName) return;
  }
  out->assign("rolesel");
}

}  // namespace rolesel
