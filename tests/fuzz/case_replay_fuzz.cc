// A case replayed from a structured CaseLog (netra/case.h CaseMachine): the
// input is a CaseLog in text format or, failing that, binary protobuf.
//
// Invariants: a refused event leaves the state exactly as it was (the state
// described on the last date is unchanged, as are the counters); Replay
// agrees with Start + Apply of each event, stopping at the first refusal;
// a replayed case describes itself on any later date, and every duty it
// reports overdue is past due on that date.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "netra/date.h"

namespace {

bool Same(const netra::CaseMachine& m, const netra::CaseProgress& a, const netra::CaseProgress& b) {
  if (a.events != b.events || a.status != b.status || a.seen != b.seen || a.last_date != b.last_date ||
      a.periods.size() != b.periods.size() || a.notes.size() != b.notes.size() || a.sanction_type != b.sanction_type ||
      a.has_findings != b.has_findings) {
    return false;
  }
  const absl::CivilDay day = a.last_date + 30;
  return google::protobuf::util::MessageDifferencer::Equals(m.Describe(a, day), m.Describe(b, day));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  netra::v1::CaseLog log;
  google::protobuf::TextFormat::Parser parser;
  parser.AllowPartialMessage(true);
  class Quiet : public google::protobuf::io::ErrorCollector {
    void AddError(int, int, const std::string&) override {}
  } quiet;
  parser.RecordErrorsTo(&quiet);
  if (!parser.ParseFromString(bytes, &log)) {
    log.Clear();
    if (!log.ParseFromString(bytes)) return 0;
  }
  if (log.events_size() > 200) return 0;  // bounded work per input
  const netra::CaseMachine& m = netra_fuzz::Machine();

  auto replayed = m.Replay(log);
  netra::CaseProgress p;
  absl::Status first_refusal = m.Start(log, &p);
  if (first_refusal.ok()) {
    for (const netra::v1::CaseEvent& e : log.events()) {
      const netra::CaseProgress before = p;
      const absl::Status st = m.Apply(e, &p);
      if (!st.ok()) {
        FUZZ_CHECK(absl::IsFailedPrecondition(st) || absl::IsInvalidArgument(st), st.ToString());
        FUZZ_CHECK(Same(m, before, p), "a refused event changed the case: ", st.ToString());
        first_refusal = st;
        break;
      }
      FUZZ_CHECK(p.events == before.events + 1, "an accepted event was not counted");
      // (Before the first event last_date holds no date: any first date is
      // allowed.)
      FUZZ_CHECK(before.events == 0 || !(p.last_date < before.last_date), "the case went back in time");
    }
  }
  FUZZ_CHECK(replayed.ok() == first_refusal.ok(), "Replay says ", replayed.status().ToString(), ", Apply says ",
             first_refusal.ToString());
  if (!replayed.ok()) return 0;
  FUZZ_CHECK(Same(m, *replayed, p), "Replay and Start + Apply give different states");
  FUZZ_CHECK(replayed->events == log.events_size(), "replayed ", replayed->events, " of ", log.events_size());
  // On the day before its last event, the case holds fewer events, each
  // dated up to that day; on the last event's date, all of them.
  if (replayed->events > 0) {
    auto then = m.Replay(log, replayed->last_date - 1);
    FUZZ_CHECK(then.ok(), "a valid log is refused on an earlier date: ", then.status().ToString());
    FUZZ_CHECK(then->events < replayed->events, "the day before the last event still holds ", then->events, " events");
    FUZZ_CHECK(then->events == 0 || then->last_date < replayed->last_date, "an event after the date was applied");
    auto all = m.Replay(log, replayed->last_date);
    FUZZ_CHECK(all.ok() && Same(m, *all, *replayed), "the case on its last date differs from the whole case");
  }

  for (int later : {0, 15, 400}) {
    const absl::CivilDay as_of = p.last_date + later;
    (void)m.Describe(p, as_of, 5000000);
    std::vector<netra::OverdueItem> overdue;
    m.Overdue(p, as_of, &overdue);
    for (const netra::OverdueItem& o : overdue) {
      FUZZ_CHECK(o.due < as_of, netra::PeriodName(o.period), " due ", netra::FormatDate(o.due), " is overdue on ",
                 netra::FormatDate(as_of));
      FUZZ_CHECK(netra::IsDuty(o.period), netra::PeriodName(o.period), " is not a duty but is reported overdue");
    }
  }
  return 0;
}
