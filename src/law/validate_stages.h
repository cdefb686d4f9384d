// The stages of ValidateLaw (validate.cc), which checks the loaded law files
// and compiles them into CompiledLaw. One Validator holds the law for all of
// them; ValidateLaw runs the stages in the order declared here, each building
// the indices the later ones read, and stops at the first refusal. Each stage
// is defined in its src/law/validate_<stage>.cc, named beside it below; Bad
// and ValidId are the helpers every stage uses. Internal to src/law/.
#ifndef NETRA_SRC_LAW_VALIDATE_STAGES_H_
#define NETRA_SRC_LAW_VALIDATE_STAGES_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "enum_check.h"
#include "law/compiled.h"

namespace netra::internal {

inline absl::Status Bad(std::string message) { return absl::InvalidArgumentError(std::move(message)); }

inline bool ValidId(absl::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!(absl::ascii_islower(static_cast<unsigned char>(c)) ||
          absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_')) {
      return false;
    }
  }
  return true;
}

class Validator {
 public:
  // `prechecked`: the law was validated with every check at build time
  // (netra_lawc); the checks that only refuse and compile nothing (enum
  // values, the coverage grid) are skipped, the rest still runs because it
  // also builds the indices.
  Validator(CompiledLaw& law, bool prechecked) : law_(law), prechecked_(prechecked) {}

  // The stages, in the order ValidateLaw runs them.
  absl::Status Instruments();     // validate_ids.cc
  absl::Status Settings();        // validate_settings.cc
  absl::Status RulesCommon();     // validate_ids.cc
  absl::Status Norms();           // validate_ids.cc
  absl::Status SanctionTypes();   // validate_sanctions.cc
  absl::Status LevelRules();      // validate_levels.cc
  absl::Status OthersBodies();    // validate_bodies.cc
  absl::Status Scopes();          // validate_bodies.cc
  absl::Status Elections();       // validate_calendars.cc
  absl::Status HolidayYears();    // validate_calendars.cc
  absl::Status PactTemplates();   // validate_pacts.cc
  absl::Status Coverage();        // validate_coverage.cc; not run when prechecked
  absl::Status EvaluatorNeeds();  // validate_evaluator_needs.cc; run when the evaluator's rules are required

  // validate_settings.cc; CheckSettingValue (validate.cc) calls it.
  static absl::Status CheckSettingValue(const v1::Setting& s, const std::string& value);

 private:
  std::string W(int rule) const { return Where(law_, rule); }
  // Enum values the schema does not name (a host file may give numbers).
  absl::Status Enums(const google::protobuf::Message& m, const std::string& prefix) const {
    return prechecked_ ? absl::OkStatus() : CheckEnumValues(m, prefix);
  }

  const v1::Rule& R(int rule) const { return *law_.rules[rule].rule; }

  // Helpers of more than one stage.
  absl::Status CheckCitation(const v1::Citation& c);  // validate_ids.cc
  absl::StatusOr<TypeMask> Types(int ri, const google::protobuf::RepeatedPtrField<std::string>& codes,
                                 v1::Level must_be_level, absl::string_view field);  // validate_sanctions.cc

  // Helpers of one stage that read the law.
  absl::Status CheckChoiceSetting(int ri, const std::string& name, const std::string& value,
                                  int* out);  // validate_settings.cc, for OthersBodies
  absl::Status CoverageAt(const NormInfo& norm, absl::CivilDay day,
                          const std::vector<int>& active);  // validate_coverage.cc
  bool Declared(int a, int b) const;                        // validate_coverage.cc

  CompiledLaw& law_;
  const bool prechecked_;
  std::vector<int> scopes_;     // rule indices of scope rules
  std::vector<int> deadlines_;  // rule indices of deadline rules
};

}  // namespace netra::internal

#endif  // NETRA_SRC_LAW_VALIDATE_STAGES_H_
