#include "suggest.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace netra::internal {
namespace pb = google::protobuf;
namespace {

// The message type at `path` ("acts[0].absence") below `root`, or nullptr.
const pb::Descriptor* TypeAt(const pb::Descriptor* root, absl::string_view path) {
  const pb::Descriptor* d = root;
  if (path.empty()) return d;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    part = part.substr(0, part.find('['));
    const pb::FieldDescriptor* f = d->FindFieldByName(std::string(part));
    if (f == nullptr) f = d->FindFieldByCamelcaseName(std::string(part));
    if (f == nullptr) return nullptr;
    if (f->is_map()) f = f->message_type()->map_value();
    if (f->message_type() == nullptr) return nullptr;
    d = f->message_type();
  }
  return d;
}

}  // namespace

std::string JsonErrorHint(const pb::Descriptor* root, absl::string_view error) {
  if (absl::EndsWith(error, ": Cannot find field.")) {
    absl::string_view path, name = error.substr(0, error.size() - 20);
    if (absl::ConsumePrefix(&name, "(")) {
      const size_t close = name.find(") ");
      if (close == absl::string_view::npos) return "";
      path = name.substr(0, close);
      name = name.substr(close + 2);
    }
    const pb::Descriptor* d = TypeAt(root, path);
    if (d == nullptr) return "";
    std::vector<std::string> fields;
    for (int i = 0; i < d->field_count(); ++i) fields.push_back(d->field(i)->name());
    // A name far longer than any field is no typo of one (and comparing a
    // megabyte of it with each field would cost seconds).
    const std::string hint = name.size() > 64 ? std::string() : DidYouMean(name, fields);
    return hint.empty() ? absl::StrCat(" (the fields of ", d->full_name(), ": ", absl::StrJoin(fields, ", "), ")")
                        : hint;
  }
  const size_t at = error.find(": invalid value \"");
  const size_t type = error.find(" for type type.googleapis.com/");
  if (at == absl::string_view::npos || type == absl::string_view::npos || type < at) return "";
  const absl::string_view value = error.substr(at + 17, type - at - 18);
  const pb::EnumDescriptor* e =
      pb::DescriptorPool::generated_pool()->FindEnumTypeByName(std::string(error.substr(type + 30)));
  if (e == nullptr) return "";
  std::vector<std::string> names;
  for (int i = 0; i < e->value_count(); ++i) names.push_back(e->value(i)->name());
  return absl::StrCat(DidYouMean(value, names), " (", e->name(), ": ", absl::StrJoin(names, ", "), ")");
}

size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string DidYouMean(absl::string_view word, const std::vector<std::string>& candidates) {
  const std::string* best = nullptr;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& c : candidates) {
    const size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best = &c;
      best_distance = d;
    }
  }
  return best == nullptr ? "" : absl::StrCat(" (did you mean ", *best, "?)");
}

}  // namespace netra::internal
