// STS response bodies -> the AssumeRole result and error parsers.
// Oracle: parsed credentials are complete; nothing crashes or leaks.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_oracles.h"
#include "rolesel/sts/sts_response.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto credentials = rolesel::sts::ParseAssumeRoleResponse(body);
  if (credentials.ok()) {
    rolesel::fuzz::Check(
        !credentials->access_key_id.empty() && !credentials->secret_access_key.empty(),
        "accepted credentials have a key id and a secret");
  }
  rolesel::sts::ParseStsError(body);
  return 0;
}
