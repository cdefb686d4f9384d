// The rules of procedure of a case, as one table (procedure.cc): for each
// event, the states it may follow, who may record it, the article that
// allows it, its effect, and how it is offered as a next step.
// CaseMachine::Apply checks an event against the table and
// CaseMachine::Describe lists the next steps from it, so the two cannot
// disagree. Internal to src/lifecycle.
#ifndef NETRA_SRC_LIFECYCLE_PROCEDURE_H_
#define NETRA_SRC_LIFECYCLE_PROCEDURE_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "netra/case.h"

namespace netra {

// A set of case statuses, or of roles: one bit per enum value.
constexpr uint64_t StatusSet(std::initializer_list<v1::CaseStatus> statuses) {
  uint64_t bits = 0;
  for (v1::CaseStatus s : statuses) bits |= uint64_t{1} << s;
  return bits;
}
constexpr uint32_t RoleSet(std::initializer_list<v1::Role> roles) {
  uint32_t bits = 0;
  for (v1::Role r : roles) bits |= uint32_t{1} << r;
  return bits;
}
constexpr bool Has(uint64_t set, int value) { return (set >> value) & 1; }

// Every status after a case's first event.
inline constexpr uint64_t kAfterStart = ~uint64_t{0} & ~StatusSet({v1::CASE_STATUS_UNSPECIFIED});
inline constexpr uint64_t kAnyStatus = ~uint64_t{0};

// The event being applied, as an effect sees it.
struct CaseMachine::Event {
  const v1::CaseEvent& e;
  absl::CivilDay day;  // e.date(), parsed
};

// One rule of procedure. An event may have several rows (per state, or per
// condition); Apply takes the first row of the event whose `from` holds the
// case's status and whose `when` holds, then checks the actor's role.
struct CaseMachine::Transition {
  v1::EventType event;
  uint64_t from;        // statuses it may follow (StatusSet)
  uint32_t roles;       // who may record it (RoleSet)
  // ROLE_HIGHER_SUPERIOR may also record it, in place of a direct superior
  // whose post is vacant (Actor.direct_superior_vacant).
  bool stand_in = false;
  const char* article;  // what allows it; cited when the event is refused in another state
  // Narrows the row to cases where `when` holds on `day` (the event's date;
  // the as-of date for next steps); `unless` is the refusal when no row of
  // the event holds.
  bool (*when)(const CaseProgress&, absl::CivilDay day) = nullptr;
  const char* unless = "";
  // The event's own checks (its fields, its dates) and its change to the
  // case, on a copy: a refusal leaves the case as it was. nullptr = none.
  absl::Status (*effect)(const CaseMachine&, const Event&, CaseProgress&) = nullptr;
  // As a next step: listed in the statuses of `offer` (within `from`) where
  // `offered` holds on the as-of date, with `note` ("{scheduled}" is the
  // pending examination date) and the due date of the period it meets.
  uint64_t offer = 0;
  bool (*offered)(const CaseProgress&, absl::CivilDay as_of) = nullptr;
  const char* note = "";
  Period due = Period::kCount;
};

inline std::string Name(v1::EventType t) { return v1::EventType_Name(t); }
inline std::string Name(v1::CaseStatus s) { return v1::CaseStatus_Name(s); }

// The two kinds of refusal: a malformed event (InvalidArgument, naming the
// field) and an event the law does not allow now (FailedPrecondition, naming
// the event, the state and the article).
inline absl::Status Malformed(std::string message) { return absl::InvalidArgumentError(std::move(message)); }
inline absl::Status NotAllowed(std::string message) { return absl::FailedPreconditionError(std::move(message)); }

// Whether events of type `t` belong to cases of `kind`: the neutrality
// events are numbered from REPORT; a DOCUMENT belongs to either.
inline bool OfKind(v1::EventType t, v1::CaseKind kind) {
  return t == v1::DOCUMENT || (t >= v1::REPORT) == (kind == v1::NEUTRALITY);
}

// OK when `id` prints as it is (netra/text.h PrintableText leaves it
// unchanged), so that no line-oriented output (netra overdue, log list) can
// be forged through it; else InvalidArgument naming `field`.
absl::Status CheckIdentifier(absl::string_view field, const std::string& id);

// The sanction type index of `e.sanction_type()`; InvalidArgument naming
// the field when the law has no such type.
absl::StatusOr<int32_t> SanctionTypeOf(const RuleBook& book, const v1::CaseEvent& e);

// Records that a lifecycle principle (a Principle rule applied_by
// "case_lifecycle") was applied, so the case's state cites it.
void Cite(const RuleBook& book, absl::string_view id, CaseProgress* p);

// "OPENED, SUMMONED" or "any status after the first event".
std::string StatusNames(uint64_t set);
// "ROLE_DIRECT_SUPERIOR or ROLE_HIGHER_SUPERIOR".
std::string RoleNames(uint32_t set);

}  // namespace netra

#endif  // NETRA_SRC_LIFECYCLE_PROCEDURE_H_
