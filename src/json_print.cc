// PrintJson: the protobuf JSON mapping written straight from the message.
//
// protobuf's MessageToJsonString (3.21) serialises the message to binary and
// reads it back through a type resolver into a JSON writer: about 90
// instructions per output byte for a Determination. This writer walks the
// message with reflection and writes what that pipeline writes, byte for
// byte: fields in field-number order (the order of the binary encoding),
// only fields present on the wire (proto3 scalars at their default are not),
// 64-bit integers quoted, bytes in base64, strings escaped as its
// JsonEscaping escapes them, and its whitespace (WritePrefix, NewLine, Pop).
// Anything outside that (see json.h) makes Write return false; PrintJson
// then hands the message to MessageToJsonString. tests/json_print_test.cc
// compares the two on every test vector's determination.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"
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

void AppendU16(uint32_t unit, std::string* out) {
  const char b[6] = {'\\', 'u', kHex[(unit >> 12) & 0xf], kHex[(unit >> 8) & 0xf], kHex[(unit >> 4) & 0xf],
                     kHex[unit & 0xf]};
  out->append(b, 6);
}

// Appends `s` JSON-escaped; false if `s` is not valid UTF-8 (JsonEscaping
// then drops bytes in its own way: left to it).
bool AppendEscaped(const std::string& s, std::string* out) {
  const size_t n = s.size();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t plain = 0;  // start of the run not yet copied
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c >= 0x20 && c < 0x7f) {
      if (c == '"' || c == '\\' || c == '<' || c == '>') {
        out->append(s, plain, i - plain);
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
      out->append(s, plain, i - plain);
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
      out->append(s, plain, i - plain);
      if (cp < 0x80) return false;  // overlong: left to JsonEscaping
      AppendU16(cp, out);
      i += len;
      plain = i;
    } else if (EscapedFormatChar(cp)) {
      out->append(s, plain, i - plain);
      AppendU16(cp, out);
      i += len;
      plain = i;
    } else if (EscapedSupplementary(cp)) {
      out->append(s, plain, i - plain);
      AppendU16((cp >> 10) + (0xd800 - (0x10000 >> 10)), out);
      AppendU16((cp & 0x3ff) + 0xdc00, out);
      i += len;
      plain = i;
    } else {
      i += len;
    }
  }
  out->append(s, plain, n - plain);
  return true;
}

class Writer {
 public:
  Writer(const JsonPrintOptions& options, std::string* out) : options_(options), out_(out) {}

  // Why Root returned false: the field it does not write.
  const std::string& refused() const { return refused_; }

  bool Root(const Message& m) {
    if (!Object(m, 1)) return false;
    if (options_.add_whitespace) out_->push_back('\n');
    return true;
  }

 private:
  // JsonObjectWriter::NewLine at `level`.
  void NewLine(int level) {
    if (!options_.add_whitespace) return;
    out_->push_back('\n');
    out_->append(static_cast<size_t>(level), ' ');  // protobuf indents by one space
  }

  // `m` as an object whose members sit at `level`.
  bool Object(const Message& m, int level) {
    const Descriptor* d = m.GetDescriptor();
    if (level > 64 || absl::StartsWith(d->full_name(), "google.protobuf.")) return Refuse(d->full_name());
    const Reflection* r = m.GetReflection();
    std::vector<const FieldDescriptor*> fields;
    r->ListFields(m, &fields);
    out_->push_back('{');
    bool first = true;
    for (const FieldDescriptor* f : fields) {
      if (f->is_extension() || f->is_map()) return Refuse(f->full_name());
      if (!first) out_->push_back(',');
      first = false;
      NewLine(level);
      out_->push_back('"');
      out_->append(options_.preserve_proto_field_names ? f->name() : f->json_name());
      out_->append(options_.add_whitespace ? "\": " : "\":");
      if (f->is_repeated()) {
        const int size = r->FieldSize(m, f);
        out_->push_back('[');
        for (int i = 0; i < size; ++i) {
          if (i > 0) out_->push_back(',');
          NewLine(level + 1);
          if (!Value(m, r, f, i, level + 1)) return false;
        }
        if (size > 0) NewLine(level);
        out_->push_back(']');
      } else if (!Value(m, r, f, -1, level)) {
        return false;
      }
    }
    if (!first) NewLine(level - 1);
    out_->push_back('}');
    return true;
  }

  // Field `f` of `m` (element `i` if repeated, else -1) at `level`.
  bool Value(const Message& m, const Reflection* r, const FieldDescriptor* f, int i, int level) {
    const bool rep = i >= 0;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return Object(rep ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f), level + 1);
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& v =
            rep ? r->GetRepeatedStringReference(m, f, i, &scratch) : r->GetStringReference(m, f, &scratch);
        out_->push_back('"');
        if (f->type() == FieldDescriptor::TYPE_BYTES) {
          out_->append(absl::Base64Escape(v));
        } else if (!AppendEscaped(v, out_)) {
          return Refuse(absl::StrCat(f->full_name(), " (not UTF-8)"));
        }
        out_->push_back('"');
        return true;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        const int number = rep ? r->GetRepeatedEnumValue(m, f, i) : r->GetEnumValue(m, f);
        const auto* value = f->enum_type()->FindValueByNumber(number);
        if (value == nullptr || f->enum_type()->full_name() == "google.protobuf.NullValue") {
          return Refuse(absl::StrCat(f->full_name(), " = ", number));
        }
        out_->push_back('"');
        out_->append(value->name());  // enum names are identifiers: nothing to escape
        out_->push_back('"');
        return true;
      }
      case FieldDescriptor::CPPTYPE_BOOL:
        out_->append((rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f)) ? "true" : "false");
        return true;
      case FieldDescriptor::CPPTYPE_INT32:
        absl::StrAppend(out_, rep ? r->GetRepeatedInt32(m, f, i) : r->GetInt32(m, f));
        return true;
      case FieldDescriptor::CPPTYPE_UINT32:
        absl::StrAppend(out_, rep ? r->GetRepeatedUInt32(m, f, i) : r->GetUInt32(m, f));
        return true;
      case FieldDescriptor::CPPTYPE_INT64:
        absl::StrAppend(out_, "\"", rep ? r->GetRepeatedInt64(m, f, i) : r->GetInt64(m, f), "\"");
        return true;
      case FieldDescriptor::CPPTYPE_UINT64:
        absl::StrAppend(out_, "\"", rep ? r->GetRepeatedUInt64(m, f, i) : r->GetUInt64(m, f), "\"");
        return true;
      default:  // float, double: protobuf's own number formatting
        return Refuse(f->full_name());
    }
  }

  bool Refuse(std::string what) {
    refused_ = std::move(what);
    return false;
  }

  const JsonPrintOptions& options_;
  std::string* out_;
  std::string refused_;
};

}  // namespace

absl::Status PrintJson(const google::protobuf::Message& message, std::string* out, const JsonPrintOptions& options) {
  out->clear();
  Writer writer(options, out);
  if (writer.Root(message)) return absl::OkStatus();
  out->clear();
  if (!options.protobuf_fallback) {
    return absl::UnimplementedError(absl::StrCat("PrintJson does not write ", writer.refused(), " itself"));
  }
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = options.add_whitespace;
  print.preserve_proto_field_names = options.preserve_proto_field_names;
  const auto st = google::protobuf::util::MessageToJsonString(message, out, print);
  if (!st.ok()) return absl::InternalError(absl::StrCat("cannot print JSON: ", st.message().as_string()));
  return absl::OkStatus();
}

}  // namespace netra
