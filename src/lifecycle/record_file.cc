#include "netra/record_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace netra::internal {
namespace {

// Every record starts with this marker, so that after a damaged length the
// reader can tell a torn last record (nothing valid follows) from damage in
// the middle of the file (a valid record follows).
constexpr char kMark[4] = {'N', 'R', 'E', 'C'};
constexpr size_t kHeader = 12;  // marker, length, CRC

uint32_t Crc32(const char* data, size_t n) {
  static const auto* table = [] {
    auto* t = new uint32_t[256];
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; ++i) c = table[(c ^ static_cast<uint8_t>(data[i])) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void Put32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

uint32_t Get32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

std::string Record(const std::string& payload) {
  std::string r(kMark, sizeof kMark);
  Put32(&r, static_cast<uint32_t>(payload.size()));
  Put32(&r, Crc32(payload.data(), payload.size()));
  r += payload;
  return r;
}

absl::Status Errno(absl::string_view what, const std::string& path) {
  return absl::DataLossError(absl::StrCat(path, ": ", what, ": ", std::strerror(errno)));
}

absl::StatusOr<std::string> ReadAll(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return absl::NotFoundError(absl::StrCat(path, ": no such case log"));
    return Errno("cannot open", path);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return absl::FailedPreconditionError(absl::StrCat(path, ": not a regular file"));
  }
  if (st.st_size > kMaxRecordFileBytes) {
    ::close(fd);
    return absl::InvalidArgumentError(absl::StrCat(path, ": case log of ", st.st_size, " bytes exceeds the limit of ",
                                                   kMaxRecordFileBytes));
  }
  std::string data(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < data.size()) {
    const ssize_t n = ::read(fd, data.data() + got, data.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  data.resize(got);
  return data;
}

// Whether a complete, valid record starts anywhere in data[from, end).
bool ValidRecordAfter(const std::string& data, size_t from) {
  for (size_t q = data.find(kMark, from, sizeof kMark); q != std::string::npos;
       q = data.find(kMark, q + 1, sizeof kMark)) {
    if (data.size() - q < kHeader) return false;
    const uint32_t len = Get32(data.data() + q + 4);
    if (len <= kMaxRecordBytes && len <= data.size() - q - kHeader &&
        Crc32(data.data() + q + kHeader, len) == Get32(data.data() + q + 8)) {
      return true;
    }
  }
  return false;
}

// Splits `data` into its records. *good = length of the complete, valid
// prefix. A record that cannot be read is a torn tail only if no valid
// record follows it.
absl::Status Split(const std::string& path, const std::string& data, absl::string_view magic,
                   absl::string_view what, std::vector<std::string>* records, int64_t* good) {
  records->clear();
  if (data.size() < magic.size() || std::memcmp(data.data(), magic.data(), magic.size()) != 0) {
    return absl::DataLossError(absl::StrCat(path, ": not a netra ", what, " (bad magic)"));
  }
  size_t at = magic.size();
  *good = static_cast<int64_t>(at);
  auto damaged = [&](absl::string_view why) {
    return absl::DataLossError(absl::StrCat(path, ": record at byte ", at, " is damaged (", why,
                                            ") and valid records follow; the file is left as it is"));
  };
  while (at < data.size()) {
    const size_t left = data.size() - at;
    const bool marked = left >= sizeof kMark && std::memcmp(data.data() + at, kMark, sizeof kMark) == 0;
    if (left < kHeader || !marked) {  // an incomplete or unmarked record
      if (ValidRecordAfter(data, at + 1)) return damaged(marked ? "short header" : "no record marker");
      break;  // torn tail
    }
    const uint32_t len = Get32(data.data() + at + 4), crc = Get32(data.data() + at + 8);
    const char* payload = data.data() + at + kHeader;
    if (len > kMaxRecordBytes || len > left - kHeader || Crc32(payload, len) != crc) {
      if (ValidRecordAfter(data, at + 1)) return damaged(len > left - kHeader ? "length past the end" : "CRC mismatch");
      break;  // torn tail
    }
    records->emplace_back(payload, len);
    at += kHeader + len;
    *good = static_cast<int64_t>(at);
  }
  return absl::OkStatus();
}

absl::Status WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return absl::DataLossError(std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RecordFile::Read(const std::string& path, absl::string_view magic, absl::string_view what,
                              std::vector<std::string>* records, int64_t* torn) {
  auto data = ReadAll(path);
  if (!data.ok()) return data.status();
  int64_t good = 0;
  if (auto st = Split(path, *data, magic, what, records, &good); !st.ok()) return st;
  if (torn != nullptr) *torn = static_cast<int64_t>(data->size()) - good;
  return absl::OkStatus();
}

absl::StatusOr<RecordFile> RecordFile::Create(const std::string& path, absl::string_view magic,
                                              const std::string& first) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) return absl::AlreadyExistsError(absl::StrCat(path, ": a file already exists"));
    return Errno("cannot create", path);
  }
  RecordFile f(path, fd, 0);
  std::string bytes(magic);
  bytes += Record(first);
  if (auto st = WriteAll(fd, bytes); !st.ok()) return Errno("write failed", path);
  if (::fsync(fd) != 0) return Errno("fsync failed", path);
  f.size_ = static_cast<int64_t>(bytes.size());
  return f;
}

absl::StatusOr<RecordFile> RecordFile::Open(const std::string& path, absl::string_view magic, absl::string_view what,
                                            std::vector<std::string>* records, int64_t* dropped) {
  auto data = ReadAll(path);
  if (!data.ok()) return data.status();
  int64_t good = 0;
  if (auto st = Split(path, *data, magic, what, records, &good); !st.ok()) return st;
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open for appending", path);
  RecordFile f(path, fd, good);
  *dropped = static_cast<int64_t>(data->size()) - good;
  if (*dropped > 0) {
    // Cut off the torn tail so the next record starts on a boundary.
    if (::ftruncate(fd, good) != 0 || ::fsync(fd) != 0) return Errno("cannot cut the torn tail", path);
  }
  return f;
}

RecordFile::RecordFile(RecordFile&& o) noexcept : path_(std::move(o.path_)), fd_(o.fd_), size_(o.size_) { o.fd_ = -1; }

RecordFile& RecordFile::operator=(RecordFile&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(o.path_);
    fd_ = o.fd_;
    size_ = o.size_;
    o.fd_ = -1;
  }
  return *this;
}

RecordFile::~RecordFile() {
  if (fd_ >= 0) ::close(fd_);
}

absl::Status RecordFile::Append(const std::string& payload) {
  if (fd_ < 0) return absl::FailedPreconditionError(absl::StrCat(path_, ": the log is not open"));
  if (payload.size() > kMaxRecordBytes) {
    return absl::InvalidArgumentError(absl::StrCat("record of ", payload.size(), " bytes exceeds the limit of ",
                                                   kMaxRecordBytes));
  }
  const std::string record = Record(payload);
  if (size_ + static_cast<int64_t>(record.size()) > kMaxRecordFileBytes) {
    return absl::ResourceExhaustedError(absl::StrCat(path_, ": the log would exceed ", kMaxRecordFileBytes, " bytes"));
  }
  absl::Status st = WriteAll(fd_, record);
  if (st.ok() && ::fsync(fd_) != 0) st = absl::DataLossError(std::strerror(errno));
  if (!st.ok()) {
    // Cut back to the last complete record: the log stays loadable.
    (void)::ftruncate(fd_, size_);
    (void)::fsync(fd_);
    return absl::DataLossError(absl::StrCat(path_, ": append failed: ", st.message()));
  }
  size_ += static_cast<int64_t>(record.size());
  return absl::OkStatus();
}

}  // namespace netra::internal
