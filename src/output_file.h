// output_file.h (internal): files netra writes, made safely, and the check
// before a file is opened to read. Shared by the command (synth --out, store
// export, every input file), the service's tokens file and the synthetic data
// writers.
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

// Whether `path` names a regular file netra may open to read, checked before
// it is opened: opening a FIFO (or a device) would wait for a writer for
// ever. Unavailable "<path>: cannot open" or "<path>: not a regular file".
absl::Status CheckFileToRead(const std::string& path);

// CreateOutputFile, then `text` written whole and the file closed.
absl::Status WriteOutputFile(const std::string& path, absl::string_view text, mode_t mode = 0666);

}  // namespace netra::internal

#endif  // NETRA_SRC_OUTPUT_FILE_H_
