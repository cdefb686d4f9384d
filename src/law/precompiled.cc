#include "law/precompiled.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "law/embedded.h"

namespace netra::internal {
namespace {

constexpr absl::string_view kMagic = "netra.precompiled.v1";

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutString(absl::string_view s, std::string* out) {
  PutVarint(s.size(), out);
  out->append(s.data(), s.size());
}

void PutLines(const std::vector<int>& lines, std::string* out) {
  PutVarint(lines.size(), out);
  for (int l : lines) PutVarint(static_cast<uint64_t>(l), out);
}

// Reads from the front of `in`; every read fails once input runs out.
class Reader {
 public:
  explicit Reader(absl::string_view in) : in_(in) {}
  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return false;
      const uint8_t b = static_cast<uint8_t>(in_[0]);
      in_.remove_prefix(1);
      *v |= uint64_t{b & 0x7fu} << shift;
      if (b < 0x80) return true;
    }
    return false;
  }
  bool String(absl::string_view* s) {
    uint64_t n;
    if (!Varint(&n) || n > in_.size()) return false;
    *s = in_.substr(0, n);
    in_.remove_prefix(n);
    return true;
  }
  bool Lines(std::vector<int>* lines) {
    uint64_t n;
    if (!Varint(&n) || n > in_.size()) return false;
    lines->resize(n);
    for (int& l : *lines) {
      uint64_t v;
      if (!Varint(&v) || v > (1u << 30)) return false;
      l = static_cast<int>(v);
    }
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  absl::string_view in_;
};

}  // namespace

std::string EncodePrecompiled(const CompiledLaw& law) {
  std::string out;
  PutString(kMagic, &out);
  PutString(law.revision, &out);
  PutVarint(law.files.size(), &out);
  const auto& embedded = EmbeddedLawFiles();
  size_t rule = 0, instrument = 0, setting = 0;
  for (size_t f = 0; f < law.files.size(); ++f) {
    const v1::RuleFile& file = *law.files[f];
    PutString(law.file_names[f], &out);
    PutVarint(f < embedded.size() ? embedded[f].size : 0, &out);
    PutString(file.SerializeAsString(), &out);
    std::vector<int> lines;
    for (int i = 0; i < file.rules_size(); ++i) lines.push_back(law.rules[rule++].line);
    PutLines(lines, &out);
    lines.clear();
    for (int i = 0; i < file.instruments_size(); ++i) {
      // "file:line"
      const std::string& where = law.instrument_where[instrument++];
      int line = 0;
      (void)absl::SimpleAtoi(absl::string_view(where).substr(where.rfind(':') + 1), &line);
      lines.push_back(line);
    }
    PutLines(lines, &out);
    lines.clear();
    for (int i = 0; i < file.settings_size(); ++i) lines.push_back(law.settings[setting++].line);
    PutLines(lines, &out);
  }
  return out;
}

absl::StatusOr<PrecompiledLaw> DecodePrecompiled(absl::string_view blob) {
  PrecompiledLaw law;
  Reader in(blob);
  absl::string_view magic, revision;
  uint64_t files = 0;
  if (!in.String(&magic) || magic != kMagic || !in.String(&revision) || !in.Varint(&files) ||
      files > blob.size()) {
    return absl::InvalidArgumentError("not a precompiled law (bad header)");
  }
  law.revision = std::string(revision);
  law.files.resize(files);
  for (PrecompiledFile& f : law.files) {
    if (!in.String(&f.name) || !in.Varint(&f.text_size) || !in.String(&f.rule_file) || !in.Lines(&f.rule_lines) ||
        !in.Lines(&f.instrument_lines) || !in.Lines(&f.setting_lines)) {
      return absl::InvalidArgumentError(absl::StrCat("not a precompiled law (file ", f.name, " cut short)"));
    }
  }
  if (!in.done()) return absl::InvalidArgumentError("not a precompiled law (trailing bytes)");
  return law;
}

const PrecompiledLaw* EmbeddedPrecompiled() {
  static const PrecompiledLaw* const law = []() -> const PrecompiledLaw* {
    const absl::string_view blob = PrecompiledLawBlob();
    if (blob.empty()) return nullptr;
    auto decoded = DecodePrecompiled(blob);
    // The build writes the blob from these very files; a mismatch means a
    // broken build, and the text path still gives the right answer.
    const auto& embedded = EmbeddedLawFiles();
    if (!decoded.ok() || decoded->files.size() != embedded.size()) return nullptr;
    for (size_t i = 0; i < embedded.size(); ++i) {
      if (decoded->files[i].name != embedded[i].name || decoded->files[i].text_size != embedded[i].size) {
        return nullptr;
      }
    }
    return new PrecompiledLaw(*std::move(decoded));
  }();
  return law;
}

}  // namespace netra::internal
