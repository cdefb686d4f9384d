#include "netra/json.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "json_fast.h"
#include "suggest.h"

namespace netra {

absl::Status ParseJson(absl::string_view json, google::protobuf::Message* message, absl::string_view what) {
  if (json.size() > kMaxJsonBytes) {
    return absl::InvalidArgumentError(absl::StrCat(what, " JSON of ", json.size(), " bytes exceeds the limit of ",
                                                   kMaxJsonBytes, " bytes (kMaxJsonBytes)"));
  }
  // Parse into a fresh message so that a refused document leaves *message
  // as it was (the parser may have filled part of it before failing).
  std::unique_ptr<google::protobuf::Message> parsed(message->New());
  // Plain JSON (what hosts send) takes the fast path, which gives exactly
  // protobuf's message or declines (src/json_fast.h); protobuf's parser
  // decides the rest, and its words stand for a refusal.
  if (internal::ParseJsonFast(json, parsed.get())) {
    message->GetReflection()->Swap(message, parsed.get());
    return absl::OkStatus();
  }
  parsed->Clear();
  const auto st = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), parsed.get());
  if (!st.ok()) {
    const std::string words = st.message().as_string();
    return absl::InvalidArgumentError(
        absl::StrCat("invalid ", what, " JSON: ", words, internal::JsonErrorHint(message->GetDescriptor(), words)));
  }
  message->GetReflection()->Swap(message, parsed.get());
  return absl::OkStatus();
}

}  // namespace netra
