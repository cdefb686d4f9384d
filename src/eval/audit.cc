// The Auditor: a decided case against the law of its decision date.
#include "netra/audit.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "eval/resolved.h"
#include "netra/date.h"

namespace netra {
namespace {

absl::Status Bad(std::string message) { return absl::InvalidArgumentError(std::move(message)); }

// Most serious first: the primary verdict is the first that applies.
constexpr v1::Verdict kPriority[] = {v1::TYPE_NOT_IN_FORCE, v1::TOO_LIGHT, v1::TOO_HEAVY, v1::OTHER_TYPE,
                                     v1::OFFICIAL_WITHOUT_AUTHORITY, v1::CANNOT_ASSESS, v1::WITHIN_LAW};

constexpr uint32_t Bit(v1::Verdict v) { return 1u << v; }

using internal::MinSeverity;

int MaxSeverity(const internal::CompiledLaw& law, uint32_t mask) {
  int best = -(1 << 30);
  for (size_t t = 0; t < law.types.size(); ++t) {
    if (mask & (1u << t)) best = std::max(best, law.types[t].severity);
  }
  return best;
}

// What the imposed type is compared with: the case's answer, or, when the
// type belongs to another body of law than the case's heaviest and some act
// answers in that body, that body's answer (a moral sanction stands beside a
// hukuman disiplin, PP 42/2004 Pasal 16; Pasal 35(1) of PP 94 merges only
// disciplinary sanctions).
uint32_t ComparedTypes(const internal::CompiledLaw& law, const CaseResult& res, int type) {
  const v1::Regime regime = law.types[type].regime;
  if (res.regime == v1::REGIME_UNSPECIFIED || regime == res.regime) return res.allowed;
  v1::Level level;
  const uint32_t own = internal::CombinedTypes(law, res, regime, &level);
  return own != 0 ? own : res.allowed;
}

bool AuthorityEncoded(const internal::CompiledLaw& law, int t, absl::CivilDay day) {
  return internal::AuthorityInForce(law, 1u << t, day);
}

}  // namespace

absl::StatusOr<Auditor> Auditor::Create(std::shared_ptr<const RuleBook> book,
                                        const std::map<std::string, std::string>& settings) {
  auto evaluator = Evaluator::Create(std::move(book), settings);
  if (!evaluator.ok()) return evaluator.status();
  return Auditor(*std::move(evaluator));
}

absl::Status Auditor::Prepare(const v1::DecidedCase& decided, CaseFacts* facts, ImposedFacts* imposed) const {
  const internal::CompiledLaw& law = *internal::EvaluatorAccess::Law(evaluator_).law;
  const v1::ImposedSanction& in = decided.imposed();
  *imposed = ImposedFacts();
  if (in.sanction_type().empty() && in.siasn_jenis_hukuman_id() == 0) {
    return Bad("imposed.sanction_type: required (a code `netra rules` lists), or imposed.siasn_jenis_hukuman_id");
  }
  if (!v1::Official_IsValid(in.official())) {
    return Bad(absl::StrCat("imposed.official: unknown enum value ", in.official()));
  }
  imposed->official = in.official();
  if (in.decision_date().empty()) return Bad("imposed.decision_date: required");
  auto day = ParseDate(in.decision_date(), "imposed.decision_date");
  if (!day.ok()) return day.status();
  if (!in.sanction_type().empty()) {
    auto t = law.type_by_code.find(in.sanction_type());
    if (t == law.type_by_code.end()) {
      return Bad(absl::StrCat("imposed.sanction_type: unknown sanction type \"", in.sanction_type().substr(0, 40), "\""));
    }
    imposed->type = t->second;
  }
  if (in.siasn_jenis_hukuman_id() != 0) {
    const int best = internal::TypeOfSiasnId(law, in.siasn_jenis_hukuman_id(), *day);
    if (best < 0) {
      return Bad(absl::StrCat("imposed.siasn_jenis_hukuman_id: ", in.siasn_jenis_hukuman_id(),
                              " is not the SIASN id of any sanction type (`netra rules` lists them)"));
    }
    if (imposed->type >= 0 && imposed->type != best) {
      return Bad(absl::StrCat("imposed.siasn_jenis_hukuman_id: ", in.siasn_jenis_hukuman_id(), " is ",
                              law.types[best].code, " on ", in.decision_date(), ", not imposed.sanction_type ",
                              law.types[imposed->type].code));
    }
    imposed->type = best;
  }
  const v1::EvaluationRequest& req = decided.request();
  if (!req.decision_date().empty() && req.decision_date() != in.decision_date()) {
    return Bad(absl::StrCat("request.decision_date: ", req.decision_date().substr(0, 20),
                            " differs from imposed.decision_date ", in.decision_date()));
  }
  if (!req.settings().empty()) {
    return Bad("request.settings: give settings to the Auditor (netra audit --set), not per case");
  }
  v1::EvaluationRequest dated = req;
  dated.set_decision_date(in.decision_date());
  if (auto st = evaluator_.Prepare(dated, facts); !st.ok()) {
    return absl::Status(st.code(), absl::StrCat("request.", st.message()));
  }
  return absl::OkStatus();
}

uint32_t Auditor::Verdicts(const CaseFacts& f, const ImposedFacts& im, CaseResult* res) const {
  const internal::ResolvedLaw& r = internal::EvaluatorAccess::Law(evaluator_);
  const internal::CompiledLaw& law = *r.law;
  evaluator_.Evaluate(f, res);
  const uint32_t bit = 1u << im.type;
  const uint32_t allowed = ComparedTypes(law, *res, im.type);
  const int sev = law.types[im.type].severity;
  uint32_t v = 0;
  if (!(r.Operative(f.decision_date) & bit)) {
    v |= Bit(v1::TYPE_NOT_IN_FORCE);
  } else if (!(law.kind_types[f.kind] & bit)) {
    v |= Bit(v1::OTHER_TYPE);  // a type of another kind of employee
  }
  switch (res->outcome) {
    case v1::SANCTION:
      if (!(allowed & bit)) {
        if (sev < MinSeverity(law, allowed)) {
          v |= Bit(v1::TOO_LIGHT);
        } else if (sev > MaxSeverity(law, allowed)) {
          v |= Bit(v1::TOO_HEAVY);
        } else {
          v |= Bit(v1::OTHER_TYPE);
        }
      }
      break;
    case v1::NO_VIOLATION:
    case v1::NO_SANCTION:
      v |= Bit(v1::TOO_HEAVY);
      break;
    default:
      v |= Bit(v1::CANNOT_ASSESS);
      // Open acts can only make the case heavier: below the floor is too light.
      if (allowed != 0 && sev < MinSeverity(law, allowed)) v |= Bit(v1::TOO_LIGHT);
      break;
  }
  // Who signed matters only for a type this kind of employee can receive.
  if (im.official != v1::OFFICIAL_UNSPECIFIED && (law.kind_types[f.kind] & bit) &&
      AuthorityEncoded(law, im.type, f.decision_date)) {
    const size_t n = res->officials.size();
    const bool mp = res->missing_position, mj = res->missing_jf_level, ma = res->missing_agency;
    const uint32_t principles = res->principles;
    res->missing_position = res->missing_jf_level = res->missing_agency = false;
    internal::EvaluatorAccess::Officials(evaluator_, f, bit, res);
    bool competent = false;
    for (size_t k = n; k < res->officials.size(); ++k) competent |= res->officials[k].official == im.official;
    const bool undecided = res->missing_position || res->missing_jf_level || res->missing_agency;
    if (!competent && !undecided) v |= Bit(v1::OFFICIAL_WITHOUT_AUTHORITY);
    res->officials.resize(n);
    res->missing_position = mp;
    res->missing_jf_level = mj;
    res->missing_agency = ma;
    res->principles = principles;
  }
  if (v == 0) v = Bit(v1::WITHIN_LAW);
  return v;
}

v1::AuditFinding Auditor::Render(const v1::DecidedCase& decided, const CaseFacts& f, const ImposedFacts& im,
                                 const CaseResult& res, uint32_t verdicts) const {
  const internal::ResolvedLaw& r = internal::EvaluatorAccess::Law(evaluator_);
  const internal::CompiledLaw& law = *r.law;
  const RuleBook& book = evaluator_.book();
  v1::AuditFinding out;
  out.set_case_id(decided.case_id());
  for (v1::Verdict v : kPriority) {
    if ((verdicts & Bit(v)) && out.verdict() == v1::VERDICT_UNSPECIFIED) out.set_verdict(v);
  }
  for (int v = v1::WITHIN_LAW; v <= v1::CANNOT_ASSESS; ++v) {
    if (verdicts & (1u << v)) out.add_verdicts(static_cast<v1::Verdict>(v));
  }
  *out.mutable_determination() = evaluator_.Render(f, res);
  const v1::Determination& d = out.determination();
  const internal::CompiledSanctionType& t = law.types[im.type];
  const v1::Rule& type_rule = *law.rules[t.rule].rule;
  auto cite = [&](const v1::Rule& rule) {
    std::vector<std::string> parts;
    for (const auto& c : rule.citations()) parts.push_back(book.CiteAs(c));
    return absl::StrJoin(parts, "; ");
  };
  auto codes = [&](uint32_t mask) {
    std::vector<std::string> c;
    for (int k : r.type_order) {
      if (mask & (1u << k)) c.push_back(law.types[k].code);
    }
    return absl::StrJoin(c, ", ");
  };
  const std::string imposed = absl::StrCat(t.code, " (", type_rule.sanction_type().name(), ")");
  const std::string date = FormatDate(f.decision_date);
  const uint32_t allowed = ComparedTypes(law, res, im.type);
  const std::string law_answer =
      allowed != 0 ? absl::StrCat("the law allows ", codes(allowed)) : absl::StrCat("the law's answer is ",
                                                                                    v1::Outcome_Name(res.outcome));
  for (const auto& b : d.basis()) *out.add_basis() = b;
  for (const auto& a : d.acts()) {
    for (const auto& b : a.basis()) {
      bool seen = false;
      for (const auto& have : out.basis()) seen |= have.rule_id() == b.rule_id();
      if (!seen) *out.add_basis() = b;
    }
  }
  internal::AddBasis(book, t.rule, out.mutable_basis());
  if (verdicts & Bit(v1::TYPE_NOT_IN_FORCE)) {
    const std::string from = book.InForceFrom(law.rules[t.rule]), until = book.InForceUntil(law.rules[t.rule]);
    out.add_reasons(absl::StrCat(
        imposed, " was not in force on the decision date ", date, " (", type_rule.id(), ", ", cite(type_rule),
        ": in force ", from.empty() ? "from the start" : absl::StrCat("from ", from),
        until.empty() ? "" : absl::StrCat(" until ", until),
        t.operative_from_setting >= 0 || t.operative_until_setting >= 0
            ? "; operative only as its date setting allows, see settings_used"
            : "",
        "); ", law_answer, "."));
  }
  if ((verdicts & Bit(v1::OTHER_TYPE)) && !(law.kind_types[f.kind] & (1u << im.type))) {
    out.add_reasons(absl::StrCat(imposed, " is not a sanction for an employee of kind ",
                                 v1::EmployeeKind_Name(f.kind), " (", type_rule.id(), ", ", cite(type_rule), "); ",
                                 law_answer, "."));
  } else if (verdicts & Bit(v1::OTHER_TYPE)) {
    out.add_reasons(absl::StrCat(imposed, " is neither lighter nor heavier than what the law allows but is not "
                                 "among it; ", law_answer, "."));
  }
  if (verdicts & Bit(v1::TOO_LIGHT)) {
    out.add_reasons(absl::StrCat(imposed, " is lighter than every sanction the law allows on ", date, ": ",
                                 law_answer, res.outcome == v1::SANCTION ? "" : " at least", "."));
  }
  if (verdicts & Bit(v1::TOO_HEAVY)) {
    out.add_reasons(res.outcome == v1::SANCTION
                        ? absl::StrCat(imposed, " is heavier than every sanction the law allows on ", date, ": ",
                                       law_answer, ".")
                        : absl::StrCat(imposed, " was imposed where the law gives no sanction: ", law_answer, "."));
  }
  if (verdicts & Bit(v1::CANNOT_ASSESS)) {
    out.add_reasons(absl::StrCat("The law gives no clean answer for these facts (", v1::Outcome_Name(res.outcome),
                                 "): a human must judge the decision; see the determination's explanation."));
  }
  if (allowed != res.allowed) {
    out.add_reasons(absl::StrCat(
        "The decision is compared with the case's ", v1::Regime_Name(t.regime), " answer; the case's heaviest answer (",
        v1::Regime_Name(res.regime), ": ", codes(res.allowed),
        ") is a separate decision that stands beside it (PP 42/2004 Pasal 16)."));
  }
  if (im.official != v1::OFFICIAL_UNSPECIFIED && (law.kind_types[f.kind] & (1u << im.type)) &&
      !AuthorityEncoded(law, im.type, f.decision_date)) {
    out.add_reasons(absl::StrCat("The signer's authority was not checked: netra encodes no authority line for ", t.code,
                                 " on ", date, "."));
  } else if (im.official != v1::OFFICIAL_UNSPECIFIED && (law.kind_types[f.kind] & (1u << im.type))) {
    // The authority lines for the imposed type, for the reason and basis.
    CaseResult auth;
    internal::EvaluatorAccess::Officials(evaluator_, f, 1u << im.type, &auth);
    std::vector<std::string> who;
    for (const OfficialResult& o : auth.officials) {
      who.push_back(v1::Official_Name(o.official));
      internal::AddBasis(book, law.authority[o.line].rule, out.mutable_basis());
    }
    if (verdicts & Bit(v1::OFFICIAL_WITHOUT_AUTHORITY)) {
      out.add_reasons(absl::StrCat(v1::Official_Name(im.official), " may not impose ", t.code, " on this employee",
                                   who.empty() ? std::string(": no authority line covers it")
                                               : absl::StrCat("; competent: ", absl::StrJoin(who, ", ")),
                                   "."));
    } else if (auth.missing_position || auth.missing_jf_level || auth.missing_agency) {
      out.add_reasons(absl::StrCat("The signer's authority was not checked: ",
                                   auth.missing_position ? "employee.position.type"
                                   : auth.missing_agency ? "employee.agency.level"
                                                         : "employee.position.jf_level",
                                   " is needed."));
    }
  }
  if (verdicts & Bit(v1::WITHIN_LAW)) {
    out.add_reasons(absl::StrCat(imposed, " is among what the law allows on ", date, " (", codes(allowed), ")",
                                 im.official != v1::OFFICIAL_UNSPECIFIED && AuthorityEncoded(law, im.type, f.decision_date)
                                     ? absl::StrCat(", imposed by a competent official (", v1::Official_Name(im.official), ")")
                                     : std::string(),
                                 "."));
  }
  return out;
}

absl::StatusOr<v1::AuditFinding> Auditor::Audit(const v1::DecidedCase& decided) const {
  if (!decided.request().settings().empty()) {
    std::map<std::string, std::string> merged;
    for (const Evaluator::SettingValue& s : evaluator_.settings()) {
      if (!s.is_default) merged[s.name] = s.value;
    }
    for (const auto& [k, v] : decided.request().settings()) merged[k] = v;
    auto derived = Create(evaluator_.book_ptr(), merged);
    if (!derived.ok()) return absl::Status(derived.status().code(), absl::StrCat("request.", derived.status().message()));
    v1::DecidedCase copy = decided;
    copy.mutable_request()->clear_settings();
    return derived->Audit(copy);
  }
  CaseFacts facts;
  ImposedFacts imposed;
  if (auto st = Prepare(decided, &facts, &imposed); !st.ok()) return st;
  CaseResult result;
  const uint32_t verdicts = Verdicts(facts, imposed, &result);
  return Render(decided, facts, imposed, result, verdicts);
}

}  // namespace netra
