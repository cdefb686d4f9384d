#include "netra/case_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace netra {
namespace {

constexpr char kMagic[8] = {'N', 'E', 'T', 'R', 'A', 'L', 'G', '2'};
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
  if (st.st_size > kMaxCaseLogFileBytes) {
    ::close(fd);
    return absl::InvalidArgumentError(absl::StrCat(path, ": case log of ", st.st_size, " bytes exceeds the limit of ",
                                                   kMaxCaseLogFileBytes));
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
    if (len <= kMaxCaseRecordBytes && len <= data.size() - q - kHeader &&
        Crc32(data.data() + q + kHeader, len) == Get32(data.data() + q + 8)) {
      return true;
    }
  }
  return false;
}

// Parses the records of `data`: the header into *log, the events appended.
// *good = length of the complete, valid prefix. A record that cannot be read
// is a torn tail only if no valid record follows it.
absl::Status Parse(const std::string& path, const std::string& data, v1::CaseLog* log, int64_t* good) {
  if (data.size() < sizeof kMagic || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) {
    return absl::DataLossError(absl::StrCat(path, ": not a netra case log (bad magic)"));
  }
  size_t at = sizeof kMagic;
  *good = static_cast<int64_t>(at);
  bool header = true;
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
    if (len > kMaxCaseRecordBytes || len > left - kHeader || Crc32(payload, len) != crc) {
      if (ValidRecordAfter(data, at + 1)) return damaged(len > left - kHeader ? "length past the end" : "CRC mismatch");
      break;  // torn tail
    }
    if (header) {
      if (!log->ParseFromArray(payload, static_cast<int>(len)) || log->events_size() != 0) {
        return absl::DataLossError(absl::StrCat(path, ": the header record does not parse"));
      }
      header = false;
    } else if (!log->add_events()->ParseFromArray(payload, static_cast<int>(len))) {
      return absl::DataLossError(absl::StrCat(path, ": record at byte ", at, " does not parse as an event"));
    }
    at += kHeader + len;
    *good = static_cast<int64_t>(at);
  }
  if (header) return absl::DataLossError(absl::StrCat(path, ": the log has no complete header record"));
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

bool LooksLikeCaseLogFile(absl::string_view bytes) {
  return bytes.size() >= sizeof kMagic && std::memcmp(bytes.data(), kMagic, sizeof kMagic) == 0;
}

absl::StatusOr<v1::CaseLog> ReadCaseLogFile(const std::string& path, int64_t* torn_bytes) {
  auto data = ReadAll(path);
  if (!data.ok()) return data.status();
  v1::CaseLog log;
  int64_t good = 0;
  if (auto st = Parse(path, *data, &log, &good); !st.ok()) return st;
  if (torn_bytes != nullptr) *torn_bytes = static_cast<int64_t>(data->size()) - good;
  return log;
}

CaseLogFile::CaseLogFile(CaseLogFile&& o) noexcept
    : machine_(o.machine_), path_(std::move(o.path_)), fd_(o.fd_), size_(o.size_), dropped_(o.dropped_),
      log_(std::move(o.log_)), progress_(std::move(o.progress_)) {
  o.fd_ = -1;
}

CaseLogFile& CaseLogFile::operator=(CaseLogFile&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    machine_ = o.machine_;
    path_ = std::move(o.path_);
    fd_ = o.fd_;
    size_ = o.size_;
    dropped_ = o.dropped_;
    log_ = std::move(o.log_);
    progress_ = std::move(o.progress_);
    o.fd_ = -1;
  }
  return *this;
}

CaseLogFile::~CaseLogFile() {
  if (fd_ >= 0) ::close(fd_);
}

absl::StatusOr<CaseLogFile> CaseLogFile::Create(const std::string& path, const v1::CaseLog& header,
                                                const CaseMachine& machine) {
  CaseLogFile f(&machine, path);
  v1::CaseLog head = header;
  head.clear_events();
  if (auto st = machine.Start(head, &f.progress_); !st.ok()) return st;
  f.fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
  if (f.fd_ < 0) {
    if (errno == EEXIST) return absl::AlreadyExistsError(absl::StrCat(path, ": a file already exists"));
    return Errno("cannot create", path);
  }
  std::string bytes(kMagic, sizeof kMagic);
  bytes += Record(head.SerializeAsString());
  if (auto st = WriteAll(f.fd_, bytes); !st.ok()) return Errno("write failed", path);
  if (::fsync(f.fd_) != 0) return Errno("fsync failed", path);
  f.size_ = static_cast<int64_t>(bytes.size());
  f.log_ = std::move(head);
  return f;
}

absl::StatusOr<CaseLogFile> CaseLogFile::Open(const std::string& path, const CaseMachine& machine) {
  auto data = ReadAll(path);
  if (!data.ok()) return data.status();
  CaseLogFile f(&machine, path);
  int64_t good = 0;
  if (auto st = Parse(path, *data, &f.log_, &good); !st.ok()) return st;
  auto progress = machine.Replay(f.log_);
  if (!progress.ok()) return progress.status();
  f.progress_ = *std::move(progress);
  f.fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (f.fd_ < 0) return Errno("cannot open for appending", path);
  f.dropped_ = static_cast<int64_t>(data->size()) - good;
  if (f.dropped_ > 0) {
    // Cut off the torn tail so the next record starts on a boundary.
    if (::ftruncate(f.fd_, good) != 0 || ::fsync(f.fd_) != 0) return Errno("cannot cut the torn tail", path);
  }
  f.size_ = good;
  return f;
}

absl::Status CaseLogFile::Append(v1::CaseEvent event) {
  if (fd_ < 0) return absl::FailedPreconditionError(absl::StrCat(path_, ": the log is not open"));
  event.set_seq(progress_.events + 1);
  CaseProgress next = progress_;
  if (auto st = machine_->Apply(event, &next); !st.ok()) return st;
  const std::string record = Record(event.SerializeAsString());
  if (record.size() - kHeader > kMaxCaseRecordBytes) {
    return absl::InvalidArgumentError(absl::StrCat("event of ", record.size() - kHeader, " bytes exceeds the limit of ",
                                                   kMaxCaseRecordBytes));
  }
  if (size_ + static_cast<int64_t>(record.size()) > kMaxCaseLogFileBytes) {
    return absl::ResourceExhaustedError(absl::StrCat(path_, ": the log would exceed ", kMaxCaseLogFileBytes, " bytes"));
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
  *log_.add_events() = std::move(event);
  progress_ = std::move(next);
  return absl::OkStatus();
}

}  // namespace netra
