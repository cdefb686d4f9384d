// Law files (text-format netra.v1.RuleFile) as a host adds them at run time
// (netra --law FILE, RuleBook::Load). The first input byte picks how the
// rest is loaded:
//   0 mod 4  alone (netra check-law --standalone: no embedded law, no
//            evaluator rules required);
//   1 mod 4  added to the embedded law;
//   2,3      replacing the embedded file picked by the second byte (an
//            edited law/pp94_2021.textproto), as netra --law does.
// A law that loads must be usable: its rules are indexed and findable, and,
// when an evaluator can be made from it, evaluating a few requests gives
// grounded determinations (determination_check.h) whatever the law says.
#include <cstdint>
#include <string>
#include <vector>

#include "determination_check.h"
#include "fuzz_common.h"
#include "google/protobuf/util/json_util.h"
#include "netra/evaluator.h"

namespace {

// Requests over the main families: attendance, an impact-graded duty, a
// neutrality form on the election calendar, superiors' liability.
constexpr const char* kRequests[] = {
    R"({"employee":{"kind":"PNS","position":{"type":"PELAKSANA"},"agency":{"level":"REGENCY_CITY"}},
        "acts":[{"norm":"pp94.duty.attendance","act_date":"2025-06-30",
                 "absence":{"cumulative_working_days":15,"consecutive_working_days":4}}]})",
    R"({"employee":{"kind":"PNS","position":{"type":"ADMINISTRATOR"},"agency":{"level":"CENTRAL"}},
        "acts":[{"norm":"pp94.duty.policy","act_date":"2024-03-01","impact":"INSTANSI"},
                {"norm":"pp94.ban.illegal_levy","act_date":"2024-03-02"}]})",
    R"({"employee":{"kind":"PNS","position":{"type":"FUNGSIONAL_KEAHLIAN","jf_level":"AHLI_PERTAMA"},
                    "agency":{"level":"REGENCY_CITY"}},
        "acts":[{"norm":"neutrality.social_media_interaction","act_date":"2024-11-12",
                 "neutrality":{"target":{"election":"pilkada2024","office":"REGENT"}}}]})",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<netra::LawSource> embedded = netra::EmbeddedLaw();
  if (size < 2) return 0;
  const int mode = data[0] % 4;
  const size_t pick = data[1] % embedded.size();
  netra::LawSource fuzz{"fuzz.textproto", std::string(reinterpret_cast<const char*>(data) + 2, size - 2)};
  std::vector<netra::LawSource> sources;
  netra::LoadOptions options;
  options.include_embedded = false;
  if (mode == 0) {
    options.require_evaluator_rules = false;
    sources.push_back(std::move(fuzz));
  } else {
    for (size_t i = 0; i < embedded.size(); ++i) {
      if (mode >= 2 && i == pick) continue;
      sources.push_back(embedded[i]);
    }
    if (mode >= 2) fuzz.name = embedded[pick].name;
    sources.push_back(std::move(fuzz));
  }
  auto book = netra::RuleBook::Load(sources, options);
  if (!book.ok()) {
    FUZZ_CHECK(absl::IsInvalidArgument(book.status()) || absl::IsFailedPrecondition(book.status()) ||
                   absl::IsResourceExhausted(book.status()),
               "unexpected error kind: ", book.status().ToString());
    return 0;
  }
  const netra::RuleBook& b = **book;
  FUZZ_CHECK(absl::StartsWith(b.revision(), "fnv1a64:") && b.revision().size() == 24, "revision ", b.revision());
  for (const netra::RuleEntry& r : b.rules()) {
    const netra::RuleEntry* found = b.FindRule(r.rule->id());
    FUZZ_CHECK(found != nullptr && found->rule == r.rule, "rule ", r.rule->id(), " is not findable");
    FUZZ_CHECK(r.line >= 1, "rule ", r.rule->id(), " without a line");
    for (const auto& c : r.rule->citations()) (void)b.CiteAs(c);
    (void)b.InForceFrom(r);
    (void)b.InForceUntil(r);
  }
  if (mode == 0) return 0;
  auto evaluator = netra::Evaluator::Create(*book);
  if (!evaluator.ok()) return 0;
  for (const char* json : kRequests) {
    netra::v1::EvaluationRequest request;
    FUZZ_CHECK(google::protobuf::util::JsonStringToMessage(json, &request).ok(), "bad built-in request");
    auto d = evaluator->Evaluate(request);
    if (!d.ok()) {
      FUZZ_CHECK(absl::IsInvalidArgument(d.status()), d.status().ToString());
      continue;
    }
    netra_fuzz::CheckDetermination(b, *d);
  }
  return 0;
}
