#include "rolesel/sts/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "rolesel/internal/bytes.h"

namespace rolesel::sts {
namespace {

constexpr char kAlgorithm[] = "AWS4-HMAC-SHA256";

std::string RawHmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &length);
  return std::string(reinterpret_cast<char*>(out), length);
}

// Percent-decodes; an invalid escape is kept as it is.
std::string UriDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && internal::HexDigitValue(s[i + 1]) >= 0 &&
        internal::HexDigitValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(internal::HexDigitValue(s[i + 1]) * 16 +
                                      internal::HexDigitValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// RFC 3986 dot-segment removal plus collapsing of empty segments, keeping a
// trailing slash, as the SDKs normalize before signing.
std::string NormalizePath(std::string_view path) {
  std::vector<absl::string_view> out;
  for (absl::string_view part : absl::StrSplit(absl::string_view(path.data(), path.size()), '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!out.empty()) out.pop_back();
      continue;
    }
    out.push_back(part);
  }
  std::string normalized = "/" + absl::StrJoin(out, "/");
  bool trailing = path.size() > 1 && path.back() == '/';
  if (trailing && normalized.size() > 1) normalized += "/";
  return normalized;
}

std::string CanonicalQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  if (!query.empty()) {
    for (absl::string_view part :
         absl::StrSplit(absl::string_view(query.data(), query.size()), '&')) {
      if (part.empty()) continue;
      size_t eq = part.find('=');
      std::string_view key(part.data(), eq == absl::string_view::npos ? part.size() : eq);
      std::string_view value = eq == absl::string_view::npos
                                   ? std::string_view()
                                   : std::string_view(part.data() + eq + 1, part.size() - eq - 1);
      params.emplace_back(UriEncode(UriDecode(key), false), UriEncode(UriDecode(value), false));
    }
  }
  std::sort(params.begin(), params.end());
  std::vector<std::string> joined;
  for (const auto& [k, v] : params) joined.push_back(absl::StrCat(k, "=", v));
  return absl::StrJoin(joined, "&");
}

// Header values: trimmed, runs of spaces collapsed (continuation lines were
// joined with a space by the caller).
std::string CanonicalValue(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string UriEncode(std::string_view raw, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(raw.size());
  for (unsigned char c : raw) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string FormatAmzDate(absl::Time time) {
  return absl::FormatTime("%Y%m%dT%H%M%SZ", time, absl::UTCTimeZone());
}

SignedParts SignRequest(HttpRequest* request, const AwsCredentials& credentials,
                        const SigningOptions& options) {
  const std::string amz_date = FormatAmzDate(options.time);
  const std::string date = amz_date.substr(0, 8);
  const std::string payload_hash = Sha256Hex(request->body);
  request->headers.emplace_back("X-Amz-Date", amz_date);
  if (options.sign_body_header) request->headers.emplace_back("x-amz-content-sha256", payload_hash);
  const bool token = !credentials.session_token.empty();
  if (token && !options.omit_session_token) {
    request->headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }

  // Lower-case names, values joined with ',' for repeated headers, sorted.
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : request->headers) {
    std::string key = absl::AsciiStrToLower(name);
    std::string canonical = CanonicalValue(value);
    auto [it, inserted] = headers.emplace(key, canonical);
    if (!inserted) absl::StrAppend(&it->second, ",", canonical);
  }
  std::string canonical_headers, signed_headers;
  for (const auto& [name, value] : headers) {
    absl::StrAppend(&canonical_headers, name, ":", value, "\n");
    absl::StrAppend(&signed_headers, signed_headers.empty() ? "" : ";", name);
  }
  const std::string path = options.normalize_path ? NormalizePath(request->path) : request->path;

  SignedParts parts;
  parts.canonical_request = absl::StrCat(request->method, "\n", UriEncode(path, true), "\n",
                                         CanonicalQuery(request->query), "\n", canonical_headers,
                                         "\n", signed_headers, "\n", payload_hash);
  const std::string scope =
      absl::StrCat(date, "/", options.region, "/", options.service, "/aws4_request");
  parts.string_to_sign = absl::StrCat(kAlgorithm, "\n", amz_date, "\n", scope, "\n",
                                      Sha256Hex(parts.canonical_request));
  std::string key = RawHmac(absl::StrCat("AWS4", credentials.secret_access_key), date);
  key = RawHmac(key, options.region);
  key = RawHmac(key, options.service);
  key = RawHmac(key, "aws4_request");
  parts.signature = absl::BytesToHexString(RawHmac(key, parts.string_to_sign));
  parts.authorization =
      absl::StrCat(kAlgorithm, " Credential=", credentials.access_key_id, "/", scope,
                   ", SignedHeaders=", signed_headers, ", Signature=", parts.signature);
  if (token && options.omit_session_token) {
    request->headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  request->headers.emplace_back("Authorization", parts.authorization);
  return parts;
}

}  // namespace rolesel::sts
