// The benchmarks' smoke mode. With NETRA_BENCHMARK_SMOKE set (the ctest
// `benchmarks_smoke` sets it, so CI builds and runs every benchmark), each
// benchmark works on a small data set: it proves the benchmark still builds,
// runs and finds what it expects. Its figures then mean nothing; the figures
// in benchmarks/README.md come from full runs without it.
#ifndef NETRA_BENCHMARKS_SMOKE_H_
#define NETRA_BENCHMARKS_SMOKE_H_

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace netra::bench {

inline bool Smoke() {
  static const bool smoke = std::getenv("NETRA_BENCHMARK_SMOKE") != nullptr;
  return smoke;
}

// `full` rows, or at most 2,000 in smoke mode.
inline int64_t Rows(int64_t full) { return Smoke() ? std::min<int64_t>(full, 2000) : full; }

}  // namespace netra::bench

#endif  // NETRA_BENCHMARKS_SMOKE_H_
