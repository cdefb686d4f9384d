// netra/case.h: disciplinary and neutrality cases as append-only event logs.
//
// A case is its log (netra.v1.CaseLog): the state is the replay of the
// events, in order. The CaseMachine checks each event against the state: an
// event the state does not allow, dated before the previous one, or performed
// by an actor without the role or authority is refused with the reason, and
// nothing changes. From the state it tells the status, the next steps and who
// may take them, every deadline with its article, and, once a sanction is
// decided, when it takes effect, when it ends, what it blocks, and the SIASN
// record.
//
//   auto book = netra::RuleBook::Load();
//   auto machine = netra::CaseMachine::Create(*book);
//   netra::CaseProgress progress;
//   absl::Status st = machine->Start(log_header, &progress);   // case_id, kind, employee
//   st = machine->Apply(event, &progress);     // refused: st is the reason, progress unchanged
//   netra::v1::CaseState state = machine->Describe(progress, as_of);
//
// What it follows: PP 94/2021 Pasal 26-39 (summons, examination, team,
// temporary release, decision, delivery, effect), PP 79/2021 (keberatan,
// banding, no deemed approval, the court route, death or retirement during an
// appeal), Peraturan BKN 6/2022 where known, and the neutrality flow of the
// 2022 joint decree (report, Bawaslu, KASN/BKN recommendation by the body of
// the date, PPK follow-up within the period of a setting, escalation). Periods
// are law data (DeadlineRule) counted on the WorkingDayCalendar.
//
// Errors: Start/Apply return FailedPrecondition for an event the law does not
// allow now (naming the event, the state and the article; also a first event
// dated before the first procedure the rule book encodes, 6 June 2010),
// InvalidArgument for malformed events (naming the field). Replay() stops at the first refused
// event and names its seq.
//
// Thread safety: a CaseMachine is immutable; its methods are const and may run
// concurrently. CaseProgress is a plain value owned by the caller.
#ifndef NETRA_CASE_H_
#define NETRA_CASE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "absl/time/civil_time.h"
#include "netra/calendar.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "netra/v1/case.pb.h"

namespace netra {

// A log longer than this is refused (bounded replay time and memory): a
// case with every remedy and court stage has a few dozen events.
inline constexpr int kMaxCaseEvents = 10000;
// A case id is a host's reference, never a name or NIP; longer ones are
// refused so that overdue lists and compliance reports stay one line a case.
inline constexpr size_t kMaxCaseIdBytes = 128;

// Periods the machine tracks (their lengths and citations are DeadlineRule
// data, looked up by these names).
enum class Period : int8_t {
  kSummons1Notice,
  kSummons2,
  kDelivery,
  kSendIfAbsent,
  kEffective,
  kObjectionFiling,
  kObjectionDecision,
  kOfficialResponse,
  kAppealFiling,
  kAppealPpkResponse,
  kAppealDecision,
  kNeutralityFollowUp,
  kCount,
};

// One tracked period: fixed once its start event happens, so an overdue scan
// over many cases only compares dates.
struct PeriodProgress {
  Period period = Period::kCount;
  int32_t rule = -1;          // DeadlineRule's rule index
  absl::CivilDay counted_from;
  bool due_known = false;     // false: the calendar lacks a year (see note)
  absl::CivilDay due;
  bool met = false;
  absl::CivilDay met_on;
  bool cancelled = false;     // made moot by a later event (e.g. delivery after a failed one)
  // The rule's terms under the machine's settings (unit_setting,
  // days_setting, reading_setting).
  int32_t days = 0;
  bool calendar_days = false;
  bool min_notice = true;     // a notice period: `days` is the least notice
};

// The replayed state of one case. Plain data; Describe() renders it.
struct CaseProgress {
  std::string case_id;
  v1::CaseKind kind = v1::CASE_KIND_UNSPECIFIED;
  v1::CaseStatus status = v1::CASE_STATUS_UNSPECIFIED;
  v1::Employee employee;
  v1::Organisation organisation;
  int64_t events = 0;
  absl::CivilDay last_date;
  // Latest date of each event type, and which types occurred.
  uint64_t seen = 0;
  absl::CivilDay on[64];
  absl::CivilDay scheduled;    // the examination date of the pending summons
  bool team_formed = false;
  bool examined_by_team = false;
  bool released = false;       // temporarily released (Pasal 31)
  bool blocked = false;        // neutrality: personnel services blocked
  bool retired = false;        // reached retirement age during the process
  // Findings (from EXAMINATION, a DECISION on the evidence, or a
  // RECOMMENDATION) as given, prepared (judged by the law of the event's
  // date), and the law's answer on them: prepared once per event.
  bool has_findings = false;
  v1::EvaluationRequest findings;
  CaseFacts facts;
  CaseResult result;
  // The decision, and the sanction as it stands after remedies.
  v1::Official decided_by = v1::OFFICIAL_UNSPECIFIED;
  int32_t decided_type = -1;
  int32_t sanction_type = -1;
  // The remedy against the decision: the RemedyRule of its date (or -1, then
  // a keberatan) and its route.
  int32_t remedy_rule = -1;
  v1::RemedyRule::Route route = v1::RemedyRule::KEBERATAN;
  bool Banding() const { return route == v1::RemedyRule::BANDING; }
  bool NoRemedy() const { return route == v1::RemedyRule::NONE; }
  int32_t effect_rule = -1;  // the RemedyRule by which it takes effect on its date, or -1
  std::string document_number;
  absl::CivilDay remedy_decided;   // when a remedy set the sanction
  bool remedied = false;
  bool late_remedy = false;        // filed after its period: to be declared inadmissible
  std::string linked_case_id;
  std::vector<PeriodProgress> periods;
  std::vector<std::string> notes;  // findings about the log that do not refuse it
  std::vector<int32_t> principles; // rule indices of lifecycle principles applied

  bool Seen(v1::EventType t) const { return (seen >> t) & 1; }
};

struct OverdueItem {
  Period period;
  absl::CivilDay due;
  int32_t rule;
};

class CaseMachine {
 public:
  // Errors: as Evaluator::Create (settings), and FailedPrecondition if the
  // rule book lacks a DeadlineRule the machine needs.
  static absl::StatusOr<CaseMachine> Create(std::shared_ptr<const RuleBook> book,
                                            const CalendarOptions& calendar = {},
                                            const std::map<std::string, std::string>& settings = {});

  // Starts a case from a log's header (case_id, kind, employee,
  // organisation; its events are ignored). InvalidArgument naming the field.
  absl::Status Start(const v1::CaseLog& header, CaseProgress* progress) const;

  // Checks `event` against `progress` and applies it. A refused event leaves
  // `progress` exactly as it was. Events with seq 0 get the next number.
  absl::Status Apply(const v1::CaseEvent& event, CaseProgress* progress) const;

  // Start + Apply of every event. Error names the first refused event.
  absl::StatusOr<CaseProgress> Replay(const v1::CaseLog& log) const;
  // The case as it stood on `up_to`: the whole log is checked as above, and
  // only the events dated on or before `up_to` are applied (a decision
  // delivered after that date is not yet done on it).
  absl::StatusOr<CaseProgress> Replay(const v1::CaseLog& log, absl::CivilDay up_to) const;

  // Status on `as_of`, next steps, deadlines with their status, the law's
  // answer on the findings, the sanction's effects and SIASN record.
  // `tukin` = monthly tukin amount for the deduction schedule (0 = none).
  v1::CaseState Describe(const CaseProgress& progress, absl::CivilDay as_of, int64_t tukin = 0) const;

  // Duties open and past due on `as_of` (no allocation beyond `out`). The
  // second form works on a case's status and periods alone, which is what a
  // host keeps to scan millions of open cases.
  void Overdue(const CaseProgress& progress, absl::CivilDay as_of, std::vector<OverdueItem>* out) const;
  static void Overdue(v1::CaseStatus status, absl::Span<const PeriodProgress> periods, absl::CivilDay as_of,
                      std::vector<OverdueItem>* out);

  const RuleBook& book() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return evaluator_.book(); }
  const WorkingDayCalendar& calendar() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return calendar_; }
  const Evaluator& evaluator() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return evaluator_; }

 private:
  CaseMachine(Evaluator evaluator, WorkingDayCalendar calendar) : evaluator_(std::move(evaluator)),
                                                                  calendar_(std::move(calendar)) {}
  // The rules of procedure (src/lifecycle/procedure.h): Apply checks each
  // event against this one table and Describe lists the next steps from it.
  struct Event;
  struct Transition;
  static absl::Span<const Transition> Procedure();
  // The effects too large for a line of the table (case_machine.cc).
  absl::Status Decide(const Event& ev, CaseProgress* p) const;
  absl::Status DecideRemedy(const Event& ev, CaseProgress* p) const;
  void Receive(absl::CivilDay day, CaseProgress* p) const;

  void Open(Period period, absl::CivilDay from, CaseProgress* p) const;
  // The rule that sets `period` for one starting on `day`, or -1.
  int32_t PeriodRule(Period period, absl::CivilDay day) const;
  void Meet(Period period, absl::CivilDay on, CaseProgress* p) const;
  absl::Status Judge(const v1::EvaluationRequest& findings, absl::CivilDay day, CaseProgress* p) const;

  Evaluator evaluator_;
  WorkingDayCalendar calendar_;
  // The DeadlineRules of each period, one per window of dates (PP 53/2010's
  // before 31 Aug 2021, PP 94/2021's and PP 79/2021's after): a period is
  // opened under the one in force on the day it starts.
  std::vector<int32_t> period_rules_[static_cast<int>(Period::kCount)];
  std::map<std::string, std::string> settings_;  // name -> value, every setting
  bool count_from_event_day_ = false;     // setting period_counting
  // The earliest day a procedure rule of the rule book is in force (PP
  // 53/2010's examination, 6 June 2010): a case cannot open before it.
  absl::CivilDay procedure_from_ = absl::CivilDay(1900, 1, 1);
  bool tukin_month_of_effect_ = false;    // setting tukin_cut_months_from
};

// Whether a status ends the case (no event may follow, except restoring
// blocked services after a neutrality follow-up).
bool IsClosed(v1::CaseStatus status);

// Whether a period binds an official (and can be overdue), rather than
// being the employee's right to file a remedy or the date an effect starts.
bool IsDuty(Period period);

// The period's name as in DeadlineRule.deadline ("delivery").
const char* PeriodName(Period period);

}  // namespace netra

#endif  // NETRA_CASE_H_
