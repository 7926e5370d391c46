// AWS's SigV4 test suite (../shared/testdata/sigv4), header signing: every
// case's canonical request, string to sign and signature, byte for byte.
#include "rolesel/sts/sigv4.h"

#include <dirent.h>

#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace rolesel::sts {
namespace {

const std::string kSuite = std::string(ROLESEL_SOURCE_DIR) + "/../shared/testdata/sigv4";

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> Cases() {
  std::vector<std::string> cases;
  if (DIR* dir = opendir(kSuite.c_str())) {
    while (dirent* entry = readdir(dir)) {
      std::string name = entry->d_name;
      if (name[0] != '.' && std::ifstream(kSuite + "/" + name + "/request.txt").good()) {
        cases.push_back(name);
      }
    }
    closedir(dir);
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

// request.txt: "METHOD <path?query> HTTP/1.1", "Name:value" lines (a line
// starting with whitespace continues the previous value), "", body.
HttpRequest ParseRequest(const std::string& text) {
  HttpRequest request;
  size_t header_end = text.find("\n\n");
  std::string head = text.substr(0, header_end);
  if (header_end != std::string::npos) request.body = text.substr(header_end + 2);
  std::istringstream lines(head);
  std::string line;
  std::getline(lines, line);
  size_t space = line.find(' ');
  request.method = line.substr(0, space);
  std::string target = line.substr(space + 1, line.rfind(" HTTP/1.1") - space - 1);
  size_t question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) request.query = target.substr(question + 1);
  while (std::getline(lines, line)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      request.headers.back().second += "\n" + line;
      continue;
    }
    size_t colon = line.find(':');
    request.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  return request;
}

TEST(SigV4Suite, HasEveryCase) { EXPECT_EQ(Cases().size(), 38u) << kSuite; }

class SigV4SuiteCase : public ::testing::TestWithParam<std::string> {};

TEST_P(SigV4SuiteCase, MatchesCanonicalRequestStringToSignAndSignature) {
  const std::string dir = kSuite + "/" + GetParam() + "/";
  auto context = nlohmann::json::parse(Read(dir + "context.json"));
  AwsCredentials credentials;
  credentials.access_key_id = context["credentials"]["access_key_id"];
  credentials.secret_access_key = context["credentials"]["secret_access_key"];
  if (context["credentials"].contains("token")) {
    credentials.session_token = context["credentials"]["token"];
  }
  SigningOptions options;
  options.region = context["region"];
  options.service = context["service"];
  std::string error;
  ASSERT_TRUE(absl::ParseTime(absl::RFC3339_full, context["timestamp"].get<std::string>(),
                              &options.time, &error))
      << error;
  options.normalize_path = context["normalize"];
  options.sign_body_header = context["sign_body"];
  options.omit_session_token = context.value("omit_session_token", false);

  HttpRequest request = ParseRequest(Read(dir + "request.txt"));
  SignedParts parts = SignRequest(&request, credentials, options);
  EXPECT_EQ(parts.canonical_request, Read(dir + "header-canonical-request.txt"));
  EXPECT_EQ(parts.string_to_sign, Read(dir + "header-string-to-sign.txt"));
  EXPECT_EQ(parts.signature, Read(dir + "header-signature.txt"));
  EXPECT_THAT(Read(dir + "header-signed-request.txt"),
              ::testing::HasSubstr("Authorization:" + parts.authorization));
}

INSTANTIATE_TEST_SUITE_P(AllCases, SigV4SuiteCase, ::testing::ValuesIn(Cases()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(UriEncode, KeepsUnreservedAndEncodesTheRestUpperCase) {
  EXPECT_EQ(UriEncode("aZ0-_.~", false), "aZ0-_.~");
  EXPECT_EQ(UriEncode("a b/c", false), "a%20b%2Fc");
  EXPECT_EQ(UriEncode("a b/c", true), "a%20b/c");
  EXPECT_EQ(UriEncode("\xe1\x88\xb4", false), "%E1%88%B4");
}

TEST(AwsCredentials, DebugStringNeverShowsTheSecret) {
  AwsCredentials c{"AKIDEXAMPLE123456", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "tok",
                   absl::InfiniteFuture()};
  std::string s = c.DebugString();
  EXPECT_EQ(s.find("wJalr"), std::string::npos);
  EXPECT_EQ(s.find("tok"), std::string::npos);
  EXPECT_EQ(s.find("AKIDEXAMPLE123456"), std::string::npos);
}

}  // namespace
}  // namespace rolesel::sts
