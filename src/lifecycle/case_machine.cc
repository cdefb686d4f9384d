// The case machine: checks each event of a case log against the replayed
// state, tracks the procedural periods, and describes where a case stands.
#include "netra/case.h"

#include <algorithm>
#include <optional>
#include <initializer_list>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "enum_check.h"
#include "eval/resolved.h"
#include "law/compiled.h"
#include "netra/date.h"
#include "netra/text.h"

namespace netra {
namespace {

using v1::CaseStatus;
using v1::EventType;
using v1::Role;

absl::Status Bad(std::string m) { return absl::InvalidArgumentError(std::move(m)); }
absl::Status Refuse(std::string m) { return absl::FailedPreconditionError(std::move(m)); }

// An identifier prints as it is: no control character, bidirectional control
// or backslash (netra/text.h PrintableText leaves it unchanged), so that no
// line-oriented output (netra overdue, log list) can be forged through it.
absl::Status CheckIdentifier(absl::string_view field, const std::string& id) {
  const std::string printable = PrintableText(id);
  if (printable == id) return absl::OkStatus();
  return Bad(absl::StrCat(field, ": \"", printable.substr(0, 80),
                          "\" holds a control character, a bidirectional control or a backslash; an identifier may not"));
}

constexpr const char* kPeriodNames[] = {
    "summons_1_notice", "summons_2",       "delivery",          "send_if_absent",
    "effective",        "objection_filing", "objection_decision", "official_response",
    "appeal_filing",    "appeal_ppk_response", "appeal_decision", "neutrality_follow_up",
};
static_assert(std::size(kPeriodNames) == static_cast<size_t>(Period::kCount), "one name per period");

int Idx(Period p) { return static_cast<int>(p); }

std::string Name(EventType t) { return v1::EventType_Name(t); }
std::string Name(CaseStatus s) { return v1::CaseStatus_Name(s); }

// Records that a lifecycle principle (a Principle rule applied_by
// "case_lifecycle") was applied, so the state cites it.
void Cite(const RuleBook& book, absl::string_view id, CaseProgress* p) {
  const RuleEntry* e = book.FindRule(id);
  if (e == nullptr) return;
  const int32_t i = static_cast<int32_t>(e - book.rules().data());
  if (std::find(p->principles.begin(), p->principles.end(), i) == p->principles.end()) p->principles.push_back(i);
}

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

namespace {

bool In(CaseStatus s, std::initializer_list<CaseStatus> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::string RoleList(std::initializer_list<Role> roles) {
  std::vector<std::string> names;
  for (Role r : roles) names.push_back(v1::Role_Name(r));
  return absl::StrJoin(names, " or ");
}


}  // namespace

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
  for (int p = 0; p < Idx(Period::kCount); ++p) m.period_rule_[p] = -1;
  for (size_t i = 0; i < law.rules.size(); ++i) {
    const v1::Rule& r = *law.rules[i].rule;
    if (!r.has_deadline()) continue;
    for (int p = 0; p < Idx(Period::kCount); ++p) {
      if (r.deadline().deadline() == kPeriodNames[p]) m.period_rule_[p] = static_cast<int32_t>(i);
    }
  }
  for (int p = 0; p < Idx(Period::kCount); ++p) {
    if (m.period_rule_[p] < 0) {
      return absl::FailedPreconditionError(absl::StrCat("rule book lacks the deadline rule \"", kPeriodNames[p], "\""));
    }
  }
  std::map<std::string, std::string> values;
  for (const Evaluator::SettingValue& s : m.evaluator_.settings()) values[s.name] = s.value;
  auto need = [&](const char* name) -> absl::StatusOr<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return absl::FailedPreconditionError(absl::StrCat("rule book lacks setting ", name));
    return it->second;
  };
  for (auto [name, out, truth] : {std::tuple{"effective_day_count", &m.effective_calendar_days_, "CALENDAR_DAYS"},
                                  std::tuple{"period_counting", &m.count_from_event_day_, "FROM_EVENT_DAY"},
                                  std::tuple{"summons_1_reading", &m.summons_min_notice_, "MIN_NOTICE"},
                                  std::tuple{"tukin_cut_months_from", &m.tukin_month_of_effect_, "MONTH_OF_EFFECT"}}) {
    auto v = need(name);
    if (!v.ok()) return v.status();
    *out = *v == truth;
  }
  auto days = need("neutrality_follow_up_days");
  if (!days.ok()) return days.status();
  m.follow_up_days_ = std::atoi(days->c_str());
  return m;
}

absl::Status CaseMachine::Start(const v1::CaseLog& header, CaseProgress* progress) const {
  CaseProgress p;
  if (header.case_id().empty() || header.case_id().size() > kMaxCaseIdBytes) {
    return Bad(absl::StrCat("case_id: required, at most ", kMaxCaseIdBytes,
                            " characters (a host reference, never a name or NIP); got ", header.case_id().size()));
  }
  if (auto st = CheckIdentifier("case_id", header.case_id()); !st.ok()) return st;
  if (!v1::CaseKind_IsValid(header.kind()) || header.kind() == v1::CASE_KIND_UNSPECIFIED) {
    return Bad(absl::StrCat("kind: required (DISCIPLINARY or NEUTRALITY), got ", header.kind()));
  }
  if (header.employee().kind() == v1::EMPLOYEE_KIND_UNSPECIFIED) {
    return Bad("employee.kind: required (PNS, CPNS, PPPK, PPPK_PARUH_WAKTU or NON_ASN)");
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
    return Bad(absl::StrCat("events: ", log.events_size(), " events exceed the limit of ", kMaxCaseEvents));
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

void CaseMachine::Open(Period period, absl::CivilDay from, CaseProgress* p) const {
  const internal::CompiledLaw& law = book().compiled();
  PeriodProgress pp;
  pp.period = period;
  pp.rule = period_rule_[Idx(period)];
  pp.counted_from = from;
  // A period is tracked only while its rule is in force (Peraturan BKN
  // 6/2022's 3 days apply from 7 April 2022).
  if (!(law.rule_from[pp.rule] <= from && from < law.rule_until[pp.rule])) {
    p->notes.push_back(absl::StrCat(PeriodName(period), ": no rule sets this period on ", FormatDate(from), " (",
                                    law.rules[pp.rule].rule->id(), " is in force from ",
                                    FormatDate(law.rule_from[pp.rule]), ")"));
    return;
  }
  const v1::DeadlineRule& d = law.rules[pp.rule].rule->deadline();
  int days = d.days();
  bool calendar_days = d.calendar_days();
  if (period == Period::kEffective) calendar_days = effective_calendar_days_;
  if (period == Period::kNeutralityFollowUp) days = follow_up_days_;
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
  CaseFacts facts;
  if (auto st = evaluator_.Prepare(req, &facts); !st.ok()) {
    return Bad(absl::StrCat("findings.", st.message()));
  }
  CaseResult res;
  evaluator_.Evaluate(facts, &res);
  p->has_findings = true;
  p->findings = std::move(req);
  p->outcome = res.outcome;
  p->regime = res.regime;
  p->level = res.level;
  p->allowed = res.allowed;
  return absl::OkStatus();
}

absl::Status CaseMachine::Apply(const v1::CaseEvent& e, CaseProgress* progress) const {
  const internal::CompiledLaw& law = book().compiled();
  if (progress->kind == v1::CASE_KIND_UNSPECIFIED) return Refuse("the case has not been started (Start)");
  if (progress->events >= kMaxCaseEvents) {
    return Refuse(absl::StrCat("the log already holds the limit of ", kMaxCaseEvents, " events"));
  }
  if (!v1::EventType_IsValid(e.type()) || e.type() == v1::EVENT_TYPE_UNSPECIFIED || e.type() >= 64) {
    return Bad(absl::StrCat("type: unknown event type ", e.type()));
  }
  if (!v1::Role_IsValid(e.actor().role()) || e.actor().role() == v1::ROLE_UNSPECIFIED) {
    return Bad(absl::StrCat("actor.role: required, got ", e.actor().role()));
  }
  if (!v1::Official_IsValid(e.actor().official())) return Bad(absl::StrCat("actor.official: unknown enum value ", e.actor().official()));
  if (!v1::HandlingBody_IsValid(e.actor().body())) return Bad(absl::StrCat("actor.body: unknown enum value ", e.actor().body()));
  if (!v1::RemedyOutcome_IsValid(e.outcome())) return Bad(absl::StrCat("outcome: unknown enum value ", e.outcome()));
  if (e.seq() != 0 && e.seq() != progress->events + 1) {
    return Bad(absl::StrCat("seq: ", e.seq(), " is not the next position ", progress->events + 1));
  }
  auto parsed = ParseDate(e.date(), "date");
  if (!parsed.ok()) return parsed.status();
  const absl::CivilDay day = *parsed;
  if (progress->events > 0 && day < progress->last_date) {
    return Refuse(absl::StrCat("date: ", e.date(), " is before the previous event (", FormatDate(progress->last_date),
                               "); events are appended in date order"));
  }
  // A follow-up closes the neutrality case, but blocked services are still
  // restored after it.
  if (IsClosed(progress->status) && !(e.type() == v1::UNBLOCKED && progress->blocked)) {
    return Refuse(absl::StrCat(Name(e.type()), " is not allowed in state ", Name(progress->status),
                               ": the case is closed and no event may follow"));
  }
  // Work on a copy: a refused event must leave the progress untouched.
  CaseProgress p = *progress;
  const Role role = e.actor().role();
  auto role_in = [&](std::initializer_list<Role> roles) -> absl::Status {
    if (std::find(roles.begin(), roles.end(), role) != roles.end()) return absl::OkStatus();
    return Refuse(absl::StrCat(Name(e.type()), " is for ", RoleList(roles), ", not ", v1::Role_Name(role)));
  };
  auto state_in = [&](std::initializer_list<CaseStatus> states, absl::string_view article) -> absl::Status {
    if (In(p.status, states)) return absl::OkStatus();
    std::vector<std::string> names;
    for (CaseStatus s : states) names.push_back(Name(s));
    return Refuse(absl::StrCat(Name(e.type()), " is not allowed in state ", Name(p.status), " (allowed in ",
                               absl::StrJoin(names, ", "), "; ", article, ")"));
  };
  auto scheduled = [&]() -> absl::StatusOr<absl::CivilDay> {
    auto s = ParseDate(e.scheduled_date(), "scheduled_date");
    if (!s.ok()) return s.status();
    if (*s < day) return Bad(absl::StrCat("scheduled_date: ", e.scheduled_date(), " is before the summons date ", e.date()));
    return *s;
  };
  auto sanction = [&]() -> absl::StatusOr<int32_t> {
    auto t = law.type_by_code.find(e.sanction_type());
    if (e.sanction_type().empty() || t == law.type_by_code.end()) {
      return Bad(absl::StrCat("sanction_type: unknown sanction type \"", e.sanction_type().substr(0, 40), "\""));
    }
    return t->second;
  };
  // Neutrality cases are handled by the body of the event's date (KASN,
  // then BKN: HandlingRule).
  auto body_of_the_date = [&]() -> absl::Status {
    int handling = -1;
    for (int h : law.handling) {
      if (law.rule_from[h] <= day && day < law.rule_until[h]) handling = h;
    }
    if (handling < 0) return Refuse(absl::StrCat(Name(e.type()), ": no handling body is in force on ", e.date()));
    const v1::HandlingBody body = law.rules[handling].rule->handling().body();
    if (e.actor().body() != body) {
      return Refuse(absl::StrCat(Name(e.type()), " in state ", Name(p.status), ": on ", e.date(),
                                 " neutrality cases are handled by ", v1::HandlingBody_Name(body), " (",
                                 law.rules[handling].rule->id(), "), not ", v1::HandlingBody_Name(e.actor().body())));
    }
    return absl::OkStatus();
  };
  const bool disciplinary = p.kind == v1::DISCIPLINARY;
  const bool neutrality_event = e.type() >= v1::REPORT && e.type() != v1::DOCUMENT;
  if (e.type() != v1::DOCUMENT && disciplinary == neutrality_event) {
    return Refuse(absl::StrCat(Name(e.type()), " belongs to the other kind of case (this is a ",
                               v1::CaseKind_Name(p.kind), " case)"));
  }
  const absl::string_view pp79 = "PP 79/2021";
  absl::Status st;
  switch (e.type()) {
    // ---------------------------------------------------------- disciplinary
    case v1::KNOWLEDGE:
      if (!(st = state_in({v1::CASE_STATUS_UNSPECIFIED}, "Pasal 26(1): the first event")).ok()) return st;
      if (!(st = role_in({v1::ROLE_DIRECT_SUPERIOR, v1::ROLE_HIGHER_SUPERIOR})).ok()) return st;
      p.status = v1::OPENED;
      break;
    case v1::SUMMONS_1: {
      if (!(st = state_in({v1::CASE_STATUS_UNSPECIFIED, v1::OPENED}, "Pasal 26(1)")).ok()) return st;
      if (!(st = role_in({v1::ROLE_DIRECT_SUPERIOR, v1::ROLE_HIGHER_SUPERIOR})).ok()) return st;
      auto s = scheduled();
      if (!s.ok()) return s.status();
      p.scheduled = *s;
      // The notice runs from the letter to the examination date it sets.
      Open(Period::kSummons1Notice, day, &p);
      Meet(Period::kSummons1Notice, *s, &p);
      // Pasal 26(2) is read per setting summons_1_reading: flagged, never refused.
      auto gap = calendar_.WorkingDaysBetween(day, *s);
      if (gap.ok() && (summons_min_notice_ ? *gap < 7 : *gap > 7)) {
        p.notes.push_back(absl::StrCat("SUMMONS_1 of ", e.date(), " for ", e.scheduled_date(), ": ", *gap,
                                       " working days between letter and examination, which breaks the reading ",
                                       summons_min_notice_ ? "MIN_NOTICE (at least 7)" : "MAX_GAP (at most 7)",
                                       " of PP 94/2021 Pasal 26(2) (setting summons_1_reading)"));
      }
      p.status = v1::SUMMONED;
      break;
    }
    case v1::NO_SHOW:
      if (!(st = state_in({v1::SUMMONED, v1::SUMMONED_AGAIN}, "Pasal 26(3)-(4)")).ok()) return st;
      if (!(st = role_in({v1::ROLE_DIRECT_SUPERIOR, v1::ROLE_HIGHER_SUPERIOR, v1::ROLE_EXAMINATION_TEAM})).ok()) return st;
      if (day < p.scheduled) {
        return Refuse(absl::StrCat("NO_SHOW on ", e.date(), " in state ", Name(p.status),
                                   " is before the scheduled examination ", FormatDate(p.scheduled)));
      }
      if (p.status == v1::SUMMONED) {
        p.status = v1::ABSENT_ONCE;
        Open(Period::kSummons2, p.scheduled, &p);
      } else {
        p.status = v1::ABSENT_TWICE;
      }
      break;
    case v1::SUMMONS_2: {
      if (!(st = state_in({v1::ABSENT_ONCE}, "Pasal 26(3)")).ok()) return st;
      if (!(st = role_in({v1::ROLE_DIRECT_SUPERIOR, v1::ROLE_HIGHER_SUPERIOR})).ok()) return st;
      auto s = scheduled();
      if (!s.ok()) return s.status();
      p.scheduled = *s;
      Meet(Period::kSummons2, day, &p);
      p.status = v1::SUMMONED_AGAIN;
      break;
    }
    case v1::TEAM_FORMED:
      if (!(st = state_in({v1::OPENED, v1::SUMMONED, v1::ABSENT_ONCE, v1::SUMMONED_AGAIN, v1::EXAMINED},
                          "Pasal 29: before the examination ends"))
               .ok()) {
        return st;
      }
      if (!(st = role_in({v1::ROLE_PPK})).ok()) return st;
      p.team_formed = true;
      break;
    case v1::TEMPORARY_RELEASE:
      if (!(st = state_in({v1::SUMMONED, v1::SUMMONED_AGAIN, v1::EXAMINED, v1::REPORTED},
                          "Pasal 31(1): from the start of the examination until the decision"))
               .ok()) {
        return st;
      }
      if (!(st = role_in({v1::ROLE_DIRECT_SUPERIOR, v1::ROLE_HIGHER_SUPERIOR})).ok()) return st;
      p.released = true;
      break;
    case v1::EXAMINATION: {
      // The PNS attends a summons (Pasal 27(1)); a team formed afterwards
      // examines again (Pasal 29).
      const bool team_again = (p.status == v1::EXAMINED || p.status == v1::REPORTED) && role == v1::ROLE_EXAMINATION_TEAM;
      if (!team_again &&
          !(st = state_in({v1::SUMMONED, v1::SUMMONED_AGAIN}, "Pasal 27(1): the PNS attends a summons; a team formed "
                                                             "later may examine again (Pasal 29)"))
               .ok()) {
        return st;
      }
      if (!(st = role_in({v1::ROLE_DIRECT_SUPERIOR, v1::ROLE_HIGHER_SUPERIOR, v1::ROLE_EXAMINATION_TEAM})).ok()) {
        return st;
      }
      if (role == v1::ROLE_EXAMINATION_TEAM && !p.team_formed) {
        return Refuse("EXAMINATION by a team: no TEAM_FORMED event; the PPK forms the team (Pasal 29(3))");
      }
      if (!e.has_findings()) return Bad("findings: required (the facts the examination established, Pasal 27(2))");
      if (auto j = Judge(e.findings(), day, &p); !j.ok()) return j;
      // Pasal 29(2): a berat case is examined by a team before the decision.
      if (p.outcome == v1::SANCTION && p.regime == v1::DISCIPLINE && p.level == v1::BERAT &&
          role != v1::ROLE_EXAMINATION_TEAM) {
        p.notes.push_back(absl::StrCat("EXAMINATION of ", e.date(), ": the findings give a BERAT sanction, which a team "
                                       "must examine before the decision (PP 94/2021 Pasal 29(2)): form the team "
                                       "(TEAM_FORMED) and record its examination"));
      }
      p.examined_by_team = p.examined_by_team || role == v1::ROLE_EXAMINATION_TEAM;
      p.status = v1::EXAMINED;
      break;
    }
    case v1::REPORTED_UP:
      if (!(st = state_in({v1::EXAMINED}, "Pasal 27(4)")).ok()) return st;
      if (!(st = role_in({v1::ROLE_DIRECT_SUPERIOR, v1::ROLE_HIGHER_SUPERIOR, v1::ROLE_EXAMINATION_TEAM})).ok()) return st;
      p.status = v1::REPORTED;
      break;
    case v1::DECISION: {
      if (!(st = state_in({v1::EXAMINED, v1::REPORTED, v1::ABSENT_TWICE},
                          "Pasal 26(4), 33: after the examination, or on the evidence after two absences"))
               .ok()) {
        return st;
      }
      if (!(st = role_in({v1::ROLE_SANCTIONING_OFFICIAL})).ok()) return st;
      if (e.actor().official() == v1::OFFICIAL_UNSPECIFIED) return Bad("actor.official: required for a DECISION");
      if (p.status == v1::ABSENT_TWICE) Cite(book(), "pp94.proc.no_show_decision", &p);
      if (e.has_findings()) {
        if (auto j = Judge(e.findings(), day, &p); !j.ok()) return j;
      } else if (!p.has_findings) {
        return Bad("findings: required for a decision on the evidence without examination (Pasal 26(4))");
      } else if (auto j = Judge(p.findings, day, &p); !j.ok()) {  // the law of the decision date
        return j;
      }
      if (e.has_proven() && !e.proven()) {
        p.status = v1::CLOSED_NO_VIOLATION;
        p.decided_by = e.actor().official();
        break;
      }
      auto t = sanction();
      if (!t.ok()) return t.status();
      const uint32_t bit = 1u << *t;
      if (p.outcome == v1::SANCTION && !(p.allowed & bit)) {
        std::vector<std::string> codes;
        for (size_t k = 0; k < law.types.size(); ++k) {
          if (p.allowed & (1u << k)) codes.push_back(law.types[k].code);
        }
        return Refuse(absl::StrCat("sanction_type: ", e.sanction_type(), " is not allowed for these findings on ",
                                   e.date(), "; the law allows ", absl::StrJoin(codes, ", ")));
      }
      // With a fact missing, a type no value of it would allow is still
      // unlawful: refuse it when every alternative is a sanction.
      if (p.outcome == v1::MISSING_FACTS) {
        auto d = evaluator_.Evaluate(p.findings);
        bool all_sanctions = d.ok() && d->missing_facts_size() > 0;
        std::vector<std::string> possible;
        for (int m = 0; d.ok() && m < d->missing_facts_size(); ++m) {
          for (const v1::Alternative& alt : d->missing_facts(m).alternatives()) {
            all_sanctions &= alt.outcome() == v1::SANCTION;
            for (const std::string& c : alt.sanction_types()) {
              if (std::find(possible.begin(), possible.end(), c) == possible.end()) possible.push_back(c);
            }
          }
        }
        if (all_sanctions &&
            std::find(possible.begin(), possible.end(), e.sanction_type()) == possible.end()) {
          return Refuse(absl::StrCat("sanction_type: ", e.sanction_type(), " is allowed by no value of the missing ",
                                     "facts on ", e.date(), "; whatever they are, the law allows only ",
                                     absl::StrJoin(possible, ", ")));
        }
      }
      if (p.outcome != v1::SANCTION) {
        p.notes.push_back(absl::StrCat("DECISION of ", e.date(), ": the law gives no clean answer for the findings (",
                                       v1::Outcome_Name(p.outcome), "); the decision rests on the official's judgment"));
      }
      // Pasal 29(2): a berat decision needs a team's examination, unless the
      // PNS twice failed to attend (Pasal 26(4)).
      if (law.types[*t].level == v1::BERAT && law.types[*t].regime == v1::DISCIPLINE && !p.examined_by_team &&
          p.status != v1::ABSENT_TWICE) {
        return Refuse("DECISION: a BERAT sanction requires an examination by a team (PP 94/2021 Pasal 29(2))");
      }
      // The signer must be competent for this type and employee.
      CaseFacts facts;
      v1::EvaluationRequest req = p.findings;
      if (!evaluator_.Prepare(req, &facts).ok()) return Bad("findings: cannot be prepared");
      CaseResult auth;
      evaluator_.Officials(facts, bit, &auth);
      bool competent = false;
      std::vector<std::string> who;
      for (const OfficialResult& o : auth.officials) {
        competent |= o.official == e.actor().official();
        who.push_back(v1::Official_Name(o.official));
      }
      if (!competent) {
        return Refuse(absl::StrCat("actor.official: ", v1::Official_Name(e.actor().official()), " may not impose ",
                                   e.sanction_type(), " on this employee",
                                   who.empty() ? std::string(" (no authority line covers it; give the employee's position and agency)")
                                               : absl::StrCat("; competent: ", absl::StrJoin(who, ", ")),
                                   " (PP 94/2021 Pasal 16-25)"));
      }
      p.decided_by = e.actor().official();
      p.decided_type = p.sanction_type = *t;
      p.document_number = e.document_number();
      p.status = v1::DECIDED;
      Open(Period::kDelivery, day, &p);
      break;
    }
    case v1::DELIVERY:
    case v1::DELIVERY_FAILED:
      if (!(st = state_in({v1::DECIDED}, "Pasal 37(2)-(4)")).ok()) return st;
      if (!(st = role_in({v1::ROLE_SANCTIONING_OFFICIAL, v1::ROLE_HR_OFFICIAL})).ok()) return st;
      Meet(Period::kDelivery, day, &p);
      if (e.type() == v1::DELIVERY_FAILED) {
        p.status = v1::AWAITING_RECEIPT;
        Open(Period::kSendIfAbsent, day, &p);
        break;
      }
      [[fallthrough]];
    case v1::RECEIVED:
      if (e.type() == v1::RECEIVED) {
        if (!(st = state_in({v1::AWAITING_RECEIPT}, "Pasal 37(4)")).ok()) return st;
        if (!p.Seen(v1::SENT)) {
          return Refuse(absl::StrCat("RECEIVED is not allowed in state ", Name(p.status),
                                     " before the decision is SENT (Pasal 37(4))"));
        }
        if (!(st = role_in({v1::ROLE_SANCTIONING_OFFICIAL, v1::ROLE_HR_OFFICIAL, v1::ROLE_EMPLOYEE})).ok()) return st;
      }
      p.status = v1::RECEIVED_BY_EMPLOYEE;
      Open(Period::kEffective, day, &p);
      {
        const internal::CompiledSanctionType& t = law.types[p.sanction_type];
        const bool dismissal = (t.regime == v1::DISMISSAL || law.rules[t.rule].rule->sanction_type().permanent());
        Open(dismissal && p.decided_by == v1::PPK ? Period::kAppealFiling : Period::kObjectionFiling, day, &p);
        Cite(book(), "pp79.remedy.kinds", &p);
      }
      break;
    case v1::SENT:
      if (!(st = state_in({v1::AWAITING_RECEIPT}, "Pasal 37(4)")).ok()) return st;
      if (!(st = role_in({v1::ROLE_SANCTIONING_OFFICIAL, v1::ROLE_HR_OFFICIAL})).ok()) return st;
      Meet(Period::kSendIfAbsent, day, &p);
      break;
    case v1::OBJECTION_FILED:
    case v1::APPEAL_FILED: {
      if (!(st = state_in({v1::RECEIVED_BY_EMPLOYEE}, "PP 79/2021 Pasal 4, 11: after receipt")).ok()) return st;
      if (!(st = role_in({v1::ROLE_EMPLOYEE})).ok()) return st;
      const internal::CompiledSanctionType& t = law.types[p.sanction_type];
      const bool dismissal = (t.regime == v1::DISMISSAL || law.rules[t.rule].rule->sanction_type().permanent());
      const bool banding = dismissal && p.decided_by == v1::PPK;
      if ((e.type() == v1::APPEAL_FILED) != banding) {
        return Refuse(banding ? "a PPK decision dismissing a PNS is contested by banding to BPASN, not keberatan "
                                "(PP 79/2021 Pasal 3(1)(a), 10)"
                              : "banding lies only against a PPK decision dismissing a PNS; this decision is "
                                "contested by keberatan (PP 79/2021 Pasal 3, 10)");
      }
      // Filed after its period: recorded, and to be declared inadmissible.
      for (const PeriodProgress& pp : p.periods) {
        if ((pp.period == Period::kObjectionFiling || pp.period == Period::kAppealFiling) && !pp.met && !pp.cancelled &&
            pp.due_known && day > pp.due) {
          p.late_remedy = true;
          p.notes.push_back(absl::StrCat(Name(e.type()), " of ", e.date(), " is after the last day ", FormatDate(pp.due),
                                         ": it must be declared inadmissible (PP 79/2021 Pasal 4(3), 12(1))"));
        }
      }
      Meet(banding ? Period::kAppealFiling : Period::kObjectionFiling, day, &p);
      // The effect now follows the remedy (Pasal 38(2)); a late filing, to be
      // declared inadmissible, suspends nothing.
      for (PeriodProgress& pp : p.periods) {
        if (pp.period == Period::kEffective && !pp.met && !p.late_remedy) pp.cancelled = true;
      }
      if (banding) {
        p.status = v1::APPEAL_PENDING;
        Open(Period::kAppealPpkResponse, day, &p);
        Open(Period::kAppealDecision, day, &p);
      } else {
        p.status = v1::OBJECTION_PENDING;
        Open(Period::kObjectionDecision, day, &p);
        if (p.decided_by != v1::PPK) Open(Period::kOfficialResponse, day, &p);
      }
      break;
    }
    case v1::OFFICIAL_RESPONSE:
      if (!(st = state_in({v1::OBJECTION_PENDING}, "PP 79/2021 Pasal 8(1)-(3)")).ok()) return st;
      if (p.decided_by == v1::PPK) return Refuse("OFFICIAL_RESPONSE: the decision is the PPK's own; the PPK decides the keberatan");
      if (!(st = role_in({v1::ROLE_SANCTIONING_OFFICIAL})).ok()) return st;
      if (e.actor().official() != p.decided_by) {
        return Refuse(absl::StrCat("OFFICIAL_RESPONSE is by the official who decided (", v1::Official_Name(p.decided_by), ")"));
      }
      Meet(Period::kOfficialResponse, day, &p);
      break;
    case v1::PPK_RESPONSE:
      if (!(st = state_in({v1::APPEAL_PENDING}, "PP 79/2021 Pasal 13(1)")).ok()) return st;
      if (!(st = role_in({v1::ROLE_PPK})).ok()) return st;
      Meet(Period::kAppealPpkResponse, day, &p);
      break;
    case v1::OBJECTION_DECIDED:
    case v1::APPEAL_DECIDED:
    case v1::COURT_DECIDED: {
      const bool objection = e.type() == v1::OBJECTION_DECIDED, appeal = e.type() == v1::APPEAL_DECIDED;
      if (!(st = state_in({objection ? v1::OBJECTION_PENDING : appeal ? v1::APPEAL_PENDING : v1::COURT_PENDING}, pp79)).ok()) {
        return st;
      }
      if (objection) {
        if (p.decided_by == v1::PPK) {
          if (!(st = role_in({v1::ROLE_PPK})).ok()) return st;
        } else if (!(st = role_in({v1::ROLE_OFFICIALS_SUPERIOR})).ok()) {
          return st;
        }
      } else if (!(st = role_in({appeal ? v1::ROLE_BPASN : v1::ROLE_COURT})).ok()) {
        return st;
      }
      const v1::RemedyOutcome out = e.outcome();
      if (out == v1::REMEDY_OUTCOME_UNSPECIFIED) return Bad("outcome: required");
      if (appeal && out == v1::REVOKED) return Refuse("BPASN may confirm, lighten, make heavier, change or annul; not revoke (PP 79/2021 Pasal 16(1))");
      Meet(objection ? Period::kObjectionDecision : Period::kAppealDecision, day, &p);
      // Once decided, the remedy's other duties (responses, a decision the
      // court was asked to replace) are moot.
      for (PeriodProgress& pp : p.periods) {
        if (!pp.met && (pp.period == Period::kOfficialResponse || pp.period == Period::kAppealPpkResponse ||
                        pp.period == Period::kObjectionDecision || pp.period == Period::kAppealDecision)) {
          pp.cancelled = true;
        }
      }
      if (out == v1::REVOKED || out == v1::ANNULLED) {
        p.status = v1::CLOSED_ANNULLED;
        break;
      }
      if (out == v1::LIGHTENED || out == v1::MADE_HEAVIER || out == v1::CHANGED) {
        auto nt = sanction();
        if (!nt.ok()) return nt.status();
        const int before = law.types[p.sanction_type].severity, after = law.types[*nt].severity;
        if ((out == v1::LIGHTENED && after >= before) || (out == v1::MADE_HEAVIER && after <= before) ||
            (out == v1::CHANGED && *nt == p.sanction_type)) {
          return Refuse(absl::StrCat("sanction_type: ", e.sanction_type(), " does not match outcome ",
                                     v1::RemedyOutcome_Name(out), " of ", law.types[p.sanction_type].code));
        }
        p.sanction_type = *nt;
      }
      if (out == v1::INADMISSIBLE) {
        // The decision stands as received: it takes effect on its own terms.
        Open(Period::kEffective, p.on[v1::DELIVERY] > p.on[v1::RECEIVED] ? p.on[v1::DELIVERY] : p.on[v1::RECEIVED], &p);
      } else {
        p.remedied = true;
        p.remedy_decided = day;
      }
      p.status = v1::FINAL;
      break;
    }
    case v1::COURT_FILED: {
      if (!(st = role_in({v1::ROLE_EMPLOYEE})).ok()) return st;
      bool open = p.status == v1::FINAL && (p.Seen(v1::OBJECTION_DECIDED) || p.Seen(v1::APPEAL_DECIDED));
      if (p.status == v1::OBJECTION_PENDING) {
        for (const PeriodProgress& pp : p.periods) {
          if (pp.period == Period::kObjectionDecision && !pp.met && !pp.cancelled && pp.due_known && day > pp.due) {
            open = true;  // silence after 21 working days (PP 79/2021 Pasal 5(3), 8(7))
          }
        }
      }
      if (!open) {
        return Refuse(absl::StrCat("COURT_FILED is not allowed in state ", Name(p.status),
                                   ": the court route opens after the remedy is decided, or when the keberatan is not "
                                   "decided within 21 working days (PP 79/2021 Pasal 5(3), 6(3), 8(7), 9(3), 18)"));
      }
      // The court now decides: the keberatan's own decision period is moot.
      for (PeriodProgress& pp : p.periods) {
        if (!pp.met && (pp.period == Period::kObjectionDecision || pp.period == Period::kOfficialResponse)) {
          pp.cancelled = true;
        }
      }
      p.status = v1::COURT_PENDING;
      break;
    }
    case v1::DEATH:
      if (p.status == v1::CASE_STATUS_UNSPECIFIED) return Refuse("DEATH is not allowed in state CASE_STATUS_UNSPECIFIED: the case has no event yet");
      if (!(st = role_in({v1::ROLE_HR_OFFICIAL})).ok()) return st;
      if (p.status == v1::APPEAL_PENDING) {
        p.notes.push_back("died before the banding was decided (PP 79/2021 Pasal 29(1))");
        Cite(book(), "pp79.death_during_appeal", &p);
      }
      p.status = v1::CLOSED_DEATH;
      break;
    case v1::RETIREMENT_AGE:
      if (p.status == v1::CASE_STATUS_UNSPECIFIED) {
        return Refuse("RETIREMENT_AGE is not allowed in state CASE_STATUS_UNSPECIFIED: the case has no event yet");
      }
      if (!(st = role_in({v1::ROLE_HR_OFFICIAL})).ok()) return st;
      p.retired = true;
      if (p.status == v1::APPEAL_PENDING) {
        p.notes.push_back(absl::StrCat("reached retirement age on ", e.date(),
                                       " before the banding was decided: salary and allowances stop until the "
                                       "decision (PP 79/2021 Pasal 29(2))"));
        Cite(book(), "pp79.retirement_during_appeal", &p);
      }
      break;
    // ---------------------------------------------------------- neutrality
    case v1::REPORT:
      if (!(st = state_in({v1::CASE_STATUS_UNSPECIFIED}, "the first event")).ok()) return st;
      if (!(st = role_in({v1::ROLE_REPORTER, v1::ROLE_BAWASLU, v1::ROLE_HANDLING_BODY})).ok()) return st;
      // A report or finding with Bawaslu is reviewed there first; one filed
      // with the handling body goes to it directly.
      p.status = role == v1::ROLE_BAWASLU ? v1::BAWASLU_REVIEW : v1::REPORT_RECEIVED;
      break;
    case v1::BAWASLU_FORWARDED:
    case v1::BAWASLU_STOPPED:
      if (!(st = state_in({v1::CASE_STATUS_UNSPECIFIED, v1::REPORT_RECEIVED, v1::BAWASLU_REVIEW},
                          "docs/law/neutrality_skb2022.md"))
               .ok()) {
        return st;
      }
      if (!(st = role_in({v1::ROLE_BAWASLU})).ok()) return st;
      p.status = e.type() == v1::BAWASLU_STOPPED ? v1::CLOSED_NO_VIOLATION : v1::SUPERVISOR_REVIEW;
      break;
    case v1::RECOMMENDATION:
    case v1::NOT_PROVEN: {
      if (!(st = state_in({v1::REPORT_RECEIVED, v1::SUPERVISOR_REVIEW}, "docs/law/neutrality_skb2022.md")).ok()) return st;
      if (!(st = role_in({v1::ROLE_HANDLING_BODY})).ok()) return st;
      if (!(st = body_of_the_date()).ok()) return st;
      if (e.type() == v1::NOT_PROVEN) {
        p.status = v1::CLOSED_NOT_PROVEN;
        break;
      }
      if (!e.has_findings()) return Bad("findings: required (the act and facts the recommendation finds proven)");
      if (auto j = Judge(e.findings(), day, &p); !j.ok()) return j;
      p.status = v1::RECOMMENDATION_ISSUED;
      Open(Period::kNeutralityFollowUp, day, &p);
      break;
    }
    case v1::FOLLOW_UP:
      if (!(st = state_in({v1::RECOMMENDATION_ISSUED, v1::ESCALATED_BLOCKED}, "the PPK follows up the recommendation")).ok()) {
        return st;
      }
      if (!(st = role_in({v1::ROLE_PPK})).ok()) return st;
      if (e.linked_case_id().empty()) return Bad("linked_case_id: required (the disciplinary or ethics case carrying the sanction)");
      if (auto id = CheckIdentifier("linked_case_id", e.linked_case_id()); !id.ok()) return id;
      p.linked_case_id = e.linked_case_id();
      Meet(Period::kNeutralityFollowUp, day, &p);
      p.status = v1::FOLLOWED_UP;
      break;
    case v1::ESCALATED: {
      if (!(st = state_in({v1::RECOMMENDATION_ISSUED}, "Peraturan BKN 1/2023; docs/law/neutrality_skb2022.md")).ok()) return st;
      if (!(st = role_in({v1::ROLE_HANDLING_BODY})).ok()) return st;
      if (!(st = body_of_the_date()).ok()) return st;
      for (const PeriodProgress& pp : p.periods) {
        if (pp.period == Period::kNeutralityFollowUp && !pp.met && !pp.cancelled && pp.due_known && day <= pp.due) {
          return Refuse(absl::StrCat("ESCALATED: the PPK has until ", FormatDate(pp.due),
                                     " to follow up (setting neutrality_follow_up_days)"));
        }
      }
      p.blocked = true;
      p.status = v1::ESCALATED_BLOCKED;
      break;
    }
    case v1::UNBLOCKED:
      if (!p.blocked) {
        return Refuse(absl::StrCat("UNBLOCKED is not allowed in state ", Name(p.status), ": services were not blocked"));
      }
      if (!(st = role_in({v1::ROLE_HANDLING_BODY})).ok()) return st;
      if (!(st = body_of_the_date()).ok()) return st;
      p.blocked = false;
      break;
    case v1::EMPLOYEE_LEFT:
    case v1::CANCELLED:
    case v1::REJECTED:
      if (!(st = role_in({v1::ROLE_HANDLING_BODY, v1::ROLE_BAWASLU, v1::ROLE_HR_OFFICIAL})).ok()) return st;
      p.status = e.type() == v1::EMPLOYEE_LEFT ? v1::CLOSED_EMPLOYEE_LEFT
                 : e.type() == v1::CANCELLED   ? v1::CLOSED_CANCELLED
                                               : v1::CLOSED_REJECTED;
      break;
    case v1::DOCUMENT:
      if (p.status == v1::CASE_STATUS_UNSPECIFIED) {
        return Refuse("DOCUMENT is not allowed in state CASE_STATUS_UNSPECIFIED: the case has no event yet");
      }
      if (e.document_number().empty() && e.note().empty()) {
        return Bad("document_number or note: a DOCUMENT names what was added");
      }
      break;
    default:
      return Bad(absl::StrCat("type: ", Name(e.type()), " is not an event netra knows"));
  }
  // UNBLOCKED after the follow-up keeps FOLLOWED_UP closed; services restored.
  p.seen |= uint64_t{1} << e.type();
  p.on[e.type()] = day;
  p.last_date = day;
  ++p.events;
  *progress = std::move(p);
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
