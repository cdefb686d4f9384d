#include "output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace netra::internal {

absl::StatusOr<int> CreateOutputFile(const std::string& path, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
  struct stat st;
  if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    return absl::UnavailableError(absl::StrCat(
        path, ": ",
        fd < 0 && error == ELOOP     ? "a symbolic link: refused (netra never writes through one)"
        : fd >= 0 || error == ENXIO  ? "not a regular file"  // ENXIO: a FIFO without a reader
                                     : "cannot open for writing"));
  }
  // Truncated only once it is known to be a regular file of our own path.
  if (::ftruncate(fd, 0) != 0 || ::fcntl(fd, F_SETFL, 0) != 0) {
    ::close(fd);
    return absl::UnavailableError(absl::StrCat(path, ": cannot open for writing"));
  }
  return fd;
}

absl::StatusOr<int> OpenFileToRead(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return absl::NotFoundError(absl::StrCat(path, ": no such file"));
    if (errno == EACCES) return absl::PermissionDeniedError(absl::StrCat(path, ": cannot open (permission denied)"));
    return absl::UnavailableError(absl::StrCat(path, ": cannot open"));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || ::fcntl(fd, F_SETFL, 0) != 0) {
    ::close(fd);
    return absl::FailedPreconditionError(absl::StrCat(path, ": not a regular file"));
  }
  return fd;
}

absl::StatusOr<std::string> ReadFileToString(const std::string& path, size_t max_bytes,
                                             absl::string_view limit_name) {
  auto fd = OpenFileToRead(path);
  if (!fd.ok()) return fd.status();
  const auto too_large = [&](absl::string_view size) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", size, " exceeds the limit of ", max_bytes, " bytes (", limit_name, ")"));
  };
  struct stat st;
  if (::fstat(*fd, &st) != 0) st.st_size = 0;
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(*fd);
    return too_large(absl::StrCat(st.st_size, " bytes"));
  }
  std::string text(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  for (;;) {
    if (got == text.size()) {
      if (text.size() > max_bytes) break;
      text.resize(std::min(std::max<size_t>(text.size() * 2, 1 << 16), max_bytes + 1));
    }
    const ssize_t n = ::read(*fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(*fd);
      return absl::UnavailableError(absl::StrCat(path, ": read error after ", got, " bytes"));
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(*fd);
  text.resize(got);
  if (got > max_bytes) return too_large(absl::StrCat("more than ", max_bytes, " bytes"));
  return text;
}

absl::StatusOr<int> UnnamedTempFile(const std::string& dir) {
  std::string where = dir;
  if (where.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    where = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
  int fd = ::open(where.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  std::string name = absl::StrCat(where, "/netra-spool-XXXXXX");
  fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot make a temporary file in \"", where, "\""));
  ::unlink(name.c_str());
  return fd;
}

absl::Status WriteOutputFile(const std::string& path, absl::string_view text, mode_t mode) {
  auto fd = CreateOutputFile(path, mode);
  if (!fd.ok()) return fd.status();
  while (!text.empty()) {
    const ssize_t n = ::write(*fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(*fd);
      return absl::UnavailableError(absl::StrCat(path, ": write failed"));
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  if (::close(*fd) != 0) return absl::UnavailableError(absl::StrCat(path, ": write failed"));
  return absl::OkStatus();
}

}  // namespace netra::internal
