// PrintJson: the protobuf JSON mapping, written as protobuf 3.21 writes it.
//
// MessageToJsonString serialises the message to binary and reads it back
// through a type resolver (google::protobuf::Type messages built from the
// descriptors), an object source and a chain of object writers: about 60
// instructions per output byte for a Determination. This writer reads the
// same binary encoding with per-type tables of field keys (built once per
// thread) and writes what that pipeline writes, byte for byte: fields in
// encoding order, consecutive elements of a field as one array, 64-bit
// integers quoted, bytes in base64, floating point in protobuf's own
// shortest form, strings escaped as its JsonEscaping escapes them, and its
// whitespace (JsonObjectWriter's WritePrefix, NewLine and Pop, one space per
// level). With always_print_primitive_fields protobuf first builds a tree of
// every field (DefaultValueObjectWriter); this writer finds each field's run
// on the wire and writes the members in that tree's order instead
// (EveryField). Anything outside that (see netra/json.h) makes Root return
// false; PrintJson then hands the message to MessageToJsonString.
// tests/json_print_test.cc compares the two on every test vector's
// determination and on the request layer's other answers.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/base/casts.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/stubs/strutil.h"
#include "google/protobuf/util/json_util.h"
#include "json_print.h"
#include "netra/json.h"

namespace netra {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr char kHex[] = "0123456789abcdef";

// Code points JsonEscaping writes as \uXXXX beyond the control characters,
// '"', '\\', '<' and '>' (JavaScript-sensitive format characters).
bool EscapedFormatChar(uint32_t cp) {
  switch (cp) {
    case 0xfeff: case 0xfff9: case 0xfffa: case 0xfffb:
    case 0x00ad: case 0x06dd: case 0x070f: case 0x17b4: case 0x17b5:
      return true;
    default:
      return (cp >= 0x0600 && cp <= 0x0603) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
             (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206a && cp <= 0x206f);
  }
}

// Supplementary code points it writes as a surrogate pair.
bool EscapedSupplementary(uint32_t cp) {
  return cp == 0xe0001 || (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0020 && cp <= 0xe007f);
}

// Bytes copied as they are: printable ASCII but '"', '\\', '<' and '>'.
constexpr auto kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7f; ++c) t[c] = c != '"' && c != '\\' && c != '<' && c != '>';
  return t;
}();

void AppendU16(uint32_t unit, std::string* out) {
  const char b[6] = {'\\', 'u', kHex[(unit >> 12) & 0xf], kHex[(unit >> 8) & 0xf], kHex[(unit >> 4) & 0xf],
                     kHex[unit & 0xf]};
  out->append(b, 6);
}

// Appends `s` JSON-escaped; false if `s` is not valid UTF-8 (JsonEscaping
// then drops bytes in its own way: left to it).
bool AppendEscaped(absl::string_view s, std::string* out) {
  const size_t n = s.size();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t plain = 0;  // start of the run not yet copied
  for (size_t i = 0; i < n;) {
    while (i < n && kPlain[p[i]]) ++i;
    if (i == n) break;
    const unsigned char c = p[i];
    if (c >= 0x20 && c < 0x7f) {
      if (c == '"' || c == '\\' || c == '<' || c == '>') {
        out->append(s.data() + plain, i - plain);
        if (c == '"') out->append("\\\"");
        else if (c == '\\') out->append("\\\\");
        else AppendU16(c, out);
        plain = ++i;
      } else {
        ++i;
      }
      continue;
    }
    if (c < 0x80) {  // control characters and DEL
      out->append(s.data() + plain, i - plain);
      switch (c) {
        case '\b': out->append("\\b"); break;
        case '\t': out->append("\\t"); break;
        case '\n': out->append("\\n"); break;
        case '\f': out->append("\\f"); break;
        case '\r': out->append("\\r"); break;
        default: AppendU16(c, out);
      }
      plain = ++i;
      continue;
    }
    // A multi-byte sequence, read as JsonEscaping reads it.
    uint32_t cp;
    int more;
    if (c <= 0xbf) return false;
    if (c <= 0xdf) {
      cp = c & 0x1f;
      more = 1;
    } else if (c <= 0xef) {
      cp = c & 0x0f;
      more = 2;
    } else if (c <= 0xf7) {
      cp = c & 0x07;
      more = 3;
    } else {
      return false;
    }
    if (i + static_cast<size_t>(more) >= n) return false;  // cut short
    for (int k = 1; k <= more; ++k) {
      const unsigned char d = p[i + k];
      if (d < 0x80 || d > 0xbf) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((cp & 0xfffff800) == 0xd800 || cp > 0x10ffff) return false;
    const size_t len = static_cast<size_t>(more) + 1;
    if (cp < 0xa0) {  // C1 controls (and overlong forms of ASCII)
      out->append(s.data() + plain, i - plain);
      if (cp < 0x80) return false;  // overlong: left to JsonEscaping
      AppendU16(cp, out);
      i += len;
      plain = i;
    } else if (EscapedFormatChar(cp)) {
      out->append(s.data() + plain, i - plain);
      AppendU16(cp, out);
      i += len;
      plain = i;
    } else if (EscapedSupplementary(cp)) {
      out->append(s.data() + plain, i - plain);
      AppendU16((cp >> 10) + (0xd800 - (0x10000 >> 10)), out);
      AppendU16((cp & 0x3ff) + 0xdc00, out);
      i += len;
      plain = i;
    } else {
      i += len;
    }
  }
  out->append(s.data() + plain, n - plain);
  return true;
}

// Per message type: each field's key written out, by field number, or why
// the type is left to protobuf.
struct FieldPlan {
  const FieldDescriptor* field = nullptr;
  std::string key[2];  // "jsonName": and "proto_name":
};
struct Plan {
  std::vector<FieldPlan> by_number;  // index = field number
  std::string refused;
};

const Plan& PlanFor(const Descriptor* d) {
  // One cache per thread: no lock on the way, a few KiB per thread.
  thread_local absl::flat_hash_map<const Descriptor*, std::unique_ptr<Plan>> plans;
  std::unique_ptr<Plan>& slot = plans[d];
  if (slot != nullptr) return *slot;
  slot = std::make_unique<Plan>();
  if (absl::StartsWith(d->full_name(), "google.protobuf.") || d->extension_range_count() > 0) {
    slot->refused = d->full_name();  // well-known types, extensions
    return *slot;
  }
  int max = 0;
  for (int i = 0; i < d->field_count(); ++i) max = std::max(max, d->field(i)->number());
  if (max > 4096) {
    slot->refused = d->full_name();
    return *slot;
  }
  slot->by_number.resize(static_cast<size_t>(max) + 1);
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    // Field names are identifiers: nothing to escape.
    slot->by_number[f->number()] = {f, {absl::StrCat("\"", f->json_name(), "\":"), absl::StrCat("\"", f->name(), "\":")}};
  }
  return *slot;
}

// Reads the binary encoding (what MessageToJsonString prints from) and
// writes JSON as protobuf's ProtoStreamObjectSource + JsonObjectWriter do:
// fields in the order they are encoded, consecutive elements of one field
// (or one packed run) as one array, only what is on the wire; or, with
// always_print_primitive_fields, every field as its DefaultValueObjectWriter
// writes them (EveryField).
class Writer {
 public:
  // `memo` (may be null): JSON of sub-messages already printed, used only
  // with proto field names and quoted 64-bit integers (the only form it
  // holds).
  Writer(const JsonPrintOptions& options, std::string* out, const internal::JsonMemo* memo = nullptr)
      : options_(options),
        out_(out),
        memo_(options.preserve_proto_field_names && !options.int64_as_numbers ? memo : nullptr) {}

  // Why Root returned false: what it does not write.
  const std::string& refused() const { return refused_; }

  bool Root(const Descriptor* d, absl::string_view wire) {
    if (!Member(d, wire, 1)) return false;
    if (options_.add_whitespace) out_->push_back('\n');
    return true;
  }

  // The message `wire` as an object whose members sit at `level`.
  bool Member(const Descriptor* d, absl::string_view wire, int level) {
    const char* p = wire.data();
    return Object(d, p, wire.data() + wire.size(), level);
  }

 private:
  enum WireType { kVarint = 0, kFixed64 = 1, kLength = 2, kFixed32 = 5 };

  static bool Varint(const char*& p, const char* end, uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
      const uint8_t b = static_cast<uint8_t>(*p++);
      *v |= uint64_t{b & 0x7fu} << shift;
      if (b < 0x80) return true;
    }
    return false;
  }

  // JsonObjectWriter::NewLine at `level`.
  void NewLine(int level) {
    if (!options_.add_whitespace) return;
    out_->push_back('\n');
    out_->append(static_cast<size_t>(level), ' ');  // protobuf indents by one space
  }

  // The message in [p, end) as an object whose members sit at `level`.
  bool Object(const Descriptor* d, const char*& p, const char* end, int level) {
    const Plan& plan = PlanFor(d);
    if (!plan.refused.empty()) return Refuse(plan.refused);
    if (level > 64) return Refuse(d->full_name());
    out_->push_back('{');
    bool first = true;
    if (options_.always_print_primitive_fields) {
      if (!EveryField(d, plan, p, end, level, &first)) return false;
    } else {
      while (p < end) {
        if (!Field(d, plan, p, end, level, &first)) return false;
      }
    }
    if (!first) NewLine(level - 1);
    out_->push_back('}');
    return true;
  }

  // The separator and key of member `f` at `level`.
  void Key(const FieldPlan& f, int level, bool* first) {
    if (!*first) out_->push_back(',');
    *first = false;
    NewLine(level);
    out_->append(f.key[options_.preserve_proto_field_names]);
    if (options_.add_whitespace) out_->push_back(' ');
  }

  // The member of the field whose tag is at p: its value, or the array of
  // the elements encoded consecutively from there (one packed run, or
  // elements each with its tag). Leaves p at the next field's tag.
  bool Field(const Descriptor* d, const Plan& plan, const char*& p, const char* end, int level, bool* first) {
    uint64_t tag;
    if (!Varint(p, end, &tag)) return Refuse(d->full_name());
    const uint64_t number = tag >> 3;
    const int wire = static_cast<int>(tag & 7);
    const FieldDescriptor* f = number < plan.by_number.size() ? plan.by_number[number].field : nullptr;
    if (f == nullptr) return Refuse(absl::StrCat(d->full_name(), " field ", number));  // unknown field
    if (f->is_map()) return Refuse(f->full_name());
    Key(plan.by_number[number], level, first);
    if (!f->is_repeated()) return Value(f, wire, p, end, level);
    out_->push_back('[');
    bool first_element = true;
    auto element = [&](int w, const char*& q, const char* e) {
      if (!first_element) out_->push_back(',');
      first_element = false;
      NewLine(level + 1);
      return Value(f, w, q, e, level + 1);
    };
    if (wire == kLength && f->is_packable()) {
      uint64_t n;
      if (!Varint(p, end, &n) || n > static_cast<uint64_t>(end - p)) return Refuse(f->full_name());
      const char* run_end = p + n;
      const int element_wire = WireOf(f->type());
      while (p < run_end) {
        if (!element(element_wire, p, run_end)) return false;
      }
      if (p != run_end) return Refuse(f->full_name());
    } else {
      for (;;) {
        if (!element(wire, p, end)) return false;
        if (p == end) break;
        const char* next = p;
        uint64_t next_tag;
        if (!Varint(next, end, &next_tag)) return Refuse(d->full_name());
        if (next_tag != tag) break;
        p = next;
      }
    }
    NewLine(level);
    out_->push_back(']');
    return true;
  }

  // How one element of a packed run of `type` is encoded.
  static int WireOf(FieldDescriptor::Type type) {
    switch (type) {
      case FieldDescriptor::TYPE_FIXED64:
      case FieldDescriptor::TYPE_SFIXED64:
      case FieldDescriptor::TYPE_DOUBLE:
        return kFixed64;
      case FieldDescriptor::TYPE_FIXED32:
      case FieldDescriptor::TYPE_SFIXED32:
      case FieldDescriptor::TYPE_FLOAT:
        return kFixed32;
      default:
        return kVarint;
    }
  }

  // Moves p past one value encoded with `wire`.
  static bool Skip(int wire, const char*& p, const char* end) {
    uint64_t n;
    switch (wire) {
      case kVarint:
        return Varint(p, end, &n);
      case kFixed64:
      case kFixed32:
        n = wire == kFixed64 ? 8 : 4;
        break;
      case kLength:
        if (!Varint(p, end, &n)) return false;
        break;
      default:
        return false;
    }
    if (n > static_cast<uint64_t>(end - p)) return false;
    p += n;
    return true;
  }

  // The members of the message in [p, end) as protobuf's
  // DefaultValueObjectWriter writes them: it lays out a node per declared
  // field (none for a member of a oneof or proto3 `optional` that is not a
  // message), fills the nodes of the fields on the wire, appends the members
  // of a oneof that are set after all of them, then writes what it has: a
  // value or its default, a list or [], a map or {}, a message only if it
  // was on the wire. A field found twice, or in two runs, is refused: the
  // tree merges those, and the C++ encoding never writes them.
  bool EveryField(const Descriptor* d, const Plan& plan, const char*& p, const char* end, int level, bool* first) {
    // Where each field's run lies, by declaration index: spans_[base + i]
    // (indices, not references: nested objects grow spans_).
    const size_t base = spans_.size();
    const int n = d->field_count();
    spans_.resize(base + static_cast<size_t>(n), {nullptr, nullptr});
    int previous = -1;
    while (p < end) {
      const char* at = p;
      uint64_t tag;
      if (!Varint(p, end, &tag)) return Refuse(d->full_name());
      const uint64_t number = tag >> 3;
      const FieldDescriptor* f = number < plan.by_number.size() ? plan.by_number[number].field : nullptr;
      if (f == nullptr) return Refuse(absl::StrCat(d->full_name(), " field ", number));  // unknown field
      const size_t i = base + static_cast<size_t>(f->index());
      if (f->index() != previous) {
        if (spans_[i].first != nullptr) return Refuse(absl::StrCat(f->full_name(), " (in two runs)"));
        spans_[i].first = at;
        previous = f->index();
      } else if (!f->is_repeated()) {
        return Refuse(absl::StrCat(f->full_name(), " (twice)"));
      }
      if (!Skip(static_cast<int>(tag & 7), p, end)) return Refuse(f->full_name());
      spans_[i].second = p;
    }
    auto write = [&](size_t i) {
      const char* q = spans_[i].first;
      const char* e = spans_[i].second;
      spans_[i].first = nullptr;  // written
      if (!Field(d, plan, q, e, level, first)) return false;
      return q == e || Refuse(absl::StrCat(d->full_name(), " (a field in runs of two encodings)"));
    };
    auto member_of_oneof = [](const FieldDescriptor* f) {
      return f->containing_oneof() != nullptr && f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE;
    };
    for (int k = 0; k < n; ++k) {
      const FieldDescriptor* f = d->field(k);
      const size_t i = base + static_cast<size_t>(k);
      if (spans_[i].first != nullptr) {
        if (!member_of_oneof(f) && !write(i)) return false;
        continue;
      }
      if (f->is_map() || f->is_repeated()) {
        Key(plan.by_number[f->number()], level, first);
        out_->append(f->is_map() ? "{}" : "[]");
        continue;
      }
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE || member_of_oneof(f)) continue;
      if (f->has_default_value()) return Refuse(absl::StrCat(f->full_name(), " (declared default)"));
      Key(plan.by_number[f->number()], level, first);
      switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_BOOL:
          out_->append("false");
          break;
        case FieldDescriptor::CPPTYPE_INT64:
        case FieldDescriptor::CPPTYPE_UINT64:
          out_->append(options_.int64_as_numbers ? "0" : "\"0\"");
          break;
        case FieldDescriptor::CPPTYPE_STRING:  // bytes too: "" in base64
          out_->append("\"\"");
          break;
        case FieldDescriptor::CPPTYPE_ENUM:
          if (f->enum_type()->full_name() == "google.protobuf.NullValue") return Refuse(f->full_name());
          out_->push_back('"');
          out_->append(f->enum_type()->value(0)->name());
          out_->push_back('"');
          break;
        default:  // 32-bit integers, float, double
          out_->push_back('0');
      }
    }
    // The members of a oneof (or `optional`) that are set, in wire order.
    for (;;) {
      constexpr size_t kNone = ~size_t{0};
      size_t next = kNone;
      for (int k = 0; k < n; ++k) {
        const size_t i = base + static_cast<size_t>(k);
        if (spans_[i].first != nullptr && (next == kNone || spans_[i].first < spans_[next].first)) next = i;
      }
      if (next == kNone) break;
      if (!write(next)) return false;
    }
    spans_.resize(base);
    return true;
  }

  // One value of field `f` encoded with `wire` at p, at `level`.
  bool Value(const FieldDescriptor* f, int wire, const char*& p, const char* end, int level) {
    uint64_t v = 0;
    switch (wire) {
      case kVarint:
        if (!Varint(p, end, &v)) return Refuse(f->full_name());
        break;
      case kFixed64:
        if (end - p < 8) return Refuse(f->full_name());
        for (int k = 7; k >= 0; --k) v = (v << 8) | static_cast<uint8_t>(p[k]);
        p += 8;
        break;
      case kFixed32:
        if (end - p < 4) return Refuse(f->full_name());
        for (int k = 3; k >= 0; --k) v = (v << 8) | static_cast<uint8_t>(p[k]);
        p += 4;
        break;
      case kLength: {
        uint64_t n;
        if (!Varint(p, end, &n) || n > static_cast<uint64_t>(end - p)) return Refuse(f->full_name());
        const char* value_end = p + n;
        if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          if (memo_ != nullptr) {
            if (const internal::JsonMemo::Entry* e = memo_->Find(f->message_type(), absl::string_view(p, n))) {
              const std::array<std::string, 2>* json =
                  e->json[options_.always_print_primitive_fields].load(std::memory_order_acquire);
              if (json == nullptr && (json = Memorize(f->message_type(), absl::string_view(p, n), *e)) == nullptr) {
                return false;
              }
              AppendIndented((*json)[options_.add_whitespace], level);
              p = value_end;
              return true;
            }
          }
          if (!Object(f->message_type(), p, value_end, level + 1)) return false;
          if (p != value_end) return Refuse(f->full_name());
          return true;
        }
        if (f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) return Refuse(f->full_name());
        const absl::string_view bytes(p, n);
        p = value_end;
        out_->push_back('"');
        if (f->type() == FieldDescriptor::TYPE_BYTES) {
          out_->append(absl::Base64Escape(bytes));
        } else if (!AppendEscaped(bytes, out_)) {
          return Refuse(absl::StrCat(f->full_name(), " (not UTF-8)"));
        }
        out_->push_back('"');
        return true;
      }
      default:
        return Refuse(f->full_name());
    }
    switch (f->type()) {
      case FieldDescriptor::TYPE_BOOL:
        out_->append(v != 0 ? "true" : "false");
        return true;
      case FieldDescriptor::TYPE_INT32:
      case FieldDescriptor::TYPE_SFIXED32:
        absl::StrAppend(out_, static_cast<int32_t>(static_cast<uint32_t>(v)));
        return true;
      case FieldDescriptor::TYPE_SINT32: {
        const uint32_t u = static_cast<uint32_t>(v);
        absl::StrAppend(out_, static_cast<int32_t>((u >> 1) ^ (~(u & 1) + 1)));
        return true;
      }
      case FieldDescriptor::TYPE_UINT32:
      case FieldDescriptor::TYPE_FIXED32:
        absl::StrAppend(out_, static_cast<uint32_t>(v));
        return true;
      case FieldDescriptor::TYPE_INT64:
      case FieldDescriptor::TYPE_SFIXED64:
        Int64(static_cast<int64_t>(v));
        return true;
      case FieldDescriptor::TYPE_SINT64:
        Int64(static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)));
        return true;
      case FieldDescriptor::TYPE_UINT64:
      case FieldDescriptor::TYPE_FIXED64:
        if (options_.int64_as_numbers && v <= kExactInDouble) {
          absl::StrAppend(out_, v);
        } else {
          absl::StrAppend(out_, "\"", v, "\"");
        }
        return true;
      case FieldDescriptor::TYPE_ENUM: {
        const int number = static_cast<int32_t>(static_cast<uint32_t>(v));
        const auto* value = f->enum_type()->FindValueByNumber(number);
        if (value == nullptr || f->enum_type()->full_name() == "google.protobuf.NullValue") {
          return Refuse(absl::StrCat(f->full_name(), " = ", number));
        }
        out_->push_back('"');
        out_->append(value->name());  // enum names are identifiers: nothing to escape
        out_->push_back('"');
        return true;
      }
      case FieldDescriptor::TYPE_DOUBLE:
        if (wire != kFixed64) return Refuse(f->full_name());
        return Floating(absl::bit_cast<double>(v));
      case FieldDescriptor::TYPE_FLOAT:
        if (wire != kFixed32) return Refuse(f->full_name());
        return Floating(absl::bit_cast<float>(static_cast<uint32_t>(v)));
      default:
        return Refuse(f->full_name());
    }
  }

  // A double or float as JsonObjectWriter writes it: protobuf's own shortest
  // round-trip form (SimpleDtoa, SimpleFtoa: "0.1", "1e+300"), or quoted
  // "Infinity", "-Infinity", "NaN".
  template <typename T>
  bool Floating(T x) {
    if (std::isnan(x)) {
      out_->append("\"NaN\"");
    } else if (std::isinf(x)) {
      out_->append(x > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    } else if constexpr (std::is_same_v<T, double>) {
      out_->append(google::protobuf::SimpleDtoa(x));
    } else {
      out_->append(google::protobuf::SimpleFtoa(x));
    }
    return true;
  }

  // The largest integer a double holds exactly, and every one below it.
  static constexpr uint64_t kExactInDouble = uint64_t{1} << 53;

  // A signed 64-bit integer: quoted, as the protobuf JSON mapping writes it,
  // or a number with int64_as_numbers when a double holds it exactly.
  void Int64(int64_t v) {
    const uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    if (options_.int64_as_numbers && magnitude <= kExactInDouble) {
      absl::StrAppend(out_, v);
    } else {
      absl::StrAppend(out_, "\"", v, "\"");
    }
  }

  // Prints a registered message of the memo once, both forms, and keeps
  // it in `e` (the first thread to publish wins); nullptr if it is outside
  // what this writer writes (refused_ says why).
  const std::array<std::string, 2>* Memorize(const Descriptor* d, absl::string_view wire,
                                             const internal::JsonMemo::Entry& e) {
    auto json = std::make_unique<std::array<std::string, 2>>();
    Writer pretty({.add_whitespace = true,
                   .preserve_proto_field_names = true,
                   .always_print_primitive_fields = options_.always_print_primitive_fields},
                  &(*json)[1]);
    if (!pretty.Member(d, wire, 1)) {
      Refuse(pretty.refused());
      return nullptr;
    }
    // The one-line form is the indented one without the whitespace the
    // writer puts between tokens (strings hold none unescaped).
    const std::string& in = (*json)[1];
    std::string& out = (*json)[0];
    out.resize(in.size());
    size_t n = 0;
    bool in_string = false;
    for (size_t i = 0; i < in.size(); ++i) {
      const char c = in[i];
      if (in_string) {
        out[n++] = c;
        if (c == '\\') {
          out[n++] = in[++i];
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c != ' ' && c != '\n') {
        out[n++] = c;
        in_string = c == '"';
      }
    }
    out.resize(n);
    const std::array<std::string, 2>* expected = nullptr;
    if (e.json[options_.always_print_primitive_fields].compare_exchange_strong(expected, json.get(),
                                                                                std::memory_order_acq_rel)) {
      return json.release();
    }
    return expected;  // another thread published the same text first
  }

  // Appends JSON printed with members at level 1 as if its members sat at
  // level + 1: `level` more spaces after every newline (strings hold none:
  // they are escaped).
  void AppendIndented(const std::string& json, int level) {
    if (!options_.add_whitespace) {
      out_->append(json);
      return;
    }
    size_t from = 0;
    for (size_t nl = json.find('\n'); nl != std::string::npos; nl = json.find('\n', nl + 1)) {
      out_->append(json, from, nl + 1 - from);
      out_->append(static_cast<size_t>(level), ' ');
      from = nl + 1;
    }
    out_->append(json, from, std::string::npos);
  }

  bool Refuse(std::string what) {
    refused_ = std::move(what);
    return false;
  }

  const JsonPrintOptions options_;  // a copy: callers pass temporaries
  std::string* out_;
  const internal::JsonMemo* memo_;
  std::string refused_;
  // EveryField's runs of the objects being written, outermost first.
  std::vector<std::pair<const char*, const char*>> spans_;
};

}  // namespace

void internal::JsonMemo::Add(const Descriptor* type, const std::string& bytes) {
  auto it = std::find_if(by_type_.begin(), by_type_.end(), [&](const auto& t) { return t.first == type; });
  if (it == by_type_.end()) {
    it = by_type_.insert(by_type_.end(), {type, std::make_unique<absl::node_hash_map<std::string, Entry>>()});
  }
  it->second->try_emplace(bytes);
}

const internal::JsonMemo::Entry* internal::JsonMemo::Find(const Descriptor* type, absl::string_view bytes) const {
  for (const auto& [t, by_bytes] : by_type_) {
    if (t != type) continue;
    auto it = by_bytes->find(bytes);
    return it == by_bytes->end() ? nullptr : &it->second;
  }
  return nullptr;
}

bool internal::PrintJsonWire(const Descriptor* type, absl::string_view wire, const JsonPrintOptions& options,
                             const JsonMemo* memo, std::string* out) {
  out->clear();
  out->reserve(wire.size() * 2);
  Writer writer(options, out, memo);
  return writer.Root(type, wire);
}

absl::Status PrintJson(const google::protobuf::Message& message, std::string* out, const JsonPrintOptions& options) {
  out->clear();
  // MessageToJsonString reads the binary encoding too, so both see the
  // same fields (proto3 scalars at their default are not encoded).
  std::string wire;
  if (!message.SerializeToString(&wire)) return absl::InternalError("cannot print JSON: the message does not serialise");
  out->reserve(wire.size() * 2);
  Writer writer(options, out);
  if (writer.Root(message.GetDescriptor(), wire)) return absl::OkStatus();
  out->clear();
  if (!options.protobuf_fallback) {
    return absl::UnimplementedError(absl::StrCat("PrintJson does not write ", writer.refused(), " itself"));
  }
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = options.add_whitespace;
  print.preserve_proto_field_names = options.preserve_proto_field_names;
  print.always_print_primitive_fields = options.always_print_primitive_fields;
  const auto st = google::protobuf::util::MessageToJsonString(message, out, print);
  if (!st.ok()) return absl::InternalError(absl::StrCat("cannot print JSON: ", st.message().as_string()));
  return absl::OkStatus();
}

}  // namespace netra
