// The SIASN adapter (netra/siasn.h, docs/siasn.md): each mapping, each
// refusal, the date forms, the table forms, and the report through the
// request layer on the synthetic export in examples/siasn_synthetic/.
#include "netra/siasn.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "netra/api.h"
#include "netra/json.h"
#include "netra/pact.h"
#include "netra/synth.h"

namespace netra {
namespace {

// One person of SIASN's data-utama, with `extra` fields (JSON members).
std::string Pegawai(const std::string& id, const std::string& nip, const std::string& extra = "") {
  return absl::StrCat(R"({"id":")", id, R"(","nipBaru":")", nip, R"(","nama":"Pegawai Sintetis",)",
                      R"("instansiKerjaId":"I1","instansiKerjaNama":"Pemerintah Kabupaten Sintetis 001",)",
                      R"("unorId":"U2","unorNama":"Seksi Sintetis")", extra.empty() ? "" : ",", extra, "}");
}

v1::SiasnImport Map(const v1::SiasnRecords& r) {
  auto out = FromSiasn(r);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : v1::SiasnImport();
}

v1::SiasnImport MapPegawai(const std::string& json) {
  v1::SiasnRecords r;
  r.mutable_pegawai()->set_json(json);
  return Map(r);
}

TEST(SiasnDate, TakesSiasnsFormsAtTheBoundary) {
  EXPECT_EQ(*SiasnDate("31-03-2022", "skTanggal"), "2022-03-31");
  EXPECT_EQ(*SiasnDate("31/03/2022", "skTanggal"), "2022-03-31");
  EXPECT_EQ(*SiasnDate("2022-04-01", "skTanggal"), "2022-04-01");
  EXPECT_EQ(*SiasnDate("2022-04-01T00:00:00Z", "skTanggal"), "2022-04-01");
  EXPECT_EQ(*SiasnDate("2022-04-01T00:00:00.000+07:00", "skTanggal"), "2022-04-01");
  EXPECT_EQ(*SiasnDate("2022-04-01 00:00:00", "skTanggal"), "2022-04-01");
}

TEST(SiasnDate, RefusesATimeOfDayAndNonDatesNamingTheField) {
  auto t = SiasnDate("2022-03-31T17:00:00Z", "skTanggal");
  ASSERT_FALSE(t.ok());
  EXPECT_TRUE(absl::StrContains(t.status().message(), "skTanggal: \"2022-03-31T17:00:00Z\" has a time of day"))
      << t.status();
  for (const char* bad : {"31-02-2022", "2022/03/31", "tgl", "", "2022-13-01"}) {
    auto d = SiasnDate(bad, "tmtJabatan");
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_TRUE(absl::StartsWith(d.status().message(), "tmtJabatan: ")) << d.status();
  }
}

TEST(Siasn, MapsAPersonToARosterEntryAndAnEmployee) {
  v1::SiasnRecords r;
  r.mutable_pegawai()->set_json(absl::StrCat(
      R"({"data":[)",
      Pegawai("A1", "198609262015051001",
              R"("statusPegawai":"PNS","golRuangAkhirId":"33","jenisJabatanId":"1","eselonId":"41",)"
              R"("jabatanNama":"Kepala Seksi","unorIndukId":"U1")"),
      "]}"));
  r.mutable_unor()->set_json(R"([{"Id":"U1","NamaUnor":"Dinas Pendidikan","IndukUnorId":"U1"},
                                 {"Id":"U2","NamaUnor":"Seksi Sintetis","IndukUnorId":"U1","PemimpinPnsId":"A1"}])");
  r.mutable_instansi()->set_csv("id;nama;jenis;jenisInstansiId\nI1;Pemerintah Kabupaten Sintetis 001;D;KAB\n");
  const v1::SiasnImport out = Map(r);
  ASSERT_EQ(out.roster_size(), 1) << out.DebugString();
  const v1::RosterEntry& e = out.roster(0);
  EXPECT_EQ(e.nip(), "198609262015051001");
  EXPECT_EQ(e.kind(), v1::PNS);
  EXPECT_EQ(e.grade(), "III/c");
  EXPECT_EQ(e.position_type(), v1::PENGAWAS);
  EXPECT_EQ(e.unit(), "Dinas Pendidikan");  // the OPD, through the unit reference's IndukUnorId
  EXPECT_EQ(e.agency(), "Pemerintah Kabupaten Sintetis 001");
  EXPECT_TRUE(e.leader());  // PemimpinPnsId of the person's unor
  ASSERT_EQ(out.employees_size(), 1);
  const v1::Employee& m = out.employees(0);
  EXPECT_EQ(m.pns_id(), "A1");
  EXPECT_EQ(m.golongan(), v1::GOLONGAN_III_C);
  EXPECT_EQ(m.position().eselon_id(), "41");
  EXPECT_EQ(m.agency().level(), v1::REGENCY_CITY);
  EXPECT_EQ(m.agency().unit_id(), "U2");
  EXPECT_EQ(m.agency().unit_name(), "Seksi Sintetis");
  EXPECT_EQ(out.refusals_size(), 0);
}

TEST(Siasn, TypesPositionsByJenisJabatanEselonAndTheFunctionalLevel) {
  struct Row {
    std::string fields;
    v1::PositionType type;
    v1::JfLevel level;
  } rows[] = {
      {R"("jenisJabatanId":"1","eselonId":"21")", v1::JPT_PRATAMA, v1::JF_LEVEL_UNSPECIFIED},
      {R"("jenisJabatanId":"3","eselonId":"31")", v1::ADMINISTRATOR, v1::JF_LEVEL_UNSPECIFIED},
      {R"("jenisJabatanId":"2","jabatanFungsionalNama":"Analis Kebijakan Ahli Muda")", v1::FUNGSIONAL_KEAHLIAN,
       v1::AHLI_MUDA},
      {R"("jenisJabatanId":"2","jabatanFungsionalNama":"Pranata Komputer Terampil")", v1::FUNGSIONAL_KETERAMPILAN,
       v1::TERAMPIL},
      {R"("jenisJabatanId":"4","jabatanFungsionalUmumNama":"Pengadministrasi Umum")", v1::PELAKSANA,
       v1::JF_LEVEL_UNSPECIFIED},
      // The old eselon V, which PP 53/2010's authority lines name.
      {R"("jenisJabatanId":"1","eselonId":"51")", v1::STRUKTURAL_ESELON_V, v1::JF_LEVEL_UNSPECIFIED},
      {R"("jenisJabatanId":"1","eselonId":"52")", v1::STRUKTURAL_ESELON_V, v1::JF_LEVEL_UNSPECIFIED},
  };
  for (const Row& row : rows) {
    const v1::SiasnImport out = MapPegawai(Pegawai("A1", "198609262015051001", row.fields));
    ASSERT_EQ(out.employees_size(), 1) << row.fields;
    EXPECT_EQ(out.employees(0).position().type(), row.type) << row.fields;
    EXPECT_EQ(out.employees(0).position().jf_level(), row.level) << row.fields;
    EXPECT_EQ(out.warnings_size(), 0) << row.fields;
  }
  // An eselon id outside 10-52, or a functional name without its level,
  // cannot be typed: both are kept, untyped, with a warning.
  for (const char* fields : {R"("jenisJabatanId":"1","eselonId":"61")",
                             R"("jenisJabatanId":"2","jabatanFungsionalNama":"Guru Pembina")"}) {
    const v1::SiasnImport out = MapPegawai(Pegawai("A1", "198609262015051001", fields));
    ASSERT_EQ(out.employees_size(), 1);
    EXPECT_EQ(out.employees(0).position().type(), v1::POSITION_TYPE_UNSPECIFIED);
    ASSERT_EQ(out.warnings_size(), 1) << fields;
    EXPECT_TRUE(absl::StrContains(out.warnings(0), "pegawai row 1: ")) << out.warnings(0);
  }
}

TEST(Siasn, TakesTheKindFromTheLegalStandingTheStatusOrTheNip) {
  struct Row {
    std::string nip, fields;
    v1::EmployeeKind kind;
  } rows[] = {
      {"198609262015051001", R"("statusPegawai":"PNS")", v1::PNS},
      {"198609262015051001", R"("statusPegawai":"CPNS")", v1::CPNS},
      {"199202022022212003", R"("kedudukanPnsId":"71","kedudukanPnsNama":"PPPK Aktif")", v1::PPPK},
      {"199202022022212003", R"("kedudukanPnsNama":"PPPK Paruh Waktu Aktif")", v1::PPPK_PARUH_WAKTU},
      {"199202022022212003", "", v1::PPPK},  // the NI PPPK's layout
  };
  for (const Row& row : rows) {
    const v1::SiasnImport out = MapPegawai(Pegawai("A1", row.nip, row.fields));
    ASSERT_EQ(out.roster_size(), 1) << row.fields << out.DebugString();
    EXPECT_EQ(out.roster(0).kind(), row.kind) << row.fields;
  }
}

TEST(Siasn, RefusesABadRowNamingItsTableRowFieldAndValueAndKeepsTheRest) {
  const v1::SiasnImport out = MapPegawai(absl::StrCat(
      "[", Pegawai("A1", "198609262015051001"), ",", Pegawai("A2", "12345"), ",",
      Pegawai("A3", "199001012019032002", R"("golRuangAkhirId":"39")"), ",", Pegawai("A4", "198609262015051001"),
      "]"));
  EXPECT_EQ(out.roster_size(), 1);
  ASSERT_EQ(out.refusals_size(), 3) << out.DebugString();
  EXPECT_EQ(out.refusals(0).table(), "pegawai");
  EXPECT_EQ(out.refusals(0).row(), 2);
  EXPECT_TRUE(absl::StrContains(out.refusals(0).reason(), "nipBaru: not a valid NIP (has 5 digits")) << out.refusals(0).reason();
  EXPECT_EQ(out.refusals(1).row(), 3);
  EXPECT_TRUE(absl::StrContains(out.refusals(1).reason(), "golRuangAkhirId: \"39\" is not a PNS golongan"));
  EXPECT_EQ(out.refusals(2).row(), 4);
  EXPECT_TRUE(absl::StrContains(out.refusals(2).reason(), "appears twice"));
}

TEST(Siasn, ReadsCsvWithSemicolonsABomAndAnyCaseOfTheFieldNames) {
  v1::SiasnRecords r;
  r.mutable_pegawai()->set_csv(
      "\xEF\xBB\xBFID;NIP_BARU;Nama;status_pegawai;gol_ruang_akhir_id;jenis_jabatan_id\r\n"
      "A1;198609262015051001;\"Pegawai; Sintetis\";PNS;31;4\r\n");
  const v1::SiasnImport out = Map(r);
  ASSERT_EQ(out.roster_size(), 1) << out.DebugString();
  EXPECT_EQ(out.roster(0).name(), "Pegawai; Sintetis");
  EXPECT_EQ(out.roster(0).grade(), "III/a");
  EXPECT_EQ(out.roster(0).position_type(), v1::PELAKSANA);
}

TEST(Siasn, ReadsJsonLinesAndRefusesJsonThatIsNotJson) {
  v1::SiasnRecords r;
  r.mutable_pegawai()->set_json(absl::StrCat(Pegawai("A1", "198609262015051001"), "\n\n",
                                             Pegawai("A2", "199001012019032002"), "\n"));
  EXPECT_EQ(Map(r).roster_size(), 2);
  r.mutable_pegawai()->set_json(absl::StrCat(Pegawai("A1", "198609262015051001"), "\n{\"id\": \n"));
  auto bad = FromSiasn(r);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(absl::StartsWith(bad.status().message(), "pegawai: invalid JSON")) << bad.status();
  EXPECT_TRUE(absl::StrContains(bad.status().message(), "at line 2")) << bad.status();
}

TEST(Siasn, RefusesTextThatIsNotUtf8OrHoldsControlsWithoutEchoingIt) {
  v1::SiasnRecords r;
  r.mutable_pegawai()->set_csv("id,nipBaru,nama\nA1,198609262015051001,Bad\xff name\nA2,199001012019032002,Ok\x1b[2J\n");
  const v1::SiasnImport out = Map(r);
  EXPECT_EQ(out.roster_size(), 0);
  ASSERT_EQ(out.refusals_size(), 2);
  EXPECT_EQ(out.refusals(0).reason(), "nama: not UTF-8 at byte 4");
  EXPECT_EQ(out.refusals(1).reason(), "nama: a control character at byte 3");
}

// A PNS with a 2019 sanction under PP 53/2010 and a 2023 one without facts.
v1::SiasnRecords WithHukdis() {
  v1::SiasnRecords r;
  r.mutable_pegawai()->set_json(absl::StrCat(
      "[",
      Pegawai("A1", "199001012019032002",
              R"("statusPegawai":"PNS","golRuangAkhirId":"32","jenisJabatanId":"2","jabatanFungsionalNama":"Guru Ahli Muda")"),
      "]"));
  r.mutable_jabatan()->set_json(R"({"data":[
      {"idPns":"A1","jenisJabatan":"4","eselonId":"99","namaJabatan":"Pengadministrasi","tmtJabatan":"01-03-2019"},
      {"idPns":"A1","jenisJabatan":"2","jabatanFungsionalNama":"Guru Ahli Pertama","tmtJabatan":"01-01-2020"},
      {"idPns":"A1","jenisJabatan":"2","jabatanFungsionalNama":"Guru Ahli Muda","tmtJabatan":"01-01-2024"}]})");
  r.mutable_hukdis()->set_json(R"([
      {"id":"H1","pnsOrang":"A1","jenisHukuman":"4","skTanggal":"02-05-2019","golongan":"31"},
      {"id":"H2","pnsOrang":"A1","jenisHukuman":"2","skTanggal":"2023-03-01T00:00:00Z"}])");
  v1::EvaluationRequest facts;
  v1::Act* act = facts.add_acts();
  act->set_norm("pp53.duty.attendance");
  act->set_act_date("2019-03-01");
  act->mutable_absence()->set_cumulative_working_days(12);
  (*r.mutable_facts())["H1"] = facts;
  return r;
}

TEST(Siasn, MakesADecidedCaseOfEachSanctionWithFactsAsOnItsDate) {
  const v1::SiasnImport out = Map(WithHukdis());
  ASSERT_EQ(out.decided_cases_size(), 1) << out.DebugString();
  const v1::DecidedCase& c = out.decided_cases(0);
  EXPECT_EQ(c.case_id(), "H1");
  EXPECT_EQ(c.imposed().siasn_jenis_hukuman_id(), 4);
  EXPECT_EQ(c.imposed().decision_date(), "2019-05-02");
  EXPECT_EQ(c.request().decision_date(), "2019-05-02");
  // The grade SIASN recorded with the sanction, the position held then.
  EXPECT_EQ(c.request().employee().golongan(), v1::GOLONGAN_III_A);
  EXPECT_EQ(c.request().employee().position().type(), v1::PELAKSANA);
  ASSERT_EQ(c.request().acts_size(), 1);
  EXPECT_EQ(c.request().acts(0).norm(), "pp53.duty.attendance");
  ASSERT_EQ(out.without_facts_size(), 1);
  EXPECT_EQ(out.without_facts(0), "H2");
}

TEST(Siasn, ThePersonsEarlierSanctionsAreThePriorsOfALaterDecision) {
  v1::SiasnRecords r = WithHukdis();
  // H1 (2019, with facts) and H2 (2023, without) come before H3 (2024);
  // H4 (2022) was annulled and counts for nothing.
  r.mutable_hukdis()->set_json(R"([
      {"id":"H1","pnsOrang":"A1","jenisHukuman":"4","skTanggal":"02-05-2019"},
      {"id":"H2","pnsOrang":"A1","jenisHukuman":"2","skTanggal":"01-03-2023"},
      {"id":"H4","pnsOrang":"A1","jenisHukuman":"1","skTanggal":"01-03-2022","skPembatalanNomor":"X/1"},
      {"id":"H3","pnsOrang":"A1","jenisHukuman":"23","skTanggal":"01-06-2024"}])");
  v1::EvaluationRequest later;
  v1::Act* act = later.add_acts();
  act->set_norm("pp94.duty.attendance");
  act->set_act_date("2024-03-01");
  act->mutable_absence()->set_cumulative_working_days(12);
  act->mutable_absence()->set_consecutive_working_days(2);
  (*r.mutable_facts())["H3"] = later;
  const v1::SiasnImport out = Map(r);
  const v1::DecidedCase* h3 = nullptr;
  for (const auto& c : out.decided_cases()) {
    if (c.case_id() == "H3") h3 = &c;
  }
  ASSERT_NE(h3, nullptr) << out.DebugString();
  const auto& priors = h3->request().employee().prior_sanctions();
  ASSERT_EQ(priors.size(), 2) << h3->DebugString();
  EXPECT_EQ(priors[0].siasn_jenis_hukuman_id(), 4);
  EXPECT_EQ(priors[0].norm(), "pp53.duty.attendance");  // from H1's case file
  EXPECT_EQ(priors[0].decision_date(), "2019-05-02");
  EXPECT_EQ(priors[1].siasn_jenis_hukuman_id(), 2);
  EXPECT_EQ(priors[1].norm(), "");  // H2 has no case file: the evaluator says the repeat rule cannot count it
  // The evaluator reads each prior's type by its SIASN id on its own date:
  // 4 is PP53_S1 in 2019.
  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok());
  auto finding = (*engine)->Audit(*h3);
  ASSERT_TRUE(finding.ok()) << finding.status();
  bool warned = false;
  for (const auto& w : finding->determination().warnings()) warned |= absl::StrContains(w, "prior_sanctions[1].norm not given");
  EXPECT_TRUE(warned) << finding->determination().DebugString();
}

TEST(Siasn, RefusesSanctionRowsItCannotPlace) {
  v1::SiasnRecords r = WithHukdis();
  r.mutable_hukdis()->set_json(R"([
      {"id":"H1","pnsOrang":"A9","jenisHukuman":"4","skTanggal":"02-05-2019"},
      {"id":"H3","pnsOrang":"A1","jenisHukuman":"empat","skTanggal":"02-05-2019"},
      {"id":"H4","pnsOrang":"A1","jenisHukuman":"4"},
      {"pnsOrang":"A1","jenisHukuman":"4","skTanggal":"02-05-2019"},
      {"id":"H5","pnsOrang":"A1","jenisHukuman":"4","skTanggal":"02-05-2019"},
      {"id":"H5","pnsOrang":"A1","jenisHukuman":"4","skTanggal":"02-05-2019"},
      {"id":"H6","pnsOrang":"A1","jenisHukuman":"12","skTanggal":"02-05-2019"}])");
  (*r.mutable_facts())["H5"] = r.facts().at("H1");
  (*r.mutable_facts())["H9"] = r.facts().at("H1");
  (*r.mutable_facts())["H5"].set_decision_date("2019-05-03");
  const v1::SiasnImport out = Map(r);
  EXPECT_EQ(out.decided_cases_size(), 0);
  std::vector<std::string> reasons;
  for (const auto& f : out.refusals()) reasons.push_back(absl::StrCat(f.row(), ": ", f.reason()));
  ASSERT_EQ(reasons.size(), 6u) << out.DebugString();
  EXPECT_EQ(reasons[0], "1: pnsOrang: \"A9\" is not in the pegawai table");
  EXPECT_EQ(reasons[1], "2: jenisHukuman: \"empat\" is not a SIASN jenisHukumanId");
  EXPECT_EQ(reasons[2], "3: skTanggal: required (the decision's date)");
  EXPECT_TRUE(absl::StartsWith(reasons[3], "4: id: required")) << reasons[3];
  EXPECT_EQ(reasons[4], "5: facts[\"H5\"].decision_date \"2019-05-03\" differs from skTanggal 2019-05-02");
  EXPECT_EQ(reasons[5], "6: id: \"H5\" appears twice (first on row 5)");
  // jenisHukuman 12 records a reactivation, not a decision; facts whose id
  // no row has are named.
  bool reactivation = false, orphan = false;
  for (const auto& w : out.warnings()) {
    reactivation |= absl::StrContains(w, "jenisHukuman 12");
    orphan |= absl::StrContains(w, "facts[\"H9\"]: no hukdis row has this id");
  }
  EXPECT_TRUE(reactivation && orphan) << out.DebugString();
}

TEST(Siasn, TheReportAuditsUnderTheLawOfTheDecisionDate) {
  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok()) << engine.status();
  v1::SiasnReportRequest q;
  *q.mutable_records() = WithHukdis();
  auto r = (*engine)->SiasnReport(q);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->employees(), 1);
  EXPECT_EQ(r->hukdis_rows(), 2);
  ASSERT_EQ(r->findings_size(), 1);
  // 12 days of absence in 2019: PP 53/2010 gives a ringan level, so a
  // postponed pay rise (jenisHukuman 4, PP 53 sedang) is too heavy.
  EXPECT_EQ(r->findings(0).verdict(), v1::TOO_HEAVY) << r->findings(0).DebugString();
  EXPECT_EQ(r->audit_summary().too_heavy(), 1);
  EXPECT_FALSE(r->has_pact_progress());
  // Pact events need the election they belong to.
  q.add_pact_events()->set_type(v1::PACT_ISSUED);
  auto refused = (*engine)->SiasnReport(q);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), "election: required with pact_events (whose pacts they are)");
}

TEST(Siasn, TheSyntheticExportGoesThroughTheAdapterIntoAnAuditAndPactProgress) {
  const std::string dir = absl::StrCat(::testing::TempDir(), "/siasn_synthetic_", ::getpid());
  std::filesystem::remove_all(dir);
  auto summary = synth::WriteSiasnExport({.seed = 5, .employees = 300, .decisions = 30}, dir);
  ASSERT_TRUE(summary.ok()) << summary.status();
  auto read = [&](const std::string& name) {
    std::ifstream in(dir + "/" + name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  v1::SiasnReportRequest q;
  q.mutable_records()->mutable_pegawai()->set_json(read("pegawai.json"));
  q.mutable_records()->mutable_jabatan()->set_json(read("rw-jabatan.json"));
  q.mutable_records()->mutable_hukdis()->set_json(read("rw-hukdis.json"));
  q.mutable_records()->mutable_unor()->set_json(read("ref-unor.json"));
  q.mutable_records()->mutable_instansi()->set_json(read("instansi.json"));
  v1::SiasnRecords facts;
  ASSERT_TRUE(ParseJson(absl::StrCat("{\"facts\":", read("facts.json"), "}"), &facts, "facts").ok());
  q.mutable_records()->mutable_facts()->swap(*facts.mutable_facts());
  std::istringstream pakta(read("pakta.jsonl"));
  for (std::string line; std::getline(pakta, line);) {
    ASSERT_TRUE(ParseJson(line, q.add_pact_events(), "pact event").ok()) << line;
  }
  q.set_election("pilkada2024");
  q.set_as_of("2024-10-01");
  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok());
  auto r = (*engine)->SiasnReport(q);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->refusals_size(), 0) << r->DebugString().substr(0, 2000);
  EXPECT_EQ(r->employees(), summary->employees);
  EXPECT_EQ(r->hukdis_rows(), summary->decisions);
  EXPECT_EQ(r->without_facts_size(), summary->without_facts);
  EXPECT_EQ(r->audit_summary().cases(), summary->decisions - summary->without_facts);
  EXPECT_EQ(r->audit_summary().invalid(), 0);
  EXPECT_GT(r->audit_summary().within_law(), 0);
  EXPECT_GT(r->audit_summary().too_heavy() + r->audit_summary().too_light() + r->audit_summary().other_type() +
                r->audit_summary().type_not_in_force(),
            0);
  EXPECT_EQ(r->pact_progress().total().issued(), summary->employees);
  EXPECT_GT(r->pact_progress().total().signed_on_time(), 0);
  // The same options give the same bytes.
  const std::string again = dir + "_again";
  std::filesystem::remove_all(again);
  ASSERT_TRUE(synth::WriteSiasnExport({.seed = 5, .employees = 300, .decisions = 30}, again).ok());
  for (const char* f : {"pegawai.json", "rw-hukdis.json", "facts.json", "pakta.jsonl"}) {
    std::ifstream a(dir + "/" + f), b(again + "/" + f);
    std::stringstream sa, sb;
    sa << a.rdbuf();
    sb << b.rdbuf();
    EXPECT_EQ(sa.str(), sb.str()) << f;
  }
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(again);
}

TEST(RosterImport, TakesIndonesianColumnNamesAndLabelsAUnitByItsIdWhenNoNameIsGiven) {
  std::istringstream in(
      "\xEF\xBB\xBFNIP;Nama;Jenis Pegawai;Golongan;Jabatan;unorId;Instansi;Pimpinan\n"
      "198002142005031011;Pegawai Sintetis A;PNS;III/c;Analis;A8ACA7397AEB3912E040640A040269BB;Pemkab Contoh;ya\n"
      "199202022022212003;Pegawai Sintetis B;PPPK Paruh Waktu;V;Operator;A8ACA7397AEB3912E040640A040269BB;"
      "Pemkab Contoh;\n");
  v1::RosterImportReport report;
  auto table = ImportRosterCsv(in, &report);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(report.accepted(), 2) << report.DebugString();
  const v1::RosterEntry a = table->Entry(0), b = table->Entry(1);
  EXPECT_EQ(a.name(), "Pegawai Sintetis A");
  EXPECT_EQ(a.grade(), "III/c");
  EXPECT_EQ(a.unit(), "A8ACA7397AEB3912E040640A040269BB");
  EXPECT_EQ(a.agency(), "Pemkab Contoh");
  EXPECT_TRUE(a.leader());
  EXPECT_EQ(b.kind(), v1::PPPK_PARUH_WAKTU);
  EXPECT_FALSE(b.leader());
}

}  // namespace
}  // namespace netra
