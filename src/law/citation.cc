#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/types/span.h"
#include "absl/strings/str_cat.h"
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

namespace {

// What a citation's text takes from its instrument.
struct CitedInstrument {
  std::string name;  // "PP 94/2021"; the citation's own id when unknown
  bool angka_before_huruf = false, roman = false;
  const v1::Instrument* instrument = nullptr;
};

CitedInstrument Describe(const RuleBook& book, absl::string_view id) {
  CitedInstrument out;
  out.instrument = book.FindInstrument(id);
  if (out.instrument == nullptr) {
    out.name = std::string(id);
    return out;
  }
  const v1::Instrument& in = *out.instrument;
  out.name = absl::StrCat(KindAbbrev(in.kind()), " ", in.number(), "/", in.year());
  out.angka_before_huruf = in.angka_before_huruf();
  out.roman = in.roman_articles();
  return out;
}

void AppendCite(const CitedInstrument& in, const v1::Citation& c, std::string* out) {
  out->reserve(out->size() + in.name.size() + 48);
  out->append(in.name);
  const bool angka_first = in.angka_before_huruf && c.ayat() == 0;  // law.proto, Instrument.angka_before_huruf
  if (c.penjelasan()) out->append(" Penjelasan");
  if (!c.part().empty()) absl::StrAppend(out, " ", c.part());
  if (c.pasal() > 0) absl::StrAppend(out, " Pasal ", in.roman ? Roman(c.pasal()) : absl::StrCat(c.pasal()));
  if (c.ayat() > 0) absl::StrAppend(out, " ayat (", c.ayat(), ")");
  if (angka_first && c.angka() > 0) absl::StrAppend(out, " angka ", c.angka());
  if (!c.huruf().empty()) absl::StrAppend(out, " huruf ", c.huruf());
  if (!angka_first && c.angka() > 0) absl::StrAppend(out, " angka ", c.angka());
}

}  // namespace

std::string RuleBook::CiteAs(const v1::Citation& c) const {
  std::string out;
  AppendCite(Describe(*this, c.instrument()), c, &out);
  return out;
}

const std::vector<internal::RuleText>& internal::RuleTexts(const RuleBook& book) {
  const CompiledLaw& law = book.compiled();
  absl::call_once(law.texts_once, [&] {
    // Each cited instrument described, and its window in force parsed, once
    // (a rule book cites a few dozen instruments thousands of times).
    struct Cited {
      CitedInstrument text;
      RuleText::Window window{kAlways, kNever};
    };
    absl::flat_hash_map<std::string, Cited> instruments;
    law.texts.resize(law.rules.size());
    for (size_t i = 0; i < law.rules.size(); ++i) {
      const v1::Rule& r = *law.rules[i].rule;
      RuleText& t = law.texts[i];
      t.cited_as.reserve(r.citations_size());
      t.windows.reserve(r.citations_size());
      // The window each cited instrument is in force (validated on load);
      // a rule that cites repealed law on purpose keeps it (cites_repealed).
      for (const v1::Citation& c : r.citations()) {
        auto it = instruments.find(c.instrument());
        if (it == instruments.end()) {
          Cited d{Describe(book, c.instrument())};
          // Validated on load; a date that does not parse leaves the window open.
          if (const v1::Instrument* in = d.text.instrument) {
            if (auto f = ParseDate(in->in_force_from(), "in_force_from"); f.ok()) d.window.from = *f;
            if (!in->in_force_until().empty()) {
              if (auto u = ParseDate(in->in_force_until(), "in_force_until"); u.ok()) d.window.until = *u;
            }
          }
          it = instruments.emplace(c.instrument(), std::move(d)).first;
        }
        AppendCite(it->second.text, c, &t.cited_as.emplace_back());
        t.windows.push_back({it->second.window.from, r.cites_repealed() ? kNever : it->second.window.until});
      }
      // "ID (CITED_AS; CITED_AS)" of the citations `k` lists.
      auto cite = [&](absl::Span<const int> k) {
        std::string out;
        out.reserve(r.id().size() + 3 + k.size() * 48);
        absl::StrAppend(&out, r.id(), " (");
        for (size_t j = 0; j < k.size(); ++j) absl::StrAppend(&out, j > 0 ? "; " : "", t.cited_as[k[j]]);
        out.push_back(')');
        return out;
      };
      absl::InlinedVector<int, 16> all(t.cited_as.size());
      for (size_t k = 0; k < all.size(); ++k) all[k] = static_cast<int>(k);
      t.cite = cite(all);
      absl::InlinedVector<absl::CivilDay, 16> cuts;
      for (const RuleText::Window& w : t.windows) {
        cuts.push_back(w.from);
        if (w.until != kNever) cuts.push_back(w.until);
      }
      std::sort(cuts.begin(), cuts.end());
      cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      if (cuts.size() == 1) continue;  // every citation in force over the same window: no eras
      for (absl::CivilDay cut : cuts) {
        RuleText::Era era;
        era.from = cut;
        for (size_t k = 0; k < t.windows.size(); ++k) {
          if (t.windows[k].from <= cut && cut < t.windows[k].until) era.citations.push_back(static_cast<int>(k));
        }
        // No citation in force: the era before goes on (or, before the
        // first instrument took effect, the first era applies).
        if (era.citations.empty() || (!t.eras.empty() && t.eras.back().citations == era.citations)) continue;
        era.cite = cite(era.citations);
        t.eras.push_back(std::move(era));
      }
      // One era with every citation is no era at all.
      if (t.eras.size() == 1 && t.eras[0].citations.size() == t.windows.size()) t.eras.clear();
    }
  });
  return law.texts;
}

}  // namespace netra
