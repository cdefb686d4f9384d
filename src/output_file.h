// output_file.h (internal): files netra writes, made safely, and files it
// reads, opened without waiting and read with a bound. Shared by the command
// (synth --out, store export, every input file), the law, SIASN and vector
// readers, the service's tokens file and pages, and the synthetic data
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

// Opens a regular file to read, the one way every reader of netra opens
// one: with O_NONBLOCK, so that a FIFO (or a device) given in its place is
// refused at once instead of waiting for a writer for ever, then checked by
// fstat on the open descriptor (no window between a check and the open).
// The descriptor, blocking again (the caller closes it); NotFound
// "<path>: no such file", PermissionDenied "<path>: cannot open (permission
// denied)", FailedPrecondition "<path>: not a regular file" (a directory, a
// FIFO, a device), Unavailable "<path>: cannot open" for any other failure.
absl::StatusOr<int> OpenFileToRead(const std::string& path);

// The whole of a regular file (OpenFileToRead) of at most `max_bytes`,
// checked as the bytes arrive (a file growing while it is read is cut off at
// max_bytes + 1, not read to its end). A failed read (EIO from a failing
// disk or share) is an error, never a shorter file. Errors as
// OpenFileToRead; Unavailable "<path>: read error after N bytes";
// InvalidArgument "<path>: N bytes exceeds the limit of M bytes
// (<limit_name>)".
absl::StatusOr<std::string> ReadFileToString(const std::string& path, size_t max_bytes,
                                             absl::string_view limit_name);

// An unnamed temporary file to write and read back (O_TMPFILE; on a file
// system without it a named file unlinked at once), in `dir` ("" = $TMPDIR,
// else /tmp): gone when its descriptor is closed, whatever happens to the
// process. The descriptor (the caller closes it), or Unavailable naming the
// folder.
absl::StatusOr<int> UnnamedTempFile(const std::string& dir);

// CreateOutputFile, then `text` written whole and the file closed.
absl::Status WriteOutputFile(const std::string& path, absl::string_view text, mode_t mode = 0666);

}  // namespace netra::internal

#endif  // NETRA_SRC_OUTPUT_FILE_H_
