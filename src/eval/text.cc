#include "netra/text.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "netra/date.h"
#include "utf8.h"

namespace netra {
namespace {

absl::string_view BodyName(const v1::Rule& r) {
  switch (r.body_case()) {
    case v1::Rule::kNorm: return r.norm().kind() == v1::Norm::PROHIBITION ? "prohibition" : "obligation";
    case v1::Rule::kLevel: return "level";
    case v1::Rule::kSanctionType: return "sanction type";
    case v1::Rule::kAuthority: return "authority";
    case v1::Rule::kProcedure: return "procedure";
    case v1::Rule::kScope: return "scope";
    case v1::Rule::kPrinciple: return "principle";
    case v1::Rule::kHandling: return "handling";
    case v1::Rule::kDeadline: return "deadline";
    case v1::Rule::kRemedy: return "remedy";
    default: return "?";
  }
}

}  // namespace

std::string PrintableText(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t n = internal::Utf8Length(text, i);
    if (n == 0) {
      absl::StrAppendFormat(&out, "\\x%02X", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    const uint32_t c = internal::Utf8CodePoint(text, i, n);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (internal::IsControl(c)) {
      absl::StrAppendFormat(&out, "\\u{%04X}", c);
    } else {
      out.append(text.data() + i, n);
    }
    i += n;
  }
  return out;
}

std::string DeterminationText(const v1::Determination& d) {
  std::string out = absl::StrCat("Outcome: ", v1::Outcome_Name(d.outcome()), "\n");
  if (d.regime() != v1::REGIME_UNSPECIFIED && d.regime() != v1::DISCIPLINE) {
    absl::StrAppend(&out, "Regime: ", v1::Regime_Name(d.regime()), "\n");
  }
  if (d.level() != v1::LEVEL_UNSPECIFIED) absl::StrAppend(&out, "Level: ", v1::Level_Name(d.level()), "\n");
  for (const auto& a : d.acts()) {
    if (!a.has_election_stage()) continue;
    const v1::ElectionStage& es = a.election_stage();
    if (es.election().empty()) {
      // No calendar: the report gave the candidate status.
      absl::StrAppend(&out, "Election: ", v1::Office_Name(es.office()), " (no calendar) on the act date: ",
                      v1::CandidateStatus_Name(es.candidate_status()), " as reported\n");
      continue;
    }
    absl::StrAppend(&out, "Election: ", es.election(), " ", v1::Office_Name(es.office()));
    if (es.stage() == v1::STAGE_UNSPECIFIED) {
      // An act date given as a range over several stages: the Why lines say
      // which stage and status each part of the range has.
      absl::StrAppend(&out, " over the act date range: more than one stage\n");
    } else {
      absl::StrAppend(&out, " on the act date: ", v1::Stage_Name(es.stage()), ", ",
                      v1::CandidateStatus_Name(es.candidate_status()), "\n");
    }
  }
  if (d.has_handling()) {
    absl::StrAppend(&out, "Handled by: ", v1::HandlingBody_Name(d.handling().body()), " (", d.handling().rule_id(),
                    ")\n");
  }
  if (!d.allowed_sanctions().empty()) {
    absl::StrAppend(&out, "Allowed sanction types:\n");
    for (const auto& s : d.allowed_sanctions()) {
      absl::StrAppend(&out, "  ", s.code(), "  ", s.name());
      if (s.duration_months() > 0) absl::StrAppend(&out, " (", s.duration_months(), " months)");
      if (!s.substitutes().empty()) absl::StrAppend(&out, " [substitutes ", s.substitutes(), "]");
      if (s.siasn_jenis_hukuman_id() > 0) absl::StrAppend(&out, " SIASN jenisHukumanId ", s.siasn_jenis_hukuman_id());
      absl::StrAppend(&out, "\n");
    }
  }
  if (!d.competent_officials().empty()) {
    absl::StrAppend(&out, "Competent officials:\n");
    for (const auto& c : d.competent_officials()) {
      absl::StrAppend(&out, "  ", v1::Official_Name(c.official()));
      if (c.side() != v1::AGENCY_SIDE_UNSPECIFIED) {
        absl::StrAppend(&out, c.side() == v1::HOME ? " of the home agency" : " of the host agency");
      }
      if (c.proposer() != v1::OFFICIAL_UNSPECIFIED) {
        absl::StrAppend(&out, " on the proposal of ", v1::Official_Name(c.proposer()));
      }
      absl::StrAppend(&out, ": ", absl::StrJoin(c.sanction_types(), ", "), " (", c.rule_id(), ")");
      if (!c.note().empty()) absl::StrAppend(&out, "; ", c.note());
      absl::StrAppend(&out, "\n");
    }
  }
  if (d.has_procedure()) {
    absl::StrAppend(&out, "Examination team: ", v1::ProcedureRule::Team_Name(d.procedure().team()),
                    d.procedure().temporary_release_possible() ? "; temporary release possible" : "", "\n");
  }
  for (const auto& m : d.missing_facts()) {
    absl::StrAppend(&out, "Missing fact: ", m.field(), ": ", m.why(), "\n");
    for (const auto& a : m.alternatives()) {
      absl::StrAppend(&out, "  if ", a.value(), ": ", v1::Outcome_Name(a.outcome()));
      if (a.level() != v1::LEVEL_UNSPECIFIED) absl::StrAppend(&out, " ", v1::Level_Name(a.level()));
      if (!a.sanction_types().empty()) absl::StrAppend(&out, " (", absl::StrJoin(a.sanction_types(), ", "), ")");
      if (!a.rule_id().empty()) absl::StrAppend(&out, " by ", a.rule_id());
      absl::StrAppend(&out, "\n");
    }
  }
  absl::StrAppend(&out, "Why:\n");
  for (const auto& a : d.acts()) {
    for (const auto& e : a.explanation()) absl::StrAppend(&out, "  - ", e, "\n");
  }
  for (const auto& e : d.explanation()) absl::StrAppend(&out, "  - ", e, "\n");
  for (const auto& w : d.warnings()) absl::StrAppend(&out, "Warning: ", w, "\n");
  absl::StrAppend(&out, "Legal basis:\n");
  // Each rule once, though an act and the case may both cite it.
  std::vector<absl::string_view> listed;
  auto basis = [&](const v1::LegalBasis& b) {
    if (std::find(listed.begin(), listed.end(), b.rule_id()) != listed.end()) return;
    listed.push_back(b.rule_id());
    absl::StrAppend(&out, "  ", b.rule_id(), ": ", absl::StrJoin(b.cited_as(), "; "), "\n");
  };
  for (const auto& a : d.acts()) {
    for (const auto& b : a.basis()) basis(b);
  }
  for (const auto& b : d.basis()) basis(b);
  std::vector<std::string> changed;
  for (const auto& s : d.settings_used()) {
    if (!s.is_default()) changed.push_back(absl::StrCat(s.name(), "=", PrintableText(s.value())));
  }
  absl::StrAppend(&out, "Decision date: ", d.decision_date(), "; rule book ", d.rule_book_revision(),
                  "; settings: ", changed.empty() ? "all defaults" : absl::StrJoin(changed, ", "), "\n");
  return out;
}

std::string RulesText(const RuleBook& book, std::optional<absl::CivilDay> as_of) {
  std::string out;
  int n = 0;
  for (const RuleEntry& e : book.rules()) {
    if (as_of && !book.InForce(e, *as_of)) continue;
    ++n;
    const v1::Rule& r = *e.rule;
    std::vector<std::string> cites;
    for (const auto& c : r.citations()) cites.push_back(book.CiteAs(c));
    const std::string from = book.InForceFrom(e), until = book.InForceUntil(e);
    absl::StrAppend(&out, r.id(), "  [", BodyName(r), "]\n  ", absl::StrJoin(cites, "; "), "\n  in force ",
                    from.empty() ? "always" : from, " to ", until.empty() ? "now" : absl::StrCat("before ", until),
                    "; ", v1::Confidence_Name(r.confidence()), "; ", e.file, ":", e.line, "\n  ", r.paraphrase(),
                    "\n\n");
  }
  absl::StrAppend(&out, n, " rules", as_of ? absl::StrCat(" in force on ", FormatDate(*as_of)) : "", "; rule book ",
                  book.revision(), "\n");
  return out;
}

std::string ElectionsText(const RuleBook& book) {
  std::string out;
  auto entry = [&](const char* name, const v1::CalendarEntry& e) {
    if (e.from().empty()) return;
    std::vector<std::string> cites;
    for (const auto& c : e.citations()) cites.push_back(book.CiteAs(c));
    absl::StrAppend(&out, "    ", name, ": ", e.from(), e.until().empty() ? "" : absl::StrCat(" to ", e.until()), " (",
                    absl::StrJoin(cites, "; "), ")\n");
  };
  for (const v1::Election* el : book.elections()) {
    absl::StrAppend(&out, el->id(), "  ", el->name(), " [", v1::ElectionKind_Name(el->kind()), "]\n");
    for (const v1::Contest& k : el->contests()) {
      std::vector<std::string> offices;
      for (int o : k.offices()) offices.push_back(v1::Office_Name(o));
      absl::StrAppend(&out, "  contest ", k.id(), ": ", absl::StrJoin(offices, ", "),
                      k.regions().empty() ? "" : absl::StrCat(" in regions ", absl::StrJoin(k.regions(), ", ")), "\n");
      entry("registration", k.registration());
      entry("independent support collection", k.independent_support_collection());
      entry("determination", k.determination());
      entry("campaign", k.campaign());
      entry("quiet", k.quiet());
      entry("voting", k.voting());
      entry("recapitulation", k.recapitulation());
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

std::string CaseStateText(const v1::CaseState& s) {
  std::string out = absl::StrCat("Case ", PrintableText(s.case_id()), " (", v1::CaseKind_Name(s.kind()), "): ",
                                 v1::CaseStatus_Name(s.status()), " as of ", s.as_of(), " after ", s.events(), " events\n");
  if (!s.next_steps().empty()) {
    absl::StrAppend(&out, "Next steps:\n");
    for (const auto& n : s.next_steps()) {
      std::vector<std::string> roles;
      for (int r : n.roles()) roles.push_back(v1::Role_Name(r));
      for (int o : n.officials()) roles.push_back(v1::Official_Name(o));
      absl::StrAppend(&out, "  ", v1::EventType_Name(n.event()), " by ", absl::StrJoin(roles, ", "),
                      n.due().empty() ? "" : absl::StrCat(", due ", n.due()), n.note().empty() ? "" : absl::StrCat(" (", n.note(), ")"),
                      "\n");
    }
  }
  if (!s.deadlines().empty()) {
    absl::StrAppend(&out, "Deadlines:\n");
    for (const auto& d : s.deadlines()) {
      absl::StrAppend(&out, "  ", d.name(), ": ", d.days(), d.working_days() ? " working" : "", " days after ",
                      d.counted_from(), " -> ", d.due().empty() ? "unknown" : d.due(), " [",
                      v1::Deadline::Status_Name(d.status()), d.met_on().empty() ? "" : absl::StrCat(" on ", d.met_on()),
                      "] ", absl::StrJoin(d.cited_as(), "; "), "\n");
    }
  }
  if (s.has_sanction()) {
    const v1::SanctionEffect& e = s.sanction();
    absl::StrAppend(&out, "Sanction: ", e.sanction_type(), ", decided ", e.decision_date(),
                    e.receipt_date().empty() ? "" : absl::StrCat(", received ", e.receipt_date()),
                    e.effective_from().empty() ? "" : absl::StrCat(", in effect from ", e.effective_from()),
                    e.last_day().empty() ? "" : absl::StrCat(" to ", e.last_day()), e.permanent() ? " (permanent)" : "",
                    "\n");
    for (const auto& b : e.blocks()) absl::StrAppend(&out, "  blocks ", b.what(), " until ", b.until(), " (", b.rule_id(), ")\n");
    for (const auto& x : e.explanation()) absl::StrAppend(&out, "  - ", x, "\n");
    const v1::SiasnHukdisRecord& r = e.siasn();
    absl::StrAppend(&out, "  SIASN: jenisHukumanId=", r.jenis_hukuman_id(), " hukumanTanggal=", r.hukuman_tanggal(),
                    " akhirHukumanTanggal=", r.akhir_hukuman_tanggal(), " masaTahun=", r.masa_tahun(),
                    " masaBulan=", r.masa_bulan(), " skNomor=", r.sk_nomor(), " skTanggal=", r.sk_tanggal(),
                    " nomorPp=", r.nomor_pp(), "\n");
    for (const auto& t : e.tukin_deductions()) {
      absl::StrAppend(&out, "  tukin ", t.month(), ": ", t.deduction(), " of ", t.tukin(), "\n");
    }
  }
  for (const auto& x : s.explanation()) absl::StrAppend(&out, "- ", x, "\n");
  if (s.has_determination()) {
    absl::StrAppend(&out, "The law's answer on the findings:\n", DeterminationText(s.determination()));
  }
  return out;
}

std::string AuditFindingText(const v1::AuditFinding& f) {
  std::vector<std::string> verdicts;
  for (int v : f.verdicts()) verdicts.push_back(v1::Verdict_Name(v));
  std::string out = absl::StrCat("Case ", f.case_id().empty() ? "(no id)" : PrintableText(f.case_id()), ": ",
                                 v1::Verdict_Name(f.verdict()), verdicts.size() > 1 ? absl::StrCat(" (", absl::StrJoin(verdicts, ", "), ")") : "", "\n");
  for (const auto& r : f.reasons()) absl::StrAppend(&out, "  - ", r, "\n");
  absl::StrAppend(&out, "The law's answer:\n", DeterminationText(f.determination()));
  return out;
}

v1::RuleFile RulesFile(const RuleBook& book, std::optional<absl::CivilDay> as_of) {
  v1::RuleFile f;
  for (const v1::Instrument* in : book.instruments()) *f.add_instruments() = *in;
  for (const v1::Setting* s : book.settings()) *f.add_settings() = *s;
  for (const v1::Election* e : book.elections()) *f.add_elections() = *e;
  for (const RuleEntry& e : book.rules()) {
    if (as_of && !book.InForce(e, *as_of)) continue;
    v1::Rule* r = f.add_rules();
    *r = *e.rule;
    r->set_in_force_from(book.InForceFrom(e));
    r->set_in_force_until(book.InForceUntil(e));
  }
  return f;
}

}  // namespace netra
