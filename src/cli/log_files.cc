#include "cli/log_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "output_file.h"

namespace netra::cli {
namespace {

// Every record starts with this marker, so that after a damaged length the
// reader can tell a torn last record (nothing valid follows) from damage in
// the middle of the file (a valid record follows).
constexpr char kMark[4] = {'N', 'R', 'E', 'C'};
constexpr size_t kHeader = 12;  // marker, length, CRC
constexpr char kCaseMagic[8] = {'N', 'E', 'T', 'R', 'A', 'L', 'G', '2'};
constexpr char kPactMagic[8] = {'N', 'E', 'T', 'R', 'A', 'P', 'K', '1'};

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

// Whether a complete, valid record starts anywhere in data[from, end).
bool ValidRecordAfter(absl::string_view data, size_t from) {
  for (size_t q = data.find(absl::string_view(kMark, sizeof kMark), from); q != absl::string_view::npos;
       q = data.find(absl::string_view(kMark, sizeof kMark), q + 1)) {
    if (data.size() - q < kHeader) return false;
    const uint32_t len = Get32(data.data() + q + 4);
    if (len <= kMaxLogRecordBytes && len <= data.size() - q - kHeader &&
        Crc32(data.data() + q + kHeader, len) == Get32(data.data() + q + 8)) {
      return true;
    }
  }
  return false;
}

absl::Status Errno(absl::string_view what) {
  return absl::UnavailableError(absl::StrCat(what, ": ", std::strerror(errno)));
}

absl::Status Errno(absl::string_view what, const std::string& path) {
  return absl::UnavailableError(absl::StrCat(path, ": ", what, ": ", std::strerror(errno)));
}

}  // namespace

absl::string_view LogMagic(LogKind kind) {
  return kind == LogKind::kCase ? absl::string_view(kCaseMagic, 8) : absl::string_view(kPactMagic, 8);
}

bool LooksLikeLogFile(absl::string_view bytes) {
  return bytes.substr(0, 8) == LogMagic(LogKind::kCase) || bytes.substr(0, 8) == LogMagic(LogKind::kPact);
}

std::string LogRecord(absl::string_view payload) {
  std::string r(kMark, sizeof kMark);
  Put32(&r, static_cast<uint32_t>(payload.size()));
  Put32(&r, Crc32(payload.data(), payload.size()));
  r.append(payload.data(), payload.size());
  return r;
}

absl::StatusOr<LogFileContents> ParseLogFile(absl::string_view data) {
  LogFileContents out;
  if (data.substr(0, 8) == LogMagic(LogKind::kCase)) {
    out.kind = LogKind::kCase;
  } else if (data.substr(0, 8) == LogMagic(LogKind::kPact)) {
    out.kind = LogKind::kPact;
  } else {
    return absl::InvalidArgumentError("not a netra case or pact log file (its first 8 bytes are not NETRALG2 or "
                                      "NETRAPK1)");
  }
  size_t at = 8;
  while (at < data.size()) {
    const int64_t number = static_cast<int64_t>(out.records.size()) + 1;
    const size_t left = data.size() - at;
    const bool marked = left >= sizeof kMark && std::memcmp(data.data() + at, kMark, sizeof kMark) == 0;
    absl::string_view why;
    uint32_t len = 0;
    if (left < kHeader) {
      why = "short header";
    } else if (!marked) {
      why = "no record marker";
    } else {
      len = Get32(data.data() + at + 4);
      if (len > kMaxLogRecordBytes) {
        why = "length over the record limit";
      } else if (len > left - kHeader) {
        why = "length past the end of the file";
      } else if (Crc32(data.data() + at + kHeader, len) != Get32(data.data() + at + 8)) {
        why = "CRC mismatch";
      }
    }
    if (!why.empty()) {
      if (ValidRecordAfter(data, at + 1)) {
        return absl::DataLossError(absl::StrCat("record ", number, ": damaged (", why, " at byte ", at,
                                                ") and valid records follow"));
      }
      out.torn_record = number;
      out.torn_bytes = static_cast<int64_t>(left);
      break;
    }
    out.records.emplace_back(data.data() + at + kHeader, len);
    at += kHeader + len;
  }
  return out;
}

absl::StatusOr<LogFileContents> ReadLogFile(const std::string& path) {
  auto data = internal::ReadFileToString(path, kMaxLogFileBytes, "kMaxLogFileBytes");
  if (!data.ok()) {
    absl::string_view why = data.status().message();  // the caller names the file
    absl::ConsumePrefix(&why, absl::StrCat(path, ": "));
    return absl::Status(data.status().code(), why);
  }
  return ParseLogFile(*data);
}

absl::StatusOr<LogFileWriter> LogFileWriter::Create(const std::string& path, LogKind kind, absl::string_view header) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return absl::AlreadyExistsError(absl::StrCat(path, ": a file already exists"));
    return Errno("cannot create", path);
  }
  LogFileWriter w(path, fd);
  w.buffer_.assign(LogMagic(kind).data(), 8);
  w.size_ = 8;
  if (auto st = w.Add(header); !st.ok()) return st;
  return w;
}

LogFileWriter::LogFileWriter(LogFileWriter&& o) noexcept
    : path_(std::move(o.path_)), fd_(o.fd_), buffer_(std::move(o.buffer_)), size_(o.size_) {
  o.fd_ = -1;
}

LogFileWriter::~LogFileWriter() {
  if (fd_ >= 0) ::close(fd_);
}

absl::Status LogFileWriter::Add(absl::string_view payload) {
  if (payload.size() > kMaxLogRecordBytes) {
    return absl::InvalidArgumentError(absl::StrCat(path_, ": a record of ", payload.size(),
                                                   " bytes, over the limit of ", kMaxLogRecordBytes));
  }
  if (size_ + static_cast<int64_t>(kHeader + payload.size()) > kMaxLogFileBytes) {
    return absl::ResourceExhaustedError(absl::StrCat(path_, ": the file would pass ", kMaxLogFileBytes, " bytes"));
  }
  buffer_ += LogRecord(payload);
  size_ += static_cast<int64_t>(kHeader + payload.size());
  return buffer_.size() >= (1 << 20) ? Flush() : absl::OkStatus();
}

absl::Status LogFileWriter::Flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Errno("write failed", path_);
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
  return absl::OkStatus();
}

absl::Status LogFileWriter::Finish() {
  if (auto st = Flush(); !st.ok()) return st;
  if (::fsync(fd_) != 0) return Errno("fsync failed", path_);
  if (::close(fd_) != 0) {
    fd_ = -1;
    return Errno("close failed", path_);
  }
  fd_ = -1;
  return absl::OkStatus();
}

}  // namespace netra::cli
