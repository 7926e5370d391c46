#include "rolesel/internal/json_text.h"

namespace rolesel::internal {
namespace {

template <typename Json>
std::string Dump(const Json& value, int indent) noexcept {
  try {
    return value.dump(indent, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
  } catch (...) {
    // Only allocation failure is left; an empty string is the one answer
    // that cannot be mistaken for data.
    return std::string();
  }
}

}  // namespace

std::string JsonText(const nlohmann::json& value, int indent) noexcept {
  return Dump(value, indent);
}

std::string JsonText(const nlohmann::ordered_json& value, int indent) noexcept {
  return Dump(value, indent);
}

std::string JsonQuote(std::string_view s) noexcept {
  try {
    return Dump(nlohmann::json(std::string(s)), -1);
  } catch (...) {
    return std::string();
  }
}

std::string JsonQuoteAll(absl::Span<const std::string> values) noexcept {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ",";
    out += JsonQuote(values[i]);
  }
  out += "]";
  return out;
}

}  // namespace rolesel::internal
