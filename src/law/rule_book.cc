#include "netra/rule_book.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "law/compiled.h"
#include "law/embedded.h"
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

// FNV-1a over the texts in load order: stable across runs, platforms and
// file locations, enough to tell two rule books apart (not a security hash).
std::string Revision(absl::Span<const LawSource> sources) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](absl::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  for (const LawSource& s : sources) mix(s.text);
  return absl::StrFormat("fnv1a64:%016x", h);
}

}  // namespace

std::vector<LawSource> EmbeddedLaw() {
  std::vector<LawSource> out;
  for (const internal::EmbeddedLawFile& f : internal::EmbeddedLawFiles()) {
    out.push_back({f.name, f.text});
  }
  return out;
}

absl::StatusOr<LawSource> ReadLawFile(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return absl::NotFoundError(absl::StrCat(path, ": no such law file"));
  if (!std::filesystem::is_regular_file(status)) {
    return absl::FailedPreconditionError(absl::StrCat(path, ": not a regular file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::PermissionDeniedError(absl::StrCat(path, ": cannot open law file"));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return absl::InvalidArgumentError(absl::StrCat(path, ": not a regular file"));
  if (static_cast<size_t>(size) > kMaxLawFileBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": law file of ", size, " bytes exceeds the limit of ", kMaxLawFileBytes));
  }
  in.seekg(0);
  std::string text(static_cast<size_t>(size), '\0');
  in.read(text.data(), size);
  if (!in) return absl::DataLossError(absl::StrCat(path, ": read failed"));
  return LawSource{path, std::move(text)};
}

RuleBook::RuleBook(std::unique_ptr<internal::CompiledLaw> law) : law_(std::move(law)) {}
RuleBook::~RuleBook() = default;

absl::StatusOr<std::shared_ptr<const RuleBook>> RuleBook::Load(
    absl::Span<const LawSource> sources, const LoadOptions& options) {
  std::vector<LawSource> all;
  if (options.include_embedded) all = EmbeddedLaw();
  all.insert(all.end(), sources.begin(), sources.end());
  if (all.empty()) return absl::InvalidArgumentError("no law files to load");

  auto law = std::make_unique<internal::CompiledLaw>();
  const auto* rules_field = v1::RuleFile::descriptor()->FindFieldByName("rules");
  const auto* settings_field = v1::RuleFile::descriptor()->FindFieldByName("settings");
  const auto* instruments_field = v1::RuleFile::descriptor()->FindFieldByName("instruments");
  for (const LawSource& src : all) {
    if (src.text.size() > kMaxLawFileBytes) {
      return absl::InvalidArgumentError(absl::StrCat(
          src.name, ": law file of ", src.text.size(), " bytes exceeds the limit of ",
          kMaxLawFileBytes));
    }
    auto file = std::make_unique<v1::RuleFile>();
    TextFormat::Parser parser;
    FirstError errors;
    TextFormat::ParseInfoTree tree;
    parser.RecordErrorsTo(&errors);
    parser.WriteLocationsTo(&tree);
    if (!parser.ParseFromString(src.text, file.get()) || errors.has_error()) {
      return absl::InvalidArgumentError(errors.has_error()
                                            ? errors.Format(src.name)
                                            : absl::StrCat(src.name, ": cannot parse"));
    }
    for (int i = 0; i < file->rules_size(); ++i) {
      law->rules.push_back(
          RuleEntry{&file->rules(i), src.name, tree.GetLocation(rules_field, i).line + 1});
    }
    for (int i = 0; i < file->instruments_size(); ++i) {
      law->instruments.push_back(&file->instruments(i));
      law->instrument_where.push_back(
          absl::StrCat(src.name, ":", tree.GetLocation(instruments_field, i).line + 1));
    }
    for (int i = 0; i < file->settings_size(); ++i) {
      law->settings.push_back(internal::SettingInfo{
          &file->settings(i), src.name, tree.GetLocation(settings_field, i).line + 1});
    }
    law->file_names.push_back(src.name);
    law->files.push_back(std::move(file));
  }
  law->revision = Revision(all);
  absl::Status st = internal::ValidateLaw(*law, options.require_evaluator_rules);
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
