// The case machine: checks each event of a case log against the rules of
// procedure (procedure.cc) and the replayed state, and tracks the
// procedural periods.
#include "netra/case.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "enum_check.h"
#include "eval/resolved.h"
#include "law/compiled.h"
#include "lifecycle/procedure.h"
#include "netra/date.h"

namespace netra {
namespace {

constexpr const char* kPeriodNames[] = {
    "summons_1_notice", "summons_2",       "delivery",          "send_if_absent",
    "effective",        "objection_filing", "objection_decision", "official_response",
    "appeal_filing",    "appeal_ppk_response", "appeal_decision", "neutrality_follow_up",
};
static_assert(std::size(kPeriodNames) == static_cast<size_t>(Period::kCount), "one name per period");

int Idx(Period p) { return static_cast<int>(p); }

}  // namespace

bool IsClosed(v1::CaseStatus s) {
  using v1::CaseStatus;
  switch (s) {
    case v1::CLOSED_NO_VIOLATION:
    case v1::CLOSED_ANNULLED:
    case v1::CLOSED_DEATH:
    case v1::FOLLOWED_UP:
    case v1::CLOSED_NOT_PROVEN:
    case v1::CLOSED_EMPLOYEE_LEFT:
    case v1::CLOSED_CANCELLED:
    case v1::CLOSED_REJECTED:
      return true;
    default:
      return false;
  }
}

const char* PeriodName(Period period) { return kPeriodNames[Idx(period)]; }

bool IsDuty(Period period) {
  switch (period) {
    case Period::kSummons1Notice:   // a reading of Pasal 26(2), flagged only
    case Period::kEffective:        // an effect, not a duty
    case Period::kObjectionFiling:  // the employee's right
    case Period::kAppealFiling:
      return false;
    default:
      return true;
  }
}

absl::StatusOr<CaseMachine> CaseMachine::Create(std::shared_ptr<const RuleBook> book, const CalendarOptions& calendar,
                                                const std::map<std::string, std::string>& settings) {
  auto evaluator = Evaluator::Create(book, settings);
  if (!evaluator.ok()) return evaluator.status();
  auto cal = WorkingDayCalendar::Create(book, calendar);
  if (!cal.ok()) return cal.status();
  CaseMachine m(*std::move(evaluator), *std::move(cal));
  const internal::CompiledLaw& law = book->compiled();
  bool any_procedure = false;
  for (const std::vector<int>& rules : law.procedures_by_level) {
    for (int rule : rules) {
      if (!any_procedure || law.rule_from[rule] < m.procedure_from_) m.procedure_from_ = law.rule_from[rule];
      any_procedure = true;
    }
  }
  for (size_t i = 0; i < law.rules.size(); ++i) {
    const v1::Rule& r = *law.rules[i].rule;
    if (!r.has_deadline()) continue;
    for (int p = 0; p < Idx(Period::kCount); ++p) {
      if (r.deadline().deadline() == kPeriodNames[p]) m.period_rules_[p].push_back(static_cast<int32_t>(i));
    }
  }
  for (int p = 0; p < Idx(Period::kCount); ++p) {
    if (m.period_rules_[p].empty()) {
      return absl::FailedPreconditionError(absl::StrCat("rule book lacks the deadline rule \"", kPeriodNames[p], "\""));
    }
  }
  for (const Evaluator::SettingValue& s : m.evaluator_.settings()) m.settings_[s.name] = s.value;
  for (auto [name, out, truth] : {std::tuple{"period_counting", &m.count_from_event_day_, "FROM_EVENT_DAY"},
                                  std::tuple{"tukin_cut_months_from", &m.tukin_month_of_effect_, "MONTH_OF_EFFECT"}}) {
    auto it = m.settings_.find(name);
    if (it == m.settings_.end()) return absl::FailedPreconditionError(absl::StrCat("rule book lacks setting ", name));
    *out = it->second == truth;
  }
  return m;
}

absl::Status CaseMachine::Start(const v1::CaseLog& header, CaseProgress* progress) const {
  CaseProgress p;
  if (header.case_id().empty() || header.case_id().size() > kMaxCaseIdBytes) {
    return Malformed(absl::StrCat("case_id: required, at most ", kMaxCaseIdBytes,
                            " characters (a host reference, never a name or NIP); got ", header.case_id().size()));
  }
  if (auto st = CheckIdentifier("case_id", header.case_id()); !st.ok()) return st;
  if (!v1::CaseKind_IsValid(header.kind()) || header.kind() == v1::CASE_KIND_UNSPECIFIED) {
    return Malformed(absl::StrCat("kind: required (DISCIPLINARY or NEUTRALITY), got ", header.kind()));
  }
  if (header.employee().kind() == v1::EMPLOYEE_KIND_UNSPECIFIED) {
    return Malformed("employee.kind: required (PNS, CPNS, PPPK, PPPK_PARUH_WAKTU or NON_ASN)");
  }
  // The header is kept and later judged with every finding: an enum number
  // the schema does not name would otherwise be accepted here and refuse
  // every examination afterwards.
  if (auto st = internal::CheckEnumValues(header.employee(), "employee."); !st.ok()) return st;
  if (auto st = internal::CheckEnumValues(header.organisation(), "organisation."); !st.ok()) return st;
  p.case_id = header.case_id();
  p.kind = header.kind();
  p.employee = header.employee();
  p.organisation = header.organisation();
  *progress = std::move(p);
  return absl::OkStatus();
}

absl::StatusOr<CaseProgress> CaseMachine::Replay(const v1::CaseLog& log) const {
  return Replay(log, absl::CivilDay::max());
}

absl::StatusOr<CaseProgress> CaseMachine::Replay(const v1::CaseLog& log, absl::CivilDay up_to) const {
  if (log.events_size() > kMaxCaseEvents) {
    return Malformed(absl::StrCat("events: ", log.events_size(), " events exceed the limit of ", kMaxCaseEvents));
  }
  CaseProgress p;
  if (auto st = Start(log, &p); !st.ok()) return st;
  // The state before the first event dated after `up_to` (dates are in
  // order, so the rest are after it too); every event is still checked.
  std::optional<CaseProgress> then;
  for (int i = 0; i < log.events_size(); ++i) {
    if (!then && up_to != absl::CivilDay::max()) {
      auto day = ParseDate(log.events(i).date(), "date");
      if (day.ok() && *day > up_to) then = p;
    }
    if (auto st = Apply(log.events(i), &p); !st.ok()) {
      return absl::Status(st.code(), absl::StrCat("events[", i, "] (seq ", i + 1, ", ",
                                                  Name(log.events(i).type()), "): ", st.message()));
    }
  }
  return then ? *std::move(then) : std::move(p);
}

int32_t CaseMachine::PeriodRule(Period period, absl::CivilDay day) const {
  const internal::CompiledLaw& law = book().compiled();
  for (int32_t rule : period_rules_[Idx(period)]) {
    if (law.rule_from[rule] <= day && day < law.rule_until[rule]) return rule;
  }
  return -1;
}

void CaseMachine::Open(Period period, absl::CivilDay from, CaseProgress* p) const {
  const internal::CompiledLaw& law = book().compiled();
  PeriodProgress pp;
  pp.period = period;
  pp.counted_from = from;
  // The period's rule in force on the day it starts; a period no rule sets
  // on that day is not tracked (Peraturan BKN 6/2022's 3 days apply from 7
  // April 2022; PP 53/2010 sets no period for sending an absent PNS the
  // decision).
  pp.rule = PeriodRule(period, from);
  std::vector<std::string> others;
  for (int32_t rule : period_rules_[Idx(period)]) {
    others.push_back(absl::StrCat(law.rules[rule].rule->id(), " is in force from ", FormatDate(law.rule_from[rule]),
                                  law.rule_until[rule] != internal::kNever
                                      ? absl::StrCat(" until ", FormatDate(law.rule_until[rule]))
                                      : std::string()));
  }
  if (pp.rule < 0) {
    p->notes.push_back(absl::StrCat(PeriodName(period), ": no rule sets this period on ", FormatDate(from), " (",
                                    absl::StrJoin(others, "; "), ")"));
    return;
  }
  const v1::DeadlineRule& d = law.rules[pp.rule].rule->deadline();
  const auto setting = [&](const std::string& name) -> const std::string* {
    auto it = settings_.find(name);
    return name.empty() || it == settings_.end() ? nullptr : &it->second;
  };
  pp.days = d.days();
  if (const std::string* v = setting(d.days_setting())) pp.days = std::atoi(v->c_str());
  pp.calendar_days = d.calendar_days();
  if (const std::string* v = setting(d.unit_setting())) pp.calendar_days = *v == "CALENDAR_DAYS";
  if (const std::string* v = setting(d.reading_setting())) pp.min_notice = *v == "MIN_NOTICE";
  const int days = pp.days;
  const bool calendar_days = pp.calendar_days;
  if (days <= 0) return;  // no period (a setting switched it off)
  absl::CivilDay start = from;
  if (count_from_event_day_) {
    // The event's own day is day 1 when it is a working day (or always, for
    // calendar days).
    auto w = calendar_.IsWorkingDay(from);
    if (calendar_days || (w.ok() && *w)) start = from - 1;
  }
  if (calendar_days) {
    pp.due_known = true;
    pp.due = start + days;
  } else {
    auto due = calendar_.AddWorkingDays(start, days);
    pp.due_known = due.ok();
    if (due.ok()) {
      pp.due = *due;
    } else {
      p->notes.push_back(absl::StrCat(PeriodName(period), ": due date unknown: ", due.status().message()));
    }
  }
  for (PeriodProgress& old : p->periods) {
    if (old.period == period && !old.met) old.cancelled = true;
  }
  p->periods.push_back(pp);
}

void CaseMachine::Meet(Period period, absl::CivilDay on, CaseProgress* p) const {
  for (PeriodProgress& pp : p->periods) {
    if (pp.period == period && !pp.met && !pp.cancelled) {
      pp.met = true;
      pp.met_on = on;
    }
  }
}

absl::Status CaseMachine::Judge(const v1::EvaluationRequest& findings, absl::CivilDay day, CaseProgress* p) const {
  v1::EvaluationRequest req = findings;
  if (!req.has_employee()) *req.mutable_employee() = p->employee;
  if (!req.has_organisation()) *req.mutable_organisation() = p->organisation;
  // Judged by the law of the event's date (an examination's findings are
  // judged again on the decision date).
  req.set_decision_date(FormatDate(day));
  if (auto st = evaluator_.Prepare(req, &p->facts); !st.ok()) {
    return Malformed(absl::StrCat("findings.", st.message()));
  }
  evaluator_.Evaluate(p->facts, &p->result);
  p->has_findings = true;
  p->findings = std::move(req);
  return absl::OkStatus();
}

absl::Status CaseMachine::Apply(const v1::CaseEvent& e, CaseProgress* progress) const {
  if (progress->kind == v1::CASE_KIND_UNSPECIFIED) return NotAllowed("the case has not been started (Start)");
  if (progress->events >= kMaxCaseEvents) {
    return NotAllowed(absl::StrCat("the log already holds the limit of ", kMaxCaseEvents, " events"));
  }
  if (!v1::EventType_IsValid(e.type()) || e.type() == v1::EVENT_TYPE_UNSPECIFIED || e.type() >= 64) {
    return Malformed(absl::StrCat("type: unknown event type ", e.type()));
  }
  if (!v1::Role_IsValid(e.actor().role()) || e.actor().role() == v1::ROLE_UNSPECIFIED) {
    return Malformed(absl::StrCat("actor.role: required, got ", e.actor().role()));
  }
  if (!v1::Official_IsValid(e.actor().official())) return Malformed(absl::StrCat("actor.official: unknown enum value ", e.actor().official()));
  if (!v1::AgencySide_IsValid(e.actor().side())) return Malformed(absl::StrCat("actor.side: unknown enum value ", e.actor().side()));
  if (!v1::HandlingBody_IsValid(e.actor().body())) return Malformed(absl::StrCat("actor.body: unknown enum value ", e.actor().body()));
  if (!v1::RemedyOutcome_IsValid(e.outcome())) return Malformed(absl::StrCat("outcome: unknown enum value ", e.outcome()));
  if (e.seq() != 0 && e.seq() != progress->events + 1) {
    return Malformed(absl::StrCat("seq: ", e.seq(), " is not the next position ", progress->events + 1));
  }
  auto parsed = ParseDate(e.date(), "date");
  if (!parsed.ok()) return parsed.status();
  const Event ev{e, *parsed};
  if (progress->events == 0 && ev.day < procedure_from_) {
    return NotAllowed(absl::StrCat("date: ", e.date(), " is before ", FormatDate(procedure_from_),
                                   ", the first day of a procedure the rule book encodes: netra cannot follow a case "
                                   "opened earlier"));
  }
  if (progress->events > 0 && ev.day < progress->last_date) {
    return NotAllowed(absl::StrCat("date: ", e.date(), " is before the previous event (", FormatDate(progress->last_date),
                               "); events are appended in date order"));
  }
  // A follow-up closes the neutrality case, but blocked services are still
  // restored after it.
  if (IsClosed(progress->status) && !(e.type() == v1::UNBLOCKED && progress->blocked)) {
    return NotAllowed(absl::StrCat(Name(e.type()), " is not allowed in state ", Name(progress->status),
                               ": the case is closed and no event may follow"));
  }
  if (!OfKind(e.type(), progress->kind)) {
    return NotAllowed(absl::StrCat(Name(e.type()), " belongs to the other kind of case (this is a ",
                               v1::CaseKind_Name(progress->kind), " case)"));
  }
  // The rule of procedure: the first row of the event whose states hold the
  // case's status and whose condition holds on the event's date.
  const Transition* row = nullptr;
  const Transition* first = nullptr;   // the event's first row (its article)
  const Transition* barred = nullptr;  // a row of the status whose condition fails
  uint64_t allowed_in = 0;
  for (const Transition& t : Procedure()) {
    if (t.event != e.type()) continue;
    if (first == nullptr) first = &t;
    allowed_in |= t.from;
    if (!Has(t.from, progress->status)) continue;
    if (t.when != nullptr && !t.when(*progress, ev.day)) {
      if (barred == nullptr) barred = &t;
      continue;
    }
    row = &t;
    break;
  }
  if (first == nullptr) return Malformed(absl::StrCat("type: ", Name(e.type()), " is not an event netra knows"));
  if (row == nullptr && barred != nullptr) {
    return NotAllowed(absl::StrCat(Name(e.type()), " is not allowed in state ", Name(progress->status), ": ",
                               barred->unless));
  }
  if (row == nullptr) {
    return NotAllowed(absl::StrCat(Name(e.type()), " is not allowed in state ", Name(progress->status),
                               progress->status == v1::CASE_STATUS_UNSPECIFIED ? ": the case has no event yet" : "",
                               " (allowed in ", StatusNames(allowed_in), "; ", first->article, ")"));
  }
  const v1::Role role = e.actor().role();
  if (e.actor().direct_superior_vacant() && role != v1::ROLE_HIGHER_SUPERIOR) {
    return Malformed(absl::StrCat("actor.direct_superior_vacant: only a ROLE_HIGHER_SUPERIOR acts in place of a vacant "
                            "direct superior, not ", v1::Role_Name(role)));
  }
  const bool stands_in = row->stand_in && role == v1::ROLE_HIGHER_SUPERIOR && e.actor().direct_superior_vacant();
  if (!Has(row->roles, role) && !stands_in) {
    return NotAllowed(absl::StrCat(Name(e.type()), " is for ", RoleNames(row->roles),
                               row->stand_in ? " (or ROLE_HIGHER_SUPERIOR in place of a vacant direct superior: "
                                               "actor.direct_superior_vacant)"
                                             : "",
                               ", not ", v1::Role_Name(role)));
  }
  // Work on a copy: a refused event must leave the progress untouched.
  CaseProgress p = *progress;
  if (row->effect != nullptr) {
    if (absl::Status st = row->effect(*this, ev, p); !st.ok()) return st;
  }
  p.seen |= uint64_t{1} << e.type();
  p.on[e.type()] = ev.day;
  p.last_date = ev.day;
  ++p.events;
  *progress = std::move(p);
  return absl::OkStatus();
}

absl::Status CaseMachine::Decide(const Event& ev, CaseProgress* p) const {
  const internal::CompiledLaw& law = book().compiled();
  const v1::CaseEvent& e = ev.e;
  if (e.actor().official() == v1::OFFICIAL_UNSPECIFIED) return Malformed("actor.official: required for a DECISION");
  if (p->status == v1::ABSENT_TWICE) Cite(book(), "pp94.proc.no_show_decision", p);
  if (e.has_findings()) {
    if (auto j = Judge(e.findings(), ev.day, p); !j.ok()) return j;
  } else if (!p->has_findings) {
    return Malformed("findings: required for a decision on the evidence without examination (Pasal 26(4))");
  } else if (auto j = Judge(p->findings, ev.day, p); !j.ok()) {  // the law of the decision date
    return j;
  }
  if (e.has_proven() && !e.proven()) {
    p->status = v1::CLOSED_NO_VIOLATION;
    p->decided_by = e.actor().official();
    return absl::OkStatus();
  }
  auto t = SanctionTypeOf(book(), e);
  if (!t.ok()) return t.status();
  const int32_t type = *t;
  const SanctionTypeMask bit = SanctionTypeMask{1} << type;
  const CaseResult& res = p->result;
  if (res.outcome == v1::SANCTION && !(res.allowed & bit)) {
    std::vector<std::string> codes;
    for (size_t k = 0; k < law.types.size(); ++k) {
      if (res.allowed & (SanctionTypeMask{1} << k)) codes.push_back(law.types[k].code);
    }
    return NotAllowed(absl::StrCat("sanction_type: ", e.sanction_type(), " is not allowed for these findings on ",
                               e.date(), "; the law allows ", absl::StrJoin(codes, ", ")));
  }
  // With a fact missing, a type no value of it would allow is still
  // unlawful: refuse it when every alternative is a sanction.
  if (res.outcome == v1::MISSING_FACTS) {
    const v1::Determination d = evaluator_.Render(p->facts, res);
    bool all_sanctions = d.missing_facts_size() > 0;
    std::vector<std::string> possible;
    for (const v1::MissingFact& m : d.missing_facts()) {
      for (const v1::Alternative& alt : m.alternatives()) {
        all_sanctions &= alt.outcome() == v1::SANCTION;
        for (const std::string& c : alt.sanction_types()) {
          if (std::find(possible.begin(), possible.end(), c) == possible.end()) possible.push_back(c);
        }
      }
    }
    if (all_sanctions && std::find(possible.begin(), possible.end(), e.sanction_type()) == possible.end()) {
      return NotAllowed(absl::StrCat("sanction_type: ", e.sanction_type(), " is allowed by no value of the missing ",
                                 "facts on ", e.date(), "; whatever they are, the law allows only ",
                                 absl::StrJoin(possible, ", ")));
    }
  }
  if (res.outcome != v1::SANCTION) {
    p->notes.push_back(absl::StrCat("DECISION of ", e.date(), ": the law gives no clean answer for the findings (",
                                    v1::Outcome_Name(res.outcome), "); the decision rests on the official's judgment"));
  }
  // Pasal 29(2): a berat decision needs a team's examination, unless the
  // PNS twice failed to attend (Pasal 26(4)).
  if (law.types[type].level == v1::BERAT && law.types[type].regime == v1::DISCIPLINE && !p->examined_by_team &&
      p->status != v1::ABSENT_TWICE) {
    return NotAllowed("DECISION: a BERAT sanction requires an examination by a team (PP 94/2021 Pasal 29(2))");
  }
  // The signer must be competent for this type and employee.
  CaseResult auth;
  internal::EvaluatorAccess::Officials(evaluator_, p->facts, bit, &auth);
  const internal::Signer signer =
      internal::SignerAmong(law, auth.officials, p->facts, e.actor().official(), e.actor().side());
  const bool competent = signer == internal::Signer::kCompetent;
  std::vector<std::string> who;
  for (const OfficialResult& o : auth.officials) {
    who.push_back(absl::StrCat(internal::SideLabel(law, o, p->facts), v1::Official_Name(o.official)));
  }
  if (signer == internal::Signer::kSideNeeded && auth.authority_gap < 0 && auth.missing_authority == 0) {
    p->notes.push_back(absl::StrCat("DECISION of ", e.date(), ": the ", v1::Official_Name(e.actor().official()),
                                    " of one side may impose ", e.sanction_type(), " on this seconded PNS and that of "
                                    "the other may not; the signer's authority was not checked (give actor.side)"));
  } else if (!competent && auth.authority_gap >= 0 && auth.missing_authority == 0) {
    // PP 53/2010 leaves some cells without an official: the decision is
    // taken on the official's own reading, and the case says so.
    p->notes.push_back(absl::StrCat("DECISION of ", e.date(), ": the law names no official for ", e.sanction_type(),
                                    " on this employee (", law.rules[auth.authority_gap].rule->id(),
                                    "); the signer's authority was not checked"));
  } else if (!competent) {
    return NotAllowed(absl::StrCat("actor.official: ", v1::Official_Name(e.actor().official()), " may not impose ",
                               e.sanction_type(), " on this employee",
                               who.empty() ? std::string(" (no authority line covers it; give the employee's position and agency)")
                                           : absl::StrCat("; competent: ", absl::StrJoin(who, ", ")),
                               " (the authority lines in force on ", e.date(), ")"));
  }
  p->decided_by = e.actor().official();
  p->decided_type = p->sanction_type = type;
  // The remedy against it: the first RemedyRule of the decision date that
  // matches the signer and the type (PP 53/2010 Pasal 33-34 before 10
  // August 2021, PP 79/2021 Pasal 3 and 10 after); none = keberatan.
  p->remedy_rule = p->effect_rule = -1;
  p->route = v1::RemedyRule::KEBERATAN;
  for (const internal::CompiledRemedy& m : law.remedies) {
    if (!(law.rule_from[m.rule] <= ev.day && ev.day < law.rule_until[m.rule])) continue;
    if ((m.officials && !(m.officials & (1u << p->decided_by))) || (m.types && !(m.types & bit))) continue;
    if (m.effective_on_decision && p->effect_rule < 0) p->effect_rule = m.rule;
    if (m.route != v1::RemedyRule::ROUTE_UNSPECIFIED && p->remedy_rule < 0) {
      p->remedy_rule = m.rule;
      p->route = m.route;
    }
  }
  p->document_number = e.document_number();
  p->status = v1::DECIDED;
  Open(Period::kDelivery, ev.day, p);
  return absl::OkStatus();
}

void CaseMachine::Receive(absl::CivilDay day, CaseProgress* p) const {
  const internal::CompiledLaw& law = book().compiled();
  p->status = v1::RECEIVED_BY_EMPLOYEE;
  if (p->effect_rule < 0) {
    // For a PNS absent at the delivery, PP 53/2010 Pasal 46 counts from the
    // date set for it.
    const int32_t rule = PeriodRule(Period::kEffective, day);
    const bool from_set = rule >= 0 && law.rules[rule].rule->deadline().from_set_delivery_if_absent() &&
                          p->Seen(v1::DELIVERY_FAILED);
    Open(Period::kEffective, from_set ? p->on[v1::DELIVERY_FAILED] : day, p);
  }
  if (!p->NoRemedy()) Open(p->Banding() ? Period::kAppealFiling : Period::kObjectionFiling, day, p);
  if (p->remedy_rule >= 0 &&
      std::find(p->principles.begin(), p->principles.end(), p->remedy_rule) == p->principles.end()) {
    p->principles.push_back(p->remedy_rule);
  }
}

absl::Status CaseMachine::DecideRemedy(const Event& ev, CaseProgress* p) const {
  const internal::CompiledLaw& law = book().compiled();
  const v1::CaseEvent& e = ev.e;
  const bool objection = e.type() == v1::OBJECTION_DECIDED, appeal = e.type() == v1::APPEAL_DECIDED;
  const v1::RemedyOutcome out = e.outcome();
  if (out == v1::REMEDY_OUTCOME_UNSPECIFIED) return Malformed("outcome: required");
  if (appeal && out == v1::REVOKED) {
    return NotAllowed("BPASN may confirm, lighten, make heavier, change or annul; not revoke (PP 79/2021 Pasal 16(1))");
  }
  // A keberatan left undecided past its period voided the sanction decision
  // (PP 53/2010 Pasal 37(4)): a later decision on it has nothing to decide.
  for (const PeriodProgress& pp : p->periods) {
    if (objection && pp.period == Period::kObjectionDecision && !pp.met && !pp.cancelled && pp.due_known &&
        ev.day > pp.due && law.rules[pp.rule].rule->deadline().voids_decision()) {
      p->notes.push_back(absl::StrCat("OBJECTION_DECIDED of ", e.date(), " is after the last day ", FormatDate(pp.due),
                                      ": the sanction decision was already void by law (",
                                      law.rules[pp.rule].rule->id(), ")"));
      Meet(Period::kObjectionDecision, ev.day, p);
      for (PeriodProgress& other : p->periods) {
        if (!other.met && other.period == Period::kOfficialResponse) other.cancelled = true;
      }
      p->status = v1::CLOSED_ANNULLED;
      return absl::OkStatus();
    }
  }
  Meet(objection ? Period::kObjectionDecision : Period::kAppealDecision, ev.day, p);
  // Once decided, the remedy's other duties (responses, a decision the
  // court was asked to replace) are moot.
  for (PeriodProgress& pp : p->periods) {
    if (!pp.met && (pp.period == Period::kOfficialResponse || pp.period == Period::kAppealPpkResponse ||
                    pp.period == Period::kObjectionDecision || pp.period == Period::kAppealDecision)) {
      pp.cancelled = true;
    }
  }
  if (out == v1::REVOKED || out == v1::ANNULLED) {
    p->status = v1::CLOSED_ANNULLED;
    return absl::OkStatus();
  }
  if (out == v1::LIGHTENED || out == v1::MADE_HEAVIER || out == v1::CHANGED) {
    auto nt = SanctionTypeOf(book(), e);
    if (!nt.ok()) return nt.status();
    const int before = law.types[p->sanction_type].severity, after = law.types[*nt].severity;
    if ((out == v1::LIGHTENED && after >= before) || (out == v1::MADE_HEAVIER && after <= before) ||
        (out == v1::CHANGED && *nt == p->sanction_type)) {
      return NotAllowed(absl::StrCat("sanction_type: ", e.sanction_type(), " does not match outcome ",
                                 v1::RemedyOutcome_Name(out), " of ", law.types[p->sanction_type].code));
    }
    p->sanction_type = *nt;
  }
  if (out == v1::INADMISSIBLE) {
    // The decision stands as received: it takes effect on its own terms.
    Open(Period::kEffective, p->on[v1::DELIVERY] > p->on[v1::RECEIVED] ? p->on[v1::DELIVERY] : p->on[v1::RECEIVED], p);
  } else {
    p->remedied = true;
    p->remedy_decided = ev.day;
  }
  p->status = v1::FINAL;
  return absl::OkStatus();
}

void CaseMachine::Overdue(const CaseProgress& p, absl::CivilDay as_of, std::vector<OverdueItem>* out) const {
  Overdue(p.status, p.periods, as_of, out);
}

void CaseMachine::Overdue(v1::CaseStatus status, absl::Span<const PeriodProgress> periods, absl::CivilDay as_of,
                          std::vector<OverdueItem>* out) {
  if (IsClosed(status)) return;
  for (const PeriodProgress& pp : periods) {
    if (pp.met || pp.cancelled || !pp.due_known || !(pp.due < as_of)) continue;
    if (!IsDuty(pp.period)) continue;
    out->push_back({pp.period, pp.due, pp.rule});
  }
}

}  // namespace netra
