#include "api/dispatch.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"
#include "netra/api.h"
#include "netra/json.h"
#include "suggest.h"
#include "utf8.h"

namespace netra::api_internal {
namespace pb = google::protobuf;

std::vector<std::string> MethodNames(const pb::ServiceDescriptor* service) {
  std::vector<std::string> names;
  for (int i = 0; i < service->method_count(); ++i) names.push_back(service->method(i)->name());
  return names;
}

absl::Status UnknownMethod(const pb::ServiceDescriptor* service, absl::string_view method) {
  return absl::UnimplementedError(absl::StrCat("method: ", internal::Quoted(method, 120),
                                               " is not a method of ", service->full_name(), " (",
                                               absl::StrJoin(MethodNames(service), ", "), ")"));
}

absl::Status CheckTypes(const pb::MethodDescriptor* m, const pb::Message& request, const pb::Message* response) {
  if (response == nullptr) return absl::InvalidArgumentError("response: null");
  if (request.GetDescriptor() != m->input_type()) {
    return absl::InvalidArgumentError(absl::StrCat("request: a ", request.GetDescriptor()->full_name(), " given to ",
                                                   m->name(), ", which takes ", m->input_type()->full_name()));
  }
  if (response->GetDescriptor() != m->output_type()) {
    return absl::InvalidArgumentError(absl::StrCat("response: a ", response->GetDescriptor()->full_name(), " given to ",
                                                   m->name(), ", which answers ", m->output_type()->full_name()));
  }
  return absl::OkStatus();
}

std::unique_ptr<pb::Message> NewInput(const pb::MethodDescriptor* m) {
  return std::unique_ptr<pb::Message>(pb::MessageFactory::generated_factory()->GetPrototype(m->input_type())->New());
}

std::unique_ptr<pb::Message> NewOutput(const pb::MethodDescriptor* m) {
  return std::unique_ptr<pb::Message>(pb::MessageFactory::generated_factory()->GetPrototype(m->output_type())->New());
}

absl::StatusOr<std::unique_ptr<pb::Message>> DecodeJson(const pb::MethodDescriptor* m, absl::string_view json,
                                                        bool large, absl::string_view what, bool blank_is_empty) {
  std::unique_ptr<pb::Message> request = NewInput(m);
  if (large && json.size() > kMaxJsonBytes) {
    // The larger limit; the parse is ParseJson's otherwise.
    if (json.size() > kMaxBatchBytes) {
      return absl::InvalidArgumentError(absl::StrCat(what, " JSON of ", json.size(), " bytes exceeds the limit of ",
                                                     kMaxBatchBytes, " bytes (kMaxBatchBytes)"));
    }
    const auto st = pb::util::JsonStringToMessage(pb::StringPiece(json.data(), json.size()), request.get());
    if (!st.ok()) {
      const std::string words = st.message().as_string();
      return absl::InvalidArgumentError(
          absl::StrCat("invalid ", what, " JSON: ", words, internal::JsonErrorHint(m->input_type(), words)));
    }
    return request;
  }
  const bool blank = json.find_first_not_of(" \t\r\n") == absl::string_view::npos;
  if (blank && blank_is_empty) return request;
  if (auto st = ParseJson(json, request.get(), what); !st.ok()) return st;
  return request;
}

absl::StatusOr<std::unique_ptr<pb::Message>> DecodeBinary(const pb::MethodDescriptor* m, absl::string_view bytes,
                                                          bool large) {
  const size_t limit = large ? kMaxBatchBytes : kMaxJsonBytes;
  if (bytes.size() > limit) {
    return absl::InvalidArgumentError(absl::StrCat("request of ", bytes.size(), " bytes exceeds the limit of ", limit,
                                                   large ? " bytes (kMaxBatchBytes)" : " bytes (kMaxJsonBytes)"));
  }
  std::unique_ptr<pb::Message> request = NewInput(m);
  if (!request->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::InvalidArgumentError(absl::StrCat("request: not a serialized ", m->input_type()->full_name()));
  }
  return request;
}

}  // namespace netra::api_internal
