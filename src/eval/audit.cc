// The Auditor: a decided case against the law of its decision date.
#include "netra/audit.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "eval/resolved.h"
#include "netra/date.h"
#include "utf8.h"

namespace netra {
namespace {

absl::Status Bad(std::string message) { return absl::InvalidArgumentError(std::move(message)); }

// What the audit applies by name. The official's duty to sanction (PP 94/2021
// Pasal 24(1); its restatements for other dates are linked by
// Norm.same_duty_as), and the period within which the PPK follows a
// neutrality recommendation (law/pp79_2021_procedure.textproto).
constexpr char kDutyToSanction[] = "pp94.superior.pybm_inaction";
constexpr char kFollowUpRule[] = "skb2022.deadline.neutrality_follow_up";

// Most serious first: the primary verdict is the first that applies.
constexpr v1::Verdict kPriority[] = {v1::TYPE_NOT_IN_FORCE, v1::NOT_SANCTIONED,
                                     v1::TOO_LIGHT,         v1::TOO_HEAVY,
                                     v1::DOUBLE_SANCTION,   v1::OTHER_TYPE,
                                     v1::OFFICIAL_WITHOUT_AUTHORITY, v1::RECOMMENDATION_NOT_FOLLOWED,
                                     v1::CANNOT_ASSESS,     v1::WITHIN_LAW};

constexpr uint32_t Bit(v1::Verdict v) { return 1u << v; }

using internal::MinSeverity;
using internal::Signer;

int MaxSeverity(const internal::CompiledLaw& law, SanctionTypeMask mask) {
  int best = -(1 << 30);
  for (size_t t = 0; t < law.types.size(); ++t) {
    if (mask & (SanctionTypeMask{1} << t)) best = std::max(best, law.types[t].severity);
  }
  return best;
}

// What the imposed type is compared with: the case's answer, or, when the
// type belongs to another body of law than the case's heaviest and some act
// answers in that body, that body's answer (a moral sanction stands beside a
// hukuman disiplin, PP 42/2004 Pasal 16; Pasal 35(1) of PP 94 merges only
// disciplinary sanctions).
SanctionTypeMask ComparedTypes(const internal::CompiledLaw& law, const CaseResult& res, int type) {
  const v1::Regime regime = law.types[type].regime;
  if (res.regime == v1::REGIME_UNSPECIFIED || regime == res.regime) return res.allowed;
  v1::Level level;
  const SanctionTypeMask own = internal::CombinedTypes(law, res, regime, &level);
  return own != 0 ? own : res.allowed;
}

bool AuthorityEncoded(const internal::CompiledLaw& law, int t, absl::CivilDay day) {
  return internal::AuthorityInForce(law, SanctionTypeMask{1} << t, day);
}

bool InForce(const internal::CompiledLaw& law, int rule, absl::CivilDay day) {
  return law.rule_from[rule] <= day && day < law.rule_until[rule];
}

// A sanction type given by code and/or SIASN id on `day`, checked; `field`
// is the message's path ("imposed", "also_imposed[1]", "recommendations[0]").
absl::StatusOr<int> TypeOf(const internal::CompiledLaw& law, absl::string_view field, const std::string& code,
                           int32_t siasn_id, absl::CivilDay day) {
  int type = -1;
  if (!code.empty()) {
    auto t = law.type_by_code.find(code);
    if (t == law.type_by_code.end()) {
      return Bad(absl::StrCat(field, ".sanction_type: unknown sanction type ", internal::Quoted(code, 40)));
    }
    type = t->second;
  }
  if (siasn_id != 0) {
    const int best = internal::TypeOfSiasnId(law, siasn_id, day);
    if (best < 0) {
      return Bad(absl::StrCat(field, ".siasn_jenis_hukuman_id: ", siasn_id,
                              " is not the SIASN id of any sanction type (`netra rules` lists them)"));
    }
    if (type >= 0 && type != best) {
      return Bad(absl::StrCat(field, ".siasn_jenis_hukuman_id: ", siasn_id, " is ", law.types[best].code, " on ",
                              FormatDate(day), ", not ", field, ".sanction_type ", law.types[type].code));
    }
    type = best;
  }
  return type;
}

absl::StatusOr<ImposedSanctionFacts> SanctionOf(const internal::CompiledLaw& law, absl::string_view field,
                                                const v1::ImposedSanction& in) {
  if (in.sanction_type().empty() && in.siasn_jenis_hukuman_id() == 0) {
    return Bad(absl::StrCat(field, ".sanction_type: required (a code `netra rules` lists), or ", field,
                            ".siasn_jenis_hukuman_id; or no_sanction for a decision that imposed none"));
  }
  ImposedSanctionFacts out;
  if (!v1::Official_IsValid(in.official())) {
    return Bad(absl::StrCat(field, ".official: unknown enum value ", in.official()));
  }
  out.official = in.official();
  if (!v1::AgencySide_IsValid(in.official_side())) {
    return Bad(absl::StrCat(field, ".official_side: unknown enum value ", in.official_side()));
  }
  out.side = in.official_side();
  const std::string date_field = absl::StrCat(field, ".decision_date");
  if (in.decision_date().empty()) return Bad(absl::StrCat(date_field, ": required"));
  auto day = ParseDate(in.decision_date(), date_field);
  if (!day.ok()) return day.status();
  out.date = *day;
  auto type = TypeOf(law, field, in.sanction_type(), in.siasn_jenis_hukuman_id(), *day);
  if (!type.ok()) return type.status();
  out.type = *type;
  return out;
}

}  // namespace

v1::Verdict WorstVerdict(uint32_t verdicts) {
  for (v1::Verdict v : kPriority) {
    if (verdicts & Bit(v)) return v;
  }
  return v1::VERDICT_UNSPECIFIED;
}

absl::StatusOr<Auditor> Auditor::Create(std::shared_ptr<const RuleBook> book,
                                        const std::map<std::string, std::string>& settings) {
  auto evaluator = Evaluator::Create(std::move(book), settings);
  if (!evaluator.ok()) return evaluator.status();
  Auditor a(*std::move(evaluator));
  const internal::CompiledLaw& law = *internal::EvaluatorAccess::Law(a.evaluator_).law;
  // What the audit applies by name: the official's duty to sanction, cited
  // for a violation left without a sanction, and the period within which a
  // neutrality recommendation is followed. A rule book without them (host
  // files only) still audits: the duty is then not cited, and no
  // recommendation is judged.
  if (auto duty = law.norm_by_id.find(kDutyToSanction); duty != law.norm_by_id.end()) {
    a.duty_to_sanction_ = duty->second;
  }
  if (auto follow = law.rule_by_id.find(kFollowUpRule); follow != law.rule_by_id.end()) {
    // The period as the deadline rule states it: its days, or its setting's
    // value. The audit counts calendar days only (it holds no working-day
    // calendar): a rule of working days leaves recommendations unjudged.
    const v1::DeadlineRule& period = law.rules[follow->second].rule->deadline();
    if (period.calendar_days() && period.unit_setting().empty()) {
      a.follow_up_rule_ = follow->second;
      a.follow_up_days_ = period.days();
      a.follow_up_setting_ = period.days_setting();
      for (const Evaluator::SettingValue& s : a.evaluator_.settings()) {
        if (s.name == a.follow_up_setting_ && !absl::SimpleAtoi(s.value, &a.follow_up_days_)) {
          return absl::FailedPreconditionError(
              absl::StrCat("setting ", s.name, ": \"", s.value, "\" is not a number of days"));
        }
      }
    }
  }
  return a;
}

absl::Status Auditor::Prepare(const v1::DecidedCase& decided, CaseFacts* facts, ImposedFacts* imposed) const {
  const internal::CompiledLaw& law = *internal::EvaluatorAccess::Law(evaluator_).law;
  const v1::ImposedSanction& in = decided.imposed();
  imposed->none = decided.no_sanction();
  imposed->sanctions.clear();
  imposed->recommendations.clear();
  imposed->decided_by = in.official();
  absl::CivilDay decision_day;
  if (!decided.no_sanction()) {
    auto first = SanctionOf(law, "imposed", in);
    if (!first.ok()) return first.status();
    imposed->sanctions.push_back(*first);
    decision_day = first->date;
    for (int i = 0; i < decided.also_imposed_size(); ++i) {
      const std::string field = absl::StrCat("also_imposed[", i, "]");
      auto more = SanctionOf(law, field, decided.also_imposed(i));
      if (!more.ok()) return more.status();
      if (more->date < decision_day) {
        return Bad(absl::StrCat(field, ".decision_date: ", FormatDate(more->date),
                                " is before imposed.decision_date ", in.decision_date(),
                                " (imposed is the case's first decision)"));
      }
      imposed->sanctions.push_back(*more);
    }
  } else {
    if (!in.sanction_type().empty() || in.siasn_jenis_hukuman_id() != 0) {
      return Bad("imposed.sanction_type: given with no_sanction (a decision imposes a sanction or none)");
    }
    if (decided.also_imposed_size() > 0) {
      return Bad("also_imposed: given with no_sanction (a decision imposes a sanction or none)");
    }
    if (!v1::Official_IsValid(in.official())) {
      return Bad(absl::StrCat("imposed.official: unknown enum value ", in.official()));
    }
    if (in.decision_date().empty()) return Bad("imposed.decision_date: required");
    auto day = ParseDate(in.decision_date(), "imposed.decision_date");
    if (!day.ok()) return day.status();
    decision_day = *day;
  }
  for (int i = 0; i < decided.recommendations_size(); ++i) {
    const v1::Recommendation& rec = decided.recommendations(i);
    const std::string field = absl::StrCat("recommendations[", i, "]");
    RecommendationFacts out;
    if (!v1::Recommender_IsValid(rec.by()) || rec.by() == v1::RECOMMENDER_UNSPECIFIED) {
      return Bad(absl::StrCat(field, ".by: required (RECOMMENDER_KASN, RECOMMENDER_BKN, RECOMMENDER_BAWASLU, ...)",
                              rec.by() == 0 ? "" : absl::StrCat(", not ", rec.by())));
    }
    out.by = rec.by();
    if (rec.date().empty()) return Bad(absl::StrCat(field, ".date: required"));
    auto when = ParseDate(rec.date(), absl::StrCat(field, ".date"));
    if (!when.ok()) return when.status();
    if (*when > decision_day) {
      return Bad(absl::StrCat(field, ".date: ", rec.date(), " is after the decision (imposed.decision_date ",
                              in.decision_date(), "): a decision answers only earlier recommendations"));
    }
    out.date = *when;
    if (!v1::Level_IsValid(rec.level())) return Bad(absl::StrCat(field, ".level: unknown enum value ", rec.level()));
    if (!rec.sanction_type().empty() || rec.siasn_jenis_hukuman_id() != 0) {
      auto type = TypeOf(law, field, rec.sanction_type(), rec.siasn_jenis_hukuman_id(), *when);
      if (!type.ok()) return type.status();
      if (rec.level() != v1::LEVEL_UNSPECIFIED && law.types[*type].level != rec.level()) {
        return Bad(absl::StrCat(field, ".level: ", v1::Level_Name(rec.level()), " but the type recommended, ",
                                law.types[*type].code, ", is ", v1::Level_Name(law.types[*type].level)));
      }
      out.types = SanctionTypeMask{1} << *type;
    } else if (rec.level() != v1::LEVEL_UNSPECIFIED) {
      out.types = law.level_types[rec.level()];
    }
    out.declined = rec.declined();
    if (!rec.escalated_date().empty()) {
      auto esc = ParseDate(rec.escalated_date(), absl::StrCat(field, ".escalated_date"));
      if (!esc.ok()) return esc.status();
      if (*esc < *when) {
        return Bad(absl::StrCat(field, ".escalated_date: ", rec.escalated_date(), " is before the recommendation (",
                                rec.date(), ")"));
      }
      out.escalated = *esc;
    }
    imposed->recommendations.push_back(out);
  }
  const v1::EvaluationRequest& req = decided.request();
  if (!req.decision_date().empty() && req.decision_date() != in.decision_date()) {
    return Bad(absl::StrCat("request.decision_date: ", internal::Quoted(req.decision_date(), 20),
                            " differs from imposed.decision_date ", in.decision_date()));
  }
  if (!req.settings().empty()) {
    return Bad("request.settings: audit the case with Auditor::WithCaseSettings, or give settings to the Auditor "
               "(netra audit --set)");
  }
  v1::EvaluationRequest dated = req;
  dated.set_decision_date(in.decision_date());
  if (auto st = evaluator_.Prepare(dated, facts); !st.ok()) {
    return absl::Status(st.code(), absl::StrCat("request.", st.message()));
  }
  // A type recommended for this kind of employee only (PPPK types differ).
  for (RecommendationFacts& r : imposed->recommendations) {
    if (r.types != 0 && (r.types & law.kind_types[facts->kind]) != 0) r.types &= law.kind_types[facts->kind];
  }
  return absl::OkStatus();
}

void Auditor::OfficialsOn(const CaseFacts& f, absl::CivilDay day, SanctionTypeMask types, CaseResult* res) const {
  if (day == f.decision_date) return internal::EvaluatorAccess::Officials(evaluator_, f, types, res);
  CaseFacts dated = f;  // a later decision: the authority lines of its own date
  dated.decision_date = day;
  internal::EvaluatorAccess::Officials(evaluator_, dated, types, res);
}

uint32_t Auditor::SanctionVerdicts(const CaseFacts& f, const ImposedSanctionFacts& s, bool compared,
                                   CaseResult* res) const {
  const internal::ResolvedLaw& r = internal::EvaluatorAccess::Law(evaluator_);
  const internal::CompiledLaw& law = *r.law;
  const SanctionTypeMask bit = SanctionTypeMask{1} << s.type;
  const SanctionTypeMask allowed = ComparedTypes(law, *res, s.type);
  const int sev = law.types[s.type].severity;
  uint32_t v = 0;
  if (!(r.Operative(s.date) & bit)) {
    v |= Bit(v1::TYPE_NOT_IN_FORCE);
  } else if (!(law.kind_types[f.kind] & bit)) {
    v |= Bit(v1::OTHER_TYPE);  // a type of another kind of employee
  }
  if (compared) {
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
  }
  // Who signed matters only for a type this kind of employee can receive.
  if (s.official != v1::OFFICIAL_UNSPECIFIED && (law.kind_types[f.kind] & bit) &&
      AuthorityEncoded(law, s.type, s.date)) {
    const size_t n = res->officials.size();
    const uint8_t missing = res->missing_authority;
    const int gap = res->authority_gap;
    const uint32_t principles = res->principles;
    res->missing_authority = 0;
    res->authority_gap = -1;
    OfficialsOn(f, s.date, bit, res);
    const Signer signer =
        internal::SignerAmong(law, absl::MakeConstSpan(res->officials).subspan(n), f, s.official, s.side);
    // A missing fact, or a cell the law names no official for, leaves the
    // signer not checked.
    const bool undecided =
        res->missing_authority != 0 || res->authority_gap >= 0 || signer == Signer::kSideNeeded;
    if (signer == Signer::kNotCompetent && !undecided) v |= Bit(v1::OFFICIAL_WITHOUT_AUTHORITY);
    res->officials.resize(n);
    res->missing_authority = missing;
    res->authority_gap = gap;
    res->principles = principles;
  }
  return v;
}

namespace {

// The sanctions whose weight is compared with the law: the heaviest of each
// regime (a moral sanction stands beside a hukuman disiplin); the others of
// a regime are a double sanction. Bit k for sanctions[k].
uint32_t ComparedSanctions(const internal::CompiledLaw& law, const ImposedFacts& im, uint32_t* doubled) {
  uint32_t compared = 0;
  *doubled = 0;
  for (size_t k = 0; k < im.sanctions.size() && k < 32; ++k) {
    const internal::CompiledSanctionType& t = law.types[im.sanctions[k].type];
    int heaviest = -1;
    for (size_t j = 0; j < im.sanctions.size() && j < 32; ++j) {
      const internal::CompiledSanctionType& o = law.types[im.sanctions[j].type];
      if (o.regime != t.regime) continue;
      if (heaviest < 0 || o.severity > law.types[im.sanctions[heaviest].type].severity) heaviest = static_cast<int>(j);
      // Only one hukuman disiplin per case (PP 94/2021 Pasal 35(1), (3)).
      if (j != k && t.regime == v1::DISCIPLINE) *doubled |= 1u << k;
    }
    if (heaviest == static_cast<int>(k)) compared |= 1u << k;
  }
  return compared;
}

}  // namespace

int Auditor::BindingRule(const CaseFacts& f, const RecommendationFacts& rec) const {
  const internal::CompiledLaw& law = *internal::EvaluatorAccess::Law(evaluator_).law;
  if (follow_up_rule_ < 0) return -1;  // no follow-up period in the rule book
  const v1::HandlingBody body = rec.by == v1::RECOMMENDER_KASN  ? v1::KASN
                                : rec.by == v1::RECOMMENDER_BKN ? v1::BKN
                                                                : v1::HANDLING_BODY_UNSPECIFIED;
  if (body == v1::HANDLING_BODY_UNSPECIFIED) return -1;
  for (const ActFacts& a : f.acts) {
    for (int h : law.norms[a.norm].handling) {
      if (InForce(law, h, rec.date) && law.rules[h].rule->handling().body() == body) return h;
    }
  }
  return -1;
}

bool Auditor::HasPeriod(const RecommendationFacts& rec) const {
  return follow_up_rule_ >= 0 && InForce(*internal::EvaluatorAccess::Law(evaluator_).law, follow_up_rule_, rec.date);
}

bool Auditor::Followed(const CaseFacts& f, const ImposedFacts& im, const RecommendationFacts& rec) const {
  const internal::CompiledLaw& law = *internal::EvaluatorAccess::Law(evaluator_).law;
  if (rec.declined || im.none) return false;
  if (HasPeriod(rec) && f.decision_date > rec.date + follow_up_days_) return false;
  if (rec.types == 0) return true;
  // In weight: a sanction of the recommendation's regime at least as heavy.
  const v1::Regime regime = law.types[__builtin_ctz(rec.types)].regime;
  int heaviest = -(1 << 30);
  for (const ImposedSanctionFacts& s : im.sanctions) {
    if (law.types[s.type].regime == regime) heaviest = std::max(heaviest, law.types[s.type].severity);
  }
  return heaviest >= MinSeverity(law, rec.types);
}

uint32_t Auditor::Verdicts(const CaseFacts& f, const ImposedFacts& im, CaseResult* res) const {
  evaluator_.Evaluate(f, res);
  uint32_t v = 0;
  if (im.none) {
    switch (res->outcome) {
      case v1::SANCTION:
        v |= Bit(v1::NOT_SANCTIONED);
        break;
      case v1::NO_VIOLATION:
      case v1::NO_SANCTION:
        break;
      default:
        v |= Bit(v1::CANNOT_ASSESS);
        break;
    }
  } else {
    uint32_t doubled = 0;
    const uint32_t compared = ComparedSanctions(*internal::EvaluatorAccess::Law(evaluator_).law, im, &doubled);
    if (doubled != 0) v |= Bit(v1::DOUBLE_SANCTION);
    for (size_t k = 0; k < im.sanctions.size(); ++k) {
      v |= SanctionVerdicts(f, im.sanctions[k], k < 32 && (compared & (1u << k)), res);
    }
  }
  for (const RecommendationFacts& rec : im.recommendations) {
    if (BindingRule(f, rec) >= 0 && !Followed(f, im, rec)) v |= Bit(v1::RECOMMENDATION_NOT_FOLLOWED);
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
  out.set_verdict(WorstVerdict(verdicts));
  for (int v = v1::WITHIN_LAW; v <= v1::Verdict_MAX; ++v) {
    if (verdicts & (1u << v)) out.add_verdicts(static_cast<v1::Verdict>(v));
  }
  *out.mutable_determination() = evaluator_.Render(f, res);
  const v1::Determination& d = out.determination();
  auto cite = [&](int rule) {
    std::vector<std::string> parts;
    for (const auto& c : law.rules[rule].rule->citations()) parts.push_back(book.CiteAs(c));
    return absl::StrCat(law.rules[rule].rule->id(), ", ", absl::StrJoin(parts, "; "));
  };
  // A rule as cited on `day`, and added to the basis: only the citations
  // already in force then (RuleText::eras).
  const std::vector<internal::RuleText>& texts = internal::RuleTexts(book);
  auto cite_on = [&](int rule, absl::CivilDay day) {
    const int era = texts[rule].EraOn(day);
    internal::AddBasis(book, rule, out.mutable_basis(), era);
    return era < 0 ? texts[rule].cite : texts[rule].eras[era].cite;
  };
  auto codes = [&](SanctionTypeMask mask) {
    std::vector<std::string> c;
    for (int k : r.type_order) {
      if (mask & (SanctionTypeMask{1} << k)) c.push_back(law.types[k].code);
    }
    return absl::StrJoin(c, ", ");
  };
  auto answer = [&](SanctionTypeMask allowed) {
    return allowed != 0 ? absl::StrCat("the law allows ", codes(allowed))
                        : absl::StrCat("the law's answer is ", v1::Outcome_Name(res.outcome));
  };
  auto by = [](v1::Official o) {
    return o == v1::OFFICIAL_UNSPECIFIED ? std::string() : absl::StrCat(" by ", v1::Official_Name(o));
  };
  const std::string date = FormatDate(f.decision_date);
  for (const auto& b : d.basis()) *out.add_basis() = b;
  for (const auto& a : d.acts()) {
    for (const auto& b : a.basis()) {
      bool seen = false;
      for (const auto& have : out.basis()) seen |= have.rule_id() == b.rule_id();
      if (!seen) *out.add_basis() = b;
    }
  }
  if (im.none) {
    const std::string decision = absl::StrCat("No sanction was imposed (the decision of ", date, by(im.decided_by), ")");
    if (verdicts & Bit(v1::NOT_SANCTIONED)) {
      // The official's duty to sanction, as the law of the decision date states it.
      std::string duty_text;
      if (duty_to_sanction_ >= 0) {
        int duty = law.norms[duty_to_sanction_].rule;
        for (int other : law.norms[duty_to_sanction_].same_duty) {
          if (InForce(law, law.norms[other].rule, f.decision_date)) duty = law.norms[other].rule;
        }
        duty_text = absl::StrCat(". The official with authority must impose it, and one who does not is answerable "
                                 "to their own superior: ",
                                 cite_on(duty, f.decision_date));
      }
      out.add_reasons(absl::StrCat(decision, ", but the law gives one: ", answer(res.allowed), duty_text, "."));
    }
    if (verdicts & Bit(v1::CANNOT_ASSESS)) {
      out.add_reasons(absl::StrCat(decision, ", and the law gives no clean answer for these facts (",
                                   v1::Outcome_Name(res.outcome),
                                   "): a human must judge the decision; see the determination's explanation."));
    } else if (!(verdicts & Bit(v1::NOT_SANCTIONED))) {
      out.add_reasons(absl::StrCat(decision, ", and the law gives none: ", v1::Outcome_Name(res.outcome), "."));
    }
  }
  uint32_t doubled = 0;
  const uint32_t compared = ComparedSanctions(law, im, &doubled);
  CaseResult work = res;
  for (size_t k = 0; k < im.sanctions.size(); ++k) {
    const ImposedSanctionFacts& s = im.sanctions[k];
    const bool weighed = k < 32 && (compared & (1u << k));
    const uint32_t mine = SanctionVerdicts(f, s, weighed, &work);
    const internal::CompiledSanctionType& t = law.types[s.type];
    const v1::Rule& type_rule = *law.rules[t.rule].rule;
    const std::string imposed = absl::StrCat(t.code, " (", type_rule.sanction_type().name(), ")");
    const std::string on = FormatDate(s.date);
    const SanctionTypeMask allowed = ComparedTypes(law, res, s.type);
    internal::AddBasis(book, t.rule, out.mutable_basis());
    if (mine & Bit(v1::TYPE_NOT_IN_FORCE)) {
      const std::string from = book.InForceFrom(law.rules[t.rule]), until = book.InForceUntil(law.rules[t.rule]);
      out.add_reasons(absl::StrCat(
          imposed, " was not in force on the decision date ", on, " (", cite(t.rule),
          ": in force ", from.empty() ? "from the start" : absl::StrCat("from ", from),
          until.empty() ? "" : absl::StrCat(" until ", until),
          t.operative_from_setting >= 0 || t.operative_until_setting >= 0
              ? "; operative only as its date setting allows, see settings_used"
              : "",
          "); ", answer(allowed), "."));
    }
    if ((mine & Bit(v1::OTHER_TYPE)) && !(law.kind_types[f.kind] & (SanctionTypeMask{1} << s.type))) {
      out.add_reasons(absl::StrCat(imposed, " is not a sanction for an employee of kind ",
                                   v1::EmployeeKind_Name(f.kind), " (", cite(t.rule), "); ", answer(allowed), "."));
    } else if (mine & Bit(v1::OTHER_TYPE)) {
      out.add_reasons(absl::StrCat(imposed, " is neither lighter nor heavier than what the law allows but is not "
                                   "among it; ", answer(allowed), "."));
    }
    if (mine & Bit(v1::TOO_LIGHT)) {
      out.add_reasons(absl::StrCat(imposed, " is lighter than every sanction the law allows on ", date, ": ",
                                   answer(allowed), res.outcome == v1::SANCTION ? "" : " at least", "."));
    }
    if (mine & Bit(v1::TOO_HEAVY)) {
      out.add_reasons(res.outcome == v1::SANCTION
                          ? absl::StrCat(imposed, " is heavier than every sanction the law allows on ", date, ": ",
                                         answer(allowed), ".")
                          : absl::StrCat(imposed, " was imposed where the law gives no sanction: ", answer(allowed),
                                         "."));
    }
    if (mine & Bit(v1::CANNOT_ASSESS)) {
      out.add_reasons(absl::StrCat("The law gives no clean answer for these facts (", v1::Outcome_Name(res.outcome),
                                   "): a human must judge the decision; see the determination's explanation."));
    }
    if (weighed && allowed != res.allowed) {
      out.add_reasons(absl::StrCat("The decision is compared with the case's ", v1::Regime_Name(t.regime),
                                   " answer; the case's heaviest answer (", v1::Regime_Name(res.regime), ": ",
                                   codes(res.allowed),
                                   ") is a separate decision that stands beside it (PP 42/2004 Pasal 16)."));
    }
    const bool authority = s.official != v1::OFFICIAL_UNSPECIFIED && (law.kind_types[f.kind] & (SanctionTypeMask{1} << s.type));
    bool checked = false;
    if (authority && !AuthorityEncoded(law, s.type, s.date)) {
      out.add_reasons(absl::StrCat("The signer's authority was not checked: netra encodes no authority line for ",
                                   t.code, " on ", on, "."));
    } else if (authority) {
      // The authority lines for the imposed type, for the reason and basis.
      CaseResult auth;
      OfficialsOn(f, s.date, SanctionTypeMask{1} << s.type, &auth);
      std::vector<std::string> who;
      for (const OfficialResult& o : auth.officials) {
        who.push_back(absl::StrCat(internal::SideLabel(law, o, f), v1::Official_Name(o.official)));
        internal::AddBasis(book, law.authority[o.line].rule, out.mutable_basis());
      }
      const Signer signer = internal::SignerAmong(law, auth.officials, f, s.official, s.side);
      const bool competent = signer == Signer::kCompetent;
      if (mine & Bit(v1::OFFICIAL_WITHOUT_AUTHORITY)) {
        out.add_reasons(absl::StrCat(v1::Official_Name(s.official), " may not impose ", t.code, " on this employee",
                                     who.empty() ? std::string(": no authority line covers it")
                                                 : absl::StrCat("; competent: ", absl::StrJoin(who, ", ")),
                                     "."));
      } else if (!competent && auth.missing_authority != 0) {
        std::vector<std::string> fields;
        for (int b = 0; b < kAuthorityFactCount; ++b) {
          if (auth.missing_authority & (1u << b)) fields.push_back(AuthorityFactField(static_cast<AuthorityFact>(1u << b)));
        }
        out.add_reasons(absl::StrCat("The signer's authority was not checked: ", absl::StrJoin(fields, " and "),
                                     fields.size() > 1 ? " are" : " is", " needed."));
      } else if (signer == Signer::kSideNeeded && auth.missing_authority == 0 && auth.authority_gap < 0) {
        out.add_reasons(absl::StrCat("The signer's authority was not checked: the ", v1::Official_Name(s.official),
                                     " of one side may impose ", t.code, " on this seconded PNS and that of the "
                                     "other may not; official_side is needed (competent: ",
                                     absl::StrJoin(who, ", "), ")."));
      } else if (!competent && auth.authority_gap >= 0) {
        out.add_reasons(absl::StrCat("The signer's authority was not checked: the law names no official for ", t.code,
                                     " on this employee (", cite_on(auth.authority_gap, s.date), ")."));
      } else {
        checked = true;
      }
    }
    if (weighed && mine == 0) {
      out.add_reasons(absl::StrCat(imposed, " is among what the law allows on ", date, " (", codes(allowed), ")",
                                   checked ? absl::StrCat(", imposed by a competent official (",
                                                          v1::Official_Name(s.official), ")")
                                           : std::string(),
                                   "."));
    }
  }
  if (verdicts & Bit(v1::DOUBLE_SANCTION)) {
    std::vector<std::string> which;
    for (size_t k = 0; k < im.sanctions.size() && k < 32; ++k) {
      if (!(doubled & (1u << k))) continue;
      which.push_back(absl::StrCat(law.types[im.sanctions[k].type].code, " on ", FormatDate(im.sanctions[k].date),
                                   by(im.sanctions[k].official)));
    }
    const int heaviest = r.PrincipleRule(0, f.decision_date), once = r.PrincipleRule(1, f.decision_date);
    out.add_reasons(absl::StrCat(which.size(), " hukuman disiplin were imposed for one case (", absl::StrJoin(which, "; "),
                                 "): only one may be, the heaviest after weighing every violation, and none twice for "
                                 "one violation: ",
                                 cite_on(heaviest, f.decision_date), "; ", cite_on(once, f.decision_date), "."));
  }
  for (const RecommendationFacts& rec : im.recommendations) {
    absl::string_view who = v1::Recommender_Name(rec.by);
    absl::ConsumePrefix(&who, "RECOMMENDER_");
    const std::string what =
        rec.types == 0 ? std::string("a sanction")
        : (rec.types & (rec.types - 1)) == 0
            ? law.types[__builtin_ctz(rec.types)].code
            : absl::StrCat("a ", v1::Level_Name(law.types[__builtin_ctz(rec.types)].level), " sanction");
    std::string reason = absl::StrCat(who, " recommended ", what, " on ", FormatDate(rec.date));
    const int binding = BindingRule(f, rec);
    if (binding < 0) {
      absl::StrAppend(&reason, rec.declined ? "; the official declined it" : "",
                      "; netra encodes no duty of the official to follow a recommendation of ", who,
                      " for this case, so whether it was followed is not judged.");
    } else {
      // Before a follow-up period was set (the 2022 decree's), the duty to
      // follow stands without one: only whether and how much is judged.
      const bool period = HasPeriod(rec);
      const absl::CivilDay due = rec.date + follow_up_days_;
      if (period) {
        absl::StrAppend(&reason, ", which the official must follow within ", follow_up_days_, " days",
                        follow_up_setting_.empty() ? "" : absl::StrCat(" (setting ", follow_up_setting_, ")"),
                        ", by ", FormatDate(due), ": ", cite_on(binding, rec.date), "; ",
                        cite_on(follow_up_rule_, rec.date));
      } else {
        absl::StrAppend(&reason, ", which the official must follow (", cite_on(binding, rec.date),
                        "); no period for it was set on that date, so its timing is not judged");
      }
      if (Followed(f, im, rec)) {
        absl::StrAppend(&reason, ". The decision of ", date, " followed it.");
      } else {
        std::vector<std::string> why;
        if (rec.declined) why.push_back("the official declined it");
        if (im.none) why.push_back("no sanction was imposed");
        if (period && f.decision_date > due) {
          why.push_back(absl::StrCat("the decision came on ", date, ", after the period"));
        }
        if (why.empty()) why.push_back("the sanction imposed is lighter than recommended");
        absl::StrAppend(&reason, ". It was not followed: ", absl::StrJoin(why, ", and "),
                        rec.escalated ? absl::StrCat("; ", who, " escalated it on ", FormatDate(*rec.escalated))
                                      : absl::StrCat("; no escalation by ", who, " is recorded"),
                        ".");
      }
    }
    out.add_reasons(std::move(reason));
  }
  return out;
}

absl::StatusOr<Auditor> Auditor::WithCaseSettings(const v1::DecidedCase& decided) const {
  std::map<std::string, std::string> merged;
  for (const Evaluator::SettingValue& s : evaluator_.settings()) {
    if (!s.is_default) merged[s.name] = s.value;
  }
  for (const auto& [k, v] : decided.request().settings()) merged[k] = v;
  auto derived = Create(evaluator_.book_ptr(), merged);
  if (!derived.ok()) return absl::Status(derived.status().code(), absl::StrCat("request.", derived.status().message()));
  return derived;
}

absl::StatusOr<v1::AuditFinding> Auditor::Audit(const v1::DecidedCase& decided) const {
  if (!decided.request().settings().empty()) {
    auto derived = WithCaseSettings(decided);
    if (!derived.ok()) return derived.status();
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
