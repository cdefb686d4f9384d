// The case and pact log files of netra before the store (netra/store.h),
// read by `netra store import` and written by `netra store export`. Private
// to the command (and the fuzz target of the reader): state lives in a store;
// these files are only a way in and out.
//
// Format (little-endian): an 8-byte magic, "NETRALG2" for a case log or
// "NETRAPK1" for a pact log, then records of ["NREC"][uint32 length]
// [uint32 CRC-32 of the payload][payload]. Record 1 is the header (a
// netra.v1.CaseLog without events, or a netra.v1.PactLogHeader); record
// i + 2 is event i (a netra.v1.CaseEvent or netra.v1.PactEvent).
//
// A record that cannot be read (short, unmarked, a length past the end, a
// CRC mismatch) with no valid record after it is a torn tail: the old
// writer's crash in the middle of an append, never acknowledged; it is
// reported, not read. The same followed by a valid record is damage: the
// whole file is refused, naming the record number and the reason.
#ifndef NETRA_SRC_CLI_LOG_FILES_H_
#define NETRA_SRC_CLI_LOG_FILES_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace netra::cli {

enum class LogKind { kCase, kPact };

// One record (an event) past this is refused: the largest real event is a
// few KiB.
inline constexpr uint32_t kMaxLogRecordBytes = 1u << 20;
// A file past this is refused (it is read whole); the writer refuses to go
// past it. A national pact registry (6 M pacts issued, 1 M signed) is about
// 600 MiB.
inline constexpr int64_t kMaxLogFileBytes = int64_t{2} << 30;

struct LogFileContents {
  LogKind kind = LogKind::kCase;
  std::vector<std::string> records;  // records[0] is the header
  // A torn tail: its record number (records.size() + 1) and bytes; 0 = none.
  int64_t torn_record = 0;
  int64_t torn_bytes = 0;
};

// Splits the bytes of a log file. InvalidArgument "not a netra case or pact
// log file" for another magic; DataLoss "record N: damaged (REASON) and
// valid records follow" for damage before the end.
absl::StatusOr<LogFileContents> ParseLogFile(absl::string_view bytes);

// Reads and splits `path` (errors do not name it: the caller does): as
// internal::ReadFileToString (NotFound if absent, FailedPrecondition for a
// file that is not a regular one: a FIFO is not waited on; Unavailable for a
// read error, never a shorter file; InvalidArgument past kMaxLogFileBytes),
// then as ParseLogFile.
absl::StatusOr<LogFileContents> ReadLogFile(const std::string& path);

// Whether `bytes` start with either magic.
bool LooksLikeLogFile(absl::string_view bytes);

// Writes a log file record by record (buffered), created owner-only (0600),
// never over an existing file (AlreadyExists); Finish() flushes and fsyncs.
// Errors name the path.
class LogFileWriter {
 public:
  static absl::StatusOr<LogFileWriter> Create(const std::string& path, LogKind kind, absl::string_view header);
  LogFileWriter(LogFileWriter&& other) noexcept;
  LogFileWriter& operator=(LogFileWriter&&) = delete;
  ~LogFileWriter();
  absl::Status Add(absl::string_view payload);
  absl::Status Finish();

 private:
  LogFileWriter(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  absl::Status Flush();
  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  int64_t size_ = 0;
};

// The bytes of one record (for tests that build files).
std::string LogRecord(absl::string_view payload);
// The magic of a kind.
absl::string_view LogMagic(LogKind kind);

}  // namespace netra::cli

#endif  // NETRA_SRC_CLI_LOG_FILES_H_
