#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "law/compiled.h"
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

}  // namespace

std::string RuleBook::CiteAs(const v1::Citation& c) const {
  std::string out;
  if (const v1::Instrument* in = FindInstrument(c.instrument())) {
    out = absl::StrCat(KindAbbrev(in->kind()), " ", in->number(), "/", in->year());
  } else {
    out = c.instrument();
  }
  if (c.penjelasan()) absl::StrAppend(&out, " Penjelasan");
  if (!c.part().empty()) absl::StrAppend(&out, " ", c.part());
  if (c.pasal() > 0) absl::StrAppend(&out, " Pasal ", c.pasal());
  if (c.ayat() > 0) absl::StrAppend(&out, " ayat (", c.ayat(), ")");
  if (!c.huruf().empty()) absl::StrAppend(&out, " huruf ", c.huruf());
  if (c.angka() > 0) absl::StrAppend(&out, " angka ", c.angka());
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
      t.cite = absl::StrCat(r.id(), " (", absl::StrJoin(t.cited_as, "; "), ")");
    }
  });
  return law.texts;
}

}  // namespace netra
