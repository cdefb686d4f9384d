// ValidateLaw's first stages (validate_stages.h): the instruments (ids,
// kinds, dates in force), the citations every entry makes of them, what every
// rule has (a unique id, citations, a paraphrase, a body, dates within its
// instrument's), and the norms with the duties they share. They build the
// indices by id that the later stages look up.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "law/validate_stages.h"
#include "netra/date.h"
#include "utf8.h"

namespace netra::internal {

absl::Status Validator::Instruments() {
  for (size_t i = 0; i < law_.instruments.size(); ++i) {
    const v1::Instrument& in = *law_.instruments[i];
    const std::string where = absl::StrCat(law_.instrument_where[i], ": instrument ", in.id(), ": ");
    if (!ValidId(in.id())) return Bad(absl::StrCat(where, "id must be lowercase letters, digits, '.', '_'"));
    auto [it, fresh] = law_.instrument_by_id.emplace(in.id(), static_cast<int>(i));
    if (!fresh) {
      return Bad(absl::StrCat(where, "duplicate instrument id (first at ",
                              law_.instrument_where[it->second], ")"));
    }
    if (auto st = Enums(in, ""); !st.ok()) return Bad(absl::StrCat(where, st.message()));
    if (in.kind() == v1::INSTRUMENT_KIND_UNSPECIFIED) return Bad(absl::StrCat(where, "kind is required"));
    if (in.article_count() < 0) return Bad(absl::StrCat(where, "article_count is negative"));
    if (in.roman_articles() && (in.article_count() < 1 || in.article_count() > 39)) {
      return Bad(absl::StrCat(where, "roman_articles needs an article_count from 1 to 39, not ", in.article_count()));
    }
    absl::CivilDay from = kAlways, until = kNever;
    if (in.in_force_from().empty()) return Bad(absl::StrCat(where, "in_force_from is required"));
    auto f = ParseDate(in.in_force_from(), absl::StrCat(where, "in_force_from"));
    if (!f.ok()) return f.status();
    from = *f;
    if (!in.in_force_until().empty()) {
      auto u = ParseDate(in.in_force_until(), absl::StrCat(where, "in_force_until"));
      if (!u.ok()) return u.status();
      until = *u;
    }
    if (!(from < until)) {
      return Bad(absl::StrCat(where, "dates out of order: in_force_until ", in.in_force_until(),
                              " is not after in_force_from ", in.in_force_from()));
    }
    if (!in.promulgated().empty()) {
      auto p = ParseDate(in.promulgated(), absl::StrCat(where, "promulgated"));
      if (!p.ok()) return p.status();
      if (*p > from) {
        return Bad(absl::StrCat(where, "dates out of order: in force (", in.in_force_from(),
                                ") before promulgation (", in.promulgated(), ")"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status Validator::CheckCitation(const v1::Citation& c) {
  auto it = law_.instrument_by_id.find(c.instrument());
  if (it == law_.instrument_by_id.end()) {
    return Bad(absl::StrCat("unknown instrument \"", c.instrument(), "\""));
  }
  const v1::Instrument& in = *law_.instruments[it->second];
  if (c.pasal() < 0 || c.ayat() < 0 || c.angka() < 0) return Bad("negative pasal, ayat or angka");
  if (c.pasal() == 0 && c.part().empty()) {
    return Bad("a citation needs a pasal or a named part (Menimbang, Penjelasan Umum, Lampiran ...)");
  }
  if (in.article_count() > 0 && c.pasal() > in.article_count()) {
    return Bad(absl::StrCat("unknown citation: Pasal ", c.pasal(), " of ", in.id(), ", which has ",
                            in.article_count(), " articles"));
  }
  if (!c.huruf().empty() &&
      (c.huruf().size() != 1 || !absl::ascii_islower(static_cast<unsigned char>(c.huruf()[0])))) {
    return Bad(absl::StrCat("huruf \"", c.huruf(), "\" must be one lowercase letter"));
  }
  return absl::OkStatus();
}

absl::Status Validator::RulesCommon() {
  law_.rule_from.resize(law_.rules.size(), kAlways);
  law_.rule_until.resize(law_.rules.size(), kNever);
  law_.rule_by_id.reserve(law_.rules.size());
  for (size_t i = 0; i < law_.rules.size(); ++i) {
    const int ri = static_cast<int>(i);
    const v1::Rule& r = R(ri);
    if (!ValidId(r.id())) {
      return Bad(absl::StrCat(W(ri), "id must be dotted lowercase (letters, digits, '.', '_')"));
    }
    auto [it, fresh] = law_.rule_by_id.emplace(r.id(), ri);
    if (!fresh) {
      const RuleEntry& first = law_.rules[it->second];
      return Bad(absl::StrCat(W(ri), "duplicate rule id (first at ", first.file, ":", first.line, ")"));
    }
    if (auto st = Enums(r, ""); !st.ok()) return Bad(absl::StrCat(W(ri), st.message()));
    if (r.citations_size() == 0) return Bad(absl::StrCat(W(ri), "a rule must cite at least one article"));
    for (int c = 0; c < r.citations_size(); ++c) {
      if (auto st = CheckCitation(r.citations(c)); !st.ok()) {
        return Bad(absl::StrCat(W(ri), "citations[", c, "]: ", st.message()));
      }
    }
    if (r.paraphrase().empty()) return Bad(absl::StrCat(W(ri), "paraphrase is required"));
    if (r.cites_repealed() && std::none_of(r.citations().begin(), r.citations().end(), [&](const v1::Citation& c) {
          return !law_.instruments[law_.instrument_by_id.at(c.instrument())]->in_force_until().empty();
        })) {
      return Bad(absl::StrCat(W(ri), "cites_repealed: true, yet none of its cited instruments has an in_force_until"));
    }
    if (r.body_case() == v1::Rule::BODY_NOT_SET) return Bad(absl::StrCat(W(ri), "rule has no body"));
    const v1::Instrument& first =
        *law_.instruments[law_.instrument_by_id.at(r.citations(0).instrument())];
    // The instrument's window (its dates validated with it), then the rule's
    // own dates within it; the rule's name is written only into an error.
    const absl::CivilDay inst_from = *ParseDate(first.in_force_from(), "");
    const absl::CivilDay inst_until =
        first.in_force_until().empty() ? kNever : *ParseDate(first.in_force_until(), "");
    absl::CivilDay from = inst_from, until = inst_until;
    if (!r.in_force_from().empty()) {
      auto f = ParseDate(r.in_force_from(), "in_force_from");
      if (!f.ok()) return Bad(absl::StrCat(W(ri), f.status().message()));
      from = *f;
    }
    if (!r.in_force_until().empty()) {
      auto u = ParseDate(r.in_force_until(), "in_force_until");
      if (!u.ok()) return Bad(absl::StrCat(W(ri), u.status().message()));
      until = *u;
    }
    if (!(from < until)) {
      return Bad(absl::StrCat(W(ri), "dates out of order: in force until ", FormatDate(until),
                              " is not after ", FormatDate(from)));
    }
    if (from < inst_from || until > inst_until) {
      return Bad(absl::StrCat(W(ri), "in force ", FormatDate(from), " to ", until == kNever ? "open" : FormatDate(until),
                              ", outside the window of its instrument ", first.id()));
    }
    law_.rule_from[i] = from;
    law_.rule_until[i] = until;
  }
  return absl::OkStatus();
}

absl::Status Validator::Norms() {
  for (size_t i = 0; i < law_.rules.size(); ++i) {
    const v1::Rule& r = R(static_cast<int>(i));
    if (r.body_case() != v1::Rule::kNorm) continue;
    if (r.norm().kind() == v1::Norm::KIND_UNSPECIFIED) {
      return Bad(absl::StrCat(W(static_cast<int>(i)), "norm.kind is required"));
    }
    law_.norm_by_id.emplace(r.id(), static_cast<int>(law_.norms.size()));
    NormInfo info;
    info.rule = static_cast<int>(i);
    info.law_of_act_date = r.norm().law_of_act_date();
    info.own_candidacy = r.norm().own_candidacy();
    law_.norms.push_back(std::move(info));
  }
  for (size_t n = 0; n < law_.norms.size(); ++n) {
    const int ri = law_.norms[n].rule;
    for (const std::string& other : R(ri).norm().same_duty_as()) {
      auto it = law_.norm_by_id.find(other);
      if (it == law_.norm_by_id.end() || it->second == static_cast<int>(n)) {
        return Bad(absl::StrCat(W(ri), "norm.same_duty_as: ", internal::Quoted(other, 80), " is not another norm"));
      }
      for (auto [a, b] : {std::pair{static_cast<int>(n), it->second}, std::pair{it->second, static_cast<int>(n)}}) {
        std::vector<int>& v = law_.norms[a].same_duty;
        if (std::find(v.begin(), v.end(), b) == v.end()) v.push_back(b);
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace netra::internal
