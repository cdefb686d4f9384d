// EvaluationRequest JSON as an HR system sends it (netra evaluate):
// protobuf JSON -> Evaluator::Evaluate -> JSON and text output. Malformed
// requests must be InvalidArgument naming the field; every accepted request
// must give a grounded Determination (determination_check.h).
#include <cstdint>
#include <string>

#include "determination_check.h"
#include "fuzz_common.h"
#include "google/protobuf/util/json_util.h"
#include "netra/evaluator.h"
#include "netra/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const netra::Evaluator* evaluator = [] {
    auto e = netra::Evaluator::Create(netra_fuzz::Book());
    FUZZ_CHECK(e.ok(), e.status().ToString());
    return new netra::Evaluator(*std::move(e));
  }();
  const std::string json(reinterpret_cast<const char*>(data), size);
  netra::v1::EvaluationRequest request;
  if (!google::protobuf::util::JsonStringToMessage(json, &request, google::protobuf::util::JsonParseOptions()).ok()) {
    return 0;
  }
  auto d = evaluator->Evaluate(request);
  if (!d.ok()) {
    FUZZ_CHECK(absl::IsInvalidArgument(d.status()), "not InvalidArgument: ", d.status().ToString());
    FUZZ_CHECK(!d.status().message().empty(), "an error without message");
    return 0;
  }
  netra_fuzz::CheckDetermination(*netra_fuzz::Book(), *d);
  const std::string text = netra::DeterminationText(*d);
  FUZZ_CHECK(!text.empty(), "empty text rendering");
  std::string out;
  FUZZ_CHECK(google::protobuf::util::MessageToJsonString(*d, &out).ok(), "the determination does not print as JSON");
  return 0;
}
