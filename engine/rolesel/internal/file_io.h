// ReadFileToString: a whole file as bytes, for the loaders, the JWKS file
// source and the CLI.
//
// Fails with NotFound / PermissionDenied / Internal naming the path and the
// system's reason; "-" reads standard input. Thread-safe (but standard input
// is one stream: read it from one thread).
#ifndef ROLESEL_INTERNAL_FILE_IO_H_
#define ROLESEL_INTERNAL_FILE_IO_H_

#include <string>

#include "absl/status/statusor.h"

namespace rolesel::internal {

absl::StatusOr<std::string> ReadFileToString(const std::string& path);

// The folder of `path` ("." for a bare name, "/" for a file at the root):
// what paths inside the file are relative to.
std::string DirectoryOf(const std::string& path);

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_FILE_IO_H_
