// Reads a SigV4 vector document (sigv4_botocore.py --check) on standard input
// and prints, for each request, rolesel's canonical request, string to sign
// and signature as a JSON array: the signer's side of the live comparison
// with botocore.
#include <iostream>
#include <iterator>
#include <string>

#include "nlohmann/json.hpp"
#include "sigv4_vectors.h"

int main() {
  const std::string input((std::istreambuf_iterator<char>(std::cin)),
                          std::istreambuf_iterator<char>());
  const nlohmann::json doc = nlohmann::json::parse(input);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& vector : doc.at("vectors")) {
    const rolesel::sts::SignedParts parts = rolesel::sts::testing::SignVector(doc, vector);
    out.push_back({{"canonical_request", parts.canonical_request},
                   {"string_to_sign", parts.string_to_sign},
                   {"signature", parts.signature}});
  }
  std::cout << out.dump() << "\n";
  return 0;
}
