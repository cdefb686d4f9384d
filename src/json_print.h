// The library's own entry to PrintJson (src/json_print.cc): JSON written
// from a message already serialised, taking the JSON of recurring
// sub-messages from a memo instead of printing them again. The request
// layer writes a Determination this way from the bytes of its wire form
// (src/eval/determination_wire.proto), whose legal bases, sanction types and
// citations are the same few hundred messages in every answer.
#ifndef NETRA_SRC_JSON_PRINT_H_
#define NETRA_SRC_JSON_PRINT_H_

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "netra/json.h"

namespace netra::internal {

// The JSON of serialised messages that recur whole in many answers, with
// proto field names (the request layer's only form): [0] on one line, [1]
// indented as a member at level 1 (PrintJsonWire re-indents it to the level
// where it is written), once without and once with every default
// (always_print_primitive_fields). The messages are registered up front
// (cheap: no printing); each form's JSON is printed the first time
// PrintJsonWire meets it and kept. Thread-safe: registering happens before sharing; the JSON is
// published with an atomic exchange (two threads may both print it once;
// one copy is kept).
class JsonMemo {
 public:
  JsonMemo() = default;
  JsonMemo(const JsonMemo&) = delete;
  JsonMemo& operator=(const JsonMemo&) = delete;

  // Registers `bytes`, a serialised message of `type`; `type` joins the
  // types looked up. Not thread-safe: call before sharing the memo.
  void Add(const google::protobuf::Descriptor* type, const std::string& bytes);

  struct Entry {
    Entry() = default;
    Entry(const Entry&) = delete;
    ~Entry() {
      for (auto& j : json) delete j.load();
    }
    // [always_print_primitive_fields]
    mutable std::atomic<const std::array<std::string, 2>*> json[2] = {nullptr, nullptr};
  };
  // The entry registered for `bytes` of `type`, or nullptr.
  const Entry* Find(const google::protobuf::Descriptor* type, absl::string_view bytes) const;

 private:
  // Per type (a handful: a linear scan), by the message's bytes.
  std::vector<std::pair<const google::protobuf::Descriptor*, std::unique_ptr<absl::node_hash_map<std::string, Entry>>>>
      by_type_;
};

// Writes `wire` (a serialised message of `type`) as PrintJson writes that
// message, into `*out` (replaced), taking every sub-message found in `memo`
// (nullptr: none) from it; the memo is used only with
// preserve_proto_field_names. False if part of the message is outside what
// PrintJson writes itself (netra/json.h); `*out` is then unspecified and the
// caller prints the parsed message with PrintJson instead.
bool PrintJsonWire(const google::protobuf::Descriptor* type, absl::string_view wire,
                   const JsonPrintOptions& options, const JsonMemo* memo, std::string* out);

}  // namespace netra::internal

#endif  // NETRA_SRC_JSON_PRINT_H_
