// netra/case_log.h: a case's events on disk, append-only and crash-safe.
//
// File format (little-endian): the 8 bytes "NETRALG2", then records of
// ["NREC"][uint32 length][uint32 CRC-32 of the payload][payload]. The first payload
// is the netra.v1.CaseLog header (case_id, kind, employee, organisation; no
// events); each further payload is one netra.v1.CaseEvent.
//
// Durability: Append() checks the event with the CaseMachine, writes the
// record with one write() and fsync()s before returning OK; an event whose
// Append returned OK survives a crash. A crash in the middle of a write
// leaves a torn last record: Open() detects it (a short, unmarked or
// CRC-failing record after which no valid record follows), cuts it off and
// reports how many bytes it dropped; it never drops a complete record. A
// damaged record followed by a valid one is corruption, not a torn write:
// DataLoss naming the offset, and the file is left as it is.
//
// Thread safety: a CaseLogFile is not thread-safe; one writer per file
// (netra takes no file lock: the host serialises writers).
#ifndef NETRA_CASE_LOG_H_
#define NETRA_CASE_LOG_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "netra/case.h"
#include "netra/record_file.h"

namespace netra {

// Records and files past these sizes are refused.
inline constexpr uint32_t kMaxCaseRecordBytes = internal::kMaxRecordBytes;
inline constexpr int64_t kMaxCaseLogFileBytes = internal::kMaxRecordFileBytes;

class CaseLogFile {
 public:
  // Creates `path` with `header` (AlreadyExists if the file exists).
  static absl::StatusOr<CaseLogFile> Create(const std::string& path, const v1::CaseLog& header,
                                            const CaseMachine& machine);
  // Opens an existing log for appending, replaying it. A torn tail is cut
  // off (see dropped_bytes()). Errors: NotFound; DataLoss for corruption
  // before the end; FailedPrecondition if a stored event is refused on
  // replay (the law data changed since it was written), naming its seq.
  static absl::StatusOr<CaseLogFile> Open(const std::string& path, const CaseMachine& machine);

  CaseLogFile(CaseLogFile&&) noexcept = default;
  CaseLogFile& operator=(CaseLogFile&&) noexcept = default;

  // Checks and appends `event` (seq is assigned). Refused: the error, and
  // neither the file nor the state change. DataLoss if the write fails (the
  // file is cut back to its last complete record).
  absl::Status Append(v1::CaseEvent event);

  const v1::CaseLog& log() const { return log_; }
  const CaseProgress& progress() const { return progress_; }
  int64_t dropped_bytes() const { return dropped_; }

 private:
  CaseLogFile(const CaseMachine* machine, internal::RecordFile file) : machine_(machine), file_(std::move(file)) {}
  const CaseMachine* machine_;
  internal::RecordFile file_;
  int64_t dropped_ = 0;
  v1::CaseLog log_;
  CaseProgress progress_;
};

// Reads a log file without changing it: the header with its events; a torn
// tail is ignored and its size put in *torn_bytes (may be null). Errors as
// CaseLogFile::Open, except that replay is not done.
absl::StatusOr<v1::CaseLog> ReadCaseLogFile(const std::string& path, int64_t* torn_bytes);

// Whether `bytes` start like a log file (for tools that accept JSON too).
bool LooksLikeCaseLogFile(absl::string_view bytes);

}  // namespace netra

#endif  // NETRA_CASE_LOG_H_
