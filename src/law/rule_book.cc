#include "netra/rule_book.h"

#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/text_format.h"
#include "law/compiled.h"
#include "law/embedded.h"
#include "law/precompiled.h"
#include "output_file.h"
#include "netra/date.h"

namespace netra {
namespace {

using google::protobuf::TextFormat;

class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (message_.empty()) {
      line_ = line + 1;
      column_ = column + 1;
      message_ = message;
    }
  }
  void AddWarning(int, int, const std::string&) override {}
  bool has_error() const { return !message_.empty(); }
  std::string Format(absl::string_view file) const {
    return absl::StrCat(file, ":", line_, ":", column_, ": ", message_);
  }

 private:
  int line_ = 0, column_ = 0;
  std::string message_;
};

struct Source {
  absl::string_view name, text;
  // The same file compiled at build time (an embedded file, unchanged).
  const internal::PrecompiledFile* precompiled = nullptr;
};

// FNV-1a over the texts in load order: stable across runs, platforms and
// file locations, enough to tell two rule books apart (not a security hash).
std::string Revision(absl::Span<const Source> sources) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](absl::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  for (const Source& s : sources) mix(s.text);
  return absl::StrFormat("fnv1a64:%016x", h);
}

// Appends one parsed file's rules, instruments and settings with their lines.
void AddFile(internal::CompiledLaw& law, absl::string_view name, const v1::RuleFile* file,
             absl::FunctionRef<int(int)> rule_line, absl::FunctionRef<int(int)> instrument_line,
             absl::FunctionRef<int(int)> setting_line) {
  const std::string file_name(name);
  for (int i = 0; i < file->rules_size(); ++i) {
    law.rules.push_back(RuleEntry{&file->rules(i), file_name, rule_line(i)});
  }
  for (int i = 0; i < file->instruments_size(); ++i) {
    law.instruments.push_back(&file->instruments(i));
    law.instrument_where.push_back(absl::StrCat(name, ":", instrument_line(i)));
  }
  for (int i = 0; i < file->settings_size(); ++i) {
    law.settings.push_back(internal::SettingInfo{&file->settings(i), file_name, setting_line(i)});
  }
  law.file_names.push_back(file_name);
  law.files.push_back(file);
}

}  // namespace

std::vector<LawSource> EmbeddedLaw() {
  std::vector<LawSource> out;
  for (const internal::EmbeddedLawFile& f : internal::EmbeddedLawFiles()) {
    out.push_back({f.name, std::string(f.text, f.size)});
  }
  return out;
}

absl::StatusOr<LawSource> ReadLawFile(const std::string& path) {
  auto text = internal::ReadFileToString(path, kMaxLawFileBytes, "kMaxLawFileBytes");
  if (absl::IsNotFound(text.status())) return absl::NotFoundError(absl::StrCat(path, ": no such law file"));
  if (!text.ok()) return text.status();
  return LawSource{path, *std::move(text)};
}

RuleBook::RuleBook(std::unique_ptr<internal::CompiledLaw> law) : law_(std::move(law)) {}
RuleBook::~RuleBook() = default;

absl::StatusOr<std::shared_ptr<const RuleBook>> RuleBook::Load(
    absl::Span<const LawSource> sources, const LoadOptions& options) {
  const std::vector<internal::EmbeddedLawFile>& embedded = internal::EmbeddedLawFiles();
  const internal::PrecompiledLaw* pre = internal::EmbeddedPrecompiled();
  std::vector<Source> all;
  all.reserve(sources.size() + (options.include_embedded ? embedded.size() : 0));
  if (options.include_embedded) {
    for (size_t i = 0; i < embedded.size(); ++i) {
      all.push_back({embedded[i].name, absl::string_view(embedded[i].text, embedded[i].size),
                     pre != nullptr ? &pre->files[i] : nullptr});
    }
  }
  for (const LawSource& src : sources) {
    Source s{src.name, src.text};
    // A host (the command, the Python package) may pass the embedded files
    // itself: an unchanged one is read in its compiled form.
    for (size_t i = 0; pre != nullptr && i < embedded.size(); ++i) {
      if (src.name == embedded[i].name && src.text == absl::string_view(embedded[i].text, embedded[i].size)) {
        s.precompiled = &pre->files[i];
        break;
      }
    }
    all.push_back(s);
  }
  if (all.empty()) return absl::InvalidArgumentError("no law files to load");
  // Exactly the embedded law, as netra_lawc checked it in full.
  bool prechecked = pre != nullptr && all.size() == pre->files.size();
  for (size_t i = 0; prechecked && i < all.size(); ++i) prechecked = all[i].precompiled == &pre->files[i];

  auto law = std::make_unique<internal::CompiledLaw>();
  google::protobuf::Arena* arena = law->arena.get();
  const auto* rules_field = v1::RuleFile::descriptor()->FindFieldByName("rules");
  const auto* settings_field = v1::RuleFile::descriptor()->FindFieldByName("settings");
  const auto* instruments_field = v1::RuleFile::descriptor()->FindFieldByName("instruments");
  for (const Source& src : all) {
    if (src.text.size() > kMaxLawFileBytes) {
      return absl::InvalidArgumentError(absl::StrCat(
          src.name, ": law file of ", src.text.size(), " bytes exceeds the limit of ",
          kMaxLawFileBytes));
    }
    auto* file = google::protobuf::Arena::CreateMessage<v1::RuleFile>(arena);
    if (const internal::PrecompiledFile* p = src.precompiled) {
      if (!file->ParseFromArray(p->rule_file.data(), static_cast<int>(p->rule_file.size())) ||
          p->rule_lines.size() != static_cast<size_t>(file->rules_size()) ||
          p->instrument_lines.size() != static_cast<size_t>(file->instruments_size()) ||
          p->setting_lines.size() != static_cast<size_t>(file->settings_size())) {
        return absl::InternalError(absl::StrCat(src.name, ": the precompiled law of this build is corrupt"));
      }
      AddFile(*law, src.name, file, [p](int i) { return p->rule_lines[i]; },
              [p](int i) { return p->instrument_lines[i]; }, [p](int i) { return p->setting_lines[i]; });
      continue;
    }
    TextFormat::Parser parser;
    FirstError errors;
    TextFormat::ParseInfoTree tree;
    parser.RecordErrorsTo(&errors);
    parser.WriteLocationsTo(&tree);
    google::protobuf::io::ArrayInputStream input(src.text.data(), static_cast<int>(src.text.size()));
    if (!parser.Parse(&input, file) || errors.has_error()) {
      return absl::InvalidArgumentError(errors.has_error()
                                            ? errors.Format(src.name)
                                            : absl::StrCat(src.name, ": cannot parse"));
    }
    AddFile(*law, src.name, file, [&](int i) { return tree.GetLocation(rules_field, i).line + 1; },
            [&](int i) { return tree.GetLocation(instruments_field, i).line + 1; },
            [&](int i) { return tree.GetLocation(settings_field, i).line + 1; });
  }
  law->revision = prechecked ? pre->revision : Revision(all);
  absl::Status st = internal::ValidateLaw(*law, options.require_evaluator_rules, prechecked);
  if (!st.ok()) return st;
  return std::shared_ptr<const RuleBook>(new RuleBook(std::move(law)));
}

absl::Span<const RuleEntry> RuleBook::rules() const { return law_->rules; }

const RuleEntry* RuleBook::FindRule(absl::string_view id) const {
  auto it = law_->rule_by_id.find(id);
  return it == law_->rule_by_id.end() ? nullptr : &law_->rules[it->second];
}

const v1::Instrument* RuleBook::FindInstrument(absl::string_view id) const {
  auto it = law_->instrument_by_id.find(id);
  return it == law_->instrument_by_id.end() ? nullptr : law_->instruments[it->second];
}

const v1::Setting* RuleBook::FindSetting(absl::string_view name) const {
  auto it = law_->setting_by_name.find(name);
  return it == law_->setting_by_name.end() ? nullptr : law_->settings[it->second].decl;
}

std::vector<const v1::Instrument*> RuleBook::instruments() const { return law_->instruments; }

std::vector<const v1::Setting*> RuleBook::settings() const {
  std::vector<const v1::Setting*> out;
  for (const auto& s : law_->settings) out.push_back(s.decl);
  return out;
}

std::vector<const v1::Election*> RuleBook::elections() const {
  std::vector<const v1::Election*> out;
  for (const auto& e : law_->elections) out.push_back(e.decl);
  return out;
}

const v1::Election* RuleBook::FindElection(absl::string_view id) const {
  auto it = law_->election_by_id.find(id);
  return it == law_->election_by_id.end() ? nullptr : law_->elections[it->second].decl;
}

bool RuleBook::InForce(const RuleEntry& rule, absl::CivilDay day) const {
  const int i = static_cast<int>(&rule - law_->rules.data());
  return law_->rule_from[i] <= day && day < law_->rule_until[i];
}

std::string RuleBook::InForceFrom(const RuleEntry& rule) const {
  const int i = static_cast<int>(&rule - law_->rules.data());
  return law_->rule_from[i] == internal::kAlways ? "" : FormatDate(law_->rule_from[i]);
}

std::string RuleBook::InForceUntil(const RuleEntry& rule) const {
  const int i = static_cast<int>(&rule - law_->rules.data());
  return law_->rule_until[i] == internal::kNever ? "" : FormatDate(law_->rule_until[i]);
}

const std::string& RuleBook::revision() const { return law_->revision; }

}  // namespace netra
