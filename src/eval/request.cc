// Evaluator::Prepare: the boundary where request data is checked. Every
// error names the request field and the offending value.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "eval/resolved.h"
#include "netra/date.h"
#include "netra/evaluator.h"
#include "netra/nip.h"

namespace netra {
namespace {

absl::Status Bad(std::string message) { return absl::InvalidArgumentError(std::move(message)); }

// Counts of working days in one calendar year cannot exceed the days in it.
constexpr int kMaxDaysInYear = 366;
// A year of late minutes bounded by 24 h a day, so conversion cannot overflow.
constexpr int kMaxLateMinutes = kMaxDaysInYear * 24 * 60;

// Requests check their few enum fields one by one: the generic reflection
// walk used for law files (enum_check.h) made Prepare 9x slower per request.
absl::Status CheckEnum(bool valid, absl::string_view field, int value) {
  if (valid) return absl::OkStatus();
  return Bad(absl::StrCat(field, ": unknown enum value ", value));
}

}  // namespace

absl::Status Evaluator::Prepare(const v1::EvaluationRequest& req, CaseFacts* out) const {
  const internal::CompiledLaw& law = *resolved_->law;
  CaseFacts& f = *out;
  f = CaseFacts();
  const v1::Employee& e = req.employee();

  if (auto st = CheckEnum(v1::EmployeeKind_IsValid(e.kind()), "employee.kind", e.kind()); !st.ok()) return st;
  if (e.kind() == v1::EMPLOYEE_KIND_UNSPECIFIED) {
    return Bad("employee.kind: required (PNS, CPNS, PPPK, PPPK_PARUH_WAKTU or NON_ASN)");
  }
  f.kind = e.kind();
  if (auto st = CheckEnum(v1::PositionType_IsValid(e.position().type()), "employee.position.type",
                          e.position().type());
      !st.ok()) {
    return st;
  }
  if (auto st = CheckEnum(v1::JfLevel_IsValid(e.position().jf_level()), "employee.position.jf_level",
                          e.position().jf_level());
      !st.ok()) {
    return st;
  }
  if (auto st = CheckEnum(v1::AgencyLevel_IsValid(e.agency().level()), "employee.agency.level",
                          e.agency().level());
      !st.ok()) {
    return st;
  }
  if (auto st = CheckEnum(v1::Golongan_IsValid(e.golongan()), "employee.golongan", e.golongan()); !st.ok()) {
    return st;
  }
  f.position = e.position().type();
  f.jf_level = e.position().jf_level();
  f.agency = e.agency().level();
  f.is_ppk = e.position().is_ppk();
  if (f.jf_level != v1::JF_LEVEL_UNSPECIFIED && f.position != v1::FUNGSIONAL_KEAHLIAN &&
      f.position != v1::FUNGSIONAL_KETERAMPILAN) {
    return Bad(absl::StrCat("employee.position.jf_level: ", v1::JfLevel_Name(f.jf_level),
                            " given for a non-functional position ", v1::PositionType_Name(f.position)));
  }
  if (f.is_ppk && f.position != v1::JPT_MADYA) {
    return Bad(absl::StrCat("employee.position.is_ppk: only a JPT_MADYA can be PPK under Pasal 17(1)(b), not ",
                            v1::PositionType_Name(f.position)));
  }
  if (!e.nip().empty()) {
    auto nip = ParseNip(e.nip(), "employee.nip");
    if (!nip.ok()) return nip.status();
    for (std::string& w : nip->warnings) f.warnings.push_back(std::move(w));
    const bool pppk_kind = f.kind == v1::PPPK || f.kind == v1::PPPK_PARUH_WAKTU;
    if (pppk_kind != (nip->style == Nip::Style::kPppk) && f.kind != v1::NON_ASN) {
      f.warnings.push_back(absl::StrCat("employee.nip: a ", nip->style == Nip::Style::kPppk ? "PPPK" : "PNS",
                                        "-style number for an employee of kind ", v1::EmployeeKind_Name(f.kind)));
    }
  }

  if (req.acts_size() == 0) return Bad("acts: at least one act is required");
  if (req.acts_size() > kMaxActsPerRequest) {
    return Bad(absl::StrCat("acts: ", req.acts_size(), " acts exceed the limit of ", kMaxActsPerRequest));
  }
  if (e.prior_sanctions_size() > kMaxPriorSanctions) {
    return Bad(absl::StrCat("employee.prior_sanctions: ", e.prior_sanctions_size(), " entries exceed the limit of ",
                            kMaxPriorSanctions));
  }
  absl::CivilDay latest_act(1000, 1, 1);
  f.acts.resize(req.acts_size());
  for (int i = 0; i < req.acts_size(); ++i) {
    const v1::Act& in = req.acts(i);
    ActFacts& a = f.acts[i];
    const std::string at = absl::StrCat("acts[", i, "]");
    auto n = law.norm_by_id.find(in.norm());
    if (in.norm().empty()) return Bad(absl::StrCat(at, ".norm: required (a norm id; `netra rules` lists them)"));
    if (n == law.norm_by_id.end()) {
      return Bad(absl::StrCat(at, ".norm: unknown norm \"", in.norm().substr(0, 80),
                              "\" (`netra rules` lists the norm ids)"));
    }
    a.norm = n->second;
    if (in.act_date().empty()) return Bad(absl::StrCat(at, ".act_date: required"));
    auto d = ParseDate(in.act_date(), absl::StrCat(at, ".act_date"));
    if (!d.ok()) return d.status();
    a.act_date = *d;
    latest_act = std::max(latest_act, a.act_date);
    if (auto st = CheckEnum(v1::Impact_IsValid(in.impact()), absl::StrCat(at, ".impact"), in.impact()); !st.ok()) {
      return st;
    }
    a.impact = in.impact();
    const v1::Absence& ab = in.absence();
    for (auto [has, value, name, dst] :
         {std::tuple{ab.has_cumulative_working_days(), ab.cumulative_working_days(), "cumulative_working_days",
                     &a.cumulative_days},
          std::tuple{ab.has_consecutive_working_days(), ab.consecutive_working_days(), "consecutive_working_days",
                     &a.consecutive_days}}) {
      if (!has) continue;
      if (value < 0 || value > kMaxDaysInYear) {
        return Bad(absl::StrCat(at, ".absence.", name, ": ", value, " is not a count of working days in a year (0-",
                                kMaxDaysInYear, ")"));
      }
      *dst = value;
    }
    if (a.cumulative_days >= 0 && a.consecutive_days > a.cumulative_days) {
      return Bad(absl::StrCat(at, ".absence.consecutive_working_days: ", a.consecutive_days,
                              " exceeds cumulative_working_days ", a.cumulative_days,
                              " (a run is part of the yearly total)"));
    }
    if (ab.late_or_early_minutes() < 0 || ab.late_or_early_minutes() > kMaxLateMinutes) {
      return Bad(absl::StrCat(at, ".absence.late_or_early_minutes: ", ab.late_or_early_minutes(),
                              " is out of range 0-", kMaxLateMinutes));
    }
    a.late_minutes = ab.late_or_early_minutes();
    if (!ab.tenth_consecutive_day().empty()) {
      auto run = ParseDate(ab.tenth_consecutive_day(), absl::StrCat(at, ".absence.tenth_consecutive_day"));
      if (!run.ok()) return run.status();
      if (*run > a.act_date) {
        return Bad(absl::StrCat(at, ".absence.tenth_consecutive_day: ", ab.tenth_consecutive_day(),
                                " is after the act_date ", in.act_date()));
      }
      a.has_tenth_day = true;
      a.tenth_day = *run;
    }
    if (in.has_valid_reason()) a.valid_reason = in.valid_reason() ? 1 : 0;
    if (in.has_wealth_report_obliged()) a.wealth_obliged = in.wealth_report_obliged() ? 1 : 0;
    if (!in.reference_sanction().empty()) {
      auto t = law.type_by_code.find(in.reference_sanction());
      if (t == law.type_by_code.end()) {
        return Bad(absl::StrCat(at, ".reference_sanction: unknown sanction type \"",
                                in.reference_sanction().substr(0, 20), "\""));
      }
      a.reference_type = static_cast<int8_t>(t->second);
    }
  }

  if (!req.examination_date().empty()) {
    auto d = ParseDate(req.examination_date(), "examination_date");
    if (!d.ok()) return d.status();
    f.has_examination_date = true;
    f.examination_date = *d;
    for (int i = 0; i < req.acts_size(); ++i) {
      if (f.acts[i].act_date > f.examination_date) {
        return Bad(absl::StrCat("examination_date: ", req.examination_date(), " is before acts[", i,
                                "].act_date ", req.acts(i).act_date(), " (dates out of order)"));
      }
    }
  }
  if (!req.decision_date().empty()) {
    auto d = ParseDate(req.decision_date(), "decision_date");
    if (!d.ok()) return d.status();
    f.decision_date = *d;
    if (f.has_examination_date && f.decision_date < f.examination_date) {
      return Bad(absl::StrCat("decision_date: ", req.decision_date(), " is before examination_date ",
                              req.examination_date(), " (dates out of order)"));
    }
    if (f.decision_date < latest_act) {
      return Bad(absl::StrCat("decision_date: ", req.decision_date(), " is before the latest act_date ",
                              FormatDate(latest_act), " (dates out of order)"));
    }
  } else {
    // A decision still to be taken is taken under the law now in force: for
    // an act or examination before PP 94/2021 that is PP 94 (Pasal 40(3)-(4)).
    f.decision_date = std::max(f.has_examination_date ? f.examination_date : latest_act, resolved_->pp94_from);
  }

  for (int i = 0; i < e.prior_sanctions_size(); ++i) {
    const v1::PriorSanction& p = e.prior_sanctions(i);
    const std::string at = absl::StrCat("employee.prior_sanctions[", i, "]");
    PriorSanctionFacts pf;
    auto t = law.type_by_code.find(p.sanction_type());
    if (t == law.type_by_code.end()) {
      return Bad(absl::StrCat(at, ".sanction_type: unknown sanction type \"", p.sanction_type().substr(0, 20), "\""));
    }
    pf.type = static_cast<int8_t>(t->second);
    if (!p.norm().empty()) {
      auto n = law.norm_by_id.find(p.norm());
      if (n == law.norm_by_id.end()) {
        return Bad(absl::StrCat(at, ".norm: unknown norm \"", p.norm().substr(0, 80), "\""));
      }
      pf.norm = n->second;
    }
    if (p.decision_date().empty()) return Bad(absl::StrCat(at, ".decision_date: required"));
    auto d = ParseDate(p.decision_date(), absl::StrCat(at, ".decision_date"));
    if (!d.ok()) return d.status();
    if (*d > f.decision_date) {
      return Bad(absl::StrCat(at, ".decision_date: ", p.decision_date(), " is after the decision date ",
                              FormatDate(f.decision_date),
                              req.decision_date().empty() ? " (taken from the examination or act date; give decision_date)"
                                                          : "",
                              " (dates out of order)"));
    }
    pf.decision_date = *d;
    if (pf.norm < 0) {
      f.warnings.push_back(absl::StrCat(at, ".norm not given: the repeat rule (PP 94/2021 Pasal 35 ayat (2)) cannot "
                                        "tell whether this sanction was for a violation of the same nature, so it "
                                        "is not counted"));
    }
    f.priors.push_back(pf);
  }

  const v1::Organisation& org = req.organisation();
  for (auto [list, mask, name] : {std::tuple{&org.vacant_posts(), &f.vacant_mask, "organisation.vacant_posts"},
                                  std::tuple{&org.designated_officials(), &f.designated_mask,
                                             "organisation.designated_officials"}}) {
    for (int i = 0; i < list->size(); ++i) {
      const int o = list->Get(i);
      if (!v1::Official_IsValid(o) || o == v1::OFFICIAL_UNSPECIFIED) {
        return Bad(absl::StrCat(name, "[", i, "]: unknown official ", o));
      }
      *mask |= 1u << o;
    }
  }
  return absl::OkStatus();
}

}  // namespace netra
