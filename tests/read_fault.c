// read_fault.c: a fault injector for the bad-input catalogue
// (tests/bad_input/cli.cases, `env:` lines). Preloaded into the command
// (LD_PRELOAD), it makes read() of one file fail with EIO part way, as a
// failing disk or network share does: once NETRA_FAULT_AFTER bytes of the
// file whose path ends with NETRA_FAULT_FILE have been read, every further
// read of it fails. Other descriptors read as usual. Built with the tests,
// never installed.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long long bytes_read;

ssize_t read(int fd, void* buf, size_t count) {
  static ssize_t (*real_read)(int, void*, size_t);
  if (real_read == NULL) real_read = (ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read");
  const char* file = getenv("NETRA_FAULT_FILE");
  const char* after = getenv("NETRA_FAULT_AFTER");
  if (file == NULL || after == NULL || fd <= 2) return real_read(fd, buf, count);
  char link[64], path[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t len = readlink(link, path, sizeof path - 1);
  const size_t want = strlen(file);
  if (len < 0 || (size_t)len < want || memcmp(path + len - want, file, want) != 0) return real_read(fd, buf, count);
  const long long limit = atoll(after);
  if (bytes_read >= limit) {
    errno = EIO;
    return -1;
  }
  if ((long long)count > limit - bytes_read) count = (size_t)(limit - bytes_read);
  const ssize_t n = real_read(fd, buf, count);
  if (n > 0) bytes_read += n;
  return n;
}
