// The rules of procedure (procedure.h): the table CaseMachine::Apply and
// CaseMachine::Describe read, and each event's effect as a small function.
//
// Who summons and examines: PP 94/2021 Pasal 26(1) and 27(1) name the direct
// superior (atasan langsung); the superior above acts in their place only
// where the direct superior's post is vacant (docs/law/pp94_2021.md, "Who
// acts"); a team formed by the PPK examines (Pasal 29).
#include "lifecycle/procedure.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "law/compiled.h"
#include "netra/date.h"
#include "netra/text.h"
#include "utf8.h"

namespace netra {
namespace {

using v1::CaseStatus;
using v1::EventType;
using v1::Role;

const PeriodProgress* OpenPeriod(const CaseProgress& p, Period period) {
  for (const PeriodProgress& pp : p.periods) {
    if (pp.period == period && !pp.met && !pp.cancelled) return &pp;
  }
  return nullptr;
}

// The examination date a summons sets (not before the letter).
absl::StatusOr<absl::CivilDay> Scheduled(const v1::CaseEvent& e, absl::CivilDay day) {
  auto s = ParseDate(e.scheduled_date(), "scheduled_date");
  if (!s.ok()) return s.status();
  if (*s < day) return Malformed(absl::StrCat("scheduled_date: ", e.scheduled_date(), " is before the summons date ", e.date()));
  return *s;
}

// Neutrality cases are handled by the body of the event's date (KASN, then
// BKN: HandlingRule), as the rules for the norms of the case's findings (the
// event's own, else the last ones) say; before any findings, as any
// handling rule of the date says.
absl::Status BodyOfTheDate(const RuleBook& book, const v1::CaseEvent& e, absl::CivilDay day, const CaseProgress& p) {
  const internal::CompiledLaw& law = book.compiled();
  const v1::EvaluationRequest* findings = e.has_findings() ? &e.findings() : p.has_findings ? &p.findings : nullptr;
  std::vector<int> rules;
  if (findings != nullptr) {
    for (const v1::Act& act : findings->acts()) {
      auto it = law.norm_by_id.find(act.norm());
      if (it != law.norm_by_id.end()) rules.insert(rules.end(), law.norms[it->second].handling.begin(), law.norms[it->second].handling.end());
    }
  }
  if (rules.empty()) rules = law.handling;
  int handling = -1;
  for (int h : rules) {
    if (law.rule_from[h] <= day && day < law.rule_until[h]) handling = h;
  }
  if (handling < 0) return NotAllowed(absl::StrCat(Name(e.type()), ": no handling body is in force on ", e.date()));
  const v1::HandlingBody body = law.rules[handling].rule->handling().body();
  if (e.actor().body() != body) {
    return NotAllowed(absl::StrCat(Name(e.type()), " in state ", v1::CaseStatus_Name(p.status), ": on ", e.date(),
                               " neutrality cases are handled by ", v1::HandlingBody_Name(body), " (",
                               law.rules[handling].rule->id(), "), not ", v1::HandlingBody_Name(e.actor().body())));
  }
  return absl::OkStatus();
}

// Findings giving a BERAT discipline sanction need a team's examination
// before the decision (Pasal 29(2)).
bool NeedsTeam(const CaseProgress& p) {
  return p.result.outcome == v1::SANCTION && p.result.regime == v1::DISCIPLINE && p.result.level == v1::BERAT &&
         !p.examined_by_team;
}

bool RemedyDecided(const CaseProgress& p, absl::CivilDay) {
  return p.Seen(v1::OBJECTION_DECIDED) || p.Seen(v1::APPEAL_DECIDED);
}

// The keberatan was not decided within its period: silence opens the court
// route (PP 79/2021 Pasal 5(3), 8(7)).
bool ObjectionUndecidedPastDue(const CaseProgress& p, absl::CivilDay day) {
  const PeriodProgress* pp = OpenPeriod(p, Period::kObjectionDecision);
  return pp != nullptr && pp->due_known && day > pp->due;
}

// Whether a remedy lies against the decision and its period has not yet
// passed.
bool RemedyPeriodOpen(const CaseProgress& p, absl::CivilDay as_of) {
  if (p.NoRemedy()) return false;
  for (const PeriodProgress& pp : p.periods) {
    if ((pp.period == Period::kAppealFiling || pp.period == Period::kObjectionFiling) && !pp.cancelled &&
        pp.due_known && pp.due < as_of) {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::Status CheckIdentifier(absl::string_view field, const std::string& id) {
  const std::string printable = PrintableText(id);
  if (printable == id) return absl::OkStatus();
  return Malformed(absl::StrCat(field, ": ", internal::Quoted(id, 80),
                          " holds a control character, a bidirectional control or a backslash; an identifier may not"));
}

absl::StatusOr<int32_t> SanctionTypeOf(const RuleBook& book, const v1::CaseEvent& e) {
  const internal::CompiledLaw& law = book.compiled();
  auto t = law.type_by_code.find(e.sanction_type());
  if (e.sanction_type().empty() || t == law.type_by_code.end()) {
    return Malformed(absl::StrCat("sanction_type: unknown sanction type ", internal::Quoted(e.sanction_type(), 40)));
  }
  return t->second;
}

void Cite(const RuleBook& book, absl::string_view id, CaseProgress* p) {
  const RuleEntry* e = book.FindRule(id);
  if (e == nullptr) return;
  const int32_t i = static_cast<int32_t>(e - book.rules().data());
  if (std::find(p->principles.begin(), p->principles.end(), i) == p->principles.end()) p->principles.push_back(i);
}

std::string StatusNames(uint64_t set) {
  if ((set & kAfterStart) == kAfterStart) {
    return Has(set, v1::CASE_STATUS_UNSPECIFIED) ? "any status" : "any status after the first event";
  }
  std::vector<std::string> names;
  for (int s = 0; s < 64; ++s) {
    if (Has(set, s) && v1::CaseStatus_IsValid(s)) names.push_back(v1::CaseStatus_Name(static_cast<CaseStatus>(s)));
  }
  return absl::StrJoin(names, ", ");
}

std::string RoleNames(uint32_t set) {
  std::vector<std::string> names;
  for (int r = 0; r < 32; ++r) {
    if (Has(set, r) && v1::Role_IsValid(r)) names.push_back(v1::Role_Name(static_cast<Role>(r)));
  }
  return absl::StrJoin(names, " or ");
}

absl::Span<const CaseMachine::Transition> CaseMachine::Procedure() {
  using M = CaseMachine;
  using P = CaseProgress;
  // ------------------------------------------------------------ effects
  // Each is a captureless lambda: a function of the machine, the event and
  // the case (a copy, discarded when the effect refuses).
  static constexpr auto opened = [](const M&, const Event&, P& p) {
    p.status = v1::OPENED;
    return absl::OkStatus();
  };
  static constexpr auto summons_1 = [](const M& m, const Event& ev, P& p) {
    auto s = Scheduled(ev.e, ev.day);
    if (!s.ok()) return s.status();
    p.scheduled = *s;
    // The notice runs from the letter to the examination date it sets.
    const size_t opened_before = p.periods.size();
    m.Open(Period::kSummons1Notice, ev.day, &p);
    m.Meet(Period::kSummons1Notice, *s, &p);
    // The notice period of the letter's date (PP 94/2021 Pasal 26(2), read
    // per setting summons_1_reading; PP 53/2010 Pasal 23(2), at least):
    // flagged, never refused.
    auto gap = m.calendar_.WorkingDaysBetween(ev.day, *s);
    if (p.periods.size() > opened_before && gap.ok()) {
      const PeriodProgress& notice = p.periods.back();
      const v1::Rule& rule = *m.book().compiled().rules[notice.rule].rule;
      if (notice.min_notice ? *gap < notice.days : *gap > notice.days) {
        p.notes.push_back(absl::StrCat(
            "SUMMONS_1 of ", ev.e.date(), " for ", ev.e.scheduled_date(), ": ", *gap,
            " working days between letter and examination, which breaks ",
            rule.deadline().reading_setting().empty()
                ? absl::StrCat("the least notice of ", notice.days)
                : absl::StrCat("the reading ", notice.min_notice ? "MIN_NOTICE (at least " : "MAX_GAP (at most ",
                               notice.days, ") of setting ", rule.deadline().reading_setting()),
            " (", m.book().CiteAs(rule.citations(0)), ")"));
      }
    }
    p.status = v1::SUMMONED;
    return absl::OkStatus();
  };
  static constexpr auto no_show = [](const M& m, const Event& ev, P& p) {
    if (ev.day < p.scheduled) {
      return NotAllowed(absl::StrCat("NO_SHOW on ", ev.e.date(), " in state ", v1::CaseStatus_Name(p.status),
                                 " is before the scheduled examination ", FormatDate(p.scheduled)));
    }
    if (p.status == v1::SUMMONED) {
      p.status = v1::ABSENT_ONCE;
      m.Open(Period::kSummons2, p.scheduled, &p);
    } else {
      p.status = v1::ABSENT_TWICE;
    }
    return absl::OkStatus();
  };
  static constexpr auto summons_2 = [](const M& m, const Event& ev, P& p) {
    auto s = Scheduled(ev.e, ev.day);
    if (!s.ok()) return s.status();
    p.scheduled = *s;
    m.Meet(Period::kSummons2, ev.day, &p);
    p.status = v1::SUMMONED_AGAIN;
    return absl::OkStatus();
  };
  static constexpr auto team_formed = [](const M&, const Event&, P& p) {
    p.team_formed = true;
    return absl::OkStatus();
  };
  static constexpr auto released = [](const M&, const Event&, P& p) {
    p.released = true;
    return absl::OkStatus();
  };
  static constexpr auto examination = [](const M& m, const Event& ev, P& p) {
    const bool team = ev.e.actor().role() == v1::ROLE_EXAMINATION_TEAM;
    if (team && !p.team_formed) {
      return NotAllowed("EXAMINATION by a team: no TEAM_FORMED event; the PPK forms the team (Pasal 29(3))");
    }
    if (!ev.e.has_findings()) return Malformed("findings: required (the facts the examination established, Pasal 27(2))");
    if (auto j = m.Judge(ev.e.findings(), ev.day, &p); !j.ok()) return j;
    if (NeedsTeam(p) && !team) {
      p.notes.push_back(absl::StrCat("EXAMINATION of ", ev.e.date(), ": the findings give a BERAT sanction, which a "
                                     "team must examine before the decision (PP 94/2021 Pasal 29(2)): form the team "
                                     "(TEAM_FORMED) and record its examination"));
    }
    p.examined_by_team = p.examined_by_team || team;
    p.status = v1::EXAMINED;
    return absl::OkStatus();
  };
  static constexpr auto reported_up = [](const M&, const Event&, P& p) {
    p.status = v1::REPORTED;
    return absl::OkStatus();
  };
  static constexpr auto decision = [](const M& m, const Event& ev, P& p) { return m.Decide(ev, &p); };
  static constexpr auto delivery = [](const M& m, const Event& ev, P& p) {
    m.Meet(Period::kDelivery, ev.day, &p);
    m.Receive(ev.day, &p);
    return absl::OkStatus();
  };
  static constexpr auto delivery_failed = [](const M& m, const Event& ev, P& p) {
    m.Meet(Period::kDelivery, ev.day, &p);
    p.status = v1::AWAITING_RECEIPT;
    m.Open(Period::kSendIfAbsent, ev.day, &p);
    return absl::OkStatus();
  };
  static constexpr auto sent = [](const M& m, const Event& ev, P& p) {
    m.Meet(Period::kSendIfAbsent, ev.day, &p);
    return absl::OkStatus();
  };
  static constexpr auto received = [](const M& m, const Event& ev, P& p) {
    m.Receive(ev.day, &p);
    return absl::OkStatus();
  };
  static constexpr auto remedy_filed = [](const M& m, const Event& ev, P& p) {
    const bool banding = ev.e.type() == v1::APPEAL_FILED;
    if (p.NoRemedy()) {
      const v1::Rule& r = *m.book().compiled().rules[p.remedy_rule].rule;
      return NotAllowed(absl::StrCat("no upaya administratif lies against this decision (", r.id(), ": ",
                                     r.paraphrase(), ")"));
    }
    // Filed after its period: recorded, and to be declared inadmissible.
    const PeriodProgress* filing = OpenPeriod(p, banding ? Period::kAppealFiling : Period::kObjectionFiling);
    if (filing != nullptr && filing->due_known && ev.day > filing->due) {
      p.late_remedy = true;
      const v1::Rule& rule = *m.book().compiled().rules[filing->rule].rule;
      p.notes.push_back(absl::StrCat(Name(ev.e.type()), " of ", ev.e.date(), " is after the last day ",
                                     FormatDate(filing->due), " (", rule.id(), "): ", rule.deadline().consequence()));
    }
    m.Meet(banding ? Period::kAppealFiling : Period::kObjectionFiling, ev.day, &p);
    // The effect now follows the remedy (Pasal 38(2)); a late filing, to be
    // declared inadmissible, suspends nothing.
    for (PeriodProgress& pp : p.periods) {
      if (pp.period == Period::kEffective && !pp.met && !p.late_remedy) pp.cancelled = true;
    }
    if (banding) {
      p.status = v1::APPEAL_PENDING;
      m.Open(Period::kAppealPpkResponse, ev.day, &p);
      m.Open(Period::kAppealDecision, ev.day, &p);
    } else {
      p.status = v1::OBJECTION_PENDING;
      m.Open(Period::kObjectionDecision, ev.day, &p);
      if (p.decided_by != v1::PPK) m.Open(Period::kOfficialResponse, ev.day, &p);
    }
    return absl::OkStatus();
  };
  static constexpr auto official_response = [](const M& m, const Event& ev, P& p) {
    if (ev.e.actor().official() != p.decided_by) {
      return NotAllowed(absl::StrCat("OFFICIAL_RESPONSE is by the official who decided (",
                                 v1::Official_Name(p.decided_by), ")"));
    }
    m.Meet(Period::kOfficialResponse, ev.day, &p);
    return absl::OkStatus();
  };
  static constexpr auto ppk_response = [](const M& m, const Event& ev, P& p) {
    m.Meet(Period::kAppealPpkResponse, ev.day, &p);
    return absl::OkStatus();
  };
  static constexpr auto remedy_decided = [](const M& m, const Event& ev, P& p) { return m.DecideRemedy(ev, &p); };
  static constexpr auto court_filed = [](const M&, const Event&, P& p) {
    // The court now decides: the keberatan's own decision period is moot.
    for (PeriodProgress& pp : p.periods) {
      if (!pp.met && (pp.period == Period::kObjectionDecision || pp.period == Period::kOfficialResponse)) {
        pp.cancelled = true;
      }
    }
    p.status = v1::COURT_PENDING;
    return absl::OkStatus();
  };
  static constexpr auto death = [](const M& m, const Event&, P& p) {
    if (p.status == v1::APPEAL_PENDING) {
      p.notes.push_back("died before the banding was decided (PP 79/2021 Pasal 29(1))");
      Cite(m.book(), "pp79.death_during_appeal", &p);
    }
    p.status = v1::CLOSED_DEATH;
    return absl::OkStatus();
  };
  static constexpr auto retirement_age = [](const M& m, const Event& ev, P& p) {
    p.retired = true;
    if (p.status == v1::APPEAL_PENDING) {
      p.notes.push_back(absl::StrCat("reached retirement age on ", ev.e.date(),
                                     " before the banding was decided: salary and allowances stop until the "
                                     "decision (PP 79/2021 Pasal 29(2))"));
      Cite(m.book(), "pp79.retirement_during_appeal", &p);
    }
    return absl::OkStatus();
  };
  static constexpr auto report = [](const M&, const Event& ev, P& p) {
    // A report or finding with Bawaslu is reviewed there first; one filed
    // with the handling body goes to it directly.
    p.status = ev.e.actor().role() == v1::ROLE_BAWASLU ? v1::BAWASLU_REVIEW : v1::REPORT_RECEIVED;
    return absl::OkStatus();
  };
  static constexpr auto bawaslu_forwarded = [](const M&, const Event&, P& p) {
    p.status = v1::SUPERVISOR_REVIEW;
    return absl::OkStatus();
  };
  static constexpr auto closed = [](const M&, const Event& ev, P& p) {
    switch (ev.e.type()) {
      case v1::BAWASLU_STOPPED: p.status = v1::CLOSED_NO_VIOLATION; break;
      case v1::EMPLOYEE_LEFT: p.status = v1::CLOSED_EMPLOYEE_LEFT; break;
      case v1::CANCELLED: p.status = v1::CLOSED_CANCELLED; break;
      default: p.status = v1::CLOSED_REJECTED; break;
    }
    return absl::OkStatus();
  };
  static constexpr auto not_proven = [](const M& m, const Event& ev, P& p) {
    if (auto st = BodyOfTheDate(m.book(), ev.e, ev.day, p); !st.ok()) return st;
    p.status = v1::CLOSED_NOT_PROVEN;
    return absl::OkStatus();
  };
  static constexpr auto recommendation = [](const M& m, const Event& ev, P& p) {
    if (auto st = BodyOfTheDate(m.book(), ev.e, ev.day, p); !st.ok()) return st;
    if (!ev.e.has_findings()) return Malformed("findings: required (the act and facts the recommendation finds proven)");
    if (auto j = m.Judge(ev.e.findings(), ev.day, &p); !j.ok()) return j;
    p.status = v1::RECOMMENDATION_ISSUED;
    m.Open(Period::kNeutralityFollowUp, ev.day, &p);
    return absl::OkStatus();
  };
  static constexpr auto follow_up = [](const M& m, const Event& ev, P& p) {
    if (ev.e.linked_case_id().empty()) {
      return Malformed("linked_case_id: required (the disciplinary or ethics case carrying the sanction)");
    }
    if (auto id = CheckIdentifier("linked_case_id", ev.e.linked_case_id()); !id.ok()) return id;
    p.linked_case_id = ev.e.linked_case_id();
    m.Meet(Period::kNeutralityFollowUp, ev.day, &p);
    p.status = v1::FOLLOWED_UP;
    return absl::OkStatus();
  };
  static constexpr auto escalated = [](const M& m, const Event& ev, P& p) {
    if (auto st = BodyOfTheDate(m.book(), ev.e, ev.day, p); !st.ok()) return st;
    const PeriodProgress* pp = OpenPeriod(p, Period::kNeutralityFollowUp);
    if (pp != nullptr && pp->due_known && ev.day <= pp->due) {
      return NotAllowed(absl::StrCat("ESCALATED: the PPK has until ", FormatDate(pp->due),
                                 " to follow up (setting neutrality_follow_up_days)"));
    }
    p.blocked = true;
    p.status = v1::ESCALATED_BLOCKED;
    return absl::OkStatus();
  };
  static constexpr auto unblocked = [](const M& m, const Event& ev, P& p) {
    if (auto st = BodyOfTheDate(m.book(), ev.e, ev.day, p); !st.ok()) return st;
    p.blocked = false;
    return absl::OkStatus();
  };
  static constexpr auto document = [](const M&, const Event& ev, P&) {
    if (ev.e.document_number().empty() && ev.e.note().empty()) {
      return Malformed("document_number or note: a DOCUMENT names what was added");
    }
    return absl::OkStatus();
  };

  // ------------------------------------------------------------ the table
  // Statuses, roles and articles of PP 94/2021 Pasal 26-38, PP 79/2021 and
  // the neutrality flow (docs/law/pp94_2021.md, docs/law/pp79_2021_procedure.md,
  // docs/law/neutrality_skb2022.md). Rows are in the order next steps are
  // listed.
  using S = CaseStatus;
  // The direct superior summons, examines and records a no-show (Pasal
  // 26(1), 27(1)); the superior above acts in place of a vacant direct
  // superior (stand_in); anyone up the line may learn of a violation.
  constexpr uint32_t kSuperiors = RoleSet({v1::ROLE_DIRECT_SUPERIOR, v1::ROLE_HIGHER_SUPERIOR});
  constexpr uint32_t kDirect = RoleSet({v1::ROLE_DIRECT_SUPERIOR});
  constexpr uint32_t kExaminers = RoleSet({v1::ROLE_DIRECT_SUPERIOR, v1::ROLE_EXAMINATION_TEAM});
  constexpr uint32_t kDeliverers = RoleSet({v1::ROLE_SANCTIONING_OFFICIAL, v1::ROLE_HR_OFFICIAL});
  constexpr const char* kDecisionArticle =
      "Pasal 26(4), 33: after the examination, or on the evidence after two absences";
  constexpr const char* kCourtArticle = "PP 79/2021 Pasal 5(3), 6(3), 8(7), 9(3), 18";
  constexpr const char* kCourtRoute =
      "the court route opens after the remedy is decided, or when the keberatan is not decided within 21 working "
      "days (PP 79/2021 Pasal 5(3), 6(3), 8(7), 9(3), 18)";
  constexpr const char* kSilence = "silence is not approval: after the period the PNS may sue at the PTUN";
  constexpr uint64_t kSummonedStates = StatusSet({S::SUMMONED, S::SUMMONED_AGAIN});
  constexpr uint64_t kExaminedStates = StatusSet({S::EXAMINED, S::REPORTED});
  static const Transition kTable[] = {
      // ------------------------------------------------------ disciplinary
      {.event = v1::KNOWLEDGE, .from = StatusSet({S::CASE_STATUS_UNSPECIFIED}), .roles = kSuperiors,
       .article = "Pasal 26(1): the first event", .effect = +opened,
       .offer = StatusSet({S::CASE_STATUS_UNSPECIFIED})},
      {.event = v1::SUMMONS_1, .from = StatusSet({S::CASE_STATUS_UNSPECIFIED, S::OPENED}), .roles = kDirect,
       .stand_in = true,
       .article = "Pasal 26(1)", .effect = +summons_1, .offer = StatusSet({S::OPENED}),
       .note = "discipline is not complaint-based: a superior who knows must summon and examine "
               "(PP 94/2021 Pasal 26(1), 28)"},
      {.event = v1::EXAMINATION, .from = kSummonedStates, .roles = kExaminers, .stand_in = true,
       .article = "Pasal 27(1): the PNS attends a summons; a team formed later may examine again (Pasal 29)",
       .effect = +examination, .offer = kSummonedStates,
       .note = "scheduled for {scheduled}; a BERAT case is examined by a team (Pasal 29(2))"},
      {.event = v1::NO_SHOW, .from = StatusSet({S::SUMMONED}), .roles = kDirect, .stand_in = true,
       .article = "Pasal 26(3)",
       .effect = +no_show, .offer = StatusSet({S::SUMMONED}),
       .note = "if the PNS does not attend: a second summons follows (Pasal 26(3))"},
      {.event = v1::NO_SHOW, .from = StatusSet({S::SUMMONED_AGAIN}), .roles = kDirect, .stand_in = true,
       .article = "Pasal 26(4)",
       .effect = +no_show, .offer = StatusSet({S::SUMMONED_AGAIN}),
       .note = "if the PNS does not attend again: decision on the evidence (Pasal 26(4))"},
      {.event = v1::TEAM_FORMED, .from = StatusSet({S::OPENED, S::SUMMONED, S::ABSENT_ONCE, S::SUMMONED_AGAIN}),
       .roles = RoleSet({v1::ROLE_PPK}), .article = "Pasal 29: before the examination ends", .effect = +team_formed,
       .offer = kSummonedStates, .offered = [](const P& p, absl::CivilDay) { return !p.team_formed; },
       .note = "required for BERAT, optional for SEDANG (Pasal 29)"},
      // A BERAT case examined without a team: the team is formed and examines
      // before the decision (Pasal 29(2)).
      {.event = v1::TEAM_FORMED, .from = kExaminedStates, .roles = RoleSet({v1::ROLE_PPK}),
       .article = "Pasal 29: before the examination ends", .effect = +team_formed, .offer = kExaminedStates,
       .offered = [](const P& p, absl::CivilDay) { return NeedsTeam(p) && !p.team_formed; },
       .note = "a BERAT case is examined by a team (Pasal 29(2))"},
      {.event = v1::EXAMINATION, .from = kExaminedStates, .roles = RoleSet({v1::ROLE_EXAMINATION_TEAM}),
       .article = "Pasal 29: a team formed after the examination examines again", .effect = +examination,
       .offer = kExaminedStates, .offered = [](const P& p, absl::CivilDay) { return NeedsTeam(p); },
       .note = "by the team, before a BERAT decision (Pasal 29(2))"},
      {.event = v1::SUMMONS_2, .from = StatusSet({S::ABSENT_ONCE}), .roles = kDirect, .stand_in = true,
       .article = "Pasal 26(3)",
       .effect = +summons_2, .offer = StatusSet({S::ABSENT_ONCE}), .due = Period::kSummons2},
      {.event = v1::TEMPORARY_RELEASE, .from = StatusSet({S::SUMMONED, S::SUMMONED_AGAIN, S::EXAMINED, S::REPORTED}),
       .roles = kDirect, .stand_in = true,
       .article = "Pasal 31(1): from the start of the examination until the decision",
       .effect = +released},
      {.event = v1::DECISION, .from = StatusSet({S::ABSENT_TWICE}), .roles = RoleSet({v1::ROLE_SANCTIONING_OFFICIAL}),
       .article = kDecisionArticle,
       .effect = +decision, .offer = StatusSet({S::ABSENT_TWICE}),
       .note = "on the evidence, without examination (PP 94/2021 Pasal 26(4)); give the findings in the event"},
      {.event = v1::DECISION, .from = StatusSet({S::EXAMINED}), .roles = RoleSet({v1::ROLE_SANCTIONING_OFFICIAL}),
       .article = kDecisionArticle,
       .effect = +decision, .offer = StatusSet({S::EXAMINED}),
       .offered = [](const P& p, absl::CivilDay) { return !NeedsTeam(p); },
       .note = "if the examiner is competent (Pasal 27(3))"},
      {.event = v1::DECISION, .from = StatusSet({S::REPORTED}), .roles = RoleSet({v1::ROLE_SANCTIONING_OFFICIAL}),
       .article = kDecisionArticle,
       .effect = +decision, .offer = StatusSet({S::REPORTED}),
       .offered = [](const P& p, absl::CivilDay) { return !NeedsTeam(p); }},
      {.event = v1::REPORTED_UP, .from = StatusSet({S::EXAMINED}), .roles = kExaminers, .stand_in = true,
       .article = "Pasal 27(4)",
       .effect = +reported_up, .offer = StatusSet({S::EXAMINED}),
       .offered = [](const P& p, absl::CivilDay) { return !NeedsTeam(p); },
       .note = "otherwise report the BAP to the competent official (Pasal 27(4))"},
      {.event = v1::DELIVERY, .from = StatusSet({S::DECIDED}), .roles = kDeliverers, .article = "Pasal 37(2)-(4)",
       .effect = +delivery, .offer = StatusSet({S::DECIDED}), .due = Period::kDelivery},
      {.event = v1::DELIVERY_FAILED, .from = StatusSet({S::DECIDED}), .roles = kDeliverers,
       .article = "Pasal 37(2)-(4)", .effect = +delivery_failed, .offer = StatusSet({S::DECIDED}),
       .note = "if the PNS does not attend: send it (Pasal 37(4))", .due = Period::kDelivery},
      {.event = v1::SENT, .from = StatusSet({S::AWAITING_RECEIPT}), .roles = kDeliverers, .article = "Pasal 37(4)",
       .effect = +sent, .offer = StatusSet({S::AWAITING_RECEIPT}),
       .offered = [](const P& p, absl::CivilDay) { return !p.Seen(v1::SENT); }, .due = Period::kSendIfAbsent},
      {.event = v1::RECEIVED, .from = StatusSet({S::AWAITING_RECEIPT}),
       .roles = RoleSet({v1::ROLE_SANCTIONING_OFFICIAL, v1::ROLE_HR_OFFICIAL, v1::ROLE_EMPLOYEE}),
       .article = "Pasal 37(4)", .when = [](const P& p, absl::CivilDay) { return p.Seen(v1::SENT); },
       .unless = "the decision is not yet SENT (Pasal 37(4))", .effect = +received,
       .offer = StatusSet({S::AWAITING_RECEIPT}),
       .note = "the receipt date starts the remedy periods and the 15 days"},
      // ------------------------------------------------------ remedies (PP 79/2021)
      {.event = v1::OBJECTION_FILED, .from = StatusSet({S::RECEIVED_BY_EMPLOYEE}),
       .roles = RoleSet({v1::ROLE_EMPLOYEE}), .article = "PP 79/2021 Pasal 4, 11: after receipt",
       .when = [](const P& p, absl::CivilDay) { return !p.Banding(); },
       .unless = "this decision is contested by banding, not keberatan (PP 79/2021 Pasal 3(1)(a), 10: a PPK's "
                 "dismissal; before 10 August 2021 PP 53/2010 Pasal 34(2))",
       .effect = +remedy_filed, .offer = StatusSet({S::RECEIVED_BY_EMPLOYEE}), .offered = RemedyPeriodOpen,
       .note = "keberatan (PP 79/2021 Pasal 3-4)", .due = Period::kObjectionFiling},
      {.event = v1::APPEAL_FILED, .from = StatusSet({S::RECEIVED_BY_EMPLOYEE}), .roles = RoleSet({v1::ROLE_EMPLOYEE}),
       .article = "PP 79/2021 Pasal 4, 11: after receipt",
       .when = [](const P& p, absl::CivilDay) { return p.Banding(); },
       .unless = "banding lies only against a dismissal by the PPK (or, before 10 August 2021, by the governor: PP "
                 "53/2010 Pasal 34(2)); this decision is contested by keberatan (PP 79/2021 Pasal 3, 10)",
       .effect = +remedy_filed, .offer = StatusSet({S::RECEIVED_BY_EMPLOYEE}), .offered = RemedyPeriodOpen,
       .note = "banding to BPASN (PP 79/2021 Pasal 10-11)", .due = Period::kAppealFiling},
      {.event = v1::OFFICIAL_RESPONSE, .from = StatusSet({S::OBJECTION_PENDING}),
       .roles = RoleSet({v1::ROLE_SANCTIONING_OFFICIAL}), .article = "PP 79/2021 Pasal 8(1)-(3)",
       .when = [](const P& p, absl::CivilDay) { return p.decided_by != v1::PPK; },
       .unless = "the decision is the PPK's own; the PPK decides the keberatan", .effect = +official_response,
       .offer = StatusSet({S::OBJECTION_PENDING}),
       .offered = [](const P& p, absl::CivilDay) { return !p.Seen(v1::OFFICIAL_RESPONSE); },
       .due = Period::kOfficialResponse},
      // The keberatan against the PPK's own decision is decided by the PPK,
      // any other by the official's superior (PP 79/2021 Pasal 3(3)).
      {.event = v1::OBJECTION_DECIDED, .from = StatusSet({S::OBJECTION_PENDING}), .roles = RoleSet({v1::ROLE_PPK}),
       .article = "PP 79/2021", .when = [](const P& p, absl::CivilDay) { return p.decided_by == v1::PPK; },
       .effect = +remedy_decided, .offer = StatusSet({S::OBJECTION_PENDING}),
       .note = kSilence,
       .due = Period::kObjectionDecision},
      {.event = v1::OBJECTION_DECIDED, .from = StatusSet({S::OBJECTION_PENDING}),
       .roles = RoleSet({v1::ROLE_OFFICIALS_SUPERIOR}), .article = "PP 79/2021",
       .when = [](const P& p, absl::CivilDay) { return p.decided_by != v1::PPK; }, .effect = +remedy_decided,
       .offer = StatusSet({S::OBJECTION_PENDING}),
       .note = kSilence,
       .due = Period::kObjectionDecision},
      {.event = v1::PPK_RESPONSE, .from = StatusSet({S::APPEAL_PENDING}), .roles = RoleSet({v1::ROLE_PPK}),
       .article = "PP 79/2021 Pasal 13(1)", .effect = +ppk_response, .offer = StatusSet({S::APPEAL_PENDING}),
       .offered = [](const P& p, absl::CivilDay) { return !p.Seen(v1::PPK_RESPONSE); },
       .due = Period::kAppealPpkResponse},
      {.event = v1::APPEAL_DECIDED, .from = StatusSet({S::APPEAL_PENDING}), .roles = RoleSet({v1::ROLE_BPASN}),
       .article = "PP 79/2021", .effect = +remedy_decided, .offer = StatusSet({S::APPEAL_PENDING}),
       .due = Period::kAppealDecision},
      {.event = v1::COURT_FILED, .from = StatusSet({S::OBJECTION_PENDING}), .roles = RoleSet({v1::ROLE_EMPLOYEE}),
       .article = kCourtArticle, .when = ObjectionUndecidedPastDue,
       .unless = kCourtRoute,
       .effect = +court_filed, .offer = StatusSet({S::OBJECTION_PENDING}),
       .note = "the keberatan was not decided in time: the PNS may sue at the PTUN (PP 79/2021 Pasal 5(3), 8(7))"},
      {.event = v1::COURT_FILED, .from = StatusSet({S::FINAL}), .roles = RoleSet({v1::ROLE_EMPLOYEE}),
       .article = kCourtArticle, .when = RemedyDecided,
       .unless = kCourtRoute,
       .effect = +court_filed, .offer = StatusSet({S::FINAL}),
       .note = "if the PNS is not satisfied with the remedy (PP 79/2021 Pasal 6(3), 9(3), 18)"},
      {.event = v1::COURT_DECIDED, .from = StatusSet({S::COURT_PENDING}), .roles = RoleSet({v1::ROLE_COURT}),
       .article = "PP 79/2021", .effect = +remedy_decided, .offer = StatusSet({S::COURT_PENDING})},
      // Death ends a case in any state; retirement age is recorded in any
      // state (during a banding: PP 79/2021 Pasal 29).
      {.event = v1::DEATH, .from = kAfterStart, .roles = RoleSet({v1::ROLE_HR_OFFICIAL}),
       .article = "recorded once the case has begun", .effect = +death},
      {.event = v1::RETIREMENT_AGE, .from = kAfterStart, .roles = RoleSet({v1::ROLE_HR_OFFICIAL}),
       .article = "recorded once the case has begun", .effect = +retirement_age},
      // ------------------------------------------------------ neutrality
      {.event = v1::REPORT, .from = StatusSet({S::CASE_STATUS_UNSPECIFIED}),
       .roles = RoleSet({v1::ROLE_REPORTER, v1::ROLE_BAWASLU, v1::ROLE_HANDLING_BODY}), .article = "the first event",
       .effect = +report, .offer = StatusSet({S::CASE_STATUS_UNSPECIFIED}),
       .note = "a report or finding with Bawaslu is reviewed there first"},
      {.event = v1::BAWASLU_FORWARDED,
       .from = StatusSet({S::CASE_STATUS_UNSPECIFIED, S::REPORT_RECEIVED, S::BAWASLU_REVIEW}),
       .roles = RoleSet({v1::ROLE_BAWASLU}), .article = "docs/law/neutrality_skb2022.md",
       .effect = +bawaslu_forwarded, .offer = StatusSet({S::BAWASLU_REVIEW, S::REPORT_RECEIVED}),
       .note = "a forwarding is an allegation, not a finding"},
      {.event = v1::BAWASLU_STOPPED,
       .from = StatusSet({S::CASE_STATUS_UNSPECIFIED, S::REPORT_RECEIVED, S::BAWASLU_REVIEW}),
       .roles = RoleSet({v1::ROLE_BAWASLU}), .article = "docs/law/neutrality_skb2022.md", .effect = +closed,
       .offer = StatusSet({S::BAWASLU_REVIEW})},
      {.event = v1::RECOMMENDATION, .from = StatusSet({S::REPORT_RECEIVED, S::SUPERVISOR_REVIEW}),
       .roles = RoleSet({v1::ROLE_HANDLING_BODY}), .article = "docs/law/neutrality_skb2022.md",
       .effect = +recommendation, .offer = StatusSet({S::REPORT_RECEIVED, S::SUPERVISOR_REVIEW}),
       .note = "by the handling body of the date (KASN, then BKN)"},
      {.event = v1::NOT_PROVEN, .from = StatusSet({S::REPORT_RECEIVED, S::SUPERVISOR_REVIEW}),
       .roles = RoleSet({v1::ROLE_HANDLING_BODY}), .article = "docs/law/neutrality_skb2022.md",
       .effect = +not_proven, .offer = StatusSet({S::REPORT_RECEIVED, S::SUPERVISOR_REVIEW})},
      {.event = v1::FOLLOW_UP, .from = StatusSet({S::RECOMMENDATION_ISSUED}), .roles = RoleSet({v1::ROLE_PPK}),
       .article = "the PPK follows up the recommendation", .effect = +follow_up,
       .offer = StatusSet({S::RECOMMENDATION_ISSUED}),
       .note = "link the disciplinary or ethics case that carries the sanction", .due = Period::kNeutralityFollowUp},
      {.event = v1::FOLLOW_UP, .from = StatusSet({S::ESCALATED_BLOCKED}), .roles = RoleSet({v1::ROLE_PPK}),
       .article = "the PPK follows up the recommendation", .effect = +follow_up,
       .offer = StatusSet({S::ESCALATED_BLOCKED}), .note = "services stay blocked until the PPK acts"},
      {.event = v1::ESCALATED, .from = StatusSet({S::RECOMMENDATION_ISSUED}),
       .roles = RoleSet({v1::ROLE_HANDLING_BODY}),
       .article = "Peraturan BKN 1/2023; docs/law/neutrality_skb2022.md", .effect = +escalated,
       .offer = StatusSet({S::RECOMMENDATION_ISSUED}),
       .note = "after the follow-up period: blocking of personnel services"},
      // Services blocked are restored even after the case closed.
      {.event = v1::UNBLOCKED, .from = kAnyStatus, .roles = RoleSet({v1::ROLE_HANDLING_BODY}),
       .article = "docs/law/neutrality_skb2022.md", .when = [](const P& p, absl::CivilDay) { return p.blocked; },
       .unless = "services were not blocked", .effect = +unblocked, .offer = kAnyStatus,
       .note = "once the PPK has followed up"},
      {.event = v1::EMPLOYEE_LEFT, .from = kAnyStatus,
       .roles = RoleSet({v1::ROLE_HANDLING_BODY, v1::ROLE_BAWASLU, v1::ROLE_HR_OFFICIAL}),
       .article = "docs/law/neutrality_skb2022.md", .effect = +closed},
      {.event = v1::CANCELLED, .from = kAnyStatus,
       .roles = RoleSet({v1::ROLE_HANDLING_BODY, v1::ROLE_BAWASLU, v1::ROLE_HR_OFFICIAL}),
       .article = "docs/law/neutrality_skb2022.md", .effect = +closed},
      {.event = v1::REJECTED, .from = kAnyStatus,
       .roles = RoleSet({v1::ROLE_HANDLING_BODY, v1::ROLE_BAWASLU, v1::ROLE_HR_OFFICIAL}),
       .article = "docs/law/neutrality_skb2022.md", .effect = +closed},
      // ------------------------------------------------------ either kind
      {.event = v1::DOCUMENT, .from = kAfterStart, .roles = ~uint32_t{0}, .article = "a document added to the file",
       .effect = +document},
  };
  return kTable;
}

}  // namespace netra
