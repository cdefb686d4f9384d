// Case log files (netra/case_log.h) from arbitrary bytes: what a crash, a
// full disk or a hand edit leaves behind. ReadCaseLogFile and
// CaseLogFile::Open must refuse or accept without crashing, agree with each
// other, never change a file they refuse, cut only a torn tail, and replay
// exactly the events the file holds; an event appended afterwards must be
// durable (it reads back).
#include <cstdint>
#include <string>

#include "fuzz_common.h"
#include "google/protobuf/util/message_differencer.h"
#include "netra/case_log.h"
#include "netra/date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  netra_fuzz::TempFile file("caselog");
  file.Write(bytes);
  const netra::CaseMachine& machine = netra_fuzz::Machine();

  int64_t torn = -1;
  auto log = netra::ReadCaseLogFile(file.path(), &torn);
  FUZZ_CHECK(file.Read() == bytes, "ReadCaseLogFile changed the file");
  FUZZ_CHECK(log.ok() || absl::IsDataLoss(log.status()), "unexpected error kind: ", log.status().ToString());
  if (log.ok()) FUZZ_CHECK(torn >= 0 && torn <= static_cast<int64_t>(size), "torn ", torn);
  FUZZ_CHECK(netra::LooksLikeCaseLogFile(bytes) || !log.ok(), "a file without the magic was read as a log");

  auto opened = netra::CaseLogFile::Open(file.path(), machine);
  if (!opened.ok()) {
    // Refused (corrupt, or an event the law refuses on replay): left as it is.
    FUZZ_CHECK(file.Read() == bytes, "a refused log was changed: ", opened.status().ToString());
    if (log.ok()) {
      const absl::Status replay = machine.Replay(*log).status();
      FUZZ_CHECK(!replay.ok(), "Open refused a log that reads and replays: ", opened.status().ToString());
    }
    return 0;
  }
  FUZZ_CHECK(log.ok(), "Open accepted a log ReadCaseLogFile refuses: ", log.status().ToString());
  FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(opened->log(), *log), "Open and Read disagree");
  FUZZ_CHECK(opened->dropped_bytes() == torn, "dropped ", opened->dropped_bytes(), " but the tear is ", torn);
  FUZZ_CHECK(file.Read() == bytes.substr(0, size - static_cast<size_t>(torn)), "Open cut more than the torn tail");
  FUZZ_CHECK(opened->progress().events == log->events_size(), "replayed ", opened->progress().events, " of ",
             log->events_size(), " events");
  // What the state says on the last event's date renders without failing.
  (void)machine.Describe(opened->progress(), opened->progress().last_date);

  // Append one event (a note-free no-op of the case: a DEATH, which the
  // machine accepts in most open states) and read it back if accepted.
  netra::v1::CaseEvent event;
  event.set_type(netra::v1::DEATH);
  event.set_date(netra::FormatDate(opened->progress().last_date));
  const absl::Status appended = opened->Append(event);
  auto again = netra::ReadCaseLogFile(file.path(), &torn);
  FUZZ_CHECK(again.ok() && torn == 0, "the log does not read back after an append: ", again.status().ToString());
  FUZZ_CHECK(again->events_size() == log->events_size() + (appended.ok() ? 1 : 0),
             "append ", appended.ToString(), " left ", again->events_size(), " events");
  return 0;
}
