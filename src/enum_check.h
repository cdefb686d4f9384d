// Proto3 enums are open: a parser keeps numbers the schema does not name.
// netra indexes arrays and bit masks by enum value, so every message that
// comes from outside is checked once, here, before it is used.
#ifndef NETRA_SRC_ENUM_CHECK_H_
#define NETRA_SRC_ENUM_CHECK_H_

#include <string>

#include "absl/status/status.h"
#include "google/protobuf/message.h"

namespace netra::internal {

// InvalidArgument "<prefix><field path>: unknown enum value N" for the first
// enum field (at any depth, singular or repeated) whose value the schema does
// not define; OK otherwise.
absl::Status CheckEnumValues(const google::protobuf::Message& message, const std::string& prefix);

}  // namespace netra::internal

#endif  // NETRA_SRC_ENUM_CHECK_H_
