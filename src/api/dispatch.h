// What the request layer's two classes (Engine, service netra.v1.Netra;
// Records, service netra.v1.Records) share when a transport calls a method
// by name: the method list, the refusal of an unknown method, the type
// check of typed calls, and decoding a request from JSON or protobuf with
// the size limits and error words of netra/api.h. Private to src/api.
#ifndef NETRA_SRC_API_DISPATCH_H_
#define NETRA_SRC_API_DISPATCH_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace netra::api_internal {

// The service's method names in declaration order.
std::vector<std::string> MethodNames(const google::protobuf::ServiceDescriptor* service);

// Unimplemented: "method: "X" is not a method of netra.v1.S (A, B, ...)".
absl::Status UnknownMethod(const google::protobuf::ServiceDescriptor* service, absl::string_view method);

// InvalidArgument unless `request` and `response` (not null) are of the
// method's input and output types.
absl::Status CheckTypes(const google::protobuf::MethodDescriptor* m, const google::protobuf::Message& request,
                        const google::protobuf::Message* response);

// A new, empty message of the method's input or output type.
std::unique_ptr<google::protobuf::Message> NewInput(const google::protobuf::MethodDescriptor* m);
std::unique_ptr<google::protobuf::Message> NewOutput(const google::protobuf::MethodDescriptor* m);

// The method's request from JSON: up to kMaxJsonBytes, or kMaxBatchBytes
// when `large`; `what` names it in errors ("invalid request JSON: ...").
// With `blank_is_empty`, an empty or all-blank input is the empty request.
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> DecodeJson(const google::protobuf::MethodDescriptor* m,
                                                                      absl::string_view json, bool large,
                                                                      absl::string_view what, bool blank_is_empty);
// The same from serialized protobuf ("request: not a serialized netra.v1.X").
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> DecodeBinary(const google::protobuf::MethodDescriptor* m,
                                                                        absl::string_view bytes, bool large);

}  // namespace netra::api_internal

#endif  // NETRA_SRC_API_DISPATCH_H_
