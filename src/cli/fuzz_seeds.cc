// Writes the seed corpus of the fuzz targets: `netra_fuzz_seeds SOURCE_DIR
// OUT_DIR` (OUT_DIR is normally SOURCE_DIR/tests/fuzz/corpus). Deterministic:
// the same sources give the same bytes. Seeds:
//   request_json, audit_json  the requests of tests/vectors and
//                             tests/vectors/audit as JSON, the examples;
//   render_wire               the requests of tests/vectors and the examples;
//   law                       each embedded law file replacing itself (mode
//                             byte 2, see law_fuzz.cc), the pact file alone,
//                             a small host file added to the law;
//   log_import                old case log files of the examples' cases,
//                             whole, torn and damaged, and a pact log of the
//                             fuzz roster, whole and torn (src/cli/log_files.h);
//   case_replay               the examples' cases as text and binary CaseLog;
//   roster                    the fuzz roster as CSV and JSON lines, a few
//                             bad rows, the head of the synthetic example;
//   evaluator_invariants, pact_events  fixed pseudo-random byte strings;
//   nip, date                 a few valid and invalid values.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "cli/log_files.h"
#include "netra/v1/conformance.pb.h"

namespace fs = std::filesystem;

namespace {

fs::path out_dir;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void Put(const std::string& target, const std::string& name, const std::string& bytes) {
  const fs::path dir = out_dir / target;
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
}

std::string Json(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions o;
  o.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &out, o);
  return out;
}

std::vector<fs::path> Files(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Random(uint32_t seed, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 1664525u + 1013904223u;
    s.push_back(static_cast<char>(seed >> 24));
  }
  return s;
}

// A case log file of `log` as the storage before the store wrote it (the
// events the machine accepts, in order), as `netra store export` writes it.
std::string CaseLogBytes(const netra::v1::CaseLog& log) {
  netra::v1::CaseLog header = log;
  header.clear_events();
  std::string out(netra::cli::LogMagic(netra::cli::LogKind::kCase));
  out += netra::cli::LogRecord(header.SerializeAsString());
  netra::CaseProgress progress;
  if (auto st = netra_fuzz::Machine().Start(header, &progress); !st.ok()) {
    std::cerr << st << "\n";
    std::exit(1);
  }
  for (netra::v1::CaseEvent e : log.events()) {
    e.set_seq(progress.events + 1);
    if (auto st = netra_fuzz::Machine().Apply(e, &progress); !st.ok()) {
      std::cerr << "seed event refused: " << st << "\n";
      continue;
    }
    out += netra::cli::LogRecord(e.SerializeAsString());
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: netra_fuzz_seeds SOURCE_DIR OUT_DIR\n";
    return 2;
  }
  const fs::path src = argv[1];
  out_dir = argv[2];

  // Requests and decided cases.
  for (const fs::path& p : Files(src / "tests/vectors", ".textproto")) {
    netra::v1::TestVector v;
    if (!google::protobuf::TextFormat::ParseFromString(Slurp(p), &v)) return 1;
    Put("request_json", p.stem().string().substr(0, 100) + ".json", Json(v.request()));
    // json_fast: byte 0 even = an EvaluationRequest (json_fast_fuzz.cc).
    Put("json_fast", p.stem().string().substr(0, 100) + ".json", std::string(1, '\0') + Json(v.request()));
    Put("render_wire", p.stem().string().substr(0, 100) + ".json", Json(v.request()));
  }
  // Texts at the edges of the fast path, each on one side of it: escapes, a
  // \u escape, a number as a string, a float, null, a duplicate key, an
  // unknown field, an enum number, two members of a oneof, settings (a map).
  const char* const kEdges[] = {
      R"({"employee":{"kind":"PNS","nip":"a\"b\\c\/d\n"},"acts":[{"norm":"pp94.duty.attendance"}]})",
      R"({"employee":{"kind":"PNS","nip":"\u0041"}})",
      R"({"acts":[{"absence":{"cumulative_working_days":"15"}}]})",
      R"({"acts":[{"absence":{"cumulative_working_days":15.0}}]})",
      R"({"acts":[{"absence":{"cumulative_working_days":-0}}]})",
      R"({"acts":[{"absence":{"cumulative_working_days":2147483648}}]})",
      R"({"employee":null})",
      R"({"employee":{"kind":"PNS","kind":"CPNS"}})",
      R"({"employee":{"kinds":"PNS"}})",
      R"({"employee":{"kind":1}})",
      R"({"employee":{"kind":"pns"}})",
      R"({"acts":[{"act_date":"2025-01-01","act_date_range":{"from":"2025-01-01","until":"2025-01-02"}}]})",
      R"({"settings":{"skb_d08_level":"SEDANG"}})",
      R"( { "employee" : { } , "acts" : [ ] } )",
      R"({"employee":{"kind":"PNS"}} x)",
      R"({"employee":{"partyMember":true}})",
  };
  int edge = 0;
  for (const char* e : kEdges) Put("json_fast", absl::StrCat("edge_", edge++, ".json"), std::string(1, '\0') + e);
  for (const fs::path& p : Files(src / "tests/vectors/audit", ".textproto")) {
    netra::v1::AuditVector v;
    if (!google::protobuf::TextFormat::ParseFromString(Slurp(p), &v)) return 1;
    Put("audit_json", p.stem().string().substr(0, 100) + ".json", Json(v.decided()));
    Put("json_fast", "audit_" + p.stem().string().substr(0, 100) + ".json", std::string(1, '\1') + Json(v.decided()));
  }
  Put("audit_json", "audit_neutrality_decisions_2024.jsonl", Slurp(src / "examples/audit_neutrality_decisions_2024.jsonl"));
  for (const fs::path& p : Files(src / "examples", ".json")) {
    netra::v1::EvaluationRequest r;
    if (google::protobuf::util::JsonStringToMessage(Slurp(p), &r).ok()) {
      Put("request_json", "example_" + p.filename().string(), Slurp(p));
      Put("render_wire", "example_" + p.filename().string(), Slurp(p));
    }
  }

  // The C ABI: byte 0 the method, byte 1 the format (c_abi_fuzz.cc), then
  // the request: a few requests and decided cases in JSON and binary, a
  // JSON-lines batch, and one request of every other method.
  {
    int k = 0;
    for (const fs::path& p : Files(src / "tests/vectors", ".textproto")) {
      if (k++ % 60 != 0) continue;
      netra::v1::TestVector v;
      if (!google::protobuf::TextFormat::ParseFromString(Slurp(p), &v)) return 1;
      Put("c_abi", "evaluate_" + p.stem().string().substr(0, 60) + ".json", std::string{0, 0} + Json(v.request()));
      Put("c_abi", "evaluate_" + p.stem().string().substr(0, 60) + ".binpb",
          std::string{0, 2} + v.request().SerializeAsString());
    }
    k = 0;
    for (const fs::path& p : Files(src / "tests/vectors/audit", ".textproto")) {
      if (k++ % 8 != 0) continue;
      netra::v1::AuditVector v;
      if (!google::protobuf::TextFormat::ParseFromString(Slurp(p), &v)) return 1;
      Put("c_abi", "audit_" + p.stem().string().substr(0, 60) + ".json", std::string{2, 0} + Json(v.decided()));
    }
    Put("c_abi", "audit_batch.jsonl",
        std::string{3, 3} + Slurp(src / "examples/audit_neutrality_decisions_2024.jsonl"));
    Put("c_abi", "evaluate_batch.json_array",
        std::string{1, 4} + "[" + Slurp(src / "examples/absence_15_days_2025.json") + ", {}]");
    Put("c_abi", "evaluate_batch_shared.json_array",
        std::string{1, 5} + "[" + Slurp(src / "examples/absence_15_days_2025.json") + ", {}, " +
            Slurp(src / "examples/absence_15_days_2025.json") + "]");
    Put("c_abi", "rules.json", std::string{4, 0} + R"({"as_of": "2025-01-01"})");
    Put("c_abi", "elections.json", std::string{5, 1});
    Put("c_abi", "working_days.json",
        std::string{6, 0} + R"({"calendar": {"working_weekdays": 63, "extra_days_off": ["2025-03-31"]},)"
                            R"( "add": {"from": "2025-03-28", "days": 5}})");
    Put("c_abi", "replay_case.json",
        std::string{7, 0} + "{\"case\": " + Slurp(src / "examples/case_neutrality_pilkada_2024.json") +
            ", \"as_of\": \"2025-01-31\", \"tukin\": 4000000}");
    Put("c_abi", "overdue.json",
        std::string{8, 0} + "{\"cases\": [" + Slurp(src / "examples/case_disciplinary_absence_2024.json") +
            "], \"as_of\": \"2025-06-30\"}");
    Put("c_abi", "pact_progress.json",
        std::string{9, 0} + R"({"roster": {"csv": "nip,name,type,unit,agency,leader\n197711282004081001,A,PNS,U,K,1\n"},)"
                            R"( "election": "pilkada2024", "events": [{"type": "PACT_ISSUED", "nip": "197711282004081001",)"
                            R"( "date": "2024-09-02", "template_id": "pakta_netralitas.pilkada2024.v1"}],)"
                            R"( "as_of": "2024-09-30", "max_not_signed": 3})");
    Put("c_abi", "compliance.json",
        std::string{10, 0} + R"({"roster": {"csv": "nip,name,type,agency\n197711282004081001,A,PNS,K\n"},)"
                             R"( "as_of": "2024-12-31", "im_nkk_index": {"K": 0.7}})");
  }

  // Law files.
  const std::vector<netra::LawSource> embedded = netra::EmbeddedLaw();
  for (size_t i = 0; i < embedded.size(); ++i) {
    const std::string base = fs::path(embedded[i].name).stem().string();
    Put("law", "replace_" + base, std::string{2, static_cast<char>(i)} + embedded[i].text);
    if (base == "pakta_netralitas") Put("law", "alone_" + base, std::string{0, 0} + embedded[i].text);
  }
  Put("law", "host_exception", std::string{1, 0} + R"(# A host's correction: a regional rule that excepts the national one.
instruments {
  id: "perda_fuzz"
  title: "Peraturan Daerah Contoh"
  article_count: 20
  in_force_from: "2023-01-01"
}
rules {
  id: "perda_fuzz.policy.unit"
  citations { instrument: "perda_fuzz" pasal: 3 }
  paraphrase: "A host rule: breach of policy with impact on the work unit is sedang."
  confidence: PRIMARY
  level {
    norm: "pp94.duty.policy"
    when { impact_any_of: [UNIT_KERJA] }
    outcome: SANCTION
    level: SEDANG
    exception_of: ["pp94.level.duty.policy.unit_kerja"]
  }
}
)");

  // Cases: text, binary, and log files (whole, torn, damaged).
  int n = 0;
  for (const char* name : {"case_disciplinary_absence_2024.json", "case_neutrality_pilkada_2024.json"}) {
    netra::v1::CaseLog log;
    if (!google::protobuf::util::JsonStringToMessage(Slurp(src / "examples" / name), &log).ok()) return 1;
    std::string text;
    google::protobuf::TextFormat::PrintToString(log, &text);
    const std::string stem = fs::path(name).stem().string();
    Put("case_replay", stem + ".textproto", text);
    Put("case_replay", stem + ".binpb", log.SerializeAsString());
    const std::string file = CaseLogBytes(log);
    Put("log_import", stem + ".log", file);
    Put("log_import", stem + ".torn.log", file.substr(0, file.size() - 7));
    Put("log_import", stem + ".torn3.log", file.substr(0, file.size() - 3));
    std::string damaged = file;
    damaged[damaged.size() / 2] ^= 0x20;
    Put("log_import", stem + ".damaged.log", damaged);
    ++n;
  }

  // Pact log of the fuzz roster.
  {
    auto reg = netra::PactRegistry::Create(netra_fuzz::Book(), &netra_fuzz::Roster(), netra_fuzz::kPactElection);
    if (!reg.ok()) return 1;
    netra::v1::PactLogHeader header;
    header.set_election(netra_fuzz::kPactElection);
    std::string bytes(netra::cli::LogMagic(netra::cli::LogKind::kPact));
    bytes += netra::cli::LogRecord(header.SerializeAsString());
    auto append = [&](const netra::v1::PactEvent& e) {
      if (reg->Apply(e).ok()) bytes += netra::cli::LogRecord(e.SerializeAsString());
    };
    const netra::RosterTable& roster = netra_fuzz::Roster();
    for (size_t row = 0; row < roster.size(); ++row) {
      if (roster.Nip(row).empty()) continue;
      netra::v1::PactEvent e;
      e.set_type(netra::v1::PACT_ISSUED);
      e.set_date("2024-09-02");
      e.set_nip(roster.Nip(row));
      e.set_template_id(reg->templates()[roster.leader[row] && reg->templates().size() > 1 ? 1 : 0]->id());
      append(e);
    }
    for (size_t row = 0; row < roster.size(); row += 2) {
      if (roster.Nip(row).empty()) continue;
      netra::v1::PactEvent e;
      e.set_type(row % 4 == 0 ? netra::v1::PACT_SIGNED : netra::v1::PACT_DECLINED);
      e.set_date("2024-09-05");
      e.set_nip(roster.Nip(row));
      e.set_signer_nip(roster.Nip(row));
      e.set_method(netra::v1::CEREMONY);
      e.set_ceremony_id("apel-2024-09-05");
      append(e);
    }
    Put("log_import", "pilkada2024.log", bytes);
    Put("log_import", "pilkada2024.torn.log", bytes.substr(0, bytes.size() - 5));
  }

  // Rosters.
  Put("roster", "small.csv", netra_fuzz::kRosterCsv);
  {
    std::string jsonl;
    const netra::RosterTable& roster = netra_fuzz::Roster();
    for (size_t row = 0; row < roster.size(); ++row) {
      netra::v1::RosterEntry e;
      e.set_nip(roster.Nip(row));
      e.set_name(roster.Name(row));
      e.set_kind(static_cast<netra::v1::EmployeeKind>(roster.kind[row]));
      e.set_position_type(static_cast<netra::v1::PositionType>(roster.position_type[row]));
      e.set_unit(roster.units[roster.unit[row]].substr(roster.units[roster.unit[row]].find('\x1f') + 1));
      e.set_agency(roster.agencies[roster.agency[row]]);
      e.set_leader(roster.leader[row] != 0);
      jsonl += Json(e) + "\n";
    }
    Put("roster", "small.jsonl", jsonl);
  }
  Put("roster", "bad_rows.csv",
      "\xEF\xBB\xBFtype,\"name\",nip,unit\n"
      "PNS,\"Dua \"\"Nama\"\"\",197711282004081001,Dinas A\n"
      "PNS,Duplikat,197711282004081001,Dinas A\n"
      "HONORER,Tanpa NIP,,Dinas B\n"
      "PPPK,Salah,1979032420252410,Dinas B\n"
      "CPNS,\"tak tertutup,199908092025032001\n"
      "\n"
      "pppk paruh waktu,Spasi,1979 0324 2025 2410 01,Dinas C\n");
  {
    const std::string csv = Slurp(src / "examples/roster_synthetic_500.csv");
    size_t end = 0;
    for (int i = 0; i < 40 && end != std::string::npos; ++i) end = csv.find('\n', end + 1);
    Put("roster", "synthetic_head.csv", csv.substr(0, end + 1));
  }

  // SIASN tables: the first byte picks the table and its form (tests/fuzz/siasn_fuzz.cc).
  {
    const std::filesystem::path sx = src / "examples/siasn_synthetic";
    auto head = [](const std::string& text, int lines) {
      size_t end = 0;
      for (int i = 0; i < lines && end != std::string::npos; ++i) end = text.find('\n', end + 1);
      std::string h = end == std::string::npos ? text : text.substr(0, end);
      if (!h.empty() && h.back() == ',') h.pop_back();  // the last row kept ends the array
      return h + "\n";
    };
    Put("siasn", "pegawai.json", std::string(1, '\0') + head(Slurp(sx / "pegawai.json"), 4) + "]}");
    Put("siasn", "pegawai.csv", std::string(1, '\1') +
                                    "\xEF\xBB\xBFid;nipBaru;nama;statusPegawai;golRuangAkhirId;jenisJabatanId;eselonId\n"
                                    "A1;197711282004081001;\"Pegawai; Sintetis\";PNS;41;1;41\n"
                                    "A2;12345;X;CPNS;39;2;99\n");
    Put("siasn", "hukdis.json", std::string(1, '\2') +
                                    R"([{"id":"H1","pnsOrang":"A1","jenisHukuman":"2","skTanggal":"02-05-2023"},)"
                                    R"({"id":"H2","pnsOrang":"A2","jenisHukuman":4,"skTanggal":"2019-05-02T00:00:00Z"},)"
                                    R"({"id":"H1","pnsOrang":"A9","jenisHukuman":"12","skTanggal":"2019-05-02T17:00:00Z"}])");
    Put("siasn", "hukdis.csv", std::string(1, '\3') + "id,nipBaru,jenisHukuman,skTanggal,golongan\n"
                                                      "H1,197711282004081001,23,31/12/2024,31\nH2,,x,\n");
    Put("siasn", "jabatan.jsonl", std::string(1, '\4') +
                                      "{\"idPns\":\"A1\",\"jenisJabatan\":\"2\",\"jabatanFungsionalNama\":"
                                      "\"Guru Ahli Muda\",\"tmtJabatan\":\"01-01-2020\"}\n{\"idPns\":\"A1\"}\n");
    Put("siasn", "unor.json", std::string(1, '\6') + head(Slurp(sx / "ref-unor.json"), 3) + "]");
  }

  // Structured targets: fixed pseudo-random bytes.
  for (uint32_t i = 0; i < 24; ++i) {
    Put("evaluator_invariants", "random_" + std::to_string(i), Random(i + 1, 48 + 8 * i));
    if (i < 12) Put("pact_events", "random_" + std::to_string(i), Random(1000 + i, 32 + 16 * i));
  }

  for (const char* nip : {"197711282004081001", "197903242025241001", "1977 1128 2004 08 1 001", "1977.1128.2004.08.1.001",
                          "197711282004081000", "199902302020121001", "19771128200408100", "197711282004131001"}) {
    Put("nip", nip, nip);
  }
  for (const char* d : {"2024-02-29", "2025-02-29", "2199-12-31", "1899-12-31", "2025-13-01", "2025-1-01", "+025-01-01"}) {
    Put("date", d, d);
  }
  std::printf("seeds written to %s (%d cases)\n", out_dir.c_str(), n);
  return 0;
}
