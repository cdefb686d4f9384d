// Asks the kernel to back a large buffer with transparent huge pages.
//
// On the VMs netra runs on, the first touch of each fresh 4 KiB page costs
// microseconds (a fault the hypervisor also handles); the tens of megabytes a
// big batch answer writes touch thousands of them, which took about half the
// time of a 50,000-row call (benchmarks/README.md, "The batch summary form").
// With the kernel's transparent huge pages in "madvise" mode (Debian's
// default), advising the buffer makes one fault map 2 MiB instead of 4 KiB.
// Where the kernel or the mode does not allow it, this does nothing: it is
// only advice and never changes what the buffer holds.
#ifndef NETRA_SRC_HUGE_PAGES_H_
#define NETRA_SRC_HUGE_PAGES_H_

#include <cstddef>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace netra::internal {

// Buffers smaller than this are left alone (a huge page is 2 MiB).
inline constexpr size_t kHugePageAdviceBytes = size_t{4} << 20;

// Advises the whole 2 MiB-aligned pages inside [data, data + size), if the
// buffer is at least kHugePageAdviceBytes long and not yet touched there.
inline void AdviseHugePages(void* data, size_t size) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (data == nullptr || size < kHugePageAdviceBytes) return;
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + size) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)size;
#endif
}

}  // namespace netra::internal

#endif  // NETRA_SRC_HUGE_PAGES_H_
