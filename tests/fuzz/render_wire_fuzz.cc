// Differential: Evaluate's answer written from the wire form of the
// Determination (Engine::CallBinary / CallJson: Evaluator::EvaluateSerialized
// and the JSON of fragments printed once per rule book) must be the bytes of
// the message path (Engine::Evaluate, then SerializeAsString / ToJson) in
// binary and in every JSON option, on any request; and ToJson (PrintJson,
// netra's printer) must write protobuf's bytes (MessageToJsonString, with
// always_print_primitive_fields for emit_defaults). The input is a request in
// protobuf JSON or, if it is not JSON, in binary; seeds are the vectors'
// requests and the examples (src/cli/fuzz_seeds.cc). tests/render_wire_test.cc does
// the same over every vector.
#include <cstdint>
#include <string>

#include "fuzz_common.h"
#include "google/protobuf/util/json_util.h"
#include "netra/api.h"
#include "netra/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The holder stays reachable from a static, so LeakSanitizer sees no leak.
  static const std::shared_ptr<const netra::Engine>* holder = [] {
    auto e = netra::Engine::Create(netra_fuzz::Book());
    FUZZ_CHECK(e.ok(), e.status().ToString());
    return new std::shared_ptr<const netra::Engine>(*std::move(e));
  }();
  const netra::Engine* engine = holder->get();
  const std::string input(reinterpret_cast<const char*>(data), size);
  netra::v1::EvaluationRequest request;
  if (!netra::ParseJson(input, &request, "request").ok()) {
    request.Clear();
    if (!request.ParseFromString(input)) return 0;
  }
  const absl::StatusOr<netra::v1::Determination> message = engine->Evaluate(request);
  const absl::StatusOr<std::string> binary = engine->CallBinary("Evaluate", request.SerializeAsString());
  const std::string json = netra::ToJson(request, {.pretty = false});
  if (!message.ok()) {
    FUZZ_CHECK(binary.status() == message.status(), "binary: ", binary.status().ToString(), " vs ",
               message.status().ToString());
    const auto j = engine->CallJson("Evaluate", json);
    FUZZ_CHECK(j.status() == message.status(), "JSON: ", j.status().ToString(), " vs ", message.status().ToString());
    return 0;
  }
  FUZZ_CHECK(binary.ok(), binary.status().ToString());
  FUZZ_CHECK(*binary == message->SerializeAsString(), "binary answers differ");
  for (bool pretty : {true, false}) {
    for (bool emit_defaults : {false, true}) {
      const netra::JsonOptions options{.pretty = pretty, .emit_defaults = emit_defaults};
      const auto fast = engine->CallJson("Evaluate", json, options);
      FUZZ_CHECK(fast.ok(), fast.status().ToString());
      const std::string printed = netra::ToJson(*message, options);
      FUZZ_CHECK(*fast == printed, "JSON answers differ (pretty=", pretty, ", emit_defaults=", emit_defaults, ")");
      google::protobuf::util::JsonPrintOptions print;
      print.add_whitespace = pretty;
      print.preserve_proto_field_names = true;
      print.always_print_primitive_fields = emit_defaults;
      std::string theirs;
      FUZZ_CHECK(google::protobuf::util::MessageToJsonString(*message, &theirs, print).ok(), "protobuf's printer");
      FUZZ_CHECK(printed == theirs, "ToJson differs from protobuf's printer (pretty=", pretty,
                 ", emit_defaults=", emit_defaults, ")");
    }
  }
  return 0;
}
