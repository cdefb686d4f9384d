// The reader of the old case and pact log files behind `netra store import`
// (src/cli/log_files.h), from arbitrary bytes: torn, truncated, bit-flipped
// or foreign files.
//
// The oracle is an independent reading of the format's contract: records
// are read up to the first one that is short, unmarked, too long or fails
// its CRC; if a complete valid record starts anywhere after that point the
// file is damaged (DataLoss naming that record's number), otherwise the rest
// is a torn tail (its record number and size reported). So the reader never
// loses a complete record before the tear and never invents one; writing
// the records back gives the valid prefix byte for byte; and decoding them
// as import does (a header, events, the case replayed) never crashes.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/log_files.h"
#include "fuzz_common.h"
#include "netra/v1/pact.pb.h"

namespace {

constexpr size_t kHeader = 12;

uint32_t Crc32(const char* p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; ++i) {
    c ^= static_cast<uint8_t>(p[i]);
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

uint32_t Le32(const std::string& s, size_t at) {
  return uint32_t(uint8_t(s[at])) | uint32_t(uint8_t(s[at + 1])) << 8 | uint32_t(uint8_t(s[at + 2])) << 16 |
         uint32_t(uint8_t(s[at + 3])) << 24;
}

// Length of the valid record starting at `at`, or -1.
int64_t RecordAt(const std::string& s, size_t at) {
  if (s.size() - at < kHeader || s.compare(at, 4, "NREC") != 0) return -1;
  const uint64_t len = Le32(s, at + 4);
  if (len > netra::cli::kMaxLogRecordBytes || len > s.size() - at - kHeader) return -1;
  if (Crc32(s.data() + at + kHeader, len) != Le32(s, at + 8)) return -1;
  return static_cast<int64_t>(len);
}

struct Expected {
  bool foreign = false;  // neither magic
  bool damaged = false;  // damage followed by a valid record
  std::vector<std::string> records;
  size_t good = 0;  // bytes of the complete, valid prefix
};

Expected Oracle(const std::string& s) {
  Expected e;
  if (s.size() < 8 || (s.compare(0, 8, "NETRALG2") != 0 && s.compare(0, 8, "NETRAPK1") != 0)) {
    e.foreign = true;
    return e;
  }
  size_t at = 8;
  for (int64_t len; at < s.size() && (len = RecordAt(s, at)) >= 0; at += kHeader + static_cast<size_t>(len)) {
    e.records.push_back(s.substr(at + kHeader, static_cast<size_t>(len)));
  }
  e.good = at;
  for (size_t q = at + 1; q < s.size() && !e.damaged; ++q) e.damaged = RecordAt(s, q) >= 0;
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const Expected want = Oracle(bytes);
  auto got = netra::cli::ParseLogFile(bytes);
  if (want.foreign) {
    FUZZ_CHECK(absl::IsInvalidArgument(got.status()), "a foreign file read as ", got.status().ToString());
    FUZZ_CHECK(!netra::cli::LooksLikeLogFile(bytes), "LooksLikeLogFile disagrees on the magic");
    return 0;
  }
  FUZZ_CHECK(netra::cli::LooksLikeLogFile(bytes), "LooksLikeLogFile disagrees on the magic");
  if (want.damaged) {
    FUZZ_CHECK(absl::IsDataLoss(got.status()), "a damaged file read as ", got.status().ToString());
    const std::string number = absl::StrCat("record ", want.records.size() + 1, ":");
    FUZZ_CHECK(absl::StartsWith(got.status().message(), number), "damage not named by its record number: ",
               got.status().ToString(), " (expected ", number, ")");
    return 0;
  }
  FUZZ_CHECK(got.ok(), "a readable file refused: ", got.status().ToString());
  FUZZ_CHECK(got->records == want.records, "read ", got->records.size(), " records, the file holds ",
             want.records.size());
  const bool torn = want.good < size;
  FUZZ_CHECK(got->torn_bytes == static_cast<int64_t>(size - want.good), "torn ", got->torn_bytes, ", expected ",
             size - want.good);
  FUZZ_CHECK(got->torn_record == (torn ? static_cast<int64_t>(want.records.size()) + 1 : 0), "torn record ",
             got->torn_record);

  // Written back (as export writes), the records are the valid prefix.
  std::string again(netra::cli::LogMagic(got->kind));
  for (const std::string& r : got->records) again += netra::cli::LogRecord(r);
  FUZZ_CHECK(again == bytes.substr(0, want.good), "the records written back differ from the file's prefix");

  // Decoded as import does: must not crash, whatever the records hold.
  if (got->records.empty()) return 0;
  if (got->kind == netra::cli::LogKind::kCase) {
    netra::v1::CaseLog log;
    if (!log.ParseFromString(got->records[0]) || log.events_size() != 0) return 0;
    for (size_t i = 1; i < got->records.size(); ++i) {
      if (!log.add_events()->ParseFromString(got->records[i])) return 0;
    }
    (void)netra_fuzz::Machine().Replay(log);
  } else {
    netra::v1::PactLogHeader header;
    if (!header.ParseFromString(got->records[0])) return 0;
    netra::v1::PactEvent e;
    for (size_t i = 1; i < got->records.size(); ++i) (void)e.ParseFromString(got->records[i]);
  }
  return 0;
}
