/* Preloaded into php in the sanitized build only (bindings/php/CMakeLists.txt):
 * Debian's php dlopens its extensions with RTLD_DEEPBIND, which AddressSanitizer
 * refuses (it would let a library bypass ASan's interceptors). This dlopen
 * drops that flag and calls the next dlopen (ASan's). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

void* dlopen(const char* file, int mode) {
  static void* (*next)(const char*, int);
  if (next == NULL) next = (void* (*)(const char*, int))dlsym(RTLD_NEXT, "dlopen");
  return next(file, mode & ~RTLD_DEEPBIND);
}
