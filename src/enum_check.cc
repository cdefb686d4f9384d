#include "enum_check.h"

#include <vector>

#include "absl/strings/str_cat.h"

namespace netra::internal {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::Status CheckEnumValues(const Message& message, const std::string& prefix) {
  const Reflection* r = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(message, &fields);
  for (const FieldDescriptor* f : fields) {
    const std::string path = absl::StrCat(prefix, f->name());
    if (f->type() == FieldDescriptor::TYPE_ENUM) {
      const int n = f->is_repeated() ? r->FieldSize(message, f) : 1;
      for (int i = 0; i < n; ++i) {
        const int v = f->is_repeated() ? r->GetRepeatedEnumValue(message, f, i) : r->GetEnumValue(message, f);
        if (f->enum_type()->FindValueByNumber(v) == nullptr) {
          return absl::InvalidArgumentError(absl::StrCat(
              path, f->is_repeated() ? absl::StrCat("[", i, "]") : "", ": unknown enum value ", v));
        }
      }
    } else if (f->type() == FieldDescriptor::TYPE_MESSAGE && !f->is_map()) {
      if (f->is_repeated()) {
        for (int i = 0; i < r->FieldSize(message, f); ++i) {
          if (auto st = CheckEnumValues(r->GetRepeatedMessage(message, f, i), absl::StrCat(path, "[", i, "].")); !st.ok()) {
            return st;
          }
        }
      } else if (auto st = CheckEnumValues(r->GetMessage(message, f), absl::StrCat(path, ".")); !st.ok()) {
        return st;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace netra::internal
