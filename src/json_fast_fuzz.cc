// The fast JSON path of batch items (src/json_fast.h) against protobuf's
// parser: whenever ParseJsonFast accepts a text, protobuf must accept it too
// and give the same message (compared as deterministic binary encodings).
// When it declines, protobuf's answer stands, whatever it is.
#include <cstdint>
#include <string>

#include "fuzz_common.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/json_util.h"
#include "json_fast.h"
#include "netra/v1/audit.pb.h"
#include "netra/v1/conduct.pb.h"

namespace {

std::string Bytes(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::io::StringOutputStream s(&out);
  google::protobuf::io::CodedOutputStream c(&s);
  c.SetSerializationDeterministic(true);
  m.SerializeToCodedStream(&c);
  c.Trim();
  return out;
}

void Check(const std::string& json, google::protobuf::Message* fast, google::protobuf::Message* slow) {
  if (!netra::internal::ParseJsonFast(json, fast)) return;
  const auto st = google::protobuf::util::JsonStringToMessage(json, slow);
  FUZZ_CHECK(st.ok(), "the fast path accepted what protobuf refuses: ", st.message().as_string(), "\n", json);
  FUZZ_CHECK(Bytes(*fast) == Bytes(*slow), "the fast path and protobuf differ on\n", json);
}

}  // namespace

// The first byte picks the message: even an EvaluationRequest (the batch
// item), odd a DecidedCase (the audit's item); the rest is the JSON.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string json(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    netra::v1::EvaluationRequest fast, slow;
    Check(json, &fast, &slow);
  } else {
    netra::v1::DecidedCase fast, slow;
    Check(json, &fast, &slow);
  }
  return 0;
}
