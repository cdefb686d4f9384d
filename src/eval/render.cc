// Evaluator::Render: turns a compact result into the netra.v1.Determination
// users read, with citations, explanations and, for each missing fact, what
// each of its values would give. Off the hot path: it may allocate freely.
//
// One body (RenderTo) writes both forms of the answer: the message, and its
// wire form (src/eval/determination_wire.proto) where what depends only on
// a rule or a sanction type is appended as bytes serialised once per rule
// book (src/eval/fragments.h). The overloads below are the only places the
// two forms differ; both encode to the same bytes.
#include <algorithm>
#include <bit>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/types/span.h"
#include "eval/determination_wire.pb.h"
#include "eval/fragments.h"
#include "eval/resolved.h"
#include "netra/date.h"
#include "netra/evaluator.h"
#include "netra/summary.h"

namespace netra {
namespace {

using internal::CompiledLaw;
using google::protobuf::RepeatedPtrField;
namespace wire = internal::wire;

// Appends `bytes` to a repeated fragment field unless it is there already
// (the same rule's fragment: the message form compares rule ids).
void AddOnce(const std::string& bytes, RepeatedPtrField<std::string>* out) {
  for (const std::string& b : *out) {
    if (b == bytes) return;
  }
  out->Add()->assign(bytes);
}

// Whose candidate status an act turns on, and the status in words: the
// ASN's own candidacy, a party's standing as a participant (peserta pemilu,
// which the KPU determines before the candidates), or a candidate's.
const char* Supported(bool own_candidacy, v1::Office office) {
  return own_candidacy                      ? "the ASN, as the aspiring candidate,"
         : office == v1::POLITICAL_PARTY ? "the party supported"
                                            : "the person supported";
}
const char* StatusWords(v1::CandidateStatus status, v1::Office office) {
  if (office == v1::POLITICAL_PARTY) {
    return status == v1::CALON         ? "determined participant of the election (peserta pemilu: the decree's calon)"
           : status == v1::BAKAL_CALON ? "party not yet determined as a participant (the decree's bakal calon)"
                                       : "party not yet determined before that date and a participant from it";
  }
  return status == v1::CALON         ? "calon (determined candidate)"
         : status == v1::BAKAL_CALON ? "bakal calon (not yet determined)"
                                     : "bakal calon before that date and a calon from it";
}
const char* WhoWasDetermined(v1::Office office) {
  return office == v1::POLITICAL_PARTY ? "the parties taking part were determined" : "candidates were determined";
}

bool SameCitation(const v1::Citation& a, const v1::Citation& b) {
  return a.instrument() == b.instrument() && a.pasal() == b.pasal() && a.ayat() == b.ayat() && a.huruf() == b.huruf() &&
         a.angka() == b.angka() && a.part() == b.part() && a.penjelasan() == b.penjelasan();
}

// A setting as an evaluator has it: "name=value (the default)" or "(not the
// default)".
std::string SettingAsSet(const internal::ResolvedLaw& r, int setting) {
  const v1::Setting& decl = *r.law->settings[setting].decl;
  return absl::StrCat(decl.name(), "=", r.values[setting],
                      r.values[setting] == decl.default_value() ? " (the default)" : " (not the default)");
}

// Whether citation `outer` names `inner` or a whole that holds it: the same
// article, and each finer part `outer` gives equal (PP 49/2018 Pasal 53
// holds Pasal 53 ayat (2) huruf a).
bool HoldsCitation(const v1::Citation& outer, const v1::Citation& inner) {
  if (outer.instrument() != inner.instrument() || outer.pasal() != inner.pasal() || outer.part() != inner.part() ||
      outer.penjelasan() != inner.penjelasan()) {
    return false;
  }
  if (outer.ayat() != 0 && outer.ayat() != inner.ayat()) return false;
  if (!outer.huruf().empty() && outer.huruf() != inner.huruf()) return false;
  return outer.angka() == 0 || outer.angka() == inner.angka();
}

class Renderer {
 public:
  Renderer(const RuleBook& book, const internal::ResolvedLaw& r)
      : book_(book), law_(*r.law), r_(r), texts_(internal::RuleTexts(book)) {}

  // The date the rules are applied on: citations of instruments that took
  // effect after it are left out (RuleText::eras).
  void SetDay(absl::CivilDay day) { day_ = day; }

  void Basis(int rule, RepeatedPtrField<v1::LegalBasis>* out) {
    internal::AddBasis(book_, rule, out, texts_[rule].EraOn(day_));
  }
  void Basis(int rule, RepeatedPtrField<std::string>* out) {
    const int era = texts_[rule].EraOn(day_);
    AddOnce(era < 0 ? F().basis[rule] : F().basis_eras[rule][era], out);
  }

  // Whether any of the rule's cited instruments is in force on the day.
  bool CitedOnDay(int rule) const { return texts_[rule].CitedOn(day_); }

  // The indices of the rule's citations in force on the day, in order;
  // empty when all are.
  absl::Span<const int> CitationsOn(int rule) {
    const int era = texts_[rule].EraOn(day_);
    return era < 0 ? absl::Span<const int>() : absl::MakeConstSpan(texts_[rule].eras[era].citations);
  }

  const std::string& Cite(int rule) {
    const int era = texts_[rule].EraOn(day_);
    return era < 0 ? texts_[rule].cite : texts_[rule].eras[era].cite;
  }

  std::vector<std::string> Codes(SanctionTypeMask mask) {
    std::vector<std::string> out;
    for (int t : r_.type_order) {
      if (mask & (SanctionTypeMask{1} << t)) out.push_back(law_.types[t].code);
    }
    return out;
  }

  // A type's citations are those in force on the day, as for a basis.
  int TypeEra(int type) const { return texts_[law_.types[type].rule].EraOn(day_); }
  void Sanctions(SanctionTypeMask mask, RepeatedPtrField<v1::AllowedSanction>* out) {
    for (int t : r_.type_order) {
      if (mask & (SanctionTypeMask{1} << t)) internal::FillSanction(book_, t, out->Add(), TypeEra(t));
    }
  }
  void Sanctions(SanctionTypeMask mask, RepeatedPtrField<std::string>* out) {
    for (int t : r_.type_order) {
      if (!(mask & (SanctionTypeMask{1} << t))) continue;
      const int era = TypeEra(t);
      out->Add()->assign(era < 0 ? F().sanctions[t] : F().sanction_eras[t][era]);
    }
  }

  void Citations(int rule, RepeatedPtrField<v1::Citation>* out) { *out = law_.rules[rule].rule->citations(); }
  void Citations(int rule, RepeatedPtrField<std::string>* out) {
    for (const std::string& c : F().citations[rule]) out->Add()->assign(c);
  }

  void Procedure(int rule, v1::Determination* d) { internal::FillProcedure(*law_.rules[rule].rule, d->mutable_procedure()); }
  void Procedure(int rule, wire::Determination* d) { d->set_procedure(F().procedure[rule]); }

  void Handling(int rule, v1::Determination* d) { internal::FillHandling(book_, rule, d->mutable_handling()); }
  void Handling(int rule, wire::Determination* d) { d->set_handling(F().handling[rule]); }

  void Entry(const char* name, const v1::CalendarEntry& e, v1::ElectionStage* out) {
    internal::FillEntry(book_, name, e, out->add_entries());
  }
  void Entry(const char* name, const v1::CalendarEntry& e, wire::ElectionStage* out) {
    out->add_entries()->assign(F().entries.at({&e, name}).wire);
  }
  // The formatted citations of the stage's first entry (the candidates'
  // determination), joined.
  std::string FirstEntryCitedAs(const v1::ElectionStage& es, const v1::CalendarEntry&) {
    return absl::StrJoin(es.entries(0).cited_as(), "; ");
  }
  std::string FirstEntryCitedAs(const wire::ElectionStage&, const v1::CalendarEntry& e) {
    return F().entries.at({&e, "determination"}).cited_as;
  }

  void Settings(const std::vector<Evaluator::SettingValue>& settings, v1::Determination* d) {
    for (const Evaluator::SettingValue& s : settings) internal::FillSetting(s, d->add_settings_used());
  }
  void Settings(const std::vector<Evaluator::SettingValue>&, wire::Determination* d) {
    for (const std::string& s : r_.settings_wire) d->add_settings_used(s);
  }

  const RuleBook& book() const { return book_; }

 private:
  // Only the wire form asks: the message form never builds the fragments.
  const internal::RenderFragments& F() {
    if (fragments_ == nullptr) fragments_ = &internal::RenderFragmentsOf(book_);
    return *fragments_;
  }

  const RuleBook& book_;
  const CompiledLaw& law_;
  const internal::ResolvedLaw& r_;
  const std::vector<internal::RuleText>& texts_;
  const internal::RenderFragments* fragments_ = nullptr;
  absl::CivilDay day_ = internal::kNever;
};

// The request path of a fact relative to its act (or the employee's), as
// the summary gives it: one table for both answers (src/eval/summary.cc).
const char* FactField(int bit) {
  const char* path = Summarizer::MissingFactNames(/*request_paths=*/true)[bit];
  return *path != '\0' ? path : "?";
}

const char* FactWhy(int bit) {
  switch (bit) {
    case internal::kFactImpact: return "the level depends on the negative impact (Dampak Negatif) of the act";
    case internal::kFactCumulative: return "the absence table counts unexcused working days per calendar year";
    case internal::kFactConsecutive:
      return "10 consecutive unexcused working days are a separate ground for dismissal (berat)";
    case internal::kFactValidReason: return "the rule applies only to a breach without a valid reason";
    case internal::kFactWealthObliged: return "the rule applies only to PNS the rules oblige to file a wealth report";
    case internal::kFactPosition: return "the level depends on the offender's position";
    case internal::kFactReferenceSanction:
      return "the sanction must be heavier than the one the subordinate should have received";
    case internal::kFactCandidateStatus:
      return "the joint decree's row depends on whether the supported person was already determined as a "
             "candidate on the act date (bakal calon or calon), which the election calendar gives from the "
             "target's election and office (for a contest no calendar covers, give the office and "
             "neutrality.target.reported_status instead)";
    case internal::kFactRoute: return "the row applies only to support for an independent (perseorangan) candidate";
    case internal::kFactOnCltn:
      return "the row depends on whether the ASN was on unpaid leave outside state responsibility (CLTN)";
    case internal::kFactActiveSupport:
      return "the decree's row requires active acts or support, beyond being present";
    case internal::kFactResigned: return "the consequence differs when the ASN had resigned in writing";
    case internal::kFactCltnBreach:
      return "on CLTN the ASN may accompany a candidate spouse, but not with attributes, partisan symbols, "
             "social-media support or as a speaker";
    case internal::kFactIntentional:
      return "the level depends on whether the act was done on purpose (dengan sengaja)";
    case internal::kFactWorkTarget:
      return "the level depends on how much of the year's work targets (sasaran kerja pegawai) was achieved";
    case internal::kFactPrison:
      return "the consequence depends on the prison term of the final judgment (under or at least two years, or "
             "none)";
    case internal::kFactPlanned: return "the consequence depends on whether the crime was planned (berencana)";
    case internal::kFactOfficeCrime:
      return "a crime of office, or one connected with the office, has its own consequence";
    case internal::kFactRetention:
      return "the PNS may be kept only if the official finds every condition of PP 11/2017 Pasal 248(1)";
    case internal::kFactCustodial:
      return "a conviction is a dismissal ground only with prison or kurungan, not with a fine alone";
    case internal::kFactAttributes:
      return "taking part in a calon's campaign wearing party or PNS attributes is sedang (PP 94/2021 Pasal 5 huruf n "
             "angka 2, 13 huruf g)";
    case internal::kFactMobilised:
      return "taking part in a calon's campaign by mobilising other PNS is berat (PP 94/2021 Pasal 5 huruf n angka 3, "
             "14 huruf i angka 1)";
    case internal::kFactFacilities:
      return "taking part in a calon's campaign using state facilities is berat (PP 94/2021 Pasal 5 huruf n angka 4, "
             "14 huruf i angka 2)";
    case internal::kFactActDate:
      return "the act date is known only as a range (act_date_range), and the answer differs within it: the "
             "candidate's status, the law in force on the act date or a repeat after an earlier sanction changes "
             "inside it";
    default: return "";
  }
}

// Fills the stage of an act in its election, with the calendar entries
// that decided it.
template <typename Stage>
void FillStage(const CompiledLaw& law, const ActFacts& af, Stage* out, Renderer& R) {
  const internal::CompiledElection& el = law.elections[af.election];
  const v1::Contest& k = *el.contests[af.contest].decl;
  out->set_election(el.decl->id());
  out->set_contest(k.id());
  out->set_office(af.office);
  out->set_stage(af.stage);
  out->set_candidate_status(af.status);
  R.Entry("determination", k.determination(), out);
  switch (af.stage) {
    case v1::NOMINATION: R.Entry("registration", k.registration(), out); break;
    case v1::CAMPAIGN: R.Entry("campaign", k.campaign(), out); break;
    case v1::QUIET: R.Entry("quiet", k.quiet(), out); break;
    case v1::VOTING: R.Entry("voting", k.voting(), out); break;
    case v1::DETERMINED_PRE_CAMPAIGN: R.Entry("campaign", k.campaign(), out); break;
    case v1::POST_VOTING: R.Entry("voting", k.voting(), out); break;
    default: break;
  }
}

// Every calendar entry FillStage can name, with its name.
template <typename F>
void ForEachEntry(const v1::Contest& k, F&& f) {
  f("determination", k.determination());
  f("registration", k.registration());
  f("campaign", k.campaign());
  f("quiet", k.quiet());
  f("voting", k.voting());
}

// Request path of fact `bit` of act `at` (the implicit party-membership act
// has no path of its own: the fact is given by reporting it as an act).
std::string FactPath(int bit, const std::string& at, bool implicit) {
  return bit == internal::kFactPosition ? FactField(bit) : implicit ? at : absl::StrCat(at, ".", FactField(bit));
}

// "11..13", ">= 28", "5"; "2024-09-22..2024-10-31" for days.
std::string RangeLabel(int32_t lo, int32_t hi, bool days) {
  if (days) {
    return lo == hi ? FormatDate(internal::FromDayNumber(lo))
                    : absl::StrCat(FormatDate(internal::FromDayNumber(lo)), "..", FormatDate(internal::FromDayNumber(hi)));
  }
  return hi == internal::kUnbounded ? absl::StrCat(">= ", lo) : hi == lo ? absl::StrCat(lo) : absl::StrCat(lo, "..", hi);
}

}  // namespace

void internal::FillSanction(const RuleBook& book, int type, v1::AllowedSanction* s, int era) {
  const CompiledLaw& law = book.compiled();
  const internal::CompiledSanctionType& ct = law.types[type];
  const v1::Rule& rule = *law.rules[ct.rule].rule;
  const v1::SanctionType& st = rule.sanction_type();
  s->set_code(ct.code);
  s->set_name(st.name());
  s->set_level(ct.level);
  s->set_duration_months(st.duration_months());
  s->set_permanent(st.permanent());
  s->set_siasn_jenis_hukuman_id(st.siasn_jenis_hukuman_id());
  s->set_rule_id(rule.id());
  if (era < 0) {
    *s->mutable_citations() = rule.citations();
  } else {
    for (int k : internal::RuleTexts(book)[ct.rule].eras[era].citations) *s->add_citations() = rule.citations(k);
  }
  s->set_substitutes(st.substitutes());
  s->set_regime(ct.regime);
}

void internal::FillProcedure(const v1::Rule& pr, v1::Procedure* proc) {
  proc->set_team(pr.procedure().team());
  proc->set_temporary_release_possible(pr.procedure().temporary_release_possible());
  proc->set_rule_id(pr.id());
  *proc->mutable_citations() = pr.citations();
}

void internal::FillHandling(const RuleBook& book, int rule, v1::HandlingAuthority* h) {
  const v1::Rule& hr = *book.compiled().rules[rule].rule;
  h->set_body(hr.handling().body());
  h->set_role(hr.handling().role());
  h->set_rule_id(hr.id());
  *h->mutable_citations() = hr.citations();
  for (const std::string& c : internal::RuleTexts(book)[rule].cited_as) h->add_cited_as(c);
}

void internal::FillEntry(const RuleBook& book, const char* name, const v1::CalendarEntry& e,
                         v1::CalendarEntryUsed* u) {
  u->set_name(name);
  u->set_from(e.from());
  u->set_until(e.until());
  *u->mutable_citations() = e.citations();
  for (const auto& c : e.citations()) u->add_cited_as(book.CiteAs(c));
}

void internal::FillSetting(const Evaluator::SettingValue& s, v1::SettingUsed* u) {
  u->set_name(s.name);
  u->set_value(s.value);
  u->set_is_default(s.is_default);
}

const internal::RenderFragments& internal::RenderFragmentsOf(const RuleBook& book) {
  const CompiledLaw& law = book.compiled();
  absl::call_once(law.fragments_once, [&] {
    auto f = std::make_shared<RenderFragments>();
    const size_t n = law.rules.size();
    f->basis.resize(n);
    f->basis_eras.resize(n);
    f->citations.resize(n);
    f->procedure.resize(n);
    f->handling.resize(n);
    RepeatedPtrField<v1::LegalBasis> basis;
    for (size_t i = 0; i < n; ++i) {
      const v1::Rule& rule = *law.rules[i].rule;
      const int index = static_cast<int>(i);
      basis.Clear();
      AddBasis(book, index, &basis);
      f->basis[i] = basis.Get(0).SerializeAsString();
      f->json.Add(v1::LegalBasis::descriptor(), f->basis[i]);
      for (size_t e = 0; e < RuleTexts(book)[i].eras.size(); ++e) {
        basis.Clear();
        AddBasis(book, index, &basis, static_cast<int>(e));
        f->basis_eras[i].push_back(basis.Get(0).SerializeAsString());
        f->json.Add(v1::LegalBasis::descriptor(), f->basis_eras[i].back());
      }
      for (const v1::Citation& c : rule.citations()) {
        f->citations[i].push_back(c.SerializeAsString());
        f->json.Add(v1::Citation::descriptor(), f->citations[i].back());
      }
      if (rule.has_procedure()) {
        v1::Procedure p;
        FillProcedure(rule, &p);
        f->procedure[i] = p.SerializeAsString();
        f->json.Add(v1::Procedure::descriptor(), f->procedure[i]);
      }
      if (rule.has_handling()) {
        v1::HandlingAuthority h;
        FillHandling(book, index, &h);
        f->handling[i] = h.SerializeAsString();
        f->json.Add(v1::HandlingAuthority::descriptor(), f->handling[i]);
      }
    }
    f->sanction_eras.resize(law.types.size());
    for (size_t t = 0; t < law.types.size(); ++t) {
      v1::AllowedSanction s;
      FillSanction(book, static_cast<int>(t), &s);
      f->sanctions.push_back(s.SerializeAsString());
      f->json.Add(v1::AllowedSanction::descriptor(), f->sanctions.back());
      for (size_t e = 0; e < RuleTexts(book)[law.types[t].rule].eras.size(); ++e) {
        s.Clear();
        FillSanction(book, static_cast<int>(t), &s, static_cast<int>(e));
        f->sanction_eras[t].push_back(s.SerializeAsString());
        f->json.Add(v1::AllowedSanction::descriptor(), f->sanction_eras[t].back());
      }
    }
    for (const CompiledElection& el : law.elections) {
      for (const CompiledContest& k : el.contests) {
        ForEachEntry(*k.decl, [&](const char* name, const v1::CalendarEntry& e) {
          v1::CalendarEntryUsed u;
          FillEntry(book, name, e, &u);
          RenderFragments::Entry& entry = f->entries[{&e, name}];
          entry.wire = u.SerializeAsString();
          entry.cited_as = absl::StrJoin(u.cited_as(), "; ");
          f->json.Add(v1::CalendarEntryUsed::descriptor(), entry.wire);
        });
      }
    }
    law.fragments = std::move(f);
  });
  return *law.fragments;
}

void internal::AddBasis(const RuleBook& book, int rule, google::protobuf::RepeatedPtrField<v1::LegalBasis>* out,
                        int era) {
  const v1::Rule& rr = *book.compiled().rules[rule].rule;
  for (const auto& b : *out) {
    if (b.rule_id() == rr.id()) return;
  }
  const RuleText& text = internal::RuleTexts(book)[rule];
  v1::LegalBasis* b = out->Add();
  b->set_rule_id(rr.id());
  b->set_paraphrase(rr.paraphrase());
  if (era < 0) {
    *b->mutable_citations() = rr.citations();
    for (const std::string& c : text.cited_as) b->add_cited_as(c);
    return;
  }
  for (int k : text.eras[era].citations) {
    *b->add_citations() = rr.citations(k);
    b->add_cited_as(text.cited_as[k]);
  }
}

v1::Determination Evaluator::Render(const CaseFacts& facts, const CaseResult& res) const {
  v1::Determination d;
  Render(facts, res, &d);
  return d;
}

void Evaluator::Render(const CaseFacts& facts, const CaseResult& res, v1::Determination* out) const {
  RenderTo(facts, res, out);
}

absl::Status Evaluator::EvaluateSerialized(const v1::EvaluationRequest& request, std::string* out) const {
  if (!request.settings().empty()) {
    auto derived = WithRequestSettings(request);
    if (!derived.ok()) return derived.status();
    v1::EvaluationRequest copy = request;
    copy.clear_settings();
    return derived->EvaluateSerialized(copy, out);
  }
  out->clear();
  CaseFacts facts;
  if (auto st = Prepare(request, &facts); !st.ok()) return st;
  CaseResult result;
  Evaluate(facts, &result);
  // One wire message per thread, cleared per answer: protobuf keeps the
  // cleared strings and messages of its repeated fields for reuse, so an
  // answer like the last allocates almost nothing.
  thread_local wire::Determination d;
  RenderTo(facts, result, &d);
  d.SerializeToString(out);
  return absl::OkStatus();
}

template <typename D>
void Evaluator::RenderTo(const CaseFacts& facts, const CaseResult& res, D* out) const {
  const internal::ResolvedLaw& r = *resolved_;
  Renderer R(*book_, r);
  const CompiledLaw& law = *r.law;
  D& d = *out;
  d.Clear();
  d.set_outcome(res.outcome);
  d.set_level(res.level);
  d.set_rule_book_revision(law.revision);
  d.set_decision_date(FormatDate(facts.decision_date));
  for (const std::string& w : facts.warnings) d.add_warnings(w);
  R.SetDay(facts.decision_date);

  // The scope rule of each act's family of norms for this kind of employee,
  // when in force on the date the act is judged by: an act decided before
  // PP 94/2021 is not said to be under it.
  for (const ActFacts& af : facts.acts) {
    const int scope = law.norms[af.norm].scope_by_kind[facts.kind];
    const absl::CivilDay day = law.norms[af.norm].law_of_act_date ? af.act_date : facts.decision_date;
    if (scope >= 0 && law.rule_from[scope] <= day && day < law.rule_until[scope]) R.Basis(scope, d.mutable_basis());
  }

  for (size_t i = 0; i < res.acts.size(); ++i) {
    const ActResult& ar = res.acts[i];
    const ActFacts& af = facts.acts[i];
    const std::string at = af.implicit ? std::string("employee.party_member") : absl::StrCat("acts[", i, "]");
    auto* ad = d.add_acts();
    const v1::Rule& norm = *law.rules[law.norms[af.norm].rule].rule;
    const bool by_act_date = law.norms[af.norm].law_of_act_date;
    // The act's rules are cited as they stood on the date they apply on.
    R.SetDay(by_act_date ? std::max(af.act_date, af.act_date_until) : facts.decision_date);
    ad->set_norm(norm.id());
    ad->set_outcome(ar.outcome);
    ad->set_level(ar.level);
    ad->set_regime(ar.regime);
    if (af.contest >= 0) {
      FillStage(law, af, ad->mutable_election_stage(), R);
    } else if (af.status_reported) {  // the report's status, without a calendar
      ad->mutable_election_stage()->set_office(af.office);
      ad->mutable_election_stage()->set_candidate_status(af.status);
    }
    R.Sanctions(ar.allowed, ad->mutable_allowed_sanctions());
    R.Basis(law.norms[af.norm].rule, ad->mutable_basis());
    for (int k = 0; k < ar.rule_count; ++k) R.Basis(law.level_rules[ar.rules[k]].rule, ad->mutable_basis());
    for (int p = 0; p < static_cast<int>(kPrincipleCount); ++p) {
      if (ar.principles & (1u << p)) R.Basis(r.PrincipleRule(p, facts.decision_date), ad->mutable_basis());
    }
    if (ar.outcome != v1::OUTSIDE_SCOPE) {
      for (int rule : r.norm_principles[af.norm]) R.Basis(rule, ad->mutable_basis());
    }
    // The act's header cites the norm's row that decided it (the decree's
    // disiplin row for a calon, its etika row for a bakal calon): the first
    // citation of the norm in force on the day that the deciding rule also
    // cites; else the first that holds one the rule cites (a PPPK's
    // conviction: PP 49/2018 Pasal 53, not PP 11/2017 Pasal 247); else the
    // norm's first citation in force on the day.
    const absl::Span<const int> on = R.CitationsOn(law.norms[af.norm].rule);
    const int count = on.empty() ? norm.citations_size() : static_cast<int>(on.size());
    auto citation = [&](int j) { return on.empty() ? j : on[j]; };
    int header = citation(0);
    if (ar.rule_count > 0) {
      const v1::Rule& decided = *law.rules[law.level_rules[ar.rules[0]].rule].rule;
      auto first = [&](bool (*match)(const v1::Citation&, const v1::Citation&)) {
        for (int j = 0; j < count; ++j) {
          for (const v1::Citation& c : decided.citations()) {
            if (match(norm.citations(citation(j)), c)) return citation(j);
          }
        }
        return -1;
      };
      const int same = first(SameCitation);
      const int holds = same >= 0 ? same : first(HoldsCitation);
      if (holds >= 0) header = holds;
    }
    // A norm none of whose instruments was in force on the day is named alone.
    const std::string what =
        R.CitedOnDay(law.norms[af.norm].rule)
            ? absl::StrCat(at, " (", norm.id(), ", ", R.book().CiteAs(norm.citations(header)), ")")
            : absl::StrCat(at, " (", norm.id(), ")");
    const bool date_range = af.act_date_until > af.act_date;
    const std::string act_dates = date_range ? absl::StrCat("between ", FormatDate(af.act_date), " and ",
                                                            FormatDate(af.act_date_until))
                                             : absl::StrCat("on ", FormatDate(af.act_date));
    if (af.contest >= 0) {
      const auto& es = ad->election_stage();
      const v1::CalendarEntry& determined = law.elections[af.election].contests[af.contest].decl->determination();
      ad->add_explanation(absl::StrCat(
          what, ": ", act_dates, " the ", v1::Office_Name(es.office()), " contest of ", es.election(),
          af.stage != v1::STAGE_UNSPECIFIED ? absl::StrCat(" was at stage ", v1::Stage_Name(es.stage()))
                                            : std::string(" went through more than one stage"),
          "; ", WhoWasDetermined(af.office), " on ", determined.from(), ", so ",
          Supported(law.norms[af.norm].own_candidacy, af.office), " was a ", StatusWords(af.status, af.office), " (",
          R.FirstEntryCitedAs(es, determined), ")."));
    }
    if (af.status_reported) {
      ad->add_explanation(absl::StrCat(what, ": no election calendar was given for this ", v1::Office_Name(af.office),
                                       " contest; the report states that ",
                                       Supported(law.norms[af.norm].own_candidacy, af.office), " was a ",
                                       StatusWords(af.status, af.office),
                                       " on the act date (neutrality.target.reported_status), and the answer relies on it."));
    }
    if (ar.principles & kNotYetExamined) {
      ad->add_explanation(absl::StrCat(what, ": committed ", af.act_date_until < r.pp94_from ? "" : "possibly ",
                                       "before PP 94/2021 took effect (",
                                       FormatDate(r.pp94_from), ") and not examined before it: PP 94 applies (",
                                       R.Cite(r.PrincipleRule(7, facts.decision_date)), ")."));
    }
    if (ar.principles & kAlreadyExamined) {
      ad->add_explanation(absl::StrCat(what, ": examined before PP 94/2021 took effect: the examination stands "
                                       "and the rest of the process follows PP 94 (",
                                       R.Cite(r.PrincipleRule(8, facts.decision_date)), ")."));
    }
    if (ar.principles & kLateConversion) {
      ad->add_explanation(absl::StrCat(what, ": ", af.late_minutes, " minutes of late arrival/early departure count as ",
                                       ar.converted_late_days, " day(s) of absence (setting late_minutes_per_absence_day=",
                                       r.late_minutes_per_day, "), added to the ",
                                       af.cumulative_days >= 0 ? absl::StrCat(af.cumulative_days, " days reported")
                                       : af.cumulative_at_least > 0 || af.cumulative_at_most != kNoUpperBound
                                           ? absl::StrCat(RangeLabel(af.cumulative_at_least, af.cumulative_at_most, false),
                                                          " days reported")
                                           : std::string("days of absence, which are not given"),
                                       "."));
    }
    // A kind the law leaves to a host's own rules, answered because a
    // setting says those rules adopt these: name it and its value.
    if (const int scope = law.norms[af.norm].scope_by_kind[facts.kind]; scope >= 0 && ar.outcome != v1::OUTSIDE_SCOPE) {
      if (auto gate = law.scope_gates.find(scope); gate != law.scope_gates.end()) {
        ad->add_explanation(absl::StrCat(what, ": answered for a ", v1::EmployeeKind_Name(facts.kind), " by setting ",
                                         SettingAsSet(r, gate->second.first), "; without it: ",
                                         law.rules[scope].rule->scope().governed_by(), ". ",
                                         law.settings[gate->second.first].decl->why()));
      }
    }
    switch (ar.outcome) {
      case v1::SANCTION: {
        std::string line = absl::StrCat(what, ": ",
                                        ar.regime == v1::DISCIPLINE ? v1::Level_Name(ar.level)
                                        : ar.regime == v1::ETHICS   ? "moral sanction (code of ethics)"
                                                                    : "dismissal");
        if (ar.rule_count > 0) {
          absl::StrAppend(&line, " under ", R.Cite(law.level_rules[ar.rules[0]].rule));
          for (int k = 1; k < ar.rule_count; ++k) {
            absl::StrAppend(&line, " together with ", R.Cite(law.level_rules[ar.rules[k]].rule));
          }
        }
        absl::StrAppend(&line, "; allowed types: ", absl::StrJoin(R.Codes(ar.allowed), ", "), ".");
        ad->add_explanation(line);
        // A level or a reading the sources dispute comes from a setting: name
        // it and its value.
        if (ar.rule_count > 0) {
          const internal::CompiledLevelRule& lr = law.level_rules[ar.rules[0]];
          for (const int set : {lr.level_setting, lr.setting}) {
            if (set < 0) continue;
            const v1::Setting& decl = *law.settings[set].decl;
            ad->add_explanation(absl::StrCat(
                what, set == lr.level_setting ? ": the sources disagree on this level" : ": the sources leave this reading open",
                "; it comes from setting ", SettingAsSet(r, set), ": ", decl.why()));
          }
        }
        break;
      }
      case v1::NO_VIOLATION:
      case v1::NO_SANCTION:
      case v1::NO_STATUTORY_MAPPING:
        if (ar.repeat_blocked) {
          ad->add_explanation(absl::StrCat(
              what, ": a repeat of a same-nature violation needs a type heavier than the last sanction (",
              law.types[facts.priors[ar.repeat_prior].type].code, "), and ",
              r.repeat_may_cross_level ? "no operative type is heavier"
                                       : "none exists within the level while setting repeat_may_cross_level=false "
                                         "bars a heavier level",
              ": the sanctioning official must decide (", R.Cite(r.PrincipleRule(2, facts.decision_date)), ")."));
        } else if (ar.nothing_heavier) {
          ad->add_explanation(absl::StrCat(what, ": no type is heavier than the reference sanction; "
                                           "the law gives no answer."));
        } else {
          ad->add_explanation(absl::StrCat(what, ": ", v1::Outcome_Name(ar.outcome), " under ",
                                           R.Cite(law.level_rules[ar.rules[0]].rule), ": ",
                                           law.rules[law.level_rules[ar.rules[0]].rule].rule->paraphrase()));
        }
        break;
      case v1::OUTSIDE_SCOPE:
        if (ar.scope_rule >= 0) {
          const v1::Rule& scope = *law.rules[ar.scope_rule].rule;
          R.Basis(ar.scope_rule, ad->mutable_basis());
          ad->add_explanation(absl::StrCat(what, ": employee kind ", v1::EmployeeKind_Name(facts.kind),
                                           " is outside these rules (", R.Cite(ar.scope_rule),
                                           "): governed by ", scope.scope().governed_by(), "."));
        } else {
          // The dates this norm's rules do cover, so that the user can name
          // the act by the norm of the law in force on its date (the act's
          // or the decision's, as each norm is judged).
          // Merged, as the rules of two instruments may leave a gap
          // between them (SE B/71/2017 until 2020, the 2022 decree after).
          std::vector<std::pair<absl::CivilDay, absl::CivilDay>> spans;
          for (int li : law.norms[af.norm].level_rules) spans.emplace_back(law.level_rules[li].from, law.level_rules[li].until);
          std::sort(spans.begin(), spans.end());
          std::vector<std::string> windows;
          for (size_t k = 0; k < spans.size();) {
            auto [from, until] = spans[k];
            for (++k; k < spans.size() && spans[k].first <= until; ++k) until = std::max(until, spans[k].second);
            windows.push_back(absl::StrCat("from ", FormatDate(from),
                                           until < internal::kNever ? absl::StrCat(" until ", FormatDate(until)) : ""));
          }
          const absl::CivilDay from = spans.empty() ? internal::kNever : spans.front().first;
          const absl::CivilDay day = by_act_date ? af.act_date : facts.decision_date;
          const char* date_name = by_act_date ? "act date" : "decision date";
          const char* taken = by_act_date ? "acts committed" : "decisions taken";
          // The same duty as the law of that date states it, and the first
          // day any statement of the duty is modelled.
          std::vector<std::string> same;
          absl::CivilDay earliest = from;
          for (int other : law.norms[af.norm].same_duty) {
            const absl::CivilDay on = law.norms[other].law_of_act_date ? af.act_date : facts.decision_date;
            bool covers = false;
            for (int li : law.norms[other].level_rules) {
              covers |= law.level_rules[li].from <= on && on < law.level_rules[li].until;
              earliest = std::min(earliest, law.level_rules[li].from);
            }
            const v1::Rule& o = *law.rules[law.norms[other].rule].rule;
            if (covers) same.push_back(absl::StrCat(o.id(), " (", R.book().CiteAs(o.citations(0)), ")"));
          }
          ad->add_explanation(absl::StrCat(
              what, ": no rule for this norm is in force on the ", date_name, " ", FormatDate(day),
              by_act_date ? ", and the law of the act date governs it" : "",
              !windows.empty() ? absl::StrCat("; its rules apply to ", taken, " ", absl::StrJoin(windows, " and "))
                               : std::string(),
              !same.empty() ? absl::StrCat(". The law of that date states the same duty as ",
                                           absl::StrJoin(same, " and "), ": name the act by it.")
              : day < earliest
                  ? absl::StrCat(". netra has no rule for this duty for ", taken, " before ", FormatDate(earliest),
                                 ": the law of that date did not state it as its own duty, or netra does not encode "
                                 "that law (`netra rules` lists the norms and their dates).")
                  : ". Name the act by the norm of the law in force on that date (`netra rules` lists the norms and "
                    "their dates)."));
        }
        break;
      case v1::RULES_CONFLICT:
        if (!ar.no_operative_type && ar.rule_count == 2) {
          ad->add_explanation(absl::StrCat(what, ": rules ", R.Cite(law.level_rules[ar.rules[0]].rule), " and ",
                                           R.Cite(law.level_rules[ar.rules[1]].rule),
                                           " both apply and neither declares which prevails."));
        } else {
          ad->add_explanation(absl::StrCat(what, ": the law names level ", v1::Level_Name(ar.level),
                                           " but no sanction type of it is operative on ",
                                           FormatDate(facts.decision_date), " under the current settings."));
        }
        break;
      case v1::MISSING_FACTS:
        for (int bit = 0; bit < internal::kFactCount; ++bit) {
          if (!(ar.missing & (1u << bit))) continue;
          v1::MissingFact* mf = ad->add_missing_facts();
          const std::string field = FactPath(bit, at, af.implicit);
          mf->set_field(field);
          mf->set_why(af.implicit ? absl::StrCat(FactWhy(bit), " (report the membership as an act of ", norm.id(),
                                                 " with its date and ", FactField(bit), ")")
                                  : FactWhy(bit));
          Alternatives(facts, i, bit, mf);
          *d.add_missing_facts() = *mf;
          ad->add_explanation(absl::StrCat(what, ": fact ", field, " is needed: ", mf->why(), "."));
        }
        for (int bit = 0; bit < internal::kFactCount; ++bit) {
          if (!(ar.needed_later & (1u << bit))) continue;
          ad->add_explanation(absl::StrCat(what, ": fact ", FactPath(bit, at, af.implicit),
                                           " may be needed too, depending on the facts above: ", FactWhy(bit), "."));
        }
        break;
      default:
        break;
    }
    // Facts given only as a range are immaterial whenever an answer is given:
    // it holds over the whole range.
    internal::FactMask ranged = 0;
    if (af.act_date_until > af.act_date) ranged |= 1u << internal::kFactActDate;
    if (af.cumulative_days < 0 && (af.cumulative_at_least > 0 || af.cumulative_at_most != kNoUpperBound)) {
      ranged |= 1u << internal::kFactCumulative;
    }
    if (af.consecutive_days < 0 && (af.consecutive_at_least > 0 || af.consecutive_at_most != kNoUpperBound)) {
      ranged |= 1u << internal::kFactConsecutive;
    }
    if (const internal::FactMask immaterial = ar.outcome == v1::MISSING_FACTS ? 0 : ar.immaterial | ranged) {
      std::vector<std::string> fields;
      for (int bit = 0; bit < internal::kFactCount; ++bit) {
        if (!(immaterial & (1u << bit))) continue;
        const std::string field = FactPath(bit, at, af.implicit);
        ad->add_immaterial_facts(field);
        fields.push_back(absl::StrCat(field, (ranged & (1u << bit)) ? " (given as a range)" : " (not given)"));
      }
      ad->add_explanation(absl::StrCat(what, ": this answer holds whatever ", absl::StrJoin(fields, " and "),
                                       fields.size() > 1 ? " are" : " is", ": every value gives the same answer."));
    }
    if (ar.salary_stop_open) {
      R.Basis(r.PrincipleRule(4, facts.decision_date), ad->mutable_basis());
      ad->add_explanation(absl::StrCat(what, ": whether salary payment stops from the month after the tenth "
                                       "consecutive day (", R.Cite(r.PrincipleRule(4, facts.decision_date)), ") depends on ", at,
                                       ".absence.consecutive_working_days: only a run of 10 working days stops it."));
    }
    if (ar.principles & kSedangTypes) {
      bool substituted = false;
      for (size_t t = 0; t < law.types.size(); ++t) {
        if ((ar.allowed & (SanctionTypeMask{1} << t)) && law.types[t].substitutes >= 0) substituted = true;
      }
      ad->add_explanation(absl::StrCat(
          what, ": ",
          substituted ? "the tukin-cut sedang types of Pasal 8(3) are not operative on this date (setting "
                        "tukin_sedang_operative_from is unset or later), so the PP 53/2010 types apply "
                        "(Pasal 42, 45)"
                      : "the tukin-cut sedang types of Pasal 8(3) are operative (setting tukin_sedang_operative_from)",
          "."));
    }
    // A type a date setting makes operative in place of another (B3_PTDH
    // for B3, UU 20/2023 Pasal 52(4)) says so, naming the setting.
    for (int t : r.type_order) {
      const internal::CompiledSanctionType& ct = law.types[t];
      if (!(ar.allowed & (SanctionTypeMask{1} << t)) || ct.substitutes < 0 || ct.operative_from_setting < 0) continue;
      const std::optional<absl::CivilDay>& from = r.dates[ct.operative_from_setting];
      if (!from.has_value()) continue;
      ad->add_explanation(absl::StrCat(what, ": ", ct.code, " takes the place of ", law.types[ct.substitutes].code,
                                       " from ", FormatDate(*from), " (setting ",
                                       law.settings[ct.operative_from_setting].decl->name(), "=", FormatDate(*from),
                                       "): ", law.rules[ct.rule].rule->paraphrase()));
    }
    if (ar.repeat_prior >= 0) {
      const PriorSanctionFacts& p = facts.priors[ar.repeat_prior];
      ad->add_explanation(absl::StrCat(
          what, ": repeats a violation of the same nature sanctioned with ", law.types[p.type].code, " on ",
          FormatDate(p.decision_date), ": ",
          (ar.principles & kAttendanceRepeatExempt)
              ? "attendance escalates by the day thresholds instead of the repeat rule (PerBKN 6/2022 Pasal 46(7), "
                "setting attendance_exempt_from_repeat_rule)"
              : "the sanction must be heavier than the last (PP 94/2021 Pasal 35 ayat (2))",
          "."));
    }
    if (ar.salary_stop) {
      ad->set_salary_stop(true);
      if (ar.has_salary_stop_from) ad->set_salary_stop_from(FormatDate(ar.salary_stop_from));
      ad->add_explanation(absl::StrCat(
          what, ": salary payment stops from ",
          ar.has_salary_stop_from ? FormatDate(ar.salary_stop_from)
                                  : std::string("the month after the tenth consecutive day (give "
                                                "absence.tenth_consecutive_day for the date)"),
          ", without waiting for the sanction decision (", R.Cite(r.PrincipleRule(4, facts.decision_date)), ")."));
    }
  }

  R.SetDay(facts.decision_date);
  R.Sanctions(res.allowed, d.mutable_allowed_sanctions());
  for (int p = 0; p < static_cast<int>(kPrincipleCount); ++p) {
    if (res.principles & (1u << p)) R.Basis(r.PrincipleRule(p, facts.decision_date), d.mutable_basis());
  }
  d.set_regime(res.regime);
  int sanctioned = 0;
  for (const ActResult& ar : res.acts) sanctioned += ar.outcome == v1::SANCTION && ar.regime == res.regime;
  if (res.allowed != 0) {
    std::string line =
        absl::StrCat(res.regime == v1::ETHICS      ? "Moral sanction for the case (code of ethics)"
                     : res.regime == v1::DISMISSAL ? "Dismissal for the case"
                                                   : absl::StrCat("Sanction for the case: ", v1::Level_Name(res.level)),
                     ", one of ", absl::StrJoin(R.Codes(res.allowed), ", "));
    if (sanctioned > 1 && (res.principles & kHeaviestOnly)) {
      absl::StrAppend(&line, "; the acts are weighed together and one, the heaviest, is imposed (",
                      R.Cite(r.PrincipleRule(0, facts.decision_date)), ")");
    }
    for (const ActResult& ar : res.acts) {
      if (ar.outcome == v1::SANCTION && ar.regime != res.regime) {
        absl::StrAppend(&line, "; the ", v1::Regime_Name(ar.regime), " answer of another act stands beside it");
        break;
      }
    }
    if (res.outcome != v1::SANCTION) {
      absl::StrAppend(&line, "; at least this level, but the case is ", v1::Outcome_Name(res.outcome),
                      " until the open acts are resolved");
    }
    absl::StrAppend(&line, ".");
    d.add_explanation(line);
    if ((res.allowed & (res.allowed - 1)) != 0 && res.regime == v1::DISCIPLINE && r.pp94_covers[facts.kind]) {
      d.add_explanation(absl::StrCat("Within the level the sanctioning official chooses the type by the background "
                                     "and impact of the violation (",
                                     R.Cite(r.PrincipleRule(9, facts.decision_date)), ")."));
      R.Basis(r.PrincipleRule(9, facts.decision_date), d.mutable_basis());
    }
  } else if (res.outcome != v1::OUTSIDE_SCOPE || !res.acts.empty()) {
    d.add_explanation(absl::StrCat("Outcome for the case: ", v1::Outcome_Name(res.outcome), "."));
  }

  if (res.procedure_rule >= 0) {
    const v1::Rule& pr = *law.rules[res.procedure_rule].rule;
    R.Procedure(res.procedure_rule, &d);
    R.Basis(res.procedure_rule, d.mutable_basis());
    d.add_explanation(absl::StrCat(
        "Examination: ",
        pr.procedure().team() == v1::ProcedureRule::REQUIRED   ? "a team must examine"
        : pr.procedure().team() == v1::ProcedureRule::OPTIONAL ? "a team may be formed"
                                                               : "the direct superior examines alone",
        pr.procedure().temporary_release_possible() ? "; the PNS may be temporarily released from duties" : "",
        " (", R.Cite(res.procedure_rule), ")."));
  }

  for (const OfficialResult& o : res.officials) {
    const internal::CompiledAuthority& line = law.authority[o.line];
    const v1::Rule& ar = *law.rules[line.rule].rule;
    auto* c = d.add_competent_officials();
    c->set_official(o.official);
    c->set_proposer(line.proposer);
    c->set_relation(ar.authority().relation());
    c->set_rule_id(ar.id());
    if (facts.secondment != v1::NOT_SECONDED) c->set_side(line.home_side ? v1::HOME : v1::HOST);
    R.Citations(line.rule, c->mutable_citations());
    for (const std::string& code : R.Codes(o.types)) c->add_sanction_types(code);
    const internal::CompiledAuthority& moved = law.authority[o.vacated_line >= 0 ? o.vacated_line : o.line];
    if (moved.official != o.official) {
      // The vacancy principle of the decision date (PP 94/2021 Pasal 25, PP 53/2010 Pasal 22).
      const int vacancy = r.PrincipleRule(std::countr_zero(uint32_t{kVacancy}), facts.decision_date);
      // Past a vacant JPT Pratama post, the superior the request names.
      const bool below = moved.official == v1::OFFICIAL_JPT_PRATAMA || moved.official == v1::OFFICIAL_ADMINISTRATOR ||
                         moved.official == v1::OFFICIAL_PENGAWAS || moved.official == v1::OFFICIAL_ESELON_V;
      const bool named_superior = below && (facts.vacant_mask & (1u << v1::OFFICIAL_JPT_PRATAMA)) &&
                                  o.official == facts.jpt_pratama_superior;
      c->set_note(absl::StrCat("the post of ", v1::Official_Name(moved.official),
                               " is vacant; the next higher official is competent (", R.Cite(vacancy), ", ",
                               law.rules[moved.rule].rule->id(), ")",
                               named_superior ? ", the JPT Pratama's superior as organisation.jpt_pratama_superior gives it"
                                              : ""));
      R.Basis(moved.rule, d.mutable_basis());
    }
    R.Basis(line.rule, d.mutable_basis());
    for (int32_t m : o.merged) {
      if (m < 0 || law.authority[m].rule == line.rule) continue;
      c->add_also_rule_ids(law.rules[law.authority[m].rule].rule->id());
      R.Basis(law.authority[m].rule, d.mutable_basis());
    }
    d.add_explanation(absl::StrCat(
        "Competent to impose ", absl::StrJoin(R.Codes(o.types), ", "), ": ", internal::SideLabel(law, o, facts),
        v1::Official_Name(o.official),
        line.proposer != v1::OFFICIAL_UNSPECIFIED ? absl::StrCat(" on the proposal of ", v1::Official_Name(line.proposer))
                                                  : std::string(),
        " (", R.Cite(line.rule), ")", c->note().empty() ? "" : absl::StrCat("; ", c->note()), "."));
  }
  if (res.handling_rule >= 0) {
    const v1::Rule& hr = *law.rules[res.handling_rule].rule;
    R.Handling(res.handling_rule, &d);
    R.Basis(res.handling_rule, d.mutable_basis());
    d.add_explanation(absl::StrCat("Handled on ", FormatDate(facts.decision_date), " by ",
                                   v1::HandlingBody_Name(hr.handling().body()), ", which ", hr.handling().role(), " (",
                                   R.Cite(res.handling_rule), ")."));
  }
  if (res.authority_gap >= 0 && res.missing_authority == 0) {
    R.Basis(res.authority_gap, d.mutable_basis());
    d.add_explanation(absl::StrCat("The law names no official for some of these sanction types on this employee (",
                                   R.Cite(res.authority_gap), "): the competent official must be established by hand."));
  } else if (res.allowed != 0 && res.officials.empty() && res.missing_authority == 0) {
    d.add_explanation(internal::AuthorityInForce(law, res.allowed, facts.decision_date) ? std::string("No authority line of the rule book covers this employee and sanction: "
                                                 "the competent official must be established by hand.")
                                   : absl::StrCat("The rule book encodes no authority line for these sanction types "
                                                  "in force on ", FormatDate(facts.decision_date),
                                                  ": the competent official must be established by hand."));
  }
  for (int bit = 0; bit < kAuthorityFactCount; ++bit) {
    const auto fact = static_cast<AuthorityFact>(1u << bit);
    if (!(res.missing_authority & fact)) continue;
    v1::MissingFact* mf = d.add_missing_facts();
    mf->set_field(AuthorityFactField(fact));
    mf->set_why(AuthorityFactWhy(fact));
    d.add_explanation(absl::StrCat("Fact ", AuthorityFactField(fact), " is needed to name the competent official: ",
                                   AuthorityFactWhy(fact), "."));
  }
  R.Settings(settings_, &d);
}

template void Evaluator::RenderTo(const CaseFacts&, const CaseResult&, v1::Determination*) const;
template void Evaluator::RenderTo(const CaseFacts&, const CaseResult&, wire::Determination*) const;

// For a missing fact, evaluates the act once per cell of its values (the
// values within which no rule changes, internal::FactCells) and reports what
// each would give; every value inside a cell gives its answer.
void Evaluator::Alternatives(const CaseFacts& facts, size_t act, int bit, v1::MissingFact* out) const {
  const internal::ResolvedLaw& r = *resolved_;
  const CompiledLaw& law = *r.law;
  Renderer R(*book_, r);
  const ActFacts& af = facts.acts[act];
  R.SetDay(law.norms[af.norm].law_of_act_date ? std::max(af.act_date, af.act_date_until) : facts.decision_date);
  std::vector<internal::Cell> cells(internal::kMaxCells);
  const int n = internal::FactCells(r, facts, facts.acts[act], bit, cells.data());
  bool by_office = false;
  for (int k = 0; k < n; ++k) by_office |= bit == internal::kFactCandidateStatus && cells[k].hi != v1::OFFICE_UNSPECIFIED;
  CaseFacts f = facts;
  for (int k = 0; k < n; ++k) {
    const internal::Cell& cell = cells[k];
    ActFacts& a = f.acts[act];
    a = facts.acts[act];
    f.position = facts.position;
    internal::ApplyCell(r, bit, cell, &a, &f.position);
    ActResult ar;
    EvaluateAct(f, a, &ar);
    v1::Alternative* alt = out->add_alternatives();
    switch (bit) {
      case internal::kFactImpact: alt->set_value(v1::Impact_Name(cell.lo)); break;
      case internal::kFactPosition: alt->set_value(v1::PositionType_Name(cell.lo)); break;
      case internal::kFactRoute: alt->set_value(v1::CandidateRoute_Name(cell.lo)); break;
      case internal::kFactReferenceSanction: alt->set_value(law.types[cell.lo].code); break;
      case internal::kFactCandidateStatus:
        alt->set_value(by_office ? absl::StrCat(v1::CandidateStatus_Name(cell.lo), " (", v1::Office_Name(cell.hi), ")")
                                 : v1::CandidateStatus_Name(cell.lo));
        break;
      case internal::kFactCumulative:
      case internal::kFactConsecutive:
      case internal::kFactWorkTarget:
      case internal::kFactPrison:
        alt->set_value(RangeLabel(cell.lo, cell.hi, false));
        alt->mutable_count_range()->set_at_least(cell.lo);
        if (cell.hi != internal::kUnbounded) alt->mutable_count_range()->set_at_most(cell.hi);
        break;
      case internal::kFactActDate:
        alt->set_value(RangeLabel(cell.lo, cell.hi, true));
        alt->mutable_date_range()->set_from(FormatDate(internal::FromDayNumber(cell.lo)));
        alt->mutable_date_range()->set_until(FormatDate(internal::FromDayNumber(cell.hi)));
        break;
      default: alt->set_value(cell.lo ? "true" : "false"); break;
    }
    alt->set_outcome(ar.outcome);
    alt->set_level(ar.level);
    for (const std::string& c : R.Codes(ar.allowed)) alt->add_sanction_types(c);
    if (ar.rule_count > 0) alt->set_rule_id(law.rules[law.level_rules[ar.rules[0]].rule].rule->id());
    // Neighbouring counts or days with the same answer by the same rule are
    // one alternative: the cells are cut at every bound of every rule.
    const int n_alt = out->alternatives_size();
    const bool ranged = bit == internal::kFactCumulative || bit == internal::kFactConsecutive ||
                        bit == internal::kFactWorkTarget || bit == internal::kFactPrison ||
                        bit == internal::kFactActDate;
    if (ranged && n_alt > 1) {
      v1::Alternative& prev = *out->mutable_alternatives(n_alt - 2);
      if (prev.outcome() == alt->outcome() && prev.level() == alt->level() && prev.rule_id() == alt->rule_id() &&
          std::equal(prev.sanction_types().begin(), prev.sanction_types().end(), alt->sanction_types().begin(),
                     alt->sanction_types().end())) {
        const bool days = bit == internal::kFactActDate;
        const int32_t lo = days ? internal::DayNumber(*ParseDate(prev.date_range().from(), "from"))
                                : prev.count_range().at_least();
        prev.set_value(RangeLabel(lo, cell.hi, days));
        if (days) {
          prev.mutable_date_range()->set_until(alt->date_range().until());
        } else if (alt->count_range().has_at_most()) {
          prev.mutable_count_range()->set_at_most(alt->count_range().at_most());
        } else {
          prev.mutable_count_range()->clear_at_most();
        }
        out->mutable_alternatives()->RemoveLast();
      }
    }
  }
}

}  // namespace netra
