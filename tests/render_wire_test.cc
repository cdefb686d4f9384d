// The request layer writes Evaluate's answer from the wire form of the
// Determination (Evaluator::EvaluateSerialized, src/eval/determination_wire.proto)
// and the JSON of its fragments printed once per rule book. Its bytes must be
// those of the message path (Engine::Evaluate, then SerializeAsString or
// ToJson) for every vector's request, in binary and under every JSON option,
// and, in JSON, protobuf's own printer's (MessageToJsonString, with
// always_print_primitive_fields for emit_defaults).
// tests/fuzz/render_wire_fuzz.cc compares them on arbitrary requests.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "google/protobuf/util/json_util.h"
#include "netra/api.h"
#include "netra/json.h"
#include "netra/v1/conformance.pb.h"
#include "vector_files.h"

namespace netra {
namespace {


std::vector<std::pair<std::string, v1::EvaluationRequest>> VectorRequests() {
  std::vector<std::pair<std::string, v1::EvaluationRequest>> out;
  for (const auto& [name, v] : testing_vectors::LawVectors()) out.emplace_back(name, v.request());
  return out;
}

// What protobuf's printer writes for `message` under `options`.
std::string Protobuf(const v1::Determination& message, const JsonOptions& options) {
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = options.pretty;
  print.preserve_proto_field_names = true;
  print.always_print_primitive_fields = options.emit_defaults;
  std::string out;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(message, &out, print).ok());
  return out;
}

// Every encoding of the fast path against the message path, for `request`.
// Returns whether the request was answered.
bool ExpectSameAnswer(const Engine& engine, const std::string& what, const v1::EvaluationRequest& request) {
  const absl::StatusOr<v1::Determination> message = engine.Evaluate(request);
  const std::string bytes = request.SerializeAsString();
  const std::string json = ToJson(request, {.pretty = false});
  const absl::StatusOr<std::string> binary = engine.CallBinary("Evaluate", bytes);
  std::string serialized = "left over";
  const absl::Status direct = engine.evaluator().EvaluateSerialized(request, &serialized);
  if (!message.ok()) {
    // A refused request is refused the same way on every path.
    EXPECT_EQ(binary.status(), message.status()) << what;
    EXPECT_EQ(direct, message.status()) << what;
    EXPECT_EQ(engine.CallJson("Evaluate", json).status(), message.status()) << what;
    return false;
  }
  const std::string expected = message->SerializeAsString();
  EXPECT_TRUE(direct.ok()) << what << ": " << direct;
  EXPECT_EQ(serialized, expected) << what << ": EvaluateSerialized";
  EXPECT_TRUE(binary.ok()) << what << ": " << binary.status();
  if (binary.ok()) EXPECT_EQ(*binary, expected) << what << ": CallBinary";
  for (bool pretty : {true, false}) {
    for (bool emit_defaults : {false, true}) {
      const JsonOptions options{.pretty = pretty, .emit_defaults = emit_defaults};
      const absl::StatusOr<std::string> fast = engine.CallJson("Evaluate", json, options);
      EXPECT_TRUE(fast.ok()) << what << ": " << fast.status();
      if (fast.ok()) {
        const std::string printed = ToJson(*message, options);
        EXPECT_EQ(*fast, printed) << what << ": CallJson (pretty=" << pretty << ", emit_defaults=" << emit_defaults
                                  << ")";
        EXPECT_EQ(printed, Protobuf(*message, options))
            << what << ": ToJson against protobuf (pretty=" << pretty << ", emit_defaults=" << emit_defaults << ")";
      }
    }
  }
  return true;
}

TEST(RenderWire, EveryVectorGivesTheMessagePathsBytesInBinaryAndEveryJsonOption) {
  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok()) << engine.status();
  int answered = 0;
  for (const auto& [name, request] : VectorRequests()) answered += ExpectSameAnswer(**engine, name, request);
  EXPECT_GT(answered, 300);
}

// Settings change the settings_used part (serialised per evaluator) and the
// answers; a request's own settings take a derived evaluator.
TEST(RenderWire, SettingsOfTheEngineAndOfTheRequestGiveTheSameBytes) {
  auto engine = Engine::Create({.settings = {{"repeat_may_cross_level", "false"},
                                             {"tukin_sedang_operative_from", "2022-01-01"}}});
  ASSERT_TRUE(engine.ok()) << engine.status();
  int answered = 0;
  for (auto [name, request] : VectorRequests()) {
    answered += ExpectSameAnswer(**engine, name + " (engine settings)", request);
    (*request.mutable_settings())["attendance_exempt_from_repeat_rule"] = "false";
    ExpectSameAnswer(**engine, name + " (request settings)", request);
  }
  EXPECT_GT(answered, 300);
}

// A host's law file makes another rule book: its fragments are its own.
TEST(RenderWire, ARuleBookWithAHostFileHasItsOwnFragments) {
  std::vector<LawSource> law = EmbeddedLaw();
  ASSERT_FALSE(law.empty());
  // The same law under other file names: rules at other indices would
  // expose fragments shared across books.
  std::reverse(law.begin(), law.end());
  for (LawSource& s : law) s.name = "host/" + s.name.substr(s.name.find_last_of('/') + 1);
  auto host = Engine::Create({.law = law, .include_embedded = false});
  ASSERT_TRUE(host.ok()) << host.status();
  int answered = 0;
  for (const auto& [name, request] : VectorRequests()) {
    answered += ExpectSameAnswer(**host, name + " (host law)", request);
  }
  EXPECT_GT(answered, 300);
}

}  // namespace
}  // namespace netra
