// Pact log files (netra/pact.h PactLogFile) from arbitrary bytes: torn,
// corrupted or hand-edited logs of a small roster. Open must refuse or
// accept without crashing, never change a file it refuses, cut only a torn
// tail, and replay every stored event; an event appended afterwards must be
// durable: a fresh registry opening the file again reaches the same counts.
#include <cstdint>
#include <string>

#include "fuzz_common.h"

namespace {

absl::StatusOr<netra::PactRegistry> Fresh() {
  return netra::PactRegistry::Create(netra_fuzz::Book(), &netra_fuzz::Roster(), netra_fuzz::kPactElection);
}

std::string Counts(const netra::PactRegistry& reg) {
  std::string out;
  for (absl::CivilDay d : {absl::CivilDay(2024, 9, 24), absl::CivilDay(2025, 3, 1)}) {
    out += reg.Progress(d, 100).SerializeAsString();
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  netra_fuzz::TempFile file("pactlog");
  file.Write(bytes);
  auto reg = Fresh();
  FUZZ_CHECK(reg.ok(), reg.status().ToString());
  auto log = netra::PactLogFile::Open(file.path(), &*reg);
  if (!log.ok()) {
    FUZZ_CHECK(file.Read() == bytes, "a refused pact log was changed: ", log.status().ToString());
    FUZZ_CHECK(!netra::LooksLikePactLogFile(bytes) ? absl::IsDataLoss(log.status()) : true,
               "a file without the magic: ", log.status().ToString());
    return 0;
  }
  FUZZ_CHECK(netra::LooksLikePactLogFile(bytes), "a file without the magic was opened");
  FUZZ_CHECK(log->dropped_bytes() >= 0 && log->dropped_bytes() <= static_cast<int64_t>(size), "dropped ",
             log->dropped_bytes());
  FUZZ_CHECK(file.Read() == bytes.substr(0, size - static_cast<size_t>(log->dropped_bytes())),
             "Open cut more than the torn tail");

  // Append a signature by the first roster member who can sign.
  netra::v1::PactEvent e;
  e.set_type(netra::v1::PACT_SIGNED);
  e.set_date("2024-09-20");
  e.set_nip(netra_fuzz::Roster().Nip(0));
  e.set_signer_nip(e.nip());
  e.set_method(netra::v1::INDIVIDUAL);
  const absl::Status appended = log->Append(e, &*reg);
  const int64_t events = log->events();

  // Reopen into a fresh registry: the same events, the same counts.
  auto reg2 = Fresh();
  FUZZ_CHECK(reg2.ok(), reg2.status().ToString());
  auto log2 = netra::PactLogFile::Open(file.path(), &*reg2);
  FUZZ_CHECK(log2.ok(), "the log does not reopen (append ", appended.ToString(), "): ", log2.status().ToString());
  FUZZ_CHECK(log2->events() == events && log2->dropped_bytes() == 0, "reopened with ", log2->events(), " events, ",
             events, " expected");
  FUZZ_CHECK(Counts(*reg) == Counts(*reg2), "the reopened log gives other counts");
  return 0;
}
