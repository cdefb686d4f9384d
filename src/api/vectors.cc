#include "netra/vectors.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "netra/rule_book.h"
#include "output_file.h"

namespace netra {
namespace {

namespace fs = std::filesystem;

template <typename Names, typename Name>
std::string Joined(const Names& values, Name name) {
  std::multiset<std::string> sorted;
  for (const auto& v : values) sorted.insert(name(v));
  return absl::StrJoin(sorted, ",");
}

std::string Codes(const google::protobuf::RepeatedPtrField<v1::AllowedSanction>& s) {
  return Joined(s, [](const v1::AllowedSanction& a) { return a.code(); });
}

std::string Codes(const google::protobuf::RepeatedPtrField<std::string>& s) {
  return Joined(s, [](const std::string& c) { return c; });
}

// "field: got X, expected Y" when an expectation that is set is not met.
template <typename Enum>
void Compare(absl::string_view field, Enum got, Enum want, const std::string& (*name)(Enum),
             std::vector<std::string>* out) {
  if (static_cast<int>(want) != 0 && got != want) {
    out->push_back(absl::StrCat(field, ": got ", name(got), ", expected ", name(want)));
  }
}

template <typename Facts>
void Lacks(absl::string_view what, const google::protobuf::RepeatedPtrField<std::string>& wanted, const Facts& facts,
           std::vector<std::string>* out) {
  for (const std::string& f : wanted) {
    if (std::none_of(facts.begin(), facts.end(), [&](const auto& m) { return m.field() == f; })) {
      out->push_back(absl::StrCat(what, " lacks ", f));
    }
  }
}

void CheckAct(const v1::ExpectedAct& x, const v1::ActDetermination& a, std::vector<std::string>* failures) {
  std::vector<std::string> out;
  Compare("outcome", a.outcome(), x.outcome(), &v1::Outcome_Name<v1::Outcome>, &out);
  Compare("level", a.level(), x.level(), &v1::Level_Name<v1::Level>, &out);
  Compare("regime", a.regime(), x.regime(), &v1::Regime_Name<v1::Regime>, &out);
  Compare("candidate_status", a.election_stage().candidate_status(), x.candidate_status(),
          &v1::CandidateStatus_Name<v1::CandidateStatus>, &out);
  Compare("stage", a.election_stage().stage(), x.stage(), &v1::Stage_Name<v1::Stage>, &out);
  if (!x.allowed_sanctions().empty() && Codes(a.allowed_sanctions()) != Codes(x.allowed_sanctions())) {
    out.push_back(absl::StrCat("allowed_sanctions: got {", Codes(a.allowed_sanctions()), "}, expected {",
                               Codes(x.allowed_sanctions()), "}"));
  }
  for (const std::string& id : x.basis_includes()) {
    if (std::none_of(a.basis().begin(), a.basis().end(), [&](const auto& b) { return b.rule_id() == id; })) {
      out.push_back(absl::StrCat("basis lacks ", id));
    }
  }
  Lacks("missing_facts", x.missing_facts(), a.missing_facts(), &out);
  for (const std::string& f : x.immaterial_facts()) {
    if (std::find(a.immaterial_facts().begin(), a.immaterial_facts().end(), f) == a.immaterial_facts().end()) {
      out.push_back(absl::StrCat("immaterial_facts lacks ", f));
    }
  }
  if (x.salary_stop() && !a.salary_stop()) out.push_back("salary_stop: got false, expected true");
  if (!x.salary_stop_from().empty() && a.salary_stop_from() != x.salary_stop_from()) {
    out.push_back(absl::StrCat("salary_stop_from: got \"", a.salary_stop_from(), "\", expected \"",
                               x.salary_stop_from(), "\""));
  }
  failures->insert(failures->end(), std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()));
}

// A vector's own form: its sentence and the article it checks.
template <typename Vector>
void CheckForm(const Vector& v, std::vector<std::string>* out) {
  if (v.name().empty()) out->push_back("name: empty (a vector states its sentence about the law)");
  if (v.checks().empty()) out->push_back("checks: none (a vector cites the article it checks)");
}

// The first parse error of a text-format file, with its line and column.
class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
    if (text_.empty()) text_ = absl::StrCat("line ", line + 1, ", column ", column + 1, ": ", message);
  }
  void AddWarning(int, google::protobuf::io::ColumnNumber, const std::string&) override {}
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

bool Parse(const std::string& text, google::protobuf::Message* m, std::string* error) {
  FirstError errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  if (parser.ParseFromString(text, m)) return true;
  *error = errors.text().empty() ? "does not parse" : errors.text();
  return false;
}

// Whether the cited instrument is in force on `date` (YYYY-MM-DD, so dates
// compare as text).
bool InForceOn(const RuleBook& book, const v1::Citation& c, const std::string& date) {
  const v1::Instrument* in = book.FindInstrument(c.instrument());
  return in != nullptr && in->in_force_from() <= date && (in->in_force_until().empty() || date < in->in_force_until());
}

}  // namespace

std::vector<std::string> CheckAnswerProperties(const RuleBook& book, const v1::EvaluationRequest& request,
                                               const v1::Determination& d) {
  std::vector<std::string> out;
  // Dates are YYYY-MM-DD, so they compare as text. `named`: the act's own
  // norm, which an OUTSIDE_SCOPE answer names as the request did even when
  // its law is not in force on the date.
  auto not_yet = [&](const std::string& where, const std::string& rule_id,
                     const google::protobuf::RepeatedPtrField<v1::Citation>& citations, const std::string& date) {
    for (const v1::Citation& c : citations) {
      const v1::Instrument* in = book.FindInstrument(c.instrument());
      if (in != nullptr && !date.empty() && in->in_force_from() > date) {
        out.push_back(absl::StrCat(where, ": ", rule_id, " cites ", book.CiteAs(c), ", in force only from ",
                                   in->in_force_from(), ", for ", date));
      }
    }
    // Nor repealed law beside law in force then, unless the rule keeps it
    // on purpose (Rule.cites_repealed).
    const RuleEntry* rule = book.FindRule(rule_id);
    if (date.empty() || (rule != nullptr && rule->rule->cites_repealed())) return;
    if (std::none_of(citations.begin(), citations.end(),
                     [&](const v1::Citation& c) { return InForceOn(book, c, date); })) {
      return;
    }
    for (const v1::Citation& c : citations) {
      const v1::Instrument* in = book.FindInstrument(c.instrument());
      if (in != nullptr && !in->in_force_until().empty() && in->in_force_until() <= date) {
        out.push_back(absl::StrCat(where, ": ", rule_id, " cites ", book.CiteAs(c), ", repealed on ",
                                   in->in_force_until(), ", for ", date));
      }
    }
  };
  auto check = [&](const std::string& where, const google::protobuf::RepeatedPtrField<v1::LegalBasis>& basis,
                   const std::string& date, const std::string& named) {
    std::set<std::string> seen;
    for (const v1::LegalBasis& b : basis) {
      if (!seen.insert(b.rule_id()).second) out.push_back(absl::StrCat(where, ".basis: ", b.rule_id(), " twice"));
      if (b.rule_id() != named) not_yet(absl::StrCat(where, ".basis"), b.rule_id(), b.citations(), date);
    }
  };
  check("determination", d.basis(), d.decision_date(), "");
  // A sanction type is cited as it stood on the decision date.
  for (const v1::AllowedSanction& s : d.allowed_sanctions()) {
    not_yet("determination.allowed_sanctions", s.rule_id(), s.citations(), d.decision_date());
  }
  for (int i = 0; i < d.acts_size(); ++i) {
    const v1::ActDetermination& a = d.acts(i);
    // The act's own date (the last day of a range) for norms judged by the
    // law of the act date; acts the employee's facts imply have none.
    std::string date = d.decision_date();
    const RuleEntry* norm = book.FindRule(a.norm());
    if (norm != nullptr && norm->rule->has_norm() && norm->rule->norm().law_of_act_date() && i < request.acts_size()) {
      const v1::Act& act = request.acts(i);
      date = act.has_act_date_range() ? act.act_date_range().until() : act.act_date();
    }
    check(absl::StrCat("acts[", i, "]"), a.basis(), date, a.outcome() == v1::OUTSIDE_SCOPE ? a.norm() : "");
    // The act's header ("acts[i] (NORM, CITATION): ...") cites its norm as
    // it stood on the date.
    if (norm != nullptr && !date.empty()) {
      const auto& cited = norm->rule->citations();
      const bool some_in_force =
          std::any_of(cited.begin(), cited.end(), [&](const v1::Citation& c) { return InForceOn(book, c, date); });
      for (const v1::Citation& c : cited) {
        const v1::Instrument* in = book.FindInstrument(c.instrument());
        if (in == nullptr) continue;
        std::string wrong;
        if (in->in_force_from() > date) {
          wrong = absl::StrCat("in force only from ", in->in_force_from());
        } else if (some_in_force && !norm->rule->cites_repealed() && !in->in_force_until().empty() &&
                   in->in_force_until() <= date) {
          wrong = absl::StrCat("repealed on ", in->in_force_until());
        } else {
          continue;
        }
        const std::string head = absl::StrCat("acts[", i, "] (", a.norm(), ", ", book.CiteAs(c), ")");
        for (const std::string& line : a.explanation()) {
          if (absl::StartsWith(line, head)) {
            out.push_back(absl::StrCat("acts[", i, "]: the explanation's header cites ", book.CiteAs(c), ", ", wrong,
                                       ", for ", date));
            break;
          }
        }
      }
    }
    // Whose status the act turns on is said as the request has it: a party
    // supported, the ASN's own candidacy, or a person supported.
    if (i < request.acts_size()) {
      const bool party = request.acts(i).neutrality().target().office() == v1::POLITICAL_PARTY;
      const bool own = norm != nullptr && norm->rule->has_norm() && norm->rule->norm().own_candidacy();
      for (const std::string& line : a.explanation()) {
        if ((party || own) && absl::StrContains(line, "the person supported")) {
          out.push_back(absl::StrCat("acts[", i, "]: ", own ? "the ASN's own candidacy" : "a party target",
                                     ", yet the explanation says: ", line));
        }
        if (!party && absl::StrContains(line, "the party supported")) {
          out.push_back(absl::StrCat("acts[", i, "]: no party target, yet the explanation says: ", line));
        }
      }
    }
    // PP 94/2021 Pasal 40 takes over breaches of discipline only, not a
    // status ground such as a detention or a conviction.
    if (a.outcome() == v1::SANCTION && a.regime() == v1::DISMISSAL) {
      for (const std::string& line : a.explanation()) {
        if (absl::StrContains(line, "PP 94 applies")) {
          out.push_back(absl::StrCat("acts[", i, "]: a dismissal ground, yet the explanation says: ", line));
        }
      }
    }
    if (a.outcome() == v1::OUTSIDE_SCOPE) {
      for (const std::string& line : a.explanation()) {
        if (absl::StrContains(line, " applies (")) {
          out.push_back(absl::StrCat("acts[", i, "]: OUTSIDE_SCOPE, yet the explanation says: ", line));
        }
      }
    }
  }
  return out;
}

std::vector<std::string> CheckLawVector(const v1::TestVector& vector, const v1::Determination& d) {
  std::vector<std::string> out;
  CheckForm(vector, &out);
  const v1::Expectation& x = vector.expect();
  Compare("outcome", d.outcome(), x.outcome(), &v1::Outcome_Name<v1::Outcome>, &out);
  Compare("level", d.level(), x.level(), &v1::Level_Name<v1::Level>, &out);
  Compare("regime", d.regime(), x.regime(), &v1::Regime_Name<v1::Regime>, &out);
  Compare("handling", d.handling().body(), x.handling(), &v1::HandlingBody_Name<v1::HandlingBody>, &out);
  if (!x.allowed_sanctions().empty() && Codes(d.allowed_sanctions()) != Codes(x.allowed_sanctions())) {
    out.push_back(absl::StrCat("allowed_sanctions: got {", Codes(d.allowed_sanctions()), "}, expected {",
                               Codes(x.allowed_sanctions()), "}"));
  }
  std::set<std::string> cited;
  CollectCitedRules(d, &cited);
  for (const std::string& id : x.basis_includes()) {
    if (!cited.count(id)) out.push_back(absl::StrCat("basis lacks ", id));
  }
  if (!x.competent_officials().empty()) {
    auto official = [](int o) { return v1::Official_Name(static_cast<v1::Official>(o)); };
    const std::string got =
        Joined(d.competent_officials(), [&](const v1::CompetentOfficial& c) { return official(c.official()); });
    const std::string want = Joined(x.competent_officials(), official);
    if (got != want) out.push_back(absl::StrCat("competent_officials: got {", got, "}, expected {", want, "}"));
    for (int i = 0; i < x.proposers_size() && i < x.competent_officials_size(); ++i) {
      const bool found = std::any_of(d.competent_officials().begin(), d.competent_officials().end(), [&](const auto& c) {
        return c.official() == x.competent_officials(i) && c.proposer() == x.proposers(i);
      });
      if (!found) {
        out.push_back(absl::StrCat("competent_officials: no ", official(x.competent_officials(i)), " with proposer ",
                                   official(x.proposers(i))));
      }
    }
    for (int i = 0; i < x.sides_size() && i < x.competent_officials_size(); ++i) {
      const bool found = std::any_of(d.competent_officials().begin(), d.competent_officials().end(), [&](const auto& c) {
        return c.official() == x.competent_officials(i) && c.side() == x.sides(i);
      });
      if (!found) {
        out.push_back(absl::StrCat("competent_officials: no ", official(x.competent_officials(i)), " of side ",
                                   v1::AgencySide_Name(x.sides(i))));
      }
    }
  }
  Compare("team", d.procedure().team(), x.team(), &v1::ProcedureRule::Team_Name<v1::ProcedureRule::Team>, &out);
  Lacks("missing_facts", x.missing_facts(), d.missing_facts(), &out);
  if (x.acts_size() > d.acts_size()) {
    out.push_back(absl::StrCat("acts: got ", d.acts_size(), ", expected at least ", x.acts_size()));
  }
  for (int i = 0; i < x.acts_size() && i < d.acts_size(); ++i) {
    std::vector<std::string> act;
    CheckAct(x.acts(i), d.acts(i), &act);
    for (std::string& f : act) out.push_back(absl::StrCat("acts[", i, "].", f));
  }
  return out;
}

std::vector<std::string> CheckAuditVector(const v1::AuditVector& vector, const v1::AuditFinding& f) {
  std::vector<std::string> out;
  CheckForm(vector, &out);
  const v1::AuditExpectation& x = vector.expect();
  if (f.verdict() != x.verdict()) {
    out.push_back(absl::StrCat("verdict: got ", v1::Verdict_Name(f.verdict()), ", expected ",
                               v1::Verdict_Name(x.verdict())));
  }
  if (!x.verdicts().empty()) {
    auto name = [](int v) { return v1::Verdict_Name(static_cast<v1::Verdict>(v)); };
    std::set<std::string> got, want;
    for (int v : f.verdicts()) got.insert(name(v));
    for (int v : x.verdicts()) want.insert(name(v));
    if (got != want) {
      out.push_back(absl::StrCat("verdicts: got {", absl::StrJoin(got, ","), "}, expected {",
                                 absl::StrJoin(want, ","), "}"));
    }
  }
  for (const std::string& id : x.basis_includes()) {
    if (std::none_of(f.basis().begin(), f.basis().end(), [&](const auto& b) { return b.rule_id() == id; })) {
      out.push_back(absl::StrCat("basis lacks ", id));
    }
  }
  if (f.reasons().empty()) out.push_back("reasons: none (a finding says why)");
  return out;
}

void CollectCitedRules(const v1::Determination& d, std::set<std::string>* ids) {
  auto basis = [&](const auto& list) {
    for (const auto& b : list) ids->insert(b.rule_id());
  };
  basis(d.basis());
  for (const auto& a : d.acts()) {
    basis(a.basis());
    for (const auto& s : a.allowed_sanctions()) ids->insert(s.rule_id());
  }
  for (const auto& s : d.allowed_sanctions()) ids->insert(s.rule_id());
  for (const auto& c : d.competent_officials()) {
    ids->insert(c.rule_id());
    for (const auto& id : c.also_rule_ids()) ids->insert(id);
  }
  for (const auto& m : d.missing_facts()) {
    for (const auto& alt : m.alternatives()) {
      if (!alt.rule_id().empty()) ids->insert(alt.rule_id());
    }
  }
  if (d.has_procedure()) ids->insert(d.procedure().rule_id());
  if (d.has_handling()) ids->insert(d.handling().rule_id());
}

std::vector<std::string> RulesVectorsCover(const RuleBook& book) {
  std::vector<std::string> out;
  for (const RuleEntry& e : book.rules()) {
    // Principles and periods of the case lifecycle are tested there.
    if (e.rule->has_principle() && e.rule->principle().applied_by() != "evaluator") continue;
    if (e.rule->has_deadline() || e.rule->has_remedy()) continue;
    out.push_back(e.rule->id());
  }
  return out;
}

absl::StatusOr<VectorReport> RunVectorFiles(const Engine& engine, absl::Span<const std::string> paths) {
  std::vector<std::pair<std::string, fs::path>> files;  // shown name, path
  for (const std::string& p : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return absl::NotFoundError(absl::StrCat(p, ": no such file or folder"));
    if (!fs::is_directory(st)) {
      files.emplace_back(p, p);
      continue;
    }
    std::vector<std::pair<std::string, fs::path>> found;
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->path().extension() == ".textproto" && it->is_regular_file()) {
        found.emplace_back(fs::relative(it->path(), p).string(), it->path());
      }
    }
    if (ec) return absl::UnavailableError(absl::StrCat(p, ": cannot be read: ", ec.message()));
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  if (files.empty()) return absl::InvalidArgumentError("no vector files (*.textproto) found");
  VectorReport report;
  std::set<std::string> cited;
  for (const auto& [shown, path] : files) {
    VectorResult& r = report.results.emplace_back();
    r.file = shown;
    // Read as a law file is (a FIFO given as a vector is refused, not waited on).
    auto text = internal::ReadFileToString(path.string(), kMaxLawFileBytes, "kMaxLawFileBytes");
    if (!text.ok()) {
      r.kind = "?";
      r.failures.push_back(absl::StrCat("cannot be read: ", text.status().message()));
      continue;
    }
    const std::string s = *std::move(text);
    const bool says_audit = absl::StrContains(s, "# proto-message: netra.v1.AuditVector");
    const bool says_law = absl::StrContains(s, "# proto-message: netra.v1.TestVector");
    v1::TestVector law;
    v1::AuditVector audit;
    std::string law_error, audit_error;
    const bool is_law = !says_audit && Parse(s, &law, &law_error);
    const bool is_audit = !is_law && !says_law && Parse(s, &audit, &audit_error);
    if (is_law) {
      r.kind = "law";
      r.name = law.name();
      ++report.law_vectors;
      auto d = engine.Evaluate(law.request());
      if (!d.ok()) {
        r.failures.push_back(absl::StrCat("evaluate: ", d.status().message()));
      } else {
        r.failures = CheckLawVector(law, *d);
        for (std::string& f : CheckAnswerProperties(engine.book(), law.request(), *d)) r.failures.push_back(std::move(f));
        CollectCitedRules(*d, &cited);
      }
    } else if (is_audit) {
      r.kind = "audit";
      r.name = audit.name();
      ++report.audit_vectors;
      auto f = engine.Audit(audit.decided());
      if (!f.ok()) {
        r.failures.push_back(absl::StrCat("audit: ", f.status().message()));
      } else {
        r.failures = CheckAuditVector(audit, *f);
      }
    } else {
      r.kind = says_audit ? "audit" : "law";
      r.failures.push_back(says_audit  ? absl::StrCat("not a netra.v1.AuditVector: ", audit_error)
                           : says_law ? absl::StrCat("not a netra.v1.TestVector: ", law_error)
                                      : absl::StrCat("neither a netra.v1.TestVector (", law_error,
                                                     ") nor a netra.v1.AuditVector (", audit_error, ")"));
    }
  }
  for (const VectorResult& r : report.results) (r.failures.empty() ? report.passed : report.failed) += 1;
  if (report.law_vectors > 0) {
    for (std::string& id : RulesVectorsCover(engine.book())) {
      if (!cited.count(id)) report.uncovered.push_back(std::move(id));
    }
  }
  return report;
}

}  // namespace netra
