// Pact events applied to a registry (netra/pact.h): a sequence of events
// decoded from the fuzz bytes (signatures, refusals, breaches, moves,
// withdrawals, re-issues, expiry) on a small roster.
//
// Invariants: Check() and Apply() agree; a refused event changes nothing
// (the counts on every date are as before); the allocation-free Totals()
// agree with Progress(); and the counts add up on every date: each issued
// pact is signed (on time or late), declined, not signed or withdrawn, and
// no one who need not sign holds one.
#include <cstdint>
#include <string>

#include "fuzz_common.h"

namespace {

void CheckCounts(const netra::PactRegistry& reg, absl::CivilDay day) {
  int64_t c[8];
  reg.Totals(day, c);
  const netra::v1::PactProgress p = reg.Progress(day, 0);
  const netra::v1::PactCounts& t = p.total();
  FUZZ_CHECK(c[0] == t.issued() && c[1] == t.signed_on_time() && c[2] == t.signed_late() && c[3] == t.not_signed() &&
                 c[4] == t.declined() && c[5] == t.breached() && c[6] == t.withdrawn() && c[7] == t.must_sign(),
             "Totals and Progress disagree on ", netra::FormatDate(day));
  const int64_t settled = c[1] + c[2] + c[3] + c[4];
  FUZZ_CHECK(settled <= c[0] && c[0] <= settled + c[6], "issued ", c[0], " vs signed/declined/not signed ", settled,
             " withdrawn ", c[6], " on ", netra::FormatDate(day));
  FUZZ_CHECK(c[0] <= c[7], "issued ", c[0], " pacts but only ", c[7], " must sign");
  FUZZ_CHECK(c[5] <= c[0], "breached ", c[5], " of ", c[0], " issued");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  netra_fuzz::Bytes in(data, size);
  const netra::RosterTable& roster = netra_fuzz::Roster();
  netra::PactOptions options;
  options.include_non_asn = in.Bit();
  auto reg = netra::PactRegistry::Create(netra_fuzz::Book(), &roster, netra_fuzz::kPactElection, options);
  FUZZ_CHECK(reg.ok(), reg.status().ToString());
  const auto& templates = reg->templates();
  // Usually issue to everyone first, so that later events meet live pacts.
  if (in.Pick(4) != 0 && !templates.empty()) {
    const std::string leadership = templates.size() > 1 ? templates[1]->id() : "";
    auto issued = reg->IssueAll(absl::CivilDay(2024, 8, 1) + in.Pick(30), templates[0]->id(), leadership);
    FUZZ_CHECK(issued.ok() || absl::IsInvalidArgument(issued.status()) || absl::IsFailedPrecondition(issued.status()),
               issued.status().ToString());
  }
  const absl::CivilDay days[] = {absl::CivilDay(2024, 8, 15), absl::CivilDay(2024, 9, 24), absl::CivilDay(2024, 11, 27),
                                 absl::CivilDay(2025, 3, 1)};
  for (int n = 0; n < 64 && !in.empty(); ++n) {
    const netra::v1::PactEvent e = netra_fuzz::DecodePactEvent(in, roster, templates);
    const absl::Status check = reg->Check(e);
    std::string before;
    for (absl::CivilDay d : days) before += reg->Progress(d, 100).SerializeAsString();
    const absl::Status applied = reg->Apply(e);
    FUZZ_CHECK(check.code() == applied.code(), "Check said ", check.ToString(), ", Apply ", applied.ToString(), " for ",
               e.ShortDebugString());
    if (!applied.ok()) {
      FUZZ_CHECK(absl::IsInvalidArgument(applied) || absl::IsFailedPrecondition(applied) || absl::IsNotFound(applied),
                 applied.ToString());
      std::string after;
      for (absl::CivilDay d : days) after += reg->Progress(d, 100).SerializeAsString();
      FUZZ_CHECK(before == after, "a refused event changed the counts: ", applied.ToString());
    }
    for (absl::CivilDay d : days) CheckCounts(*reg, d);
  }
  return 0;
}
