#include "output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

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

absl::Status CheckFileToRead(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return absl::UnavailableError(absl::StrCat(path, ": cannot open"));
  if (!S_ISREG(st.st_mode)) return absl::UnavailableError(absl::StrCat(path, ": not a regular file"));
  return absl::OkStatus();
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
