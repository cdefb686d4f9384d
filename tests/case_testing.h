// Helpers of the case lifecycle's tests (case_*_test.cc): the embedded rule
// book and a case machine on it, one case driven event by event (Scenario,
// whose accepted events are kept as its log), the case builders (a case in a
// named state, and the scenarios several tests share), and the checks on a
// described state and on a refused event.
#ifndef NETRA_TESTS_CASE_TESTING_H_
#define NETRA_TESTS_CASE_TESTING_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/text_format.h"
#include "netra/case.h"
#include "netra/date.h"

namespace netra::testing_case {

using v1::CaseState;
using v1::Deadline;

inline std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

inline CaseMachine MakeMachine(const std::map<std::string, std::string>& settings = {}) {
  auto m = CaseMachine::Create(Book(), {}, settings);
  EXPECT_TRUE(m.ok()) << m.status();
  return *std::move(m);
}

inline const CaseMachine& Machine() {
  static const auto* m = new CaseMachine(MakeMachine());
  return *m;
}

inline absl::CivilDay D(const char* text) { return *ParseDate(text, "test"); }

template <typename M>
M Parse(const std::string& text) {
  M m;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &m)) << text;
  return m;
}

// A PNS pelaksana in a regency: RINGAN by the Pengawas, SEDANG by the
// Administrator or the PPK, BERAT by the PPK.
inline constexpr char kPelaksana[] = R"(
  case_id: "disc-1" kind: DISCIPLINARY
  employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } })";

// A PNS teacher in a regency (neutrality cases).
inline constexpr char kTeacher[] = R"(
  case_id: "neut-1" kind: NEUTRALITY
  employee { kind: PNS position { type: FUNGSIONAL_KEAHLIAN jf_level: AHLI_PERTAMA }
             agency { level: REGENCY_CITY } })";

inline std::string Absence(int days, const char* act_date) {
  return absl::StrCat(R"(findings { acts { norm: "pp94.duty.attendance" act_date: ")", act_date,
                      R"(" absence { cumulative_working_days: )", days,
                      " consecutive_working_days: ", std::min(days, 3), " } } }");
}

inline std::string Like(const char* act_date) {
  return absl::StrCat(R"(findings { acts { norm: "neutrality.social_media_interaction" act_date: ")", act_date,
                      R"(" neutrality { target { election: "pilkada2024" office: REGENT } } } })");
}

// One case driven event by event; the accepted events are kept as its log.
class Scenario {
 public:
  explicit Scenario(const std::string& header, const CaseMachine& m = Machine()) : m_(&m) {
    log = Parse<v1::CaseLog>(header);
    absl::Status st = m.Start(log, &p);
    EXPECT_TRUE(st.ok()) << st;
  }
  absl::Status Try(const std::string& event) {
    v1::CaseEvent e = Parse<v1::CaseEvent>(event);
    absl::Status st = m_->Apply(e, &p);
    if (st.ok()) *log.add_events() = e;
    return st;
  }
  // Applies events that must be accepted.
  Scenario& Ok(const std::string& event) {
    absl::Status st = Try(event);
    EXPECT_TRUE(st.ok()) << st << "\nevent: " << event;
    return *this;
  }
  CaseState State(const char* as_of, int64_t tukin = 0) const { return m_->Describe(p, D(as_of), tukin); }
  std::string Snapshot(const char* as_of = "2030-01-01") const {
    return m_->Describe(p, D(as_of)).SerializeAsString();
  }

  const CaseMachine* m_;
  v1::CaseLog log;
  CaseProgress p;
};

// The latest deadline of that name (a copy: states are often temporaries);
// an empty Deadline when there is none.
inline Deadline Find(const CaseState& s, const std::string& name) {
  Deadline found;
  for (const Deadline& d : s.deadlines()) {
    if (d.name() == name) found = d;
  }
  return found;
}

inline std::string DueOf(const CaseState& s, const std::string& name) {
  const Deadline d = Find(s, name);
  return d.name().empty() ? "(no deadline " + name + ")" : d.due();
}

inline bool HasNextStep(const CaseState& s, v1::EventType t) {
  for (const auto& n : s.next_steps()) {
    if (n.event() == t) return true;
  }
  return false;
}

inline bool Mentions(const CaseState& s, absl::string_view text) {
  for (const std::string& x : s.explanation()) {
    if (absl::StrContains(x, text)) return true;
  }
  return false;
}

// --- Scenario builders, shared by several tests ---------------------------

// 2024: absent 15 working days, examined by the direct superior (a Pengawas,
// not competent for SEDANG), reported up, S2T by `official`.
inline Scenario SedangDecided(const char* official = "OFFICIAL_ADMINISTRATOR", const CaseMachine& m = Machine(),
                              int days = 15, const char* type = "S2T") {
  Scenario r(kPelaksana, m);
  r.Ok(R"(type: KNOWLEDGE date: "2024-07-01" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: SUMMONS_1 date: "2024-07-02" scheduled_date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR } )",
                       Absence(days, "2024-06-28")))
      .Ok(R"(type: REPORTED_UP date: "2024-07-15" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(absl::StrCat(R"(type: DECISION date: "2024-07-22" sanction_type: ")", type,
                       R"(" document_number: "800/123/BKPSDM/2024" actor { role: ROLE_SANCTIONING_OFFICIAL official: )",
                       official, " }"));
  return r;
}

// The same, handed to the PNS on 29 Jul 2024.
inline Scenario SedangReceived(const char* official = "OFFICIAL_ADMINISTRATOR", const CaseMachine& m = Machine(),
                               int days = 15, const char* type = "S2T") {
  Scenario r = SedangDecided(official, m, days, type);
  r.Ok(R"(type: DELIVERY date: "2024-07-29" actor { role: ROLE_HR_OFFICIAL })");
  return r;
}

// 2024: absent 29 days (B3), examined by a team, B3 by the PPK, received 3 Jun 2024.
inline Scenario DismissalReceived() {
  Scenario r(kPelaksana);
  r.Ok(R"(type: KNOWLEDGE date: "2024-05-02" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: SUMMONS_1 date: "2024-05-03" scheduled_date: "2024-05-16" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: TEAM_FORMED date: "2024-05-06" actor { role: ROLE_PPK })")
      .Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-05-16" actor { role: ROLE_EXAMINATION_TEAM } )",
                       Absence(29, "2024-04-30")))
      .Ok(R"(type: DECISION date: "2024-05-27" sanction_type: "B3" document_number: "800/9/2024"
             actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK })")
      .Ok(R"(type: DELIVERY date: "2024-06-03" actor { role: ROLE_HR_OFFICIAL })");
  return r;
}

// Neutrality: like on 12 Nov 2024, reported and forwarded by Bawaslu,
// BKN's recommendation on 10 Dec 2024.
inline Scenario NeutralityRecommended(const CaseMachine& m = Machine()) {
  Scenario r(kTeacher, m);
  r.Ok(R"(type: REPORT date: "2024-11-14" actor { role: ROLE_BAWASLU })")
      .Ok(R"(type: BAWASLU_FORWARDED date: "2024-11-20" actor { role: ROLE_BAWASLU })")
      .Ok(absl::StrCat(R"(type: RECOMMENDATION date: "2024-12-10" actor { role: ROLE_HANDLING_BODY body: BKN } )",
                       Like("2024-11-12")));
  return r;
}

// A case in the named state ("N_" = a neutrality case); its last event is
// dated at the latest 27 Dec 2024.
inline Scenario Build(const std::string& state) {
  auto ok = [](Scenario r, const char* event) {
    r.Ok(event);
    return r;
  };
  if (state == "UNSPECIFIED") return Scenario(kPelaksana);
  if (state == "OPENED") return ok(Build("UNSPECIFIED"), R"(type: KNOWLEDGE date: "2024-07-01" actor { role: ROLE_DIRECT_SUPERIOR })");
  if (state == "SUMMONED") {
    return ok(Build("OPENED"), R"(type: SUMMONS_1 date: "2024-07-02" scheduled_date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR })");
  }
  if (state == "ABSENT_ONCE") return ok(Build("SUMMONED"), R"(type: NO_SHOW date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR })");
  if (state == "SUMMONED_AGAIN") {
    return ok(Build("ABSENT_ONCE"), R"(type: SUMMONS_2 date: "2024-07-15" scheduled_date: "2024-07-25" actor { role: ROLE_DIRECT_SUPERIOR })");
  }
  if (state == "ABSENT_TWICE") return ok(Build("SUMMONED_AGAIN"), R"(type: NO_SHOW date: "2024-07-25" actor { role: ROLE_DIRECT_SUPERIOR })");
  if (state == "EXAMINED") {
    Scenario r = Build("SUMMONED");
    r.Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR } )", Absence(15, "2024-06-28")));
    return r;
  }
  if (state == "REPORTED") return ok(Build("EXAMINED"), R"(type: REPORTED_UP date: "2024-07-15" actor { role: ROLE_DIRECT_SUPERIOR })");
  if (state == "DECIDED") return SedangDecided();
  if (state == "AWAITING_RECEIPT") return ok(Build("DECIDED"), R"(type: DELIVERY_FAILED date: "2024-07-29" actor { role: ROLE_HR_OFFICIAL })");
  if (state == "RECEIVED_BY_EMPLOYEE") return SedangReceived();
  if (state == "OBJECTION_PENDING") {
    return ok(Build("RECEIVED_BY_EMPLOYEE"), R"(type: OBJECTION_FILED date: "2024-08-01" actor { role: ROLE_EMPLOYEE })");
  }
  if (state == "FINAL") {
    return ok(Build("OBJECTION_PENDING"),
              R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: CONFIRMED actor { role: ROLE_OFFICIALS_SUPERIOR })");
  }
  if (state == "COURT_PENDING") return ok(Build("FINAL"), R"(type: COURT_FILED date: "2024-08-26" actor { role: ROLE_EMPLOYEE })");
  if (state == "APPEAL_PENDING") return ok(DismissalReceived(), R"(type: APPEAL_FILED date: "2024-06-10" actor { role: ROLE_EMPLOYEE })");
  if (state == "CLOSED_DEATH") return ok(Build("DECIDED"), R"(type: DEATH date: "2024-07-23" actor { role: ROLE_HR_OFFICIAL })");
  if (state == "CLOSED_NO_VIOLATION") {
    return ok(Build("REPORTED"), R"(type: DECISION date: "2024-07-22" proven: false
                                    actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_ADMINISTRATOR })");
  }
  if (state == "CLOSED_ANNULLED") {
    return ok(Build("OBJECTION_PENDING"),
              R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: REVOKED actor { role: ROLE_OFFICIALS_SUPERIOR })");
  }
  if (state == "N_UNSPECIFIED") return Scenario(kTeacher);
  if (state == "N_REPORT_RECEIVED") return ok(Build("N_UNSPECIFIED"), R"(type: REPORT date: "2024-11-14" actor { role: ROLE_REPORTER })");
  if (state == "N_BAWASLU_REVIEW") return ok(Build("N_UNSPECIFIED"), R"(type: REPORT date: "2024-11-14" actor { role: ROLE_BAWASLU })");
  if (state == "N_SUPERVISOR_REVIEW") {
    return ok(Build("N_BAWASLU_REVIEW"), R"(type: BAWASLU_FORWARDED date: "2024-11-20" actor { role: ROLE_BAWASLU })");
  }
  if (state == "N_RECOMMENDATION_ISSUED") return NeutralityRecommended();
  if (state == "N_ESCALATED_BLOCKED") {
    return ok(Build("N_RECOMMENDATION_ISSUED"), R"(type: ESCALATED date: "2024-12-27" actor { role: ROLE_HANDLING_BODY body: BKN })");
  }
  if (state == "N_FOLLOWED_UP") {
    return ok(Build("N_RECOMMENDATION_ISSUED"),
              R"(type: FOLLOW_UP date: "2024-12-20" linked_case_id: "disc-7" actor { role: ROLE_PPK })");
  }
  if (state == "N_CLOSED_NOT_PROVEN") {
    return ok(Build("N_SUPERVISOR_REVIEW"), R"(type: NOT_PROVEN date: "2024-12-02" actor { role: ROLE_HANDLING_BODY body: BKN })");
  }
  if (state == "N_CLOSED_CANCELLED") return ok(Build("N_REPORT_RECEIVED"), R"(type: CANCELLED date: "2024-11-20" actor { role: ROLE_BAWASLU })");
  ADD_FAILURE() << "no builder for " << state;
  return Scenario(kPelaksana);
}

inline Scenario BuildFor(const std::string& state) {
  if (state == "AWAITING_RECEIPT+SENT") {
    Scenario r = Build("AWAITING_RECEIPT");
    r.Ok(R"(type: SENT date: "2024-07-31" actor { role: ROLE_HR_OFFICIAL })");
    return r;
  }
  if (state == "DISMISSAL_RECEIVED") return DismissalReceived();
  return Build(state);
}

// Apply a refused event and check that nothing changed.
inline absl::Status Refused(Scenario& r, const std::string& event) {
  const std::string snapshot = r.Snapshot();
  const int64_t events = r.p.events;
  absl::Status st = r.Try(event);
  EXPECT_FALSE(st.ok()) << event;
  EXPECT_EQ(r.Snapshot(), snapshot) << "a refused event changed the case: " << event;
  EXPECT_EQ(r.p.events, events);
  return st;
}

inline bool Says(const absl::Status& st, absl::StatusCode code, absl::string_view text) {
  return st.code() == code && absl::StrContains(st.message(), text);
}

}  // namespace netra::testing_case

#endif  // NETRA_TESTS_CASE_TESTING_H_
