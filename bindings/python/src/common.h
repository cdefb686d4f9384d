// Shared helpers of the netra Python extension (netra._netra): absl::Status
// to Python exceptions, protobuf messages across the boundary as serialized
// bytes, civil days as integers.
//
// Why bytes: the generated Python classes (netra/v1/*_pb2.py) and this module
// share one libprotobuf.so and one generated descriptor pool, but Debian's
// python3-protobuf installs no proto_api.h, so there is no supported way to
// borrow the C++ message behind a Python object. Serialization is exact,
// versioned by the schema, and costs microseconds; the batch paths
// (frame.cc) do not pass messages at all.
#ifndef NETRA_BINDINGS_PYTHON_COMMON_H_
#define NETRA_BINDINGS_PYTHON_COMMON_H_

#include <cstdint>
#include <exception>
#include <string>

#include <pybind11/pybind11.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"
#include "netra/json.h"

namespace netra::py {

namespace pyb = pybind11;

// Thrown for a non-OK absl::Status; translated into the netra.errors class
// of its code (netra/errors.py), carrying the exact C++ message.
struct StatusError : std::exception {
  int code;
  std::string message;
  StatusError(int c, std::string m) : code(c), message(std::move(m)) {}
  const char* what() const noexcept override { return message.c_str(); }
};

[[noreturn]] inline void Throw(const absl::Status& st) {
  throw StatusError(static_cast<int>(st.code()), std::string(st.message()));
}
inline void Check(const absl::Status& st) {
  if (!st.ok()) Throw(st);
}
template <typename T>
T Take(absl::StatusOr<T> v) {
  if (!v.ok()) Throw(v.status());
  return *std::move(v);
}
[[noreturn]] inline void Invalid(const std::string& message) { Throw(absl::InvalidArgumentError(message)); }

// Days since 1970-01-01 <-> absl::CivilDay. The Python side converts
// datetime.date with toordinal() (no clock, no time zone). netra reads the
// years 1900-2199 only (netra/date.h); other days are refused here too, so a
// day number cannot reach the engine in a form its string path would refuse.
inline const absl::CivilDay kEpoch(1970, 1, 1);
inline absl::CivilDay DayOf(int64_t days, const char* field) {
  if (days < -25567 || days > 83928) {  // 1900-01-01 .. 2199-12-31
    Invalid(absl::StrCat(field, ": day number ", days, " is outside the years netra reads (1900-2199)"));
  }
  return kEpoch + days;
}
inline int64_t DaysOf(absl::CivilDay day) { return day - kEpoch; }

// Parses serialized bytes into `msg`; `what` names the argument.
inline void FromBytes(const pyb::bytes& data, google::protobuf::Message* msg, const char* what) {
  std::string_view view = data;  // pybind11 2.10: bytes -> string_view without a copy
  if (!msg->ParseFromArray(view.data(), static_cast<int>(view.size()))) {
    Invalid(absl::StrCat(what, ": not a serialized ", msg->GetDescriptor()->full_name()));
  }
}
template <typename M>
M FromBytes(const pyb::bytes& data, const char* what) {
  M m;
  FromBytes(data, &m, what);
  return m;
}
inline pyb::bytes ToBytes(const google::protobuf::Message& msg) { return pyb::bytes(msg.SerializeAsString()); }

// Parses protobuf JSON with the CLI's reader (netra/json.h): its size limit
// (kMaxJsonBytes) and its messages.
template <typename M>
M FromJson(const std::string& json, const char* what) {
  M m;
  Check(ParseJson(json, &m, what));
  return m;
}

}  // namespace netra::py

#endif  // NETRA_BINDINGS_PYTHON_COMMON_H_
