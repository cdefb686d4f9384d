// SIASN records (netra/siasn.h FromSiasn). The input's first byte chooses
// the table and its form (bit 0: CSV or JSON; bits 1-2: pegawai, hukdis,
// jabatan or unor); the rest is that table. A hukdis or jabatan table is
// read beside a fixed pegawai table of two people, so that its rows can
// reach the person they name; hukdis row "H1" has facts.
//
// Invariants: a table is either read or refused as a whole with
// InvalidArgument naming it; every row read is kept or refused with its
// table, row and a reason (never lost, never a crash); every roster entry
// has a valid NIP and goes into a RosterTable, which is what SiasnReport
// does with it; every decided case has its id, a real decision date on both
// sides and a positive jenisHukumanId; every output prints as JSON.
#include <cstdint>
#include <string>

#include "fuzz_common.h"
#include "google/protobuf/util/json_util.h"
#include "netra/date.h"
#include "netra/nip.h"
#include "netra/siasn.h"

namespace {

constexpr char kPegawai[] =
    R"([{"id":"A1","nipBaru":"197711282004081001","nama":"Pegawai Sintetis A","statusPegawai":"PNS",)"
    R"("golRuangAkhirId":"33","jenisJabatanId":"4","unorId":"U1","instansiKerjaNama":"Pemerintah Sintetis"},)"
    R"({"id":"A2","nipBaru":"199202022022212003","nama":"Pegawai Sintetis B","kedudukanPnsId":"71"}])";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  netra::v1::SiasnRecords records;
  netra::v1::SiasnTable* table = nullptr;
  const char* name = "";
  switch ((selector >> 1) & 3) {
    case 0: table = records.mutable_pegawai(); name = "pegawai"; break;
    case 1: table = records.mutable_hukdis(); name = "hukdis"; break;
    case 2: table = records.mutable_jabatan(); name = "jabatan"; break;
    default: table = records.mutable_unor(); name = "unor"; break;
  }
  if (selector & 1) {
    table->set_csv(bytes);
  } else {
    table->set_json(bytes);
  }
  if (table != records.mutable_pegawai()) records.mutable_pegawai()->set_json(kPegawai);
  netra::v1::EvaluationRequest facts;
  facts.add_acts()->set_norm("pp94.duty.attendance");
  (*records.mutable_facts())["H1"] = facts;

  auto out = netra::FromSiasn(records);
  if (!out.ok()) {
    FUZZ_CHECK(absl::IsInvalidArgument(out.status()), out.status().ToString());
    FUZZ_CHECK(absl::StartsWith(out.status().message(), name), "an error not naming its table: ",
               out.status().message());
    return 0;
  }
  for (const auto& r : out->refusals()) {
    FUZZ_CHECK(!r.table().empty() && r.row() > 0 && !r.reason().empty(), "a refusal without its place or reason");
  }
  FUZZ_CHECK(out->roster_size() == out->employees_size(), "roster ", out->roster_size(), " but employees ",
             out->employees_size());
  for (const auto& e : out->roster()) {
    FUZZ_CHECK(netra::ParseNip(e.nip(), "nip").ok(), "a roster NIP that does not parse: ", e.nip());
  }
  netra::RosterTable roster;
  std::vector<netra::v1::RosterEntry> entries(out->roster().begin(), out->roster().end());
  const absl::Status added = roster.AddAll(entries);
  FUZZ_CHECK(added.ok(), "the mapped roster is refused by the roster table: ", added.ToString());
  for (const auto& c : out->decided_cases()) {
    FUZZ_CHECK(!c.case_id().empty(), "a decided case without its id");
    FUZZ_CHECK(netra::ParseDate(c.imposed().decision_date(), "d").ok() &&
                   c.imposed().decision_date() == c.request().decision_date(),
               "decision dates: ", c.imposed().decision_date(), " / ", c.request().decision_date());
    FUZZ_CHECK(c.imposed().siasn_jenis_hukuman_id() > 0, "jenisHukumanId ", c.imposed().siasn_jenis_hukuman_id());
  }
  std::string json;
  FUZZ_CHECK(google::protobuf::util::MessageToJsonString(*out, &json).ok(), "the mapping does not print as JSON");
  return 0;
}
