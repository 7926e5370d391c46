#include "rolesel/matchers/policy_template.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "rolesel/internal/absl_view.h"

namespace rolesel {
namespace {

using Json = nlohmann::json;

// Builds the parts: the minified JSON of the document as nlohmann writes it
// (keys in its order), with each placeholder cut out as a claim part.
class Builder {
 public:
  absl::Status Value(const Json& value) {
    switch (value.type()) {
      case Json::value_t::object: {
        literal_.push_back('{');
        bool first = true;
        for (const auto& [key, child] : value.items()) {
          if (key.find_first_of("{}") != std::string::npos) {
            return absl::InvalidArgumentError(absl::StrCat(
                "session_policy key \"", key, "\" holds a brace: placeholders go in values only"));
          }
          if (!first) literal_.push_back(',');
          first = false;
          absl::Status quoted = AppendQuoted(key);
          if (!quoted.ok()) return quoted;
          literal_.push_back(':');
          absl::Status status = Value(child);
          if (!status.ok()) return status;
        }
        literal_.push_back('}');
        return absl::OkStatus();
      }
      case Json::value_t::array: {
        literal_.push_back('[');
        for (size_t i = 0; i < value.size(); ++i) {
          if (i > 0) literal_.push_back(',');
          absl::Status status = Value(value[i]);
          if (!status.ok()) return status;
        }
        literal_.push_back(']');
        return absl::OkStatus();
      }
      case Json::value_t::string:
        return String(value.get_ref<const std::string&>());
      default:
        literal_ += value.dump();
        return absl::OkStatus();
    }
  }

  std::vector<PolicyTemplate::Part> Take() {
    Flush();
    return std::move(parts_);
  }

 private:
  // A string value: literal text, "${...}" kept as written, "{claim}" cut
  // out.
  absl::Status String(std::string_view text) {
    literal_.push_back('"');
    size_t at = 0;
    while (at < text.size()) {
      const size_t brace = text.find_first_of("{}", at);
      if (brace == std::string_view::npos) break;
      if (text[brace] == '}') {
        return Refuse(text, "a '}' without a matching '{'");
      }
      const size_t close = text.find_first_of("{}", brace + 1);
      if (close == std::string_view::npos || text[close] != '}') {
        return Refuse(text, "a '{' without a matching '}'");
      }
      if (brace > 0 && text[brace - 1] == '$') {
        // IAM's policy variable: part of the literal text.
        absl::Status status = AppendEscaped(text.substr(at, close + 1 - at));
        if (!status.ok()) return status;
        at = close + 1;
        continue;
      }
      const std::string_view claim = text.substr(brace + 1, close - brace - 1);
      if (claim.empty()) return Refuse(text, "an empty \"{}\"");
      for (char c : claim) {
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
          return Refuse(text, "a placeholder naming a claim with a quote, backslash or control");
        }
      }
      absl::Status status = AppendEscaped(text.substr(at, brace - at));
      if (!status.ok()) return status;
      Flush();
      parts_.push_back(ClaimPart(claim));
      at = close + 1;
    }
    absl::Status status = AppendEscaped(text.substr(at));
    if (!status.ok()) return status;
    literal_.push_back('"');
    return absl::OkStatus();
  }

  static absl::Status Refuse(std::string_view text, std::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat("session_policy value \"", internal::Absl(text),
                                                   "\" has ", internal::Absl(what)));
  }

  // `text` as inside a JSON string, escaped as nlohmann writes it.
  absl::Status AppendEscaped(std::string_view text) {
    if (text.empty()) return absl::OkStatus();
    std::string quoted;
    absl::Status status = Quote(text, &quoted);
    if (!status.ok()) return status;
    literal_.append(quoted, 1, quoted.size() - 2);
    return absl::OkStatus();
  }

  absl::Status AppendQuoted(std::string_view text) {
    std::string quoted;
    absl::Status status = Quote(text, &quoted);
    if (status.ok()) literal_ += quoted;
    return status;
  }

  static absl::Status Quote(std::string_view text, std::string* out) {
    try {
      *out = Json(std::string(text)).dump();
      return absl::OkStatus();
    } catch (const Json::exception&) {
      return absl::InvalidArgumentError("session_policy holds text that is not valid UTF-8");
    }
  }

  void Flush() {
    if (literal_.empty()) return;
    PolicyTemplate::Part part;
    part.text = std::move(literal_);
    parts_.push_back(std::move(part));
    literal_.clear();
  }

  std::vector<PolicyTemplate::Part> parts_;
  std::string literal_;
};

absl::Status CheckShape(const Json& policy) {
  if (!policy.is_object()) {
    return absl::InvalidArgumentError("session_policy must be an IAM policy document (an object)");
  }
  const auto version = policy.find("Version");
  if (version == policy.end()) {
    return absl::InvalidArgumentError("session_policy has no \"Version\"");
  }
  if (!version->is_string() || (*version != "2012-10-17" && *version != "2008-10-17")) {
    return absl::InvalidArgumentError(
        "session_policy \"Version\" must be \"2012-10-17\" (or \"2008-10-17\")");
  }
  const auto statement = policy.find("Statement");
  if (statement == policy.end()) {
    return absl::InvalidArgumentError("session_policy has no \"Statement\"");
  }
  bool objects = statement->is_object();
  if (statement->is_array()) {
    objects = !statement->empty();
    for (const Json& s : *statement) objects = objects && s.is_object();
  }
  if (!objects) {
    return absl::InvalidArgumentError(
        "session_policy \"Statement\" must be an object or a non-empty array of objects");
  }
  return absl::OkStatus();
}

}  // namespace

bool IsSafePolicyValue(std::string_view value) {
  if (value.empty()) return false;
  for (char c : value) {
    if (!IsSessionNameChar(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

absl::StatusOr<PolicyTemplate> PolicyTemplate::Parse(const nlohmann::json& policy) {
  absl::Status shape = CheckShape(policy);
  if (!shape.ok()) return shape;
  Builder builder;
  absl::Status built = builder.Value(policy);
  if (!built.ok()) return built;
  PolicyTemplate out;
  out.parts_ = builder.Take();
  for (const Part& part : out.parts_) {
    if (!part.is_claim) out.literal_chars_ += Utf8CharCount(part.text);
  }
  return out;
}

void PolicyTemplate::UseListClaims(const absl::flat_hash_set<std::string>& list_claims) {
  rolesel::UseListClaims(list_claims, &parts_);
}

bool PolicyTemplate::Render(const Claims& claims, std::string* out, std::string* why) const {
  out->clear();
  size_t chars = literal_chars_;
  for (const Part& part : parts_) {
    if (!part.is_claim) {
      out->append(part.text);
      continue;
    }
    const std::string* value = FirstClaimValue(claims, part);
    if (value == nullptr) {
      *why = absl::StrCat("session_policy: claim ", part.text, " is absent");
      return false;
    }
    if (!IsSafePolicyValue(*value)) {
      *why = absl::StrCat("session_policy: claim ", part.text,
                          " is empty or holds a character a policy value may not "
                          "(only letters, digits and _.@+=,-)");
      return false;
    }
    out->append(*value);
    chars += value->size();
  }
  if (chars > kMaxPolicyChars) {
    *why = absl::StrCat("session_policy is ", chars,
                        " characters once rendered; STS allows at most ", kMaxPolicyChars);
    return false;
  }
  return true;
}

}  // namespace rolesel
