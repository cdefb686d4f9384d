// The plain-JSON fast path (json_fast.h). Every branch that is not sure to
// match protobuf's parser declines; the caller then asks protobuf.
#include "json_fast.h"

#include <cstdint>
#include <limits>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "utf8.h"

namespace netra::internal {
namespace {

namespace pb = google::protobuf;
using pb::FieldDescriptor;

constexpr int kMaxDepth = 64;  // protobuf's own limit is 100

// Fields by proto name and enum values by name, per type, looked up by
// string_view without building a std::string per key (the descriptor's own
// lookups were a tenth of the parse). One table per thread: no lock. Keyed
// by descriptor address: the generated pool's descriptors live as long as
// the process.
struct Names {
  absl::flat_hash_map<const pb::Descriptor*, absl::flat_hash_map<std::string, const FieldDescriptor*>> fields;
  absl::flat_hash_map<const pb::EnumDescriptor*, absl::flat_hash_map<std::string, int>> values;

  const FieldDescriptor* Field(const pb::Descriptor* d, absl::string_view name) {
    auto [it, made] = fields.try_emplace(d);
    if (made) {
      for (int i = 0; i < d->field_count(); ++i) it->second.emplace(d->field(i)->name(), d->field(i));
    }
    auto f = it->second.find(name);
    return f == it->second.end() ? nullptr : f->second;
  }
  const int* Value(const pb::EnumDescriptor* e, absl::string_view name) {
    auto [it, made] = values.try_emplace(e);
    if (made) {
      for (int i = 0; i < e->value_count(); ++i) it->second.emplace(e->value(i)->name(), e->value(i)->number());
    }
    auto v = it->second.find(name);
    return v == it->second.end() ? nullptr : &v->second;
  }
};

Names& ThreadNames() {
  thread_local Names names;
  return names;
}

class Parser {
 public:
  explicit Parser(absl::string_view s) : p_(s.data()), end_(s.data() + s.size()) {}

  bool Document(pb::Message* m) {
    Skip();
    if (!Object(m, 0)) return false;
    Skip();
    return p_ == end_;
  }

 private:
  void Skip() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  bool Eat(char c) {
    Skip();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }

  // A string without \u escapes, raw control characters or invalid UTF-8.
  bool String(std::string* out) {
    if (p_ >= end_ || *p_ != '"') return false;
    ++p_;
    const char* start = p_;
    while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
    if (p_ >= end_) return false;
    out->assign(start, p_ - start);
    while (*p_ != '"') {
      const unsigned char c = static_cast<unsigned char>(*p_);
      if (c < 0x20) return false;
      if (c == '\\') {
        if (++p_ >= end_) return false;
        switch (*p_) {
          case '"': out->push_back('"'); break;
          case '\\': out->push_back('\\'); break;
          case '/': out->push_back('/'); break;
          case 'b': out->push_back('\b'); break;
          case 'f': out->push_back('\f'); break;
          case 'n': out->push_back('\n'); break;
          case 'r': out->push_back('\r'); break;
          case 't': out->push_back('\t'); break;
          default: return false;  // \uXXXX and anything else: protobuf's
        }
      } else {
        out->push_back(static_cast<char>(c));
      }
      if (++p_ >= end_) return false;
    }
    ++p_;  // the closing quote
    return InvalidUtf8(*out) == absl::string_view::npos;
  }

  // A JSON integer without sign tricks: -?(0|[1-9][0-9]*), not "-0", up to
  // 19 digits, followed by a delimiter (no fraction, no exponent).
  bool Integer(bool* negative, uint64_t* magnitude) {
    *negative = p_ < end_ && *p_ == '-';
    if (*negative) ++p_;
    const char* digits = p_;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    const size_t n = static_cast<size_t>(p_ - digits);
    if (n == 0 || n > 19 || (n > 1 && *digits == '0')) return false;
    if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    if (!absl::SimpleAtoi(absl::string_view(digits, n), magnitude)) return false;
    return !(*negative && *magnitude == 0);
  }

  bool Literal(absl::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || absl::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  // One value of `f` (a single element when `f` is repeated).
  bool Value(pb::Message* m, const FieldDescriptor* f, int depth) {
    const pb::Reflection* r = m->GetReflection();
    const bool rep = f->is_repeated();
    Skip();
    if (p_ >= end_) return false;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        if (*p_ != '{') return false;
        pb::Message* sub = rep ? r->AddMessage(m, f) : r->MutableMessage(m, f);
        return Object(sub, depth + 1);
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        if (f->type() == FieldDescriptor::TYPE_BYTES) return false;
        if (!String(&text_)) return false;
        if (rep) {
          r->AddString(m, f, text_);
        } else {
          r->SetString(m, f, text_);
        }
        return true;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        if (!String(&text_)) return false;
        const int* v = names_.Value(f->enum_type(), text_);
        if (v == nullptr) return false;
        if (rep) {
          r->AddEnumValue(m, f, *v);
        } else {
          r->SetEnumValue(m, f, *v);
        }
        return true;
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        bool b;
        if (Literal("true")) {
          b = true;
        } else if (Literal("false")) {
          b = false;
        } else {
          return false;
        }
        if (rep) {
          r->AddBool(m, f, b);
        } else {
          r->SetBool(m, f, b);
        }
        return true;
      }
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT32:
      case FieldDescriptor::CPPTYPE_UINT64: {
        bool neg = false;
        uint64_t mag = 0;
        if (!Integer(&neg, &mag)) return false;
        switch (f->cpp_type()) {
          case FieldDescriptor::CPPTYPE_INT32: {
            if (mag > (neg ? uint64_t{1} << 31 : (uint64_t{1} << 31) - 1)) return false;
            const int32_t v = neg ? static_cast<int32_t>(-static_cast<int64_t>(mag)) : static_cast<int32_t>(mag);
            rep ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
            return true;
          }
          case FieldDescriptor::CPPTYPE_INT64: {
            if (mag > (neg ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1)) return false;
            const int64_t v = neg ? static_cast<int64_t>(0 - mag) : static_cast<int64_t>(mag);
            rep ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
            return true;
          }
          case FieldDescriptor::CPPTYPE_UINT32:
            if (neg || mag > std::numeric_limits<uint32_t>::max()) return false;
            rep ? r->AddUInt32(m, f, static_cast<uint32_t>(mag)) : r->SetUInt32(m, f, static_cast<uint32_t>(mag));
            return true;
          default:
            if (neg) return false;
            rep ? r->AddUInt64(m, f, mag) : r->SetUInt64(m, f, mag);
            return true;
        }
      }
      default:
        return false;  // float and double: protobuf's
    }
  }

  bool Object(pb::Message* m, int depth) {
    if (depth > kMaxDepth) return false;
    const pb::Descriptor* d = m->GetDescriptor();
    if (d->file()->package() == "google.protobuf") return false;  // well-known types
    if (!Eat('{')) return false;
    // Field numbers seen in this object: a duplicate key declines.
    uint64_t seen_low = 0;
    std::string seen_high;
    if (Eat('}')) return true;
    while (true) {
      Skip();
      if (!String(&key_)) return false;
      const FieldDescriptor* f = names_.Field(d, key_);
      if (f == nullptr || f->is_map() || f->is_extension()) return false;
      const int number = f->number();
      if (number < 64) {
        if (seen_low & (uint64_t{1} << number)) return false;
        seen_low |= uint64_t{1} << number;
      } else {
        const std::string tag = std::to_string(number) + ",";
        if (seen_high.find("," + tag) != std::string::npos) return false;
        if (seen_high.empty()) seen_high = ",";
        seen_high += tag;
      }
      // Two members of one oneof: protobuf refuses; its words.
      if (const pb::OneofDescriptor* o = f->real_containing_oneof();
          o != nullptr && m->GetReflection()->HasOneof(*m, o)) {
        return false;
      }
      if (!Eat(':')) return false;
      if (f->is_repeated()) {
        if (!Eat('[')) return false;
        if (!Eat(']')) {
          while (true) {
            if (!Value(m, f, depth)) return false;
            if (Eat(']')) break;
            if (!Eat(',')) return false;
          }
        }
      } else if (!Value(m, f, depth)) {
        return false;
      }
      if (Eat('}')) return true;
      if (!Eat(',')) return false;
    }
  }

  const char* p_;
  const char* end_;
  Names& names_ = ThreadNames();
  std::string key_, text_;
};

}  // namespace

bool ParseJsonFast(absl::string_view json, google::protobuf::Message* message) {
  message->Clear();
  Parser parser(json);
  return parser.Document(message);
}

}  // namespace netra::internal
