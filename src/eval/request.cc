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

// Work targets can be exceeded; past 1000% a value is a typing error.
constexpr int32_t kMaxWorkTargetPercent = 1000;

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

// Norm the evaluator adds for employee.party_member (SKB 2022 row D05).
constexpr absl::string_view kPartyMembershipNorm = "neutrality.party_membership";

// The contest of `election` for `office`: one listing `region` wins over one
// listing no region; -1 if none.
int FindContest(const internal::CompiledElection& el, v1::Office office, const std::string& region) {
  int general = -1;
  for (size_t c = 0; c < el.contests.size(); ++c) {
    const internal::CompiledContest& k = el.contests[c];
    if (!(k.office_mask & (1u << office))) continue;
    if (k.decl->regions().empty()) {
      if (general < 0) general = static_cast<int>(c);
    } else if (!region.empty() &&
               std::find(k.decl->regions().begin(), k.decl->regions().end(), region) != k.decl->regions().end()) {
      return static_cast<int>(c);
    }
  }
  return general;
}

// Stage of `day` in a contest (docs/law/elections.md).
v1::Stage StageOf(const internal::CompiledContest& k, absl::CivilDay day) {
  if (k.has_registration && day < k.registration) return v1::PRE_REGISTRATION;
  if (day < k.determination) return k.has_registration ? v1::NOMINATION : v1::PRE_REGISTRATION;
  // The validator guarantees campaign, quiet period and voting follow each
  // other without gaps.
  if (day < k.campaign_from) return v1::DETERMINED_PRE_CAMPAIGN;
  if (day <= k.campaign_until) return v1::CAMPAIGN;
  if (day <= k.quiet_until) return v1::QUIET;
  if (day <= k.voting_until) return v1::VOTING;
  return v1::POST_VOTING;
}

absl::Status PrepareNeutrality(const internal::CompiledLaw& law, const v1::NeutralityFacts& n, const std::string& at,
                               ActFacts* a) {
  if (n.has_on_cltn()) a->on_cltn = n.on_cltn() ? 1 : 0;
  if (n.has_active_support()) a->active_support = n.active_support() ? 1 : 0;
  if (n.has_resigned_in_writing()) a->resigned = n.resigned_in_writing() ? 1 : 0;
  if (n.has_cltn_conduct_breach()) a->cltn_breach = n.cltn_conduct_breach() ? 1 : 0;
  const v1::ElectionTarget& t = n.target();
  const std::string tat = absl::StrCat(at, ".neutrality.target");
  if (auto st = CheckEnum(v1::Office_IsValid(t.office()), absl::StrCat(tat, ".office"), t.office()); !st.ok()) return st;
  if (auto st = CheckEnum(v1::CandidateRoute_IsValid(t.route()), absl::StrCat(tat, ".route"), t.route()); !st.ok()) {
    return st;
  }
  a->route = t.route();
  if (auto st = CheckEnum(v1::CandidateStatus_IsValid(t.reported_status()), absl::StrCat(tat, ".reported_status"),
                          t.reported_status());
      !st.ok()) {
    return st;
  }
  if (t.reported_status() != v1::CANDIDATE_STATUS_UNSPECIFIED) {
    // A contest no calendar covers: the report's status stands in for it.
    if (!t.election().empty()) {
      return Bad(absl::StrCat(tat, ".reported_status: give it only for a contest no calendar covers, not with "
                              "election ", t.election().substr(0, 80), ", whose calendar gives the status"));
    }
    if (t.office() == v1::OFFICE_UNSPECIFIED) {
      return Bad(absl::StrCat(tat, ".office: required with reported_status (which office the act supported)"));
    }
    a->office = t.office();
    a->status = t.reported_status();
    a->status_reported = true;
    return absl::OkStatus();
  }
  if (t.election().empty()) {
    if (t.office() != v1::OFFICE_UNSPECIFIED || !t.region().empty()) {
      return Bad(absl::StrCat(tat, ".election: required with an office or region (`netra elections` lists them), "
                              "or reported_status for a contest no calendar covers"));
    }
    return absl::OkStatus();
  }
  auto e = law.election_by_id.find(t.election());
  if (e == law.election_by_id.end()) {
    return Bad(absl::StrCat(tat, ".election: unknown election \"", t.election().substr(0, 80),
                            "\" (`netra elections` lists them)"));
  }
  if (t.office() == v1::OFFICE_UNSPECIFIED) {
    return Bad(absl::StrCat(tat, ".office: required with an election (which office the act supported)"));
  }
  const internal::CompiledElection& el = law.elections[e->second];
  const int c = FindContest(el, t.office(), t.region());
  if (c < 0) {
    return Bad(absl::StrCat(tat, ".office: election ", t.election(), " has no contest for ", v1::Office_Name(t.office()),
                            t.region().empty() ? "" : absl::StrCat(" in region ", t.region().substr(0, 20))));
  }
  a->election = e->second;
  a->office = t.office();
  a->contest = c;
  const internal::CompiledContest& k = el.contests[c];
  // Status and stage only move forward in time: a date range has one if its
  // ends do; otherwise they stay unspecified and the evaluator splits the
  // range where it matters.
  const absl::CivilDay until = std::max(a->act_date, a->act_date_until);
  const v1::CandidateStatus status = a->act_date < k.determination ? v1::BAKAL_CALON : v1::CALON;
  if (status == (until < k.determination ? v1::BAKAL_CALON : v1::CALON)) a->status = status;
  if (StageOf(k, a->act_date) == StageOf(k, until)) a->stage = StageOf(k, a->act_date);
  return absl::OkStatus();
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

  if (req.acts_size() == 0 && !e.party_member()) {
    return Bad("acts: at least one act is required (or employee.party_member with a decision_date)");
  }
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
    if (in.has_act_date_range()) {
      const v1::DateRange& range = in.act_date_range();
      if (!in.act_date().empty()) {
        return Bad(absl::StrCat(at, ".act_date_range: give either act_date (\"", in.act_date().substr(0, 20),
                                "\") or act_date_range, not both"));
      }
      if (range.from().empty()) return Bad(absl::StrCat(at, ".act_date_range.from: required (the first possible day)"));
      if (range.until().empty()) {
        return Bad(absl::StrCat(at, ".act_date_range.until: required (the last possible day)"));
      }
      auto from = ParseDate(range.from(), absl::StrCat(at, ".act_date_range.from"));
      if (!from.ok()) return from.status();
      auto until = ParseDate(range.until(), absl::StrCat(at, ".act_date_range.until"));
      if (!until.ok()) return until.status();
      if (*until < *from) {
        return Bad(absl::StrCat(at, ".act_date_range: from ", range.from(), " is after until ", range.until()));
      }
      a.act_date = *from;
      a.act_date_until = *until;
    } else {
      if (in.act_date().empty()) {
        return Bad(absl::StrCat(at, ".act_date: required (or act_date_range when the date is known only within bounds)"));
      }
      auto d = ParseDate(in.act_date(), absl::StrCat(at, ".act_date"));
      if (!d.ok()) return d.status();
      a.act_date = a.act_date_until = *d;
    }
    latest_act = std::max(latest_act, a.act_date_until);
    if (auto st = CheckEnum(v1::Impact_IsValid(in.impact()), absl::StrCat(at, ".impact"), in.impact()); !st.ok()) {
      return st;
    }
    a.impact = in.impact();
    const v1::Absence& ab = in.absence();
    for (auto [has, value, has_range, range, name, dst, at_least, at_most] :
         {std::tuple{ab.has_cumulative_working_days(), ab.cumulative_working_days(),
                     ab.has_cumulative_working_days_range(), &ab.cumulative_working_days_range(),
                     "cumulative_working_days", &a.cumulative_days, &a.cumulative_at_least, &a.cumulative_at_most},
          std::tuple{ab.has_consecutive_working_days(), ab.consecutive_working_days(),
                     ab.has_consecutive_working_days_range(), &ab.consecutive_working_days_range(),
                     "consecutive_working_days", &a.consecutive_days, &a.consecutive_at_least,
                     &a.consecutive_at_most}}) {
      if (has && has_range) {
        return Bad(absl::StrCat(at, ".absence.", name, "_range: give either ", name, " (", value,
                                ") or its range, not both"));
      }
      if (has) {
        if (value < 0 || value > kMaxDaysInYear) {
          return Bad(absl::StrCat(at, ".absence.", name, ": ", value, " is not a count of working days in a year (0-",
                                  kMaxDaysInYear, ")"));
        }
        *dst = *at_least = *at_most = value;
      } else if (has_range) {
        const std::string field = absl::StrCat(at, ".absence.", name, "_range");
        for (auto [set, bound, bound_name] : {std::tuple{true, range->at_least(), "at_least"},
                                              std::tuple{range->has_at_most(), range->at_most(), "at_most"}}) {
          if (set && (bound < 0 || bound > kMaxDaysInYear)) {
            return Bad(absl::StrCat(field, ".", bound_name, ": ", bound,
                                    " is not a count of working days in a year (0-", kMaxDaysInYear, ")"));
          }
        }
        if (range->has_at_most() && range->at_most() < range->at_least()) {
          return Bad(absl::StrCat(field, ": at_least ", range->at_least(), " exceeds at_most ", range->at_most()));
        }
        *at_least = range->at_least();
        if (range->has_at_most()) *at_most = range->at_most();
      }
    }
    if (a.consecutive_at_least > a.cumulative_at_most) {
      const bool exact = a.consecutive_days >= 0 && a.cumulative_days >= 0;
      return Bad(absl::StrCat(
          at, ".absence.consecutive_working_days", a.consecutive_days >= 0 ? "" : "_range", ": ",
          a.consecutive_days >= 0 ? "" : "at least ", a.consecutive_at_least, " exceeds ",
          exact ? "cumulative_working_days " : absl::StrCat("the most cumulative_working_days", a.cumulative_days >= 0 ? "" : "_range", " allows, "),
          a.cumulative_at_most, " (a run is part of the yearly total)"));
    }
    if (ab.late_or_early_minutes() < 0 || ab.late_or_early_minutes() > kMaxLateMinutes) {
      return Bad(absl::StrCat(at, ".absence.late_or_early_minutes: ", ab.late_or_early_minutes(),
                              " is out of range 0-", kMaxLateMinutes));
    }
    a.late_minutes = ab.late_or_early_minutes();
    if (!ab.tenth_consecutive_day().empty()) {
      auto run = ParseDate(ab.tenth_consecutive_day(), absl::StrCat(at, ".absence.tenth_consecutive_day"));
      if (!run.ok()) return run.status();
      if (*run > a.act_date_until) {
        return Bad(absl::StrCat(at, ".absence.tenth_consecutive_day: ", ab.tenth_consecutive_day(),
                                in.has_act_date_range() ? " is after the end of act_date_range " : " is after the act_date ",
                                FormatDate(a.act_date_until)));
      }
      a.has_tenth_day = true;
      a.tenth_day = *run;
    }
    if (in.has_valid_reason()) a.valid_reason = in.valid_reason() ? 1 : 0;
    if (in.has_wealth_report_obliged()) a.wealth_obliged = in.wealth_report_obliged() ? 1 : 0;
    if (in.has_intentional()) a.intentional = in.intentional() ? 1 : 0;
    if (in.has_work_target_percent()) {
      if (in.work_target_percent() < 0 || in.work_target_percent() > kMaxWorkTargetPercent) {
        return Bad(absl::StrCat(at, ".work_target_percent: ", in.work_target_percent(), " is outside 0..",
                                kMaxWorkTargetPercent));
      }
      a.work_target = in.work_target_percent();
    }
    if (!in.reference_sanction().empty()) {
      auto t = law.type_by_code.find(in.reference_sanction());
      if (t == law.type_by_code.end()) {
        return Bad(absl::StrCat(at, ".reference_sanction: unknown sanction type \"",
                                in.reference_sanction().substr(0, 20), "\""));
      }
      a.reference_type = static_cast<int8_t>(t->second);
    }
    if (in.has_neutrality()) {
      if (auto st = PrepareNeutrality(law, in.neutrality(), at, &a); !st.ok()) return st;
    }
  }

  if (!req.examination_date().empty()) {
    auto d = ParseDate(req.examination_date(), "examination_date");
    if (!d.ok()) return d.status();
    f.has_examination_date = true;
    f.examination_date = *d;
    for (int i = 0; i < req.acts_size(); ++i) {
      if (f.acts[i].act_date_until > f.examination_date) {
        return Bad(absl::StrCat("examination_date: ", req.examination_date(), " is before acts[", i,
                                req.acts(i).has_act_date_range() ? "].act_date_range.until " : "].act_date ",
                                FormatDate(f.acts[i].act_date_until), " (dates out of order)"));
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
  } else if (req.acts_size() == 0) {
    return Bad("decision_date: required when employee.party_member is the only ground");
  } else {
    // A decision still to be taken is taken under the law now in force: for
    // an act or examination before PP 94/2021 that is PP 94 (Pasal 40(3)-(4)).
    f.decision_date = std::max(f.has_examination_date ? f.examination_date : latest_act, resolved_->pp94_from);
  }
  // Party membership is a status, not an act with a date: unless an act
  // reports it, it is judged as of the decision date.
  if (e.party_member()) {
    auto n = law.norm_by_id.find(kPartyMembershipNorm);
    if (n == law.norm_by_id.end()) {
      return Bad(absl::StrCat("employee.party_member: the rule book has no norm ", kPartyMembershipNorm));
    }
    bool reported = false;
    for (const ActFacts& a : f.acts) reported |= a.norm == n->second;
    if (!reported) {
      ActFacts a;
      a.norm = n->second;
      a.act_date = a.act_date_until = f.decision_date;
      a.implicit = true;
      f.acts.push_back(a);
      f.warnings.push_back(absl::StrCat("employee.party_member: judged as an act of ", kPartyMembershipNorm,
                                        " on the decision date ", FormatDate(f.decision_date),
                                        "; to apply the law of another date (UU 5/2014 before 2023-10-31), report "
                                        "it as an act dated when the membership was established"));
    }
  }

  for (int i = 0; i < e.prior_sanctions_size(); ++i) {
    const v1::PriorSanction& p = e.prior_sanctions(i);
    const std::string at = absl::StrCat("employee.prior_sanctions[", i, "]");
    PriorSanctionFacts pf;
    if (p.sanction_type().empty() && p.siasn_jenis_hukuman_id() == 0) {
      return Bad(absl::StrCat(at, ".sanction_type: required (a code `netra rules` lists), or ", at,
                              ".siasn_jenis_hukuman_id"));
    }
    if (!p.sanction_type().empty()) {
      auto t = law.type_by_code.find(p.sanction_type());
      if (t == law.type_by_code.end()) {
        return Bad(absl::StrCat(at, ".sanction_type: unknown sanction type \"", p.sanction_type().substr(0, 20), "\""));
      }
      pf.type = static_cast<int8_t>(t->second);
    }
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
    if (p.siasn_jenis_hukuman_id() != 0) {
      // The type of that SIASN id on the prior decision's date.
      const int t = internal::TypeOfSiasnId(law, p.siasn_jenis_hukuman_id(), *d);
      if (t < 0) {
        return Bad(absl::StrCat(at, ".siasn_jenis_hukuman_id: ", p.siasn_jenis_hukuman_id(),
                                " is not the SIASN id of any sanction type (`netra rules` lists them)"));
      }
      if (!p.sanction_type().empty() && pf.type != t) {
        return Bad(absl::StrCat(at, ".siasn_jenis_hukuman_id: ", p.siasn_jenis_hukuman_id(), " is ", law.types[t].code,
                                " on ", p.decision_date(), ", not ", at, ".sanction_type ", p.sanction_type()));
      }
      pf.type = static_cast<int8_t>(t);
    }
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
