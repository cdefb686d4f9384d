// The record file under the case and pact logs (netra/record_file.h), read
// from arbitrary bytes: torn, truncated, bit-flipped or foreign files.
//
// The oracle is an independent reading of the format's contract: records
// are read up to the first one that is short, unmarked, too long or fails
// its CRC; if a complete valid record starts anywhere after that point the
// file is corrupt (DataLoss, left as it is), otherwise the rest is a torn
// tail. So: Read never loses a complete record before the tear and never
// invents one; Open agrees with Read, cuts exactly the torn tail and leaves
// a file that reads back clean; a record appended afterwards reads back.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "netra/record_file.h"

namespace {

constexpr absl::string_view kMagic("NETRALG2", 8);  // the case log's magic
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
  if (len > netra::internal::kMaxRecordBytes || len > s.size() - at - kHeader) return -1;
  if (Crc32(s.data() + at + kHeader, len) != Le32(s, at + 8)) return -1;
  return static_cast<int64_t>(len);
}

struct Expected {
  bool corrupt = false;  // bad magic, or damage followed by a valid record
  std::vector<std::string> records;
  size_t good = 0;       // bytes of the complete, valid prefix
};

Expected Oracle(const std::string& s) {
  Expected e;
  if (s.size() < kMagic.size() || s.compare(0, kMagic.size(), kMagic.data(), kMagic.size()) != 0) {
    e.corrupt = true;
    return e;
  }
  size_t at = kMagic.size();
  for (int64_t len; at < s.size() && (len = RecordAt(s, at)) >= 0; at += kHeader + static_cast<size_t>(len)) {
    e.records.push_back(s.substr(at + kHeader, static_cast<size_t>(len)));
  }
  e.good = at;
  for (size_t q = at + 1; q < s.size() && !e.corrupt; ++q) e.corrupt = RecordAt(s, q) >= 0;
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const Expected want = Oracle(bytes);
  netra_fuzz::TempFile file("record");
  file.Write(bytes);

  std::vector<std::string> records;
  int64_t torn = -1;
  const absl::Status read = netra::internal::RecordFile::Read(file.path(), kMagic, "fuzz log", &records, &torn);
  if (want.corrupt) {
    FUZZ_CHECK(absl::IsDataLoss(read), "corrupt file read as ", read.ToString());
  } else {
    FUZZ_CHECK(read.ok(), "readable file refused: ", read.ToString());
    FUZZ_CHECK(records == want.records, "read ", records.size(), " records, the file holds ", want.records.size());
    FUZZ_CHECK(torn == static_cast<int64_t>(size - want.good), "torn ", torn, ", expected ", size - want.good);
  }
  FUZZ_CHECK(file.Read() == bytes, "Read changed the file");

  int64_t dropped = -1;
  std::vector<std::string> opened;
  auto f = netra::internal::RecordFile::Open(file.path(), kMagic, "fuzz log", &opened, &dropped);
  if (!read.ok()) {
    // Corruption is never "repaired" by cutting: the file stays as it was.
    FUZZ_CHECK(!f.ok() && f.status().code() == read.code(), "Open and Read disagree: ", f.status().ToString());
    FUZZ_CHECK(file.Read() == bytes, "a refused file was changed");
    return 0;
  }
  FUZZ_CHECK(f.ok(), "Open refused what Read accepted: ", f.status().ToString());
  FUZZ_CHECK(opened == records && dropped == torn, "Open and Read disagree on records or tail");
  FUZZ_CHECK(file.Read() == bytes.substr(0, want.good), "Open did not cut exactly the torn tail");

  // An append after the cut lands on a record boundary and reads back.
  const std::string payload = bytes.substr(0, std::min<size_t>(size, 64));
  const absl::Status appended = f->Append(payload);
  FUZZ_CHECK(appended.ok(), "append failed: ", appended.ToString());
  std::vector<std::string> after;
  int64_t torn_after = -1;
  const absl::Status reread = netra::internal::RecordFile::Read(file.path(), kMagic, "fuzz log", &after, &torn_after);
  records.push_back(payload);
  FUZZ_CHECK(reread.ok() && after == records && torn_after == 0, "the appended record does not read back: ",
             reread.ToString());
  return 0;
}
