// An append-only file of checksummed records: the storage under the case and
// pact logs (netra/case_log.h, netra/pact.h).
//
// Format (little-endian): an 8-byte magic naming the kind of log, then
// records of ["NREC"][uint32 length][uint32 CRC-32 of the payload][payload].
// Append() writes a record with one write() and fsync()s it. A record torn by
// a crash (short, unmarked or failing its CRC, with no valid record after it)
// is dropped on reading and cut off on Open(); damage followed by a valid
// record is DataLoss naming the offset, and the file is left as it is.
// Public only because CaseLogFile holds one; hosts use CaseLogFile.
#ifndef NETRA_RECORD_FILE_H_
#define NETRA_RECORD_FILE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace netra::internal {

// One record (an event) past this is refused before anything is written:
// the largest real event (a decision with its findings) is a few KiB, and a
// reader must hold a record whole.
inline constexpr uint32_t kMaxRecordBytes = 1u << 20;
// A log past this is refused (appends: ResourceExhausted; reads:
// InvalidArgument), since opening a log reads it whole. A case log is
// far smaller; a pact log holds about 3 million issued pacts, so a national
// roll-out keeps one pact log per agency.
inline constexpr int64_t kMaxRecordFileBytes = int64_t{256} << 20;

class RecordFile {
 public:
  // Creates `path` (AlreadyExists if it exists) holding `magic` (8 bytes) and
  // one first record.
  static absl::StatusOr<RecordFile> Create(const std::string& path, absl::string_view magic, const std::string& first);
  // Opens `path` for appending: its complete records into *records, a torn
  // tail cut off and its size in *dropped. `what` names the kind of log in
  // errors ("case log").
  static absl::StatusOr<RecordFile> Open(const std::string& path, absl::string_view magic, absl::string_view what,
                                         std::vector<std::string>* records, int64_t* dropped);
  // Reads without changing the file; *torn = bytes of a torn tail (may be null).
  static absl::Status Read(const std::string& path, absl::string_view magic, absl::string_view what,
                           std::vector<std::string>* records, int64_t* torn);

  RecordFile(RecordFile&& other) noexcept;
  RecordFile& operator=(RecordFile&& other) noexcept;
  ~RecordFile();

  // Appends one record and fsyncs. On failure the file is cut back to its
  // last complete record (DataLoss); InvalidArgument / ResourceExhausted for
  // a record or file past the size limits, before anything is written.
  absl::Status Append(const std::string& payload);

 private:
  RecordFile(std::string path, int fd, int64_t size) : path_(std::move(path)), fd_(fd), size_(size) {}
  std::string path_;
  int fd_ = -1;
  int64_t size_ = 0;
};

}  // namespace netra::internal

#endif  // NETRA_RECORD_FILE_H_
