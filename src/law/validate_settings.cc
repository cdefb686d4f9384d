// ValidateLaw's stage for settings (validate_stages.h): each setting's name,
// doc, citations and default value; a value checked against its setting's
// type; and a rule that names a setting to switch it.
#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "law/validate_stages.h"
#include "netra/date.h"

namespace netra::internal {

absl::Status Validator::Settings() {
  for (size_t i = 0; i < law_.settings.size(); ++i) {
    const SettingInfo& si = law_.settings[i];
    const v1::Setting& s = *si.decl;
    const std::string where = absl::StrCat(si.file, ":", si.line, ": setting ", s.name(), ": ");
    if (!ValidId(s.name())) return Bad(absl::StrCat(where, "name must be lowercase snake_case"));
    auto [it, fresh] = law_.setting_by_name.emplace(s.name(), static_cast<int>(i));
    if (!fresh) {
      const SettingInfo& first = law_.settings[it->second];
      return Bad(absl::StrCat(where, "duplicate setting (first at ", first.file, ":", first.line, ")"));
    }
    if (auto st = Enums(s, ""); !st.ok()) return Bad(absl::StrCat(where, st.message()));
    if (s.doc().empty()) return Bad(absl::StrCat(where, "doc is required"));
    if (auto st = CheckSettingValue(s, s.default_value()); !st.ok()) {
      return Bad(absl::StrCat(where, "default_value: ", st.message()));
    }
    for (int c = 0; c < s.citations_size(); ++c) {
      if (auto st = CheckCitation(s.citations(c)); !st.ok()) {
        return Bad(absl::StrCat(where, "citations[", c, "]: ", st.message()));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status Validator::CheckChoiceSetting(int ri, const std::string& name, const std::string& value, int* out) {
  if (name.empty()) {
    if (!value.empty()) return Bad(absl::StrCat(W(ri), "setting_value without setting"));
    return absl::OkStatus();
  }
  auto it = law_.setting_by_name.find(name);
  if (it == law_.setting_by_name.end()) return Bad(absl::StrCat(W(ri), "unknown setting \"", name, "\""));
  if (out != nullptr) *out = it->second;
  const v1::Setting& s = *law_.settings[it->second].decl;
  if (out != nullptr && s.type() != v1::Setting::CHOICE && s.type() != v1::Setting::BOOL) {
    return Bad(absl::StrCat(W(ri), "setting \"", name, "\" must be a CHOICE or BOOL setting to switch a rule"));
  }
  if (value.empty()) return absl::OkStatus();
  if (auto st = CheckSettingValue(s, value); !st.ok()) {
    return Bad(absl::StrCat(W(ri), "setting_value for ", name, ": ", st.message()));
  }
  return absl::OkStatus();
}

absl::Status Validator::CheckSettingValue(const v1::Setting& s, const std::string& value) {
  switch (s.type()) {
    case v1::Setting::BOOL:
      if (value != "true" && value != "false") return Bad(absl::StrCat("\"", value, "\" is not true or false"));
      return absl::OkStatus();
    case v1::Setting::DATE:
      if (value.empty()) return absl::OkStatus();
      return ParseDate(value, "value").status();
    case v1::Setting::INT: {
      int v;
      if (!absl::SimpleAtoi(value, &v) || v < 0) return Bad(absl::StrCat("\"", value, "\" is not a non-negative integer"));
      if (s.max_value() <= 0) return Bad("an INT setting needs max_value (the largest value its meaning allows)");
      if (v > s.max_value()) {
        return Bad(absl::StrCat("\"", value, "\" is more than ", s.max_value(), ", the most it can mean"));
      }
      return absl::OkStatus();
    }
    case v1::Setting::BANDS:
      return ParseBands(value).status();
    case v1::Setting::CHOICE:
      if (s.choices_size() == 0) return Bad("a CHOICE setting needs choices");
      if (std::find(s.choices().begin(), s.choices().end(), value) == s.choices().end()) {
        return Bad(absl::StrCat("\"", value, "\" is not one of ", absl::StrJoin(s.choices(), ", ")));
      }
      return absl::OkStatus();
    default:
      return Bad("type is required");
  }
}

}  // namespace netra::internal
