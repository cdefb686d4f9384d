// Columnar batch entry points of netra._netra (frame.cc). Each takes the
// column dict that netra/_frame.py builds from a pandas DataFrame and
// returns (answer columns, [(row, error message), ...]); the GIL is released
// while rows are evaluated, on worker threads (the C++ side takes 0 as "one per core, up to 8"; the Python API asks for a positive count or None).
#ifndef NETRA_BINDINGS_PYTHON_FRAME_H_
#define NETRA_BINDINGS_PYTHON_FRAME_H_

#include <cstdint>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>

#include "common.h"
#include "netra/audit.h"
#include "netra/evaluator.h"

namespace netra::py {

// [(name, type, request field, doc), ...] of the columns a frame may carry.
pyb::list FrameColumns();

pyb::tuple EvaluateColumns(const Evaluator& ev, size_t rows, const pyb::dict& columns, const pyb::object& row_errors,
                           const pyb::object& decision_date, int threads);

// The serialized EvaluationRequest (or DecidedCase) of the given rows; a row
// that cannot be read raises, or with `errors_as_text` is its message (str).
pyb::list FrameRequests(size_t rows, const pyb::dict& columns, const pyb::object& row_errors,
                        const pyb::object& decision_date, const std::vector<int64_t>& which, bool decided,
                        bool errors_as_text);

pyb::tuple AuditColumnsOf(const Auditor& auditor, size_t rows, const pyb::dict& columns, const pyb::object& row_errors,
                          int threads, bool detail);
pyb::tuple AuditMessages(const Auditor& auditor, const std::vector<std::string>& cases, int threads, bool detail);

// For benchmarks/python_benchmark.py only: builds the request of every row
// (untimed), then times Prepare + Evaluate over all of them on `threads`
// threads, `repeats` times. Returns ([ns per repeat], [rows per Level],
// [rows per Outcome], rows refused) of the last repeat's answers.
pyb::tuple BenchCppBatch(const Evaluator& ev, size_t rows, const pyb::dict& columns, const pyb::object& row_errors,
                         const pyb::object& decision_date, int threads, int repeats);

pyb::dict SynthReportColumns(uint64_t seed, int64_t count, const std::string& election, double p_proven,
                             double p_sanctioned, double p_blocked);

}  // namespace netra::py

#endif  // NETRA_BINDINGS_PYTHON_FRAME_H_
