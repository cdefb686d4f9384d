#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "law/compiled.h"
#include "netra/date.h"
#include "netra/rule_book.h"

namespace netra {
namespace {

absl::string_view KindAbbrev(v1::InstrumentKind kind) {
  switch (kind) {
    case v1::UNDANG_UNDANG: return "UU";
    case v1::PERATURAN_PEMERINTAH: return "PP";
    case v1::PERATURAN_PRESIDEN: return "Perpres";
    case v1::PERATURAN_BKN: return "Peraturan BKN";
    case v1::KEPUTUSAN_BERSAMA: return "SKB";
    case v1::SURAT_EDARAN: return "SE";
    case v1::PERATURAN_KPU: return "PKPU";
    case v1::KEPUTUSAN: return "Keputusan";
    case v1::PEDOMAN: return "Pedoman";
    default: return "";
  }
}

// An amending instrument's article number (Pasal I, II, ...); the validator
// keeps such instruments to a few articles.
std::string Roman(int n) {
  static constexpr std::pair<int, const char*> kDigits[] = {{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
  std::string out;
  for (const auto& [value, digits] : kDigits) {
    for (; n >= value; n -= value) out += digits;
  }
  return out;
}

}  // namespace

std::string RuleBook::CiteAs(const v1::Citation& c) const {
  std::string out;
  bool angka_first = false, roman = false;
  if (const v1::Instrument* in = FindInstrument(c.instrument())) {
    out = absl::StrCat(KindAbbrev(in->kind()), " ", in->number(), "/", in->year());
    angka_first = in->angka_before_huruf() && c.ayat() == 0;  // law.proto, Instrument.angka_before_huruf
    roman = in->roman_articles();
  } else {
    out = c.instrument();
  }
  if (c.penjelasan()) absl::StrAppend(&out, " Penjelasan");
  if (!c.part().empty()) absl::StrAppend(&out, " ", c.part());
  if (c.pasal() > 0) absl::StrAppend(&out, " Pasal ", roman ? Roman(c.pasal()) : absl::StrCat(c.pasal()));
  if (c.ayat() > 0) absl::StrAppend(&out, " ayat (", c.ayat(), ")");
  if (angka_first && c.angka() > 0) absl::StrAppend(&out, " angka ", c.angka());
  if (!c.huruf().empty()) absl::StrAppend(&out, " huruf ", c.huruf());
  if (!angka_first && c.angka() > 0) absl::StrAppend(&out, " angka ", c.angka());
  return out;
}

const std::vector<internal::RuleText>& internal::RuleTexts(const RuleBook& book) {
  const CompiledLaw& law = book.compiled();
  absl::call_once(law.texts_once, [&] {
    law.texts.resize(law.rules.size());
    for (size_t i = 0; i < law.rules.size(); ++i) {
      const v1::Rule& r = *law.rules[i].rule;
      RuleText& t = law.texts[i];
      for (const v1::Citation& c : r.citations()) t.cited_as.push_back(book.CiteAs(c));
      auto cite = [&](const std::vector<std::string>& parts) {
        return absl::StrCat(r.id(), " (", absl::StrJoin(parts, "; "), ")");
      };
      t.cite = cite(t.cited_as);
      // The window each cited instrument is in force (validated on load);
      // a rule that cites repealed law on purpose keeps it (cites_repealed).
      std::vector<absl::CivilDay> from, until;
      for (const v1::Citation& c : r.citations()) {
        const v1::Instrument* in = book.FindInstrument(c.instrument());
        absl::StatusOr<absl::CivilDay> d = in != nullptr ? ParseDate(in->in_force_from(), "in_force_from") : kAlways;
        from.push_back(d.ok() ? *d : kAlways);
        absl::StatusOr<absl::CivilDay> u = in != nullptr && !in->in_force_until().empty() && !r.cites_repealed()
                                               ? ParseDate(in->in_force_until(), "in_force_until")
                                               : kNever;
        until.push_back(u.ok() ? *u : kNever);
      }
      std::vector<absl::CivilDay> cuts = from;
      for (absl::CivilDay u : until) {
        if (u != kNever) cuts.push_back(u);
      }
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      for (size_t k = 0; k < from.size(); ++k) t.windows.push_back({from[k], until[k]});
      for (absl::CivilDay cut : cuts) {
        RuleText::Era era;
        era.from = cut;
        std::vector<std::string> parts;
        for (size_t k = 0; k < from.size(); ++k) {
          if (from[k] > cut || until[k] <= cut) continue;
          era.citations.push_back(static_cast<int>(k));
          parts.push_back(t.cited_as[k]);
        }
        // No citation in force: the era before goes on (or, before the
        // first instrument took effect, the first era applies).
        if (era.citations.empty() || (!t.eras.empty() && t.eras.back().citations == era.citations)) continue;
        era.cite = cite(parts);
        t.eras.push_back(std::move(era));
      }
      // One era with every citation is no era at all.
      if (t.eras.size() == 1 && t.eras[0].citations.size() == from.size()) t.eras.clear();
    }
  });
  return law.texts;
}

}  // namespace netra
