// Validation and compilation of loaded law files into CompiledLaw.
//
// Every message starts with "file:line: rule ID:" (or the instrument/setting
// equivalent) so a legal officer can go straight to the offending entry.
// ValidateLaw runs the stages of validate_stages.h, one file each
// (validate_<stage>.cc), in order; this file holds it and the other entry
// points of compiled.h.
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "law/compiled.h"
#include "law/validate_stages.h"
#include "utf8.h"

namespace netra::internal {

absl::StatusOr<std::vector<std::pair<double, std::string>>> ParseBands(absl::string_view value) {
  std::vector<std::pair<double, std::string>> bands;
  if (value.empty()) return bands;
  for (absl::string_view band : absl::StrSplit(value, ';')) {
    const size_t eq = band.find('=');
    double threshold = 0;
    const absl::string_view label =
        eq == absl::string_view::npos ? "" : absl::StripAsciiWhitespace(band.substr(eq + 1));
    if (eq == absl::string_view::npos || !absl::SimpleAtod(band.substr(0, eq), &threshold) || label.empty() ||
        !(threshold >= 0 && threshold <= 1)) {
      return absl::InvalidArgumentError(absl::StrCat("band ", internal::Quoted(band, 40),
                                                     " is not THRESHOLD=LABEL with a threshold in [0, 1]"));
    }
    if (bands.empty() ? threshold != 0 : threshold <= bands.back().first) {
      return absl::InvalidArgumentError(absl::StrCat("band ", internal::Quoted(band, 40), ": thresholds ascend from 0"));
    }
    bands.emplace_back(threshold, std::string(label));
  }
  return bands;
}

std::string Where(const CompiledLaw& law, int rule_index) {
  const RuleEntry& e = law.rules[rule_index];
  return absl::StrCat(e.file, ":", e.line, ": rule ", e.rule->id(), ": ");
}

absl::Status CheckSettingValue(const v1::Setting& setting, const std::string& value) {
  return Validator::CheckSettingValue(setting, value);
}

absl::Status ValidateLaw(CompiledLaw& law, bool require_evaluator_rules, bool prechecked) {
  Validator v(law, prechecked);
  if (auto st = v.Instruments(); !st.ok()) return st;
  if (auto st = v.Settings(); !st.ok()) return st;
  if (auto st = v.RulesCommon(); !st.ok()) return st;
  if (auto st = v.Norms(); !st.ok()) return st;
  if (auto st = v.SanctionTypes(); !st.ok()) return st;
  if (auto st = v.LevelRules(); !st.ok()) return st;
  if (auto st = v.OthersBodies(); !st.ok()) return st;
  if (auto st = v.Scopes(); !st.ok()) return st;
  if (auto st = v.Elections(); !st.ok()) return st;
  if (auto st = v.HolidayYears(); !st.ok()) return st;
  if (auto st = v.PactTemplates(); !st.ok()) return st;
  if (!prechecked) {
    if (auto st = v.Coverage(); !st.ok()) return st;
  }
  if (require_evaluator_rules) {
    if (auto st = v.EvaluatorNeeds(); !st.ok()) return st;
  }
  return absl::OkStatus();
}

}  // namespace netra::internal
