#include "rolesel/sts/sts_response.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "pugixml.hpp"

namespace rolesel::sts {

absl::StatusOr<AwsCredentials> ParseAssumeRoleResponse(std::string_view body) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(body.data(), body.size());
  if (!parsed) {
    return absl::DataLossError(
        absl::StrCat("malformed STS response: ", parsed.description(), " at byte ", parsed.offset));
  }
  pugi::xml_node credentials =
      doc.child("AssumeRoleResponse").child("AssumeRoleResult").child("Credentials");
  if (!credentials) {
    return absl::DataLossError("STS response has no AssumeRoleResult/Credentials");
  }
  AwsCredentials out;
  out.access_key_id = credentials.child_value("AccessKeyId");
  out.secret_access_key = credentials.child_value("SecretAccessKey");
  out.session_token = credentials.child_value("SessionToken");
  std::string expiration = credentials.child_value("Expiration");
  std::string error;
  if (out.access_key_id.empty() || out.secret_access_key.empty() || out.session_token.empty() ||
      !absl::ParseTime(absl::RFC3339_full, expiration, &out.expiration, &error)) {
    return absl::DataLossError("STS response credentials are incomplete or undated");
  }
  return out;
}

StsError ParseStsError(std::string_view body) {
  pugi::xml_document doc;
  StsError out;
  if (!doc.load_buffer(body.data(), body.size())) return out;
  pugi::xml_node response = doc.child("ErrorResponse");
  pugi::xml_node error = response.child("Error");
  if (!error) error = response.child("Errors").child("Error");
  out.code = error.child_value("Code");
  out.message = error.child_value("Message");
  return out;
}

}  // namespace rolesel::sts
