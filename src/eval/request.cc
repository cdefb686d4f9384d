// Evaluator::Prepare: the boundary where request data is checked. Every
// error names the request field and the offending value.
#include <algorithm>
#include <optional>
#include <string>
#include <tuple>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "eval/resolved.h"
#include "netra/date.h"
#include "netra/evaluator.h"
#include "netra/nip.h"
#include "utf8.h"

namespace netra {
namespace {

// Work targets can be exceeded; past 1000% a value is a typing error.
constexpr int32_t kMaxWorkTargetPercent = 1000;
// A life sentence is given as its term in months; 100 years bounds any.
constexpr int32_t kMaxPrisonMonths = 1200;

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
int FindContest(const internal::CompiledElection& el, v1::Office office, absl::string_view region) {
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

absl::Status PrepareNeutrality(const internal::CompiledLaw& law, const RequestValues::Neutrality& n,
                               const std::string& at, ActFacts* a) {
  const auto flag = [](const std::optional<bool>& b) -> int8_t { return b.has_value() ? (*b ? 1 : 0) : -1; };
  a->on_cltn = flag(n.on_cltn);
  a->active_support = flag(n.active_support);
  a->resigned = flag(n.resigned_in_writing);
  a->cltn_breach = flag(n.cltn_conduct_breach);
  a->attributes = flag(n.campaign_attributes);
  a->mobilised = flag(n.mobilised_staff);
  a->facilities = flag(n.state_facilities);
  const std::string tat = absl::StrCat(at, ".neutrality.target");
  if (auto st = CheckEnum(v1::Office_IsValid(n.office), absl::StrCat(tat, ".office"), n.office); !st.ok()) return st;
  if (auto st = CheckEnum(v1::CandidateRoute_IsValid(n.route), absl::StrCat(tat, ".route"), n.route); !st.ok()) {
    return st;
  }
  a->route = n.route;
  if (auto st = CheckEnum(v1::CandidateStatus_IsValid(n.reported_status), absl::StrCat(tat, ".reported_status"),
                          n.reported_status);
      !st.ok()) {
    return st;
  }
  if (n.reported_status != v1::CANDIDATE_STATUS_UNSPECIFIED) {
    // A contest no calendar covers: the report's status stands in for it.
    if (!n.election.empty()) {
      return Bad(absl::StrCat(tat, ".reported_status: give it only for a contest no calendar covers, not with "
                              "election ", internal::Quoted(n.election, 80), ", whose calendar gives the status"));
    }
    if (n.office == v1::OFFICE_UNSPECIFIED) {
      return Bad(absl::StrCat(tat, ".office: required with reported_status (which office the act supported)"));
    }
    a->office = n.office;
    a->status = n.reported_status;
    a->status_reported = true;
    return absl::OkStatus();
  }
  if (n.election.empty()) {
    if (n.office != v1::OFFICE_UNSPECIFIED || !n.region.empty()) {
      return Bad(absl::StrCat(tat, ".election: required with an office or region (`netra elections` lists them), "
                              "or reported_status for a contest no calendar covers"));
    }
    return absl::OkStatus();
  }
  auto e = law.election_by_id.find(n.election);
  if (e == law.election_by_id.end()) {
    return Bad(absl::StrCat(tat, ".election: unknown election ", internal::Quoted(n.election, 80),
                            " (`netra elections` lists them)"));
  }
  if (n.office == v1::OFFICE_UNSPECIFIED) {
    return Bad(absl::StrCat(tat, ".office: required with an election (which office the act supported)"));
  }
  const internal::CompiledElection& el = law.elections[e->second];
  const int c = FindContest(el, n.office, n.region);
  if (c < 0) {
    return Bad(absl::StrCat(tat, ".office: election ", n.election, " has no contest for ", v1::Office_Name(n.office),
                            n.region.empty() ? "" : absl::StrCat(" in region ", internal::Quoted(n.region, 20))));
  }
  a->election = e->second;
  a->office = n.office;
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

// A typed day in the years a request's text may give (ParseDate).
absl::Status CheckDay(absl::CivilDay day, absl::string_view field) {
  if (day.year() >= 1900 && day.year() <= 2199) return absl::OkStatus();
  return Bad(absl::StrCat(field, ": ", FormatDate(day), " is outside the years netra reads (1900-2199)"));
}

// A request's date text into a typed day; "" = not given. The field's name
// is built only for an error.
template <typename Field>
absl::Status ReadDate(const std::string& text, Field field, std::optional<absl::CivilDay>* out) {
  if (text.empty()) return absl::OkStatus();
  auto d = ParseDate(text, "");
  if (!d.ok()) return ParseDate(text, field()).status();
  *out = *d;
  return absl::OkStatus();
}

}  // namespace

absl::Status Evaluator::Prepare(const v1::EvaluationRequest& req, CaseFacts* out) const {
  // The request's dates are read here, each into its typed day; everything
  // else is checked by Prepare(RequestValues), field by field as named in
  // the request.
  const v1::Employee& e = req.employee();
  RequestValues v;
  v.kind = e.kind();
  v.position = e.position().type();
  v.jf_level = e.position().jf_level();
  v.is_ppk = e.position().is_ppk();
  v.is_sekda = e.position().is_sekda();
  v.reports_to_ppk = e.position().reports_to_ppk();
  v.agency_level = e.agency().level();
  v.secondment = e.secondment();
  v.secondment_place = e.secondment_place();
  v.home_agency_level = e.home_agency().level();
  v.golongan = e.golongan();
  v.nip = e.nip();
  v.party_member = e.party_member();
  absl::InlinedVector<RequestValues::Act, 2> acts(static_cast<size_t>(req.acts_size()));
  for (int i = 0; i < req.acts_size(); ++i) {
    const v1::Act& in = req.acts(i);
    RequestValues::Act& a = acts[i];
    const auto at = [i](absl::string_view field) { return absl::StrCat("acts[", i, "].", field); };
    a.norm = in.norm();
    if (auto st = ReadDate(in.act_date(), [&] { return at("act_date"); }, &a.act_date); !st.ok()) return st;
    a.has_range = in.has_act_date_range();
    if (a.has_range) {
      const v1::DateRange& range = in.act_date_range();
      if (auto st = ReadDate(range.from(), [&] { return at("act_date_range.from"); }, &a.range_from); !st.ok()) {
        return st;
      }
      if (auto st = ReadDate(range.until(), [&] { return at("act_date_range.until"); }, &a.range_until); !st.ok()) {
        return st;
      }
    }
    a.impact = in.impact();
    const v1::Absence& ab = in.absence();
    for (auto [count, has, value, has_range, range] :
         {std::tuple{&a.cumulative_working_days, ab.has_cumulative_working_days(), ab.cumulative_working_days(),
                     ab.has_cumulative_working_days_range(), &ab.cumulative_working_days_range()},
          std::tuple{&a.consecutive_working_days, ab.has_consecutive_working_days(), ab.consecutive_working_days(),
                     ab.has_consecutive_working_days_range(), &ab.consecutive_working_days_range()}}) {
      if (has) count->value = value;
      count->has_range = has_range;
      count->at_least = range->at_least();
      if (range->has_at_most()) count->at_most = range->at_most();
    }
    a.late_or_early_minutes = ab.late_or_early_minutes();
    if (auto st = ReadDate(ab.tenth_consecutive_day(), [&] { return at("absence.tenth_consecutive_day"); },
                           &a.tenth_consecutive_day);
        !st.ok()) {
      return st;
    }
    if (in.has_valid_reason()) a.valid_reason = in.valid_reason();
    if (in.has_wealth_report_obliged()) a.wealth_report_obliged = in.wealth_report_obliged();
    if (in.has_intentional()) a.intentional = in.intentional();
    if (in.has_work_target_percent()) a.work_target_percent = in.work_target_percent();
    if (in.has_criminal()) {
      const v1::CriminalFacts& cr = in.criminal();
      if (cr.has_prison_months()) a.prison_months = cr.prison_months();
      if (cr.has_planned()) a.planned = cr.planned();
      if (cr.has_office_related()) a.office_related = cr.office_related();
      if (cr.has_retention_conditions_met()) a.retention_conditions_met = cr.retention_conditions_met();
      if (cr.has_custodial()) a.custodial = cr.custodial();
    }
    a.reference_sanction = in.reference_sanction();
    if (in.has_neutrality()) {
      const v1::NeutralityFacts& n = in.neutrality();
      const v1::ElectionTarget& t = n.target();
      RequestValues::Neutrality& o = a.neutrality;
      o.given = true;
      o.election = t.election();
      o.region = t.region();
      o.office = t.office();
      o.route = t.route();
      o.reported_status = t.reported_status();
      if (n.has_on_cltn()) o.on_cltn = n.on_cltn();
      if (n.has_active_support()) o.active_support = n.active_support();
      if (n.has_resigned_in_writing()) o.resigned_in_writing = n.resigned_in_writing();
      if (n.has_cltn_conduct_breach()) o.cltn_conduct_breach = n.cltn_conduct_breach();
      if (n.has_campaign_attributes()) o.campaign_attributes = n.campaign_attributes();
      if (n.has_mobilised_staff()) o.mobilised_staff = n.mobilised_staff();
      if (n.has_state_facilities()) o.state_facilities = n.state_facilities();
    }
  }
  v.acts = acts;
  absl::InlinedVector<RequestValues::Prior, 1> priors(static_cast<size_t>(e.prior_sanctions_size()));
  for (int i = 0; i < e.prior_sanctions_size(); ++i) {
    const v1::PriorSanction& p = e.prior_sanctions(i);
    RequestValues::Prior& o = priors[i];
    o.sanction_type = p.sanction_type();
    o.norm = p.norm();
    o.siasn_jenis_hukuman_id = p.siasn_jenis_hukuman_id();
    if (auto st = ReadDate(p.decision_date(),
                           [i] { return absl::StrCat("employee.prior_sanctions[", i, "].decision_date"); },
                           &o.decision_date);
        !st.ok()) {
      return st;
    }
  }
  v.prior_sanctions = priors;
  if (auto st = ReadDate(req.examination_date(), [] { return "examination_date"; }, &v.examination_date); !st.ok()) {
    return st;
  }
  if (auto st = ReadDate(req.decision_date(), [] { return "decision_date"; }, &v.decision_date); !st.ok()) return st;
  v.vacant_posts = req.organisation().vacant_posts();
  v.designated_officials = req.organisation().designated_officials();
  v.jpt_pratama_superior = req.organisation().jpt_pratama_superior();
  return Prepare(v, out);
}

absl::Status Evaluator::Prepare(const RequestValues& req, CaseFacts* out) const {
  const internal::CompiledLaw& law = *resolved_->law;
  CaseFacts& f = *out;
  f = CaseFacts();

  if (auto st = CheckEnum(v1::EmployeeKind_IsValid(req.kind), "employee.kind", req.kind); !st.ok()) return st;
  if (req.kind == v1::EMPLOYEE_KIND_UNSPECIFIED) {
    return Bad("employee.kind: required (PNS, CPNS, PPPK, PPPK_PARUH_WAKTU or NON_ASN)");
  }
  f.kind = req.kind;
  if (auto st = CheckEnum(v1::PositionType_IsValid(req.position), "employee.position.type", req.position); !st.ok()) {
    return st;
  }
  if (auto st = CheckEnum(v1::JfLevel_IsValid(req.jf_level), "employee.position.jf_level", req.jf_level); !st.ok()) {
    return st;
  }
  if (auto st = CheckEnum(v1::AgencyLevel_IsValid(req.agency_level), "employee.agency.level", req.agency_level);
      !st.ok()) {
    return st;
  }
  if (auto st = CheckEnum(v1::Golongan_IsValid(req.golongan), "employee.golongan", req.golongan); !st.ok()) {
    return st;
  }
  f.position = req.position;
  f.jf_level = req.jf_level;
  f.agency = req.agency_level;
  f.golongan = req.golongan;
  f.is_ppk = req.is_ppk;
  f.is_sekda = req.is_sekda;
  f.reports_to_ppk = req.reports_to_ppk;
  if (f.jf_level != v1::JF_LEVEL_UNSPECIFIED && f.position != v1::FUNGSIONAL_KEAHLIAN &&
      f.position != v1::FUNGSIONAL_KETERAMPILAN) {
    return Bad(absl::StrCat("employee.position.jf_level: ", v1::JfLevel_Name(f.jf_level),
                            " given for a non-functional position ", v1::PositionType_Name(f.position)));
  }
  if (f.is_ppk && f.position != v1::JPT_MADYA) {
    return Bad(absl::StrCat("employee.position.is_ppk: only a JPT_MADYA can be PPK under Pasal 17(1)(b), not ",
                            v1::PositionType_Name(f.position)));
  }
  for (auto [given, field] : {std::pair{f.is_sekda, "employee.position.is_sekda"},
                              std::pair{f.reports_to_ppk, "employee.position.reports_to_ppk"}}) {
    if (given && f.position != v1::JPT_PRATAMA) {
      return Bad(absl::StrCat(field, ": said of a JPT_PRATAMA (eselon II) post, not of ",
                              v1::PositionType_Name(f.position)));
    }
  }
  if (f.is_sekda && f.agency != v1::REGENCY_CITY && f.agency != v1::AGENCY_LEVEL_UNSPECIFIED) {
    return Bad(absl::StrCat("employee.position.is_sekda: the Sekda of a regency or city, not of a ",
                            v1::AgencyLevel_Name(f.agency), " agency"));
  }
  if (auto st = CheckEnum(v1::Official_IsValid(req.jpt_pratama_superior), "organisation.jpt_pratama_superior",
                          req.jpt_pratama_superior);
      !st.ok()) {
    return st;
  }
  f.jpt_pratama_superior = req.jpt_pratama_superior;
  if (auto st = CheckEnum(v1::Secondment_IsValid(req.secondment), "employee.secondment", req.secondment); !st.ok()) {
    return st;
  }
  if (auto st = CheckEnum(v1::SecondmentPlace_IsValid(req.secondment_place), "employee.secondment_place",
                          req.secondment_place);
      !st.ok()) {
    return st;
  }
  if (auto st = CheckEnum(v1::AgencyLevel_IsValid(req.home_agency_level), "employee.home_agency.level",
                          req.home_agency_level);
      !st.ok()) {
    return st;
  }
  f.secondment = req.secondment;
  f.place = req.secondment_place;
  f.home_agency = req.home_agency_level;
  if (f.secondment == v1::NOT_SECONDED) {
    // Not seconded: the PNS serves in the home agency, or on duty abroad.
    if (f.place == v1::AGENCY_SAME_PROVINCE || f.place == v1::AGENCY_OTHER_PROVINCE) {
      return Bad(absl::StrCat("employee.secondment_place: ", v1::SecondmentPlace_Name(f.place),
                              " is another agency, and employee.secondment is NOT_SECONDED"));
    }
    if (f.home_agency != v1::AGENCY_LEVEL_UNSPECIFIED && f.home_agency != f.agency) {
      return Bad(absl::StrCat("employee.home_agency.level: ", v1::AgencyLevel_Name(f.home_agency),
                              " differs from employee.agency.level ", v1::AgencyLevel_Name(f.agency),
                              ", and employee.secondment is NOT_SECONDED"));
    }
  }
  if (!req.nip.empty()) {
    auto nip = ParseNip(req.nip, "employee.nip");
    if (!nip.ok()) return nip.status();
    for (std::string& w : nip->warnings) f.warnings.push_back(std::move(w));
    const bool pppk_kind = f.kind == v1::PPPK || f.kind == v1::PPPK_PARUH_WAKTU;
    if (pppk_kind != (nip->style == Nip::Style::kPppk) && f.kind != v1::NON_ASN) {
      f.warnings.push_back(absl::StrCat("employee.nip: a ", nip->style == Nip::Style::kPppk ? "PPPK" : "PNS",
                                        "-style number for an employee of kind ", v1::EmployeeKind_Name(f.kind)));
    }
  }

  const int acts = static_cast<int>(req.acts.size());
  if (acts == 0 && !req.party_member) {
    return Bad("acts: at least one act is required (or employee.party_member with a decision_date)");
  }
  if (req.acts.size() > kMaxActsPerRequest) {
    return Bad(absl::StrCat("acts: ", req.acts.size(), " acts exceed the limit of ", kMaxActsPerRequest));
  }
  if (req.prior_sanctions.size() > kMaxPriorSanctions) {
    return Bad(absl::StrCat("employee.prior_sanctions: ", req.prior_sanctions.size(), " entries exceed the limit of ",
                            kMaxPriorSanctions));
  }
  absl::CivilDay latest_act(1000, 1, 1);
  f.acts.resize(req.acts.size());
  for (int i = 0; i < acts; ++i) {
    const RequestValues::Act& in = req.acts[i];
    ActFacts& a = f.acts[i];
    const std::string at = absl::StrCat("acts[", i, "]");
    auto n = law.norm_by_id.find(in.norm);
    if (in.norm.empty()) return Bad(absl::StrCat(at, ".norm: required (a norm id; `netra rules` lists them)"));
    if (n == law.norm_by_id.end()) {
      return Bad(absl::StrCat(at, ".norm: unknown norm ", internal::Quoted(in.norm, 80),
                              " (`netra rules` lists the norm ids)"));
    }
    a.norm = n->second;
    if (in.has_range) {
      if (in.act_date.has_value()) {
        return Bad(absl::StrCat(at, ".act_date_range: give either act_date (\"", FormatDate(*in.act_date),
                                "\") or act_date_range, not both"));
      }
      if (!in.range_from.has_value()) {
        return Bad(absl::StrCat(at, ".act_date_range.from: required (the first possible day)"));
      }
      if (!in.range_until.has_value()) {
        return Bad(absl::StrCat(at, ".act_date_range.until: required (the last possible day)"));
      }
      if (auto st = CheckDay(*in.range_from, absl::StrCat(at, ".act_date_range.from")); !st.ok()) return st;
      if (auto st = CheckDay(*in.range_until, absl::StrCat(at, ".act_date_range.until")); !st.ok()) return st;
      if (*in.range_until < *in.range_from) {
        return Bad(absl::StrCat(at, ".act_date_range: from ", FormatDate(*in.range_from), " is after until ",
                                FormatDate(*in.range_until)));
      }
      a.act_date = *in.range_from;
      a.act_date_until = *in.range_until;
    } else {
      if (!in.act_date.has_value()) {
        return Bad(absl::StrCat(at, ".act_date: required (or act_date_range when the date is known only within bounds)"));
      }
      if (auto st = CheckDay(*in.act_date, absl::StrCat(at, ".act_date")); !st.ok()) return st;
      a.act_date = a.act_date_until = *in.act_date;
    }
    latest_act = std::max(latest_act, a.act_date_until);
    if (auto st = CheckEnum(v1::Impact_IsValid(in.impact), absl::StrCat(at, ".impact"), in.impact); !st.ok()) {
      return st;
    }
    a.impact = in.impact;
    for (auto [count, name, dst, at_least, at_most] :
         {std::tuple{&in.cumulative_working_days, "cumulative_working_days", &a.cumulative_days,
                     &a.cumulative_at_least, &a.cumulative_at_most},
          std::tuple{&in.consecutive_working_days, "consecutive_working_days", &a.consecutive_days,
                     &a.consecutive_at_least, &a.consecutive_at_most}}) {
      if (count->value.has_value() && count->has_range) {
        return Bad(absl::StrCat(at, ".absence.", name, "_range: give either ", name, " (", *count->value,
                                ") or its range, not both"));
      }
      if (count->value.has_value()) {
        const int32_t value = *count->value;
        if (value < 0 || value > kMaxDaysInYear) {
          return Bad(absl::StrCat(at, ".absence.", name, ": ", value, " is not a count of working days in a year (0-",
                                  kMaxDaysInYear, ")"));
        }
        *dst = *at_least = *at_most = value;
      } else if (count->has_range) {
        const std::string field = absl::StrCat(at, ".absence.", name, "_range");
        for (auto [set, bound, bound_name] : {std::tuple{true, count->at_least, "at_least"},
                                              std::tuple{count->at_most.has_value(), count->at_most.value_or(0),
                                                         "at_most"}}) {
          if (set && (bound < 0 || bound > kMaxDaysInYear)) {
            return Bad(absl::StrCat(field, ".", bound_name, ": ", bound,
                                    " is not a count of working days in a year (0-", kMaxDaysInYear, ")"));
          }
        }
        if (count->at_most.has_value() && *count->at_most < count->at_least) {
          return Bad(absl::StrCat(field, ": at_least ", count->at_least, " exceeds at_most ", *count->at_most));
        }
        *at_least = count->at_least;
        if (count->at_most.has_value()) *at_most = *count->at_most;
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
    if (in.late_or_early_minutes < 0 || in.late_or_early_minutes > kMaxLateMinutes) {
      return Bad(absl::StrCat(at, ".absence.late_or_early_minutes: ", in.late_or_early_minutes,
                              " is out of range 0-", kMaxLateMinutes));
    }
    a.late_minutes = in.late_or_early_minutes;
    if (in.tenth_consecutive_day.has_value()) {
      const absl::CivilDay run = *in.tenth_consecutive_day;
      if (auto st = CheckDay(run, absl::StrCat(at, ".absence.tenth_consecutive_day")); !st.ok()) return st;
      if (run > a.act_date_until) {
        return Bad(absl::StrCat(at, ".absence.tenth_consecutive_day: ", FormatDate(run),
                                in.has_range ? " is after the end of act_date_range " : " is after the act_date ",
                                FormatDate(a.act_date_until)));
      }
      a.has_tenth_day = true;
      a.tenth_day = run;
    }
    if (in.valid_reason.has_value()) a.valid_reason = *in.valid_reason ? 1 : 0;
    if (in.wealth_report_obliged.has_value()) a.wealth_obliged = *in.wealth_report_obliged ? 1 : 0;
    if (in.intentional.has_value()) a.intentional = *in.intentional ? 1 : 0;
    if (in.work_target_percent.has_value()) {
      if (*in.work_target_percent < 0 || *in.work_target_percent > kMaxWorkTargetPercent) {
        return Bad(absl::StrCat(at, ".work_target_percent: ", *in.work_target_percent, " is outside 0..",
                                kMaxWorkTargetPercent));
      }
      a.work_target = *in.work_target_percent;
    }
    if (in.prison_months.has_value()) {
      if (*in.prison_months < 0 || *in.prison_months > kMaxPrisonMonths) {
        return Bad(absl::StrCat(at, ".criminal.prison_months: ", *in.prison_months, " is outside 0..",
                                kMaxPrisonMonths));
      }
      a.prison_months = *in.prison_months;
    }
    if (in.planned.has_value()) a.planned = *in.planned ? 1 : 0;
    if (in.office_related.has_value()) a.office_crime = *in.office_related ? 1 : 0;
    if (in.retention_conditions_met.has_value()) a.retention = *in.retention_conditions_met ? 1 : 0;
    if (in.custodial.has_value()) a.custodial = *in.custodial ? 1 : 0;
    // Prison is a custodial sentence: implied when not given, a contradiction when denied.
    if (a.prison_months > 0) {
      if (a.custodial == 0) {
        return Bad(absl::StrCat(at, ".criminal.custodial: false contradicts prison_months ", a.prison_months,
                                " (prison is a custodial sentence)"));
      }
      a.custodial = 1;
    }
    if (!in.reference_sanction.empty()) {
      auto t = law.type_by_code.find(in.reference_sanction);
      if (t == law.type_by_code.end()) {
        return Bad(absl::StrCat(at, ".reference_sanction: unknown sanction type ",
                                internal::Quoted(in.reference_sanction, 20)));
      }
      a.reference_type = static_cast<int8_t>(t->second);
    }
    if (in.neutrality.given) {
      if (auto st = PrepareNeutrality(law, in.neutrality, at, &a); !st.ok()) return st;
    }
  }

  if (req.examination_date.has_value()) {
    if (auto st = CheckDay(*req.examination_date, "examination_date"); !st.ok()) return st;
    f.has_examination_date = true;
    f.examination_date = *req.examination_date;
    for (int i = 0; i < acts; ++i) {
      if (f.acts[i].act_date_until > f.examination_date) {
        return Bad(absl::StrCat("examination_date: ", FormatDate(f.examination_date), " is before acts[", i,
                                req.acts[i].has_range ? "].act_date_range.until " : "].act_date ",
                                FormatDate(f.acts[i].act_date_until), " (dates out of order)"));
      }
    }
  }
  if (req.decision_date.has_value()) {
    if (auto st = CheckDay(*req.decision_date, "decision_date"); !st.ok()) return st;
    f.decision_date = *req.decision_date;
    if (f.has_examination_date && f.decision_date < f.examination_date) {
      return Bad(absl::StrCat("decision_date: ", FormatDate(f.decision_date), " is before examination_date ",
                              FormatDate(f.examination_date), " (dates out of order)"));
    }
    if (f.decision_date < latest_act) {
      return Bad(absl::StrCat("decision_date: ", FormatDate(f.decision_date), " is before the latest act_date ",
                              FormatDate(latest_act), " (dates out of order)"));
    }
  } else if (acts == 0) {
    return Bad("decision_date: required when employee.party_member is the only ground");
  } else {
    // A decision still to be taken is taken under the law now in force: for
    // an act or examination before PP 94/2021 that is PP 94 (Pasal 40(3)-(4)).
    f.decision_date = std::max(f.has_examination_date ? f.examination_date : latest_act, resolved_->pp94_from);
  }
  // Party membership is a status, not an act with a date: unless an act
  // reports it, it is judged as of the decision date.
  if (req.party_member) {
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

  for (size_t i = 0; i < req.prior_sanctions.size(); ++i) {
    const RequestValues::Prior& p = req.prior_sanctions[i];
    const std::string at = absl::StrCat("employee.prior_sanctions[", i, "]");
    PriorSanctionFacts pf;
    if (p.sanction_type.empty() && p.siasn_jenis_hukuman_id == 0) {
      return Bad(absl::StrCat(at, ".sanction_type: required (a code `netra rules` lists), or ", at,
                              ".siasn_jenis_hukuman_id"));
    }
    if (!p.sanction_type.empty()) {
      auto t = law.type_by_code.find(p.sanction_type);
      if (t == law.type_by_code.end()) {
        return Bad(absl::StrCat(at, ".sanction_type: unknown sanction type ", internal::Quoted(p.sanction_type, 20)));
      }
      pf.type = static_cast<int8_t>(t->second);
    }
    if (!p.norm.empty()) {
      auto n = law.norm_by_id.find(p.norm);
      if (n == law.norm_by_id.end()) {
        return Bad(absl::StrCat(at, ".norm: unknown norm ", internal::Quoted(p.norm, 80)));
      }
      pf.norm = n->second;
    }
    if (!p.decision_date.has_value()) return Bad(absl::StrCat(at, ".decision_date: required"));
    const absl::CivilDay d = *p.decision_date;
    if (auto st = CheckDay(d, absl::StrCat(at, ".decision_date")); !st.ok()) return st;
    if (d > f.decision_date) {
      return Bad(absl::StrCat(at, ".decision_date: ", FormatDate(d), " is after the decision date ",
                              FormatDate(f.decision_date),
                              req.decision_date.has_value() ? ""
                                                            : " (taken from the examination or act date; give decision_date)",
                              " (dates out of order)"));
    }
    pf.decision_date = d;
    if (p.siasn_jenis_hukuman_id != 0) {
      // The type of that SIASN id on the prior decision's date.
      const int t = internal::TypeOfSiasnId(law, p.siasn_jenis_hukuman_id, d);
      if (t < 0) {
        return Bad(absl::StrCat(at, ".siasn_jenis_hukuman_id: ", p.siasn_jenis_hukuman_id,
                                " is not the SIASN id of any sanction type (`netra rules` lists them)"));
      }
      if (!p.sanction_type.empty() && pf.type != t) {
        return Bad(absl::StrCat(at, ".siasn_jenis_hukuman_id: ", p.siasn_jenis_hukuman_id, " is ", law.types[t].code,
                                " on ", FormatDate(d), ", not ", at, ".sanction_type ", p.sanction_type));
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

  for (auto [list, mask, name] : {std::tuple{req.vacant_posts, &f.vacant_mask, "organisation.vacant_posts"},
                                  std::tuple{req.designated_officials, &f.designated_mask,
                                             "organisation.designated_officials"}}) {
    for (size_t i = 0; i < list.size(); ++i) {
      const int o = list[i];
      if (!v1::Official_IsValid(o) || o == v1::OFFICIAL_UNSPECIFIED) {
        return Bad(absl::StrCat(name, "[", i, "]: unknown official ", o));
      }
      *mask |= 1u << o;
    }
  }
  return absl::OkStatus();
}

void ToRequest(const RequestValues& v, v1::EvaluationRequest* out) {
  out->Clear();
  v1::Employee* e = out->mutable_employee();
  e->set_kind(v.kind);
  if (v.position != v1::POSITION_TYPE_UNSPECIFIED) e->mutable_position()->set_type(v.position);
  if (v.jf_level != v1::JF_LEVEL_UNSPECIFIED) e->mutable_position()->set_jf_level(v.jf_level);
  if (v.is_ppk) e->mutable_position()->set_is_ppk(true);
  if (v.is_sekda) e->mutable_position()->set_is_sekda(true);
  if (v.reports_to_ppk) e->mutable_position()->set_reports_to_ppk(true);
  if (v.agency_level != v1::AGENCY_LEVEL_UNSPECIFIED) e->mutable_agency()->set_level(v.agency_level);
  e->set_secondment(v.secondment);
  e->set_secondment_place(v.secondment_place);
  if (v.home_agency_level != v1::AGENCY_LEVEL_UNSPECIFIED) e->mutable_home_agency()->set_level(v.home_agency_level);
  e->set_golongan(v.golongan);
  e->set_nip(std::string(v.nip));
  e->set_party_member(v.party_member);
  const auto date = [](const std::optional<absl::CivilDay>& d) { return d.has_value() ? FormatDate(*d) : ""; };
  for (const RequestValues::Prior& p : v.prior_sanctions) {
    v1::PriorSanction* o = e->add_prior_sanctions();
    o->set_sanction_type(std::string(p.sanction_type));
    o->set_norm(std::string(p.norm));
    o->set_siasn_jenis_hukuman_id(p.siasn_jenis_hukuman_id);
    o->set_decision_date(date(p.decision_date));
  }
  for (const RequestValues::Act& a : v.acts) {
    v1::Act* o = out->add_acts();
    o->set_norm(std::string(a.norm));
    o->set_act_date(date(a.act_date));
    if (a.has_range) {
      o->mutable_act_date_range()->set_from(date(a.range_from));
      o->mutable_act_date_range()->set_until(date(a.range_until));
    }
    o->set_impact(a.impact);
    v1::Absence* ab = o->mutable_absence();
    for (auto [count, set, range] :
         {std::tuple{&a.cumulative_working_days, &v1::Absence::set_cumulative_working_days,
                     &v1::Absence::mutable_cumulative_working_days_range},
          std::tuple{&a.consecutive_working_days, &v1::Absence::set_consecutive_working_days,
                     &v1::Absence::mutable_consecutive_working_days_range}}) {
      if (count->value.has_value()) (ab->*set)(*count->value);
      if (count->has_range) {
        (ab->*range)()->set_at_least(count->at_least);
        if (count->at_most.has_value()) (ab->*range)()->set_at_most(*count->at_most);
      }
    }
    ab->set_late_or_early_minutes(a.late_or_early_minutes);
    ab->set_tenth_consecutive_day(date(a.tenth_consecutive_day));
    if (ab->ByteSizeLong() == 0) o->clear_absence();
    if (a.valid_reason.has_value()) o->set_valid_reason(*a.valid_reason);
    if (a.wealth_report_obliged.has_value()) o->set_wealth_report_obliged(*a.wealth_report_obliged);
    if (a.intentional.has_value()) o->set_intentional(*a.intentional);
    if (a.work_target_percent.has_value()) o->set_work_target_percent(*a.work_target_percent);
    if (a.prison_months.has_value()) o->mutable_criminal()->set_prison_months(*a.prison_months);
    if (a.planned.has_value()) o->mutable_criminal()->set_planned(*a.planned);
    if (a.office_related.has_value()) o->mutable_criminal()->set_office_related(*a.office_related);
    if (a.retention_conditions_met.has_value()) {
      o->mutable_criminal()->set_retention_conditions_met(*a.retention_conditions_met);
    }
    if (a.custodial.has_value()) o->mutable_criminal()->set_custodial(*a.custodial);
    o->set_reference_sanction(std::string(a.reference_sanction));
    if (a.neutrality.given) {
      const RequestValues::Neutrality& n = a.neutrality;
      v1::NeutralityFacts* nf = o->mutable_neutrality();
      v1::ElectionTarget* t = nf->mutable_target();
      t->set_election(std::string(n.election));
      t->set_region(std::string(n.region));
      t->set_office(n.office);
      t->set_route(n.route);
      t->set_reported_status(n.reported_status);
      if (n.on_cltn.has_value()) nf->set_on_cltn(*n.on_cltn);
      if (n.active_support.has_value()) nf->set_active_support(*n.active_support);
      if (n.resigned_in_writing.has_value()) nf->set_resigned_in_writing(*n.resigned_in_writing);
      if (n.cltn_conduct_breach.has_value()) nf->set_cltn_conduct_breach(*n.cltn_conduct_breach);
      if (n.campaign_attributes.has_value()) nf->set_campaign_attributes(*n.campaign_attributes);
      if (n.mobilised_staff.has_value()) nf->set_mobilised_staff(*n.mobilised_staff);
      if (n.state_facilities.has_value()) nf->set_state_facilities(*n.state_facilities);
      if (t->ByteSizeLong() == 0) nf->clear_target();
    }
  }
  out->set_examination_date(date(v.examination_date));
  out->set_decision_date(date(v.decision_date));
  for (int o : v.vacant_posts) out->mutable_organisation()->add_vacant_posts(static_cast<v1::Official>(o));
  for (int o : v.designated_officials) {
    out->mutable_organisation()->add_designated_officials(static_cast<v1::Official>(o));
  }
  if (v.jpt_pratama_superior != v1::OFFICIAL_UNSPECIFIED) {
    out->mutable_organisation()->set_jpt_pratama_superior(v.jpt_pratama_superior);
  }
}

}  // namespace netra
