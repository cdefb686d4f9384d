// output_file.h (internal): files netra writes, made safely. Shared by the
// command (synth --out, store export) and the synthetic data writers.
#ifndef NETRA_SRC_OUTPUT_FILE_H_
#define NETRA_SRC_OUTPUT_FILE_H_

#include <sys/types.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace netra::internal {

// Creates (or truncates) a file to write: never through a symbolic link
// (O_NOFOLLOW: a link planted at the path cannot redirect the write onto its
// target), never a FIFO or device (refused before a write could block), with
// `mode` (for a new file) less the umask. The open descriptor (the caller
// closes it), or Unavailable naming the path and why.
absl::StatusOr<int> CreateOutputFile(const std::string& path, mode_t mode = 0666);

// CreateOutputFile, then `text` written whole and the file closed.
absl::Status WriteOutputFile(const std::string& path, absl::string_view text, mode_t mode = 0666);

}  // namespace netra::internal

#endif  // NETRA_SRC_OUTPUT_FILE_H_
