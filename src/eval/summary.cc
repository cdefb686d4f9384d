// The lean answer (netra/summary.h): a DeterminationSummary from the
// evaluation's result, with the texts the rule book formatted once
// (internal::RuleTexts), never through a rendered Determination.
#include "netra/summary.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "law/compiled.h"
#include "netra/date.h"

namespace netra {
namespace {

// The bits of SummaryKeys::missing beyond the evaluator's facts: bit
// kMissingAuthority + k for AuthorityFact 1 << k.
constexpr int kMissingAuthority = internal::kFactCount;
constexpr int kMissingPosition = kMissingAuthority + 0, kMissingAgency = kMissingAuthority + 1,
              kMissingJfLevel = kMissingAuthority + 2, kMissingGolongan = kMissingAuthority + 3,
              kMissingSuperior = kMissingAuthority + 4, kMissingPlace = kMissingAuthority + 5,
              kMissingHomeAgency = kMissingAuthority + 6;
static_assert(kAuthorityPosition == 1 << (kMissingPosition - kMissingAuthority) &&
                  kAuthorityAgency == 1 << (kMissingAgency - kMissingAuthority) &&
                  kAuthorityJfLevel == 1 << (kMissingJfLevel - kMissingAuthority) &&
                  kAuthorityGolongan == 1 << (kMissingGolongan - kMissingAuthority) &&
                  kAuthoritySuperior == 1 << (kMissingSuperior - kMissingAuthority) &&
                  kAuthorityPlace == 1 << (kMissingPlace - kMissingAuthority) &&
                  kAuthorityHomeAgency == 1 << (kMissingHomeAgency - kMissingAuthority) &&
                  kMissingAuthority + kAuthorityFactCount <= 32,
              "SummaryKeys::missing holds the AuthorityFact bits from kMissingAuthority");

// Request paths as the Determination names them (src/eval/render.cc,
// FactField): relative to the act, but for the employee's facts.
constexpr std::array<const char*, 32> kPaths = [] {
  std::array<const char*, 32> a{};
  for (auto& s : a) s = "";
  a[internal::kFactImpact] = "impact";
  a[internal::kFactCumulative] = "absence.cumulative_working_days";
  a[internal::kFactConsecutive] = "absence.consecutive_working_days";
  a[internal::kFactValidReason] = "valid_reason";
  a[internal::kFactWealthObliged] = "wealth_report_obliged";
  a[internal::kFactPosition] = "employee.position.type";
  a[internal::kFactReferenceSanction] = "reference_sanction";
  a[internal::kFactCandidateStatus] = "neutrality.target.election";
  a[internal::kFactRoute] = "neutrality.target.route";
  a[internal::kFactOnCltn] = "neutrality.on_cltn";
  a[internal::kFactActiveSupport] = "neutrality.active_support";
  a[internal::kFactResigned] = "neutrality.resigned_in_writing";
  a[internal::kFactCltnBreach] = "neutrality.cltn_conduct_breach";
  a[internal::kFactActDate] = "act_date";
  a[internal::kFactIntentional] = "intentional";
  a[internal::kFactWorkTarget] = "work_target_percent";
  a[internal::kFactPrison] = "criminal.prison_months";
  a[internal::kFactPlanned] = "criminal.planned";
  a[internal::kFactOfficeCrime] = "criminal.office_related";
  a[internal::kFactRetention] = "criminal.retention_conditions_met";
  a[internal::kFactCustodial] = "criminal.custodial";
  a[internal::kFactAttributes] = "neutrality.campaign_attributes";
  a[internal::kFactMobilised] = "neutrality.mobilised_staff";
  a[internal::kFactFacilities] = "neutrality.state_facilities";
  for (int k = 0; k < kAuthorityFactCount; ++k) {
    a[kMissingAuthority + k] = AuthorityFactField(static_cast<AuthorityFact>(1u << k));
  }
  return a;
}();

// The input columns of Python's evaluate_frame (bindings/python/src/frame.cc).
constexpr std::array<const char*, 32> kColumns = [] {
  std::array<const char*, 32> a{};
  for (auto& s : a) s = "";
  a[internal::kFactImpact] = "impact";
  a[internal::kFactCumulative] = "cumulative_days";
  a[internal::kFactConsecutive] = "consecutive_days";
  a[internal::kFactValidReason] = "valid_reason";
  a[internal::kFactWealthObliged] = "wealth_report_obliged";
  a[internal::kFactPosition] = "position";
  a[internal::kFactReferenceSanction] = "reference_sanction";
  a[internal::kFactCandidateStatus] = "election";
  a[internal::kFactRoute] = "route";
  a[internal::kFactOnCltn] = "on_cltn";
  a[internal::kFactActiveSupport] = "active_support";
  a[internal::kFactResigned] = "resigned_in_writing";
  a[internal::kFactCltnBreach] = "cltn_conduct_breach";
  a[internal::kFactActDate] = "act_date";
  a[internal::kFactIntentional] = "intentional";
  a[internal::kFactWorkTarget] = "work_target_percent";
  a[internal::kFactPrison] = "prison_months";
  a[internal::kFactPlanned] = "planned";
  a[internal::kFactOfficeCrime] = "office_related";
  a[internal::kFactRetention] = "retention_conditions_met";
  a[internal::kFactCustodial] = "custodial";
  a[internal::kFactAttributes] = "campaign_attributes";
  a[internal::kFactMobilised] = "mobilised_staff";
  a[internal::kFactFacilities] = "state_facilities";
  a[kMissingPosition] = "position";
  a[kMissingAgency] = "agency_level";
  a[kMissingJfLevel] = "jf_level";
  a[kMissingGolongan] = "golongan";
  a[kMissingSuperior] = "jpt_pratama_superior";
  a[kMissingPlace] = "secondment_place";
  a[kMissingHomeAgency] = "home_agency_level";
  return a;
}();

static_assert(internal::kFactCount <= kMissingPosition, "fact bits overlap the employee bits of SummaryKeys");

// Calls f with each article the rule of `entry` (SummaryKeys::rules) cites
// in its era, in the rule's order.
template <typename F>
void ForEachCited(const std::vector<internal::RuleText>& texts, int32_t entry, F f) {
  const internal::RuleText& t = texts[SummaryKeys::RuleOf(entry)];
  const int era = SummaryKeys::EraOf(entry);
  if (era < 0) {
    for (const std::string& s : t.cited_as) f(s);
  } else {
    for (int c : t.eras[era].citations) f(t.cited_as[c]);
  }
}

}  // namespace

Summarizer::Summarizer(std::shared_ptr<const RuleBook> book) : book_(std::move(book)) {
  const internal::CompiledLaw& law = book_->compiled();
  for (size_t t = 0; t < law.types.size(); ++t) type_order_.push_back(static_cast<int>(t));
  std::stable_sort(type_order_.begin(), type_order_.end(),
                   [&](int a, int b) { return law.types[a].severity < law.types[b].severity; });
  (void)internal::RuleTexts(*book_);  // formatted now, not on the first row
}

const std::array<const char*, 32>& Summarizer::MissingFactNames(bool request_paths) {
  return request_paths ? kPaths : kColumns;
}

SummaryKeys Summarizer::Keys(const CaseFacts& facts, const CaseResult& res) const {
  const internal::CompiledLaw& law = book_->compiled();
  const std::vector<internal::RuleText>& texts = internal::RuleTexts(*book_);
  SummaryKeys k;
  k.rules.fill(-1);
  size_t n = 0;
  // A rule is cited as it stood on the day it was applied on (the
  // Determination's, src/eval/render.cc): the act's last day for a norm
  // judged by the law of the act's date, else the decision date.
  auto add = [&](int32_t rule, absl::CivilDay day) {
    if (rule < 0 || n >= k.rules.size()) return;
    const int era = texts[rule].EraOn(day);
    const int32_t entry = SummaryKeys::Entry(rule, era);
    for (size_t i = 0; i < n; ++i) {
      if (k.rules[i] == entry) return;
    }
    k.rules[n++] = entry;
  };
  for (size_t i = 0; i < res.acts.size(); ++i) {
    const ActResult& a = res.acts[i];
    absl::CivilDay day = facts.decision_date;
    if (i < facts.acts.size() && law.norms[facts.acts[i].norm].law_of_act_date) {
      day = std::max(facts.acts[i].act_date, facts.acts[i].act_date_until);
    }
    if (a.outcome == v1::MISSING_FACTS) k.missing |= a.missing;
    for (int r = 0; r < a.rule_count; ++r) add(law.level_rules[a.rules[r]].rule, day);
    if (a.outcome == v1::OUTSIDE_SCOPE) add(a.scope_rule, day);
  }
  k.missing |= uint32_t{res.missing_authority} << kMissingAuthority;
  k.allowed = res.allowed;
  for (const OfficialResult& o : res.officials) k.officials |= 1u << o.official;
  if (res.procedure_rule >= 0) k.team = law.rules[res.procedure_rule].rule->procedure().team();
  if (res.handling_rule >= 0) k.handled_by = law.rules[res.handling_rule].rule->handling().body();
  return k;
}

std::vector<std::string> Summarizer::TypeCodes(SanctionTypeMask allowed) const {
  const internal::CompiledLaw& law = book_->compiled();
  std::vector<std::string> out;
  for (int t : type_order_) {
    if (allowed & (SanctionTypeMask{1} << t)) out.push_back(law.types[t].code);
  }
  return out;
}

SanctionTypeMask Summarizer::TypeMask(const google::protobuf::RepeatedPtrField<v1::AllowedSanction>& allowed_sanctions) const {
  const internal::CompiledLaw& law = book_->compiled();
  SanctionTypeMask mask = 0;
  for (const v1::AllowedSanction& s : allowed_sanctions) {
    auto t = law.type_by_code.find(s.code());
    if (t != law.type_by_code.end()) mask |= SanctionTypeMask{1} << t->second;
  }
  return mask;
}

std::vector<std::string> Summarizer::RuleIds(const SummaryKeys::Rules& rules) const {
  const internal::CompiledLaw& law = book_->compiled();
  std::vector<std::string> out;
  for (int32_t r : rules) {
    if (r < 0) continue;
    const std::string& id = law.rules[SummaryKeys::RuleOf(r)].rule->id();
    // One rule applied on two dates of different eras is named once.
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

std::vector<std::string> Summarizer::Citations(const SummaryKeys::Rules& rules) const {
  std::vector<std::string> out;
  for (int32_t r : rules) {
    if (r < 0) continue;
    ForEachCited(internal::RuleTexts(*book_), r, [&](const std::string& s) {
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    });
  }
  return out;
}

void Summarizer::Summarize(const CaseFacts& facts, const CaseResult& res, v1::DeterminationSummary* out) const {
  const internal::CompiledLaw& law = book_->compiled();
  const std::vector<internal::RuleText>& texts = internal::RuleTexts(*book_);
  out->Clear();
  out->set_outcome(res.outcome);
  out->set_level(res.level);
  out->set_regime(res.regime);
  for (int t : type_order_) {
    if (res.allowed & (SanctionTypeMask{1} << t)) out->add_allowed_types(law.types[t].code);
  }
  const SummaryKeys k = Keys(facts, res);
  for (int32_t r : k.rules) {
    if (r < 0) continue;
    const std::string& id = law.rules[SummaryKeys::RuleOf(r)].rule->id();
    if (std::find(out->rule_ids().begin(), out->rule_ids().end(), id) == out->rule_ids().end()) out->add_rule_ids(id);
    ForEachCited(texts, r, [&](const std::string& s) {
      if (std::find(out->citations().begin(), out->citations().end(), s) == out->citations().end()) {
        out->add_citations(s);
      }
    });
  }
  // Missing facts with the act's path, in the Determination's order (acts,
  // then the authority matrix's employee facts), each once.
  auto add_missing = [&](std::string path) {
    if (std::find(out->missing_facts().begin(), out->missing_facts().end(), path) == out->missing_facts().end()) {
      out->add_missing_facts(std::move(path));
    }
  };
  for (size_t i = 0; i < res.acts.size() && i < facts.acts.size(); ++i) {
    const ActResult& a = res.acts[i];
    if (a.outcome != v1::MISSING_FACTS || a.missing == 0) continue;
    const bool implicit = facts.acts[i].implicit;
    for (int bit = 0; bit < internal::kFactCount; ++bit) {
      if (!(a.missing & (1u << bit))) continue;
      if (bit == internal::kFactPosition) {
        add_missing(kPaths[bit]);
      } else if (implicit) {
        add_missing("employee.party_member");
      } else {
        add_missing(absl::StrCat("acts[", i, "].", kPaths[bit]));
      }
    }
  }
  for (int bit = kMissingAuthority; bit < kMissingAuthority + kAuthorityFactCount; ++bit) {
    if (k.missing & (1u << bit)) add_missing(kPaths[bit]);
  }
  for (int o = 1; o < 32; ++o) {
    if ((k.officials & (1u << o)) && v1::Official_IsValid(o)) out->add_officials(static_cast<v1::Official>(o));
  }
  out->set_team(k.team);
  out->set_handled_by(k.handled_by);
  if (!facts.acts.empty()) {
    out->set_stage(facts.acts[0].stage);
    out->set_candidate_status(facts.acts[0].status);
  }
  for (const ActResult& a : res.acts) {
    if (!a.salary_stop) continue;
    out->set_salary_stop(true);
    if (a.has_salary_stop_from) {
      out->set_salary_stop_from(FormatDate(a.salary_stop_from));
      break;
    }
  }
  for (const std::string& w : facts.warnings) out->add_warnings(w);
  out->set_decision_date(FormatDate(facts.decision_date));
}

}  // namespace netra
