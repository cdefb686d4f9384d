// ValidateLaw's stage for integrity-pact templates (validate_stages.h): ids,
// elections, commitments and their decree rows, which rules must encode.
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "law/validate_stages.h"

namespace netra::internal {
namespace {

// "skb2022.disiplin.d07a_photo_with_calon" -> "D07a"; "" when the id does
// not follow the decree rows' convention.
std::string SkbRow(absl::string_view id) {
  for (absl::string_view prefix : {"skb2022.etik.", "skb2022.disiplin."}) {
    if (!absl::ConsumePrefix(&id, prefix)) continue;
    const size_t end = id.find('_');
    const absl::string_view code = id.substr(0, end);
    const bool ok = end != absl::string_view::npos && code.size() >= 3 && code.size() <= 4 &&
                    (code[0] == 'e' || code[0] == 'd') && absl::ascii_isdigit(code[1]) &&
                    absl::ascii_isdigit(code[2]) && (code.size() == 3 || absl::ascii_islower(code[3]));
    if (!ok) return "";
    std::string row(code);
    row[0] = absl::ascii_toupper(row[0]);
    return row;
  }
  return "";
}

}  // namespace

absl::Status Validator::PactTemplates() {
  law_.skb_row.assign(law_.rules.size(), "");
  std::set<std::string> rows;
  for (size_t r = 0; r < law_.rules.size(); ++r) {
    law_.skb_row[r] = SkbRow(R(static_cast<int>(r)).id());
    if (!law_.skb_row[r].empty()) rows.insert(law_.skb_row[r]);
  }
  size_t file = 0;
  for (const auto& f : law_.files) {
    const std::string& name = law_.file_names[file++];
    for (int i = 0; i < f->pact_templates_size(); ++i) {
      const v1::PactTemplate& t = f->pact_templates(i);
      const std::string where = absl::StrCat(name, ": pact template ", t.id(), ": ");
      if (!ValidId(t.id())) return Bad(absl::StrCat(where, "id must be lowercase letters, digits, '.', '_'"));
      if (law_.pact_templates.count(t.id())) return Bad(absl::StrCat(where, "duplicate template id"));
      if (!law_.election_by_id.contains(t.election())) {
        return Bad(absl::StrCat(where, "election \"", t.election(), "\" is not in the rule book"));
      }
      if (t.commitments_size() == 0 || t.commitments_size() > 8) {
        return Bad(absl::StrCat(where, "a template has 1 to 8 commitments"));
      }
      if (t.citations_size() == 0) return Bad(absl::StrCat(where, "a template must cite its basis"));
      for (int c = 0; c < t.citations_size(); ++c) {
        if (auto st = CheckCitation(t.citations(c)); !st.ok()) {
          return Bad(absl::StrCat(where, "citations[", c, "]: ", st.message()));
        }
      }
      std::set<std::string> ids;
      for (const v1::PactCommitment& c : t.commitments()) {
        if (c.id().empty() || c.text().empty() || !ids.insert(c.id()).second) {
          return Bad(absl::StrCat(where, "each commitment needs a unique id and its text"));
        }
        // A breach is linked through these rows (PactRegistry::LinkBreaches):
        // a row no rule encodes would never match.
        for (const std::string& row : c.skb_rows()) {
          if (!rows.count(row)) {
            return Bad(absl::StrCat(where, "commitment ", c.id(), ": skb_rows \"", row,
                                    "\" is not a row any rule encodes (ids skb2022.etik.<row>_... or "
                                    "skb2022.disiplin.<row>_...)"));
          }
        }
      }
      law_.pact_templates[t.id()] = &t;
    }
  }
  return absl::OkStatus();
}

}  // namespace netra::internal
