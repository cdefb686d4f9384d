// Decided cases as an inspector feeds them (netra audit): the whole input as
// one DecidedCase JSON -> Auditor::Audit, and the same bytes as a JSON-lines
// file -> Engine::AuditJsonLines.
//
// Invariants: an accepted case has a verdict among its verdicts, a reason,
// and a grounded determination; in a JSON-lines run no line is lost (one
// output line per non-blank input line, every one counted once in the
// summary) and every output line is valid JSON, whatever bytes the bad
// input line held.
#include <cstdint>
#include <sstream>
#include <string>

#include "determination_check.h"
#include "fuzz_common.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "netra/api.h"
#include "netra/audit.h"
#include "netra/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const netra::Auditor* auditor = [] {
    auto a = netra::Auditor::Create(netra_fuzz::Book());
    FUZZ_CHECK(a.ok(), a.status().ToString());
    return new netra::Auditor(*std::move(a));
  }();
  // Held from a static, so LeakSanitizer sees it reachable.
  static const auto* engine = [] {
    auto e = netra::Engine::Create(netra_fuzz::Book());
    FUZZ_CHECK(e.ok(), e.status().ToString());
    return new std::shared_ptr<const netra::Engine>(*std::move(e));
  }();
  const std::string bytes(reinterpret_cast<const char*>(data), size);

  netra::v1::DecidedCase decided;
  if (google::protobuf::util::JsonStringToMessage(bytes, &decided, google::protobuf::util::JsonParseOptions()).ok()) {
    auto f = auditor->Audit(decided);
    if (f.ok()) {
      FUZZ_CHECK(f->verdicts_size() > 0 && f->reasons_size() > 0, "a finding without verdicts or reasons");
      FUZZ_CHECK(std::find(f->verdicts().begin(), f->verdicts().end(), f->verdict()) != f->verdicts().end(),
                 "the verdict is not among the verdicts");
      netra_fuzz::CheckDetermination(*netra_fuzz::Book(), f->determination());
      netra_fuzz::CheckBasis(*netra_fuzz::Book(), f->basis());
      (void)netra::AuditFindingText(*f);
    } else {
      FUZZ_CHECK(absl::IsInvalidArgument(f.status()), "not InvalidArgument: ", f.status().ToString());
    }
  }

  std::istringstream in(bytes);
  std::ostringstream out;
  netra::v1::AuditSummary summary;
  const absl::Status st = (*engine)->AuditJsonLines(in, out, &summary);
  FUZZ_CHECK(st.ok(), st.ToString());
  const int64_t verdicts = summary.within_law() + summary.too_light() + summary.too_heavy() + summary.other_type() +
                           summary.type_not_in_force() + summary.official_without_authority() +
                           summary.cannot_assess() + summary.not_sanctioned() + summary.double_sanction() +
                           summary.recommendation_not_followed();
  FUZZ_CHECK(summary.cases() == verdicts + summary.invalid(), "cases ", summary.cases(), " != verdicts ", verdicts,
             " + invalid ", summary.invalid());
  int64_t nonblank = 0;
  {
    std::istringstream lines(bytes);
    for (std::string line; std::getline(lines, line);) {
      nonblank += line.find_first_not_of(" \t\r") != std::string::npos;
    }
  }
  FUZZ_CHECK(summary.cases() == nonblank, "counted ", summary.cases(), " cases in ", nonblank, " non-blank lines");
  std::istringstream written(out.str());
  int64_t outputs = 0;
  for (std::string line; std::getline(written, line); ++outputs) {
    google::protobuf::Struct object;
    const auto parsed = google::protobuf::util::JsonStringToMessage(line, &object);
    FUZZ_CHECK(parsed.ok(), "output line ", outputs + 1, " is not JSON: ", parsed.message().as_string());
  }
  FUZZ_CHECK(outputs == summary.cases(), outputs, " output lines for ", summary.cases(), " cases");
  return 0;
}
