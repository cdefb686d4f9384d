#include "netra/json.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/json_util.h"
#include "json_fast.h"
#include "suggest.h"
#include "utf8.h"

namespace netra {
namespace {

// An error of protobuf's parser longer than this (it quotes an unknown field
// name whole) is cut, on a character boundary.
constexpr size_t kMaxErrorWords = 240;

// The path ("employee.kind", "acts[1].norm") of the first key given twice in
// one object of `json`, a document protobuf's parser accepted (it keeps the
// last value, silently); "" when every key is given once.
std::string DuplicateKey(absl::string_view json) {
  struct Frame {
    bool array = false;
    bool expect_key = false;
    int index = 0;
    std::string key;
    std::vector<std::string> keys;
  };
  std::vector<Frame> stack;
  auto path = [&](absl::string_view last) {
    std::string out;
    for (size_t k = 0; k + 1 < stack.size(); ++k) {
      if (stack[k].array) {
        absl::StrAppend(&out, "[", stack[k].index, "]");
      } else {
        absl::StrAppend(&out, out.empty() ? "" : ".", internal::Utf8Prefix(stack[k].key, 64));
      }
    }
    absl::StrAppend(&out, out.empty() ? "" : ".", internal::Utf8Prefix(last, 64));
    return out;
  };
  for (size_t i = 0; i < json.size();) {
    const char c = json[i];
    if (c == '"') {
      size_t j = i + 1;
      while (j < json.size() && json[j] != '"') j += json[j] == '\\' ? 2 : 1;
      const absl::string_view text = json.substr(i + 1, j - i - 1);
      i = j + 1;
      if (!stack.empty() && !stack.back().array && stack.back().expect_key) {
        Frame& f = stack.back();
        if (absl::c_linear_search(f.keys, text)) return path(text);
        f.keys.emplace_back(text);
        f.key = std::string(text);
        f.expect_key = false;
      }
      continue;
    }
    if (c == '{' || c == '[') {
      stack.push_back(Frame{.array = c == '[', .expect_key = c == '{'});
    } else if ((c == '}' || c == ']') && !stack.empty()) {
      stack.pop_back();
    } else if (c == ',' && !stack.empty()) {
      if (stack.back().array) {
        ++stack.back().index;
      } else {
        stack.back().expect_key = true;
      }
    }
    ++i;
  }
  return "";
}

}  // namespace

absl::Status ParseJson(absl::string_view json, google::protobuf::Message* message, absl::string_view what) {
  if (json.size() > kMaxJsonBytes) {
    return absl::InvalidArgumentError(absl::StrCat(what, " JSON of ", json.size(), " bytes exceeds the limit of ",
                                                   kMaxJsonBytes, " bytes (kMaxJsonBytes)"));
  }
  // A byte-order mark before the document (as some Windows editors save
  // UTF-8) is skipped, as a CSV file's is.
  absl::ConsumePrefix(&json, "\xEF\xBB\xBF");
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
    const absl::string_view cut = internal::Utf8Prefix(words, kMaxErrorWords);
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid ", what, " JSON: ", cut,
        cut.size() < words.size() ? absl::StrCat("... (", words.size(), " bytes)") : std::string(),
        internal::JsonErrorHint(message->GetDescriptor(), words)));
  }
  // The fast path declines a key given twice; protobuf would keep its last
  // value without a word.
  if (const std::string twice = DuplicateKey(json); !twice.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid ", what, " JSON: ", twice, " is given twice (each key may appear once)"));
  }
  message->GetReflection()->Swap(message, parsed.get());
  return absl::OkStatus();
}

}  // namespace netra
