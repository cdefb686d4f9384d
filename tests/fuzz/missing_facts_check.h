// Invariant (d) of the evaluator: a fact is reported missing only when it
// changes the answer (issue 20; README "Missing facts and facts known only as
// bounds"). For every act of a determination (except the implicit
// party-membership act, whose facts have no request path of their own):
//
//  - MISSING_FACTS: each missing fact of the act has at least two
//    alternatives, and they differ in outcome, level or allowed types (the
//    competent officials and the examination team follow from the level and
//    types); and giving any value inside an alternative's range (both ends
//    and a value between, for counts and dates) gives that alternative's
//    outcome, level and types.
//  - any other outcome: the answer is the same for every value tried of each
//    fact in `immaterial_facts` (the ends of a range given and values between,
//    every value of a flag or an enum).
//
// Values are given through the request, as a user would (the date
// range replaced by one day, a count range by one count), with the decision
// date pinned to the one answered; the candidate status of a missing target
// is set on the prepared facts (it has no request field of its own). A value
// the request cannot take with the other facts (e.g. a run longer than the
// yearly total given) is skipped.
//
// Returns "" when the invariant holds, else the first violation. Used by
// tests/missing_facts_test.cc (every law vector and variants of it) and the
// evaluator_invariants fuzz target.
#ifndef NETRA_TESTS_FUZZ_MISSING_FACTS_CHECK_H_
#define NETRA_TESTS_FUZZ_MISSING_FACTS_CHECK_H_

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "netra/date.h"
#include "netra/evaluator.h"
#include "netra/v1/determination.pb.h"

namespace netra_fuzz {

// One value to try for a fact: a count, a day, or an enum/flag/code name.
struct FactValue {
  std::optional<int> count;
  std::optional<absl::CivilDay> day;
  std::string name;
  std::string Label() const {
    if (count) return absl::StrCat(*count);
    if (day) return netra::FormatDate(*day);
    return name;
  }
};

// An act's answer as the rule compares it.
struct ActAnswer {
  netra::v1::Outcome outcome = netra::v1::OUTCOME_UNSPECIFIED;
  netra::v1::Level level = netra::v1::LEVEL_UNSPECIFIED;
  std::set<std::string> types;
  // Without a sanction there is no level or type to compare (a repeat with
  // no heavier type keeps its level only as a note).
  bool operator==(const ActAnswer& o) const {
    return outcome == o.outcome && (outcome != netra::v1::SANCTION || (level == o.level && types == o.types));
  }
  std::string Text() const {
    if (outcome != netra::v1::SANCTION) return netra::v1::Outcome_Name(outcome);
    return absl::StrCat(netra::v1::Outcome_Name(outcome), "/", netra::v1::Level_Name(level), "/",
                        absl::StrJoin(types, ","));
  }
};

inline ActAnswer AnswerOf(const netra::v1::ActDetermination& a) {
  ActAnswer out{a.outcome(), a.level(), {}};
  for (const auto& s : a.allowed_sanctions()) out.types.insert(s.code());
  return out;
}

inline ActAnswer AnswerOf(const netra::v1::Alternative& a) {
  return ActAnswer{a.outcome(), a.level(), std::set<std::string>(a.sanction_types().begin(), a.sanction_types().end())};
}

// Values inside [lo, hi] (hi < 0: no upper bound): both ends and some between.
inline std::vector<FactValue> CountsIn(int lo, int hi) {
  const int top = hi < 0 ? std::min(366, std::max(lo + 40, 366)) : hi;
  std::set<int> v = {lo, top, lo + (top - lo) / 2};
  for (int k : {3, 9, 10, 11, 27, 28, 30}) {
    if (k >= lo && k <= top) v.insert(k);
  }
  std::vector<FactValue> out;
  for (int k : v) out.push_back(FactValue{k, std::nullopt, ""});
  return out;
}

inline std::vector<FactValue> DaysIn(absl::CivilDay from, absl::CivilDay until) {
  std::set<absl::CivilDay> v = {from, until, from + (until - from) / 2};
  std::vector<FactValue> out;
  for (absl::CivilDay d : v) out.push_back(FactValue{std::nullopt, d, ""});
  return out;
}

// Sets `value` for `field` (a request path, acts[i] already stripped into
// `act`) on a copy of the request; false if the field cannot be set here.
inline bool SetFact(netra::v1::EvaluationRequest* r, int act, const std::string& field, const FactValue& value) {
  using namespace netra::v1;
  if (field == "employee.position.type") {
    PositionType p;
    if (!PositionType_Parse(value.name, &p)) return false;
    r->mutable_employee()->mutable_position()->set_type(p);
    return true;
  }
  if (act < 0 || act >= r->acts_size()) return false;
  Act& a = *r->mutable_acts(act);
  const std::string prefix = absl::StrCat("acts[", act, "].");
  if (!absl::StartsWith(field, prefix)) return false;
  const std::string f = field.substr(prefix.size());
  auto flag = [&](auto set) {
    if (value.name != "true" && value.name != "false") return false;
    set(value.name == "true");
    return true;
  };
  if (f == "impact") {
    Impact i;
    if (!Impact_Parse(value.name, &i)) return false;
    a.set_impact(i);
  } else if (f == "absence.cumulative_working_days") {
    if (!value.count) return false;
    a.mutable_absence()->clear_cumulative_working_days_range();
    a.mutable_absence()->set_cumulative_working_days(*value.count);
  } else if (f == "absence.consecutive_working_days") {
    if (!value.count) return false;
    a.mutable_absence()->clear_consecutive_working_days_range();
    a.mutable_absence()->set_consecutive_working_days(*value.count);
  } else if (f == "act_date") {
    if (!value.day) return false;
    a.clear_act_date_range();
    a.set_act_date(netra::FormatDate(*value.day));
  } else if (f == "valid_reason") {
    return flag([&](bool b) { a.set_valid_reason(b); });
  } else if (f == "wealth_report_obliged") {
    return flag([&](bool b) { a.set_wealth_report_obliged(b); });
  } else if (f == "reference_sanction") {
    a.set_reference_sanction(value.name);
  } else if (f == "neutrality.target.route") {
    CandidateRoute c;
    if (!CandidateRoute_Parse(value.name, &c)) return false;
    a.mutable_neutrality()->mutable_target()->set_route(c);
  } else if (f == "neutrality.on_cltn") {
    return flag([&](bool b) { a.mutable_neutrality()->set_on_cltn(b); });
  } else if (f == "neutrality.active_support") {
    return flag([&](bool b) { a.mutable_neutrality()->set_active_support(b); });
  } else if (f == "neutrality.resigned_in_writing") {
    return flag([&](bool b) { a.mutable_neutrality()->set_resigned_in_writing(b); });
  } else if (f == "neutrality.cltn_conduct_breach") {
    return flag([&](bool b) { a.mutable_neutrality()->set_cltn_conduct_breach(b); });
  } else if (f == "neutrality.campaign_attributes") {
    return flag([&](bool b) { a.mutable_neutrality()->set_campaign_attributes(b); });
  } else if (f == "neutrality.mobilised_staff") {
    return flag([&](bool b) { a.mutable_neutrality()->set_mobilised_staff(b); });
  } else if (f == "neutrality.state_facilities") {
    return flag([&](bool b) { a.mutable_neutrality()->set_state_facilities(b); });
  } else if (f == "criminal.prison_months") {
    if (!value.count) return false;
    a.mutable_criminal()->set_prison_months(*value.count);
  } else if (f == "criminal.planned") {
    return flag([&](bool b) { a.mutable_criminal()->set_planned(b); });
  } else if (f == "criminal.office_related") {
    return flag([&](bool b) { a.mutable_criminal()->set_office_related(b); });
  } else if (f == "criminal.retention_conditions_met") {
    return flag([&](bool b) { a.mutable_criminal()->set_retention_conditions_met(b); });
  } else if (f == "criminal.custodial") {
    return flag([&](bool b) { a.mutable_criminal()->set_custodial(b); });
  } else {
    return false;
  }
  return true;
}

// The candidate status of a missing target, "CALON" or "CALON (REGENT)".
inline bool ParseStatus(const std::string& name, netra::v1::CandidateStatus* status, netra::v1::Office* office) {
  std::string s = name, o;
  if (const size_t p = name.find(" ("); p != std::string::npos && absl::EndsWith(name, ")")) {
    s = name.substr(0, p);
    o = name.substr(p + 2, name.size() - p - 3);
  }
  if (!netra::v1::CandidateStatus_Parse(s, status)) return false;
  *office = netra::v1::OFFICE_UNSPECIFIED;
  return o.empty() || netra::v1::Office_Parse(o, office);
}

// The answer for act `act` with `field` set to `value`; nullopt if the
// request refuses the value with the other facts.
inline std::optional<ActAnswer> AnswerWith(const netra::Evaluator& ev, const netra::v1::EvaluationRequest& request,
                                           const std::string& decision_date, int act, const std::string& field,
                                           const FactValue& value, std::string* error) {
  netra::v1::EvaluationRequest r = request;
  r.set_decision_date(decision_date);
  const bool status = absl::EndsWith(field, ".neutrality.target.election");
  if (!status && !SetFact(&r, act, field, value)) {
    *error = absl::StrCat("cannot give ", field, " = ", value.Label(), " in a request");
    return std::nullopt;
  }
  // The request's own settings, as Evaluator::Evaluate(request) applies them.
  std::optional<netra::Evaluator> derived;
  if (!r.settings().empty()) {
    std::map<std::string, std::string> settings;
    for (const auto& s : ev.settings()) {
      if (!s.is_default) settings[s.name] = s.value;
    }
    for (const auto& [k, v] : r.settings()) settings[k] = v;
    auto e = netra::Evaluator::Create(ev.book_ptr(), settings);
    if (!e.ok()) return std::nullopt;
    derived.emplace(*std::move(e));
    r.clear_settings();
  }
  const netra::Evaluator& use = derived ? *derived : ev;
  netra::CaseFacts facts;
  if (!use.Prepare(r, &facts).ok()) return std::nullopt;
  if (status) {
    netra::v1::CandidateStatus s;
    netra::v1::Office o;
    if (!ParseStatus(value.name, &s, &o)) {
      *error = absl::StrCat(field, ": alternative value \"", value.name, "\" is not a candidate status");
      return std::nullopt;
    }
    facts.acts[act].status = s;
    if (o != netra::v1::OFFICE_UNSPECIFIED) facts.acts[act].office = o;
  }
  netra::CaseResult res;
  use.Evaluate(facts, &res);
  return AnswerOf(use.Render(facts, res).acts(act));
}

// Values to try for a fact the answer says does not matter.
inline std::vector<FactValue> ValuesOf(const netra::Evaluator& ev, const netra::v1::EvaluationRequest& r, int act,
                                       const std::string& field) {
  using namespace netra::v1;
  std::vector<FactValue> out;
  auto names = [&](const google::protobuf::EnumDescriptor* d) {
    for (int i = 1; i < d->value_count(); ++i) out.push_back(FactValue{std::nullopt, std::nullopt, d->value(i)->name()});
  };
  const Act* a = act >= 0 && act < r.acts_size() ? &r.acts(act) : nullptr;
  if (field == "employee.position.type") {
    names(PositionType_descriptor());
  } else if (absl::EndsWith(field, ".impact")) {
    names(Impact_descriptor());
  } else if (absl::EndsWith(field, ".neutrality.target.route")) {
    names(CandidateRoute_descriptor());
  } else if (absl::EndsWith(field, ".neutrality.target.election")) {
    for (const char* s : {"BAKAL_CALON", "CALON"}) {
      for (const char* o : {"REGENT", "PRESIDENT_VICE_PRESIDENT", "DPRD_PROVINCE", "POLITICAL_PARTY"}) {
        out.push_back(FactValue{std::nullopt, std::nullopt, absl::StrCat(s, " (", o, ")")});
      }
    }
  } else if (absl::EndsWith(field, ".reference_sanction")) {
    for (const netra::RuleEntry& e : ev.book().rules()) {
      if (e.rule->has_sanction_type()) out.push_back(FactValue{std::nullopt, std::nullopt, e.rule->sanction_type().code()});
    }
  } else if (a != nullptr && absl::EndsWith(field, ".absence.cumulative_working_days")) {
    const CountRange& g = a->absence().cumulative_working_days_range();
    out = a->absence().has_cumulative_working_days_range() ? CountsIn(g.at_least(), g.has_at_most() ? g.at_most() : -1)
                                                           : CountsIn(0, -1);
  } else if (a != nullptr && absl::EndsWith(field, ".absence.consecutive_working_days")) {
    const CountRange& g = a->absence().consecutive_working_days_range();
    out = a->absence().has_consecutive_working_days_range() ? CountsIn(g.at_least(), g.has_at_most() ? g.at_most() : -1)
                                                            : CountsIn(0, -1);
  } else if (a != nullptr && absl::EndsWith(field, ".act_date")) {
    auto from = netra::ParseDate(a->act_date_range().from(), "from");
    auto until = netra::ParseDate(a->act_date_range().until(), "until");
    if (from.ok() && until.ok()) out = DaysIn(*from, *until);
  } else {
    out = {FactValue{std::nullopt, std::nullopt, "false"}, FactValue{std::nullopt, std::nullopt, "true"}};
  }
  return out;
}

inline int ActIndex(const std::string& field) {
  int i = -1;
  if (absl::StartsWith(field, "acts[")) {
    const size_t close = field.find(']');
    if (close == std::string::npos || !absl::SimpleAtoi(field.substr(5, close - 5), &i)) return -1;
  }
  return i;
}

inline std::string CheckMissingFacts(const netra::Evaluator& ev, const netra::v1::EvaluationRequest& request,
                                     const netra::v1::Determination& d) {
  std::string error;
  const int acts = std::min(request.acts_size(), d.acts_size());
  for (int i = 0; i < acts; ++i) {
    const netra::v1::ActDetermination& a = d.acts(i);
    const std::string at = absl::StrCat("acts[", i, "] (", a.norm(), ")");
    if (a.outcome() == netra::v1::MISSING_FACTS) {
      if (a.missing_facts().empty()) return absl::StrCat(at, ": MISSING_FACTS names no fact");
      for (const netra::v1::MissingFact& m : a.missing_facts()) {
        const int act = m.field() == "employee.position.type" ? i : ActIndex(m.field());
        if (act != i) return absl::StrCat(at, ": missing fact ", m.field(), " is not a fact of this act");
        std::set<std::string> answers;
        for (const netra::v1::Alternative& alt : m.alternatives()) answers.insert(AnswerOf(alt).Text());
        if (answers.size() < 2) {
          return absl::StrCat(at, ": ", m.field(), " is reported missing but its ", m.alternatives_size(),
                              " alternatives all give ", answers.empty() ? "nothing" : *answers.begin());
        }
        for (const netra::v1::Alternative& alt : m.alternatives()) {
          std::vector<FactValue> values;
          if (alt.has_count_range()) {
            values = CountsIn(alt.count_range().at_least(),
                              alt.count_range().has_at_most() ? alt.count_range().at_most() : -1);
          } else if (alt.has_date_range()) {
            auto from = netra::ParseDate(alt.date_range().from(), "from");
            auto until = netra::ParseDate(alt.date_range().until(), "until");
            if (!from.ok() || !until.ok()) return absl::StrCat(at, ": ", m.field(), ": bad date range in alternative");
            values = DaysIn(*from, *until);
          } else {
            values = {FactValue{std::nullopt, std::nullopt, alt.value()}};
          }
          for (const FactValue& v : values) {
            auto got = AnswerWith(ev, request, d.decision_date(), i, m.field(), v, &error);
            if (!error.empty()) return absl::StrCat(at, ": ", error);
            if (got && !(*got == AnswerOf(alt))) {
              return absl::StrCat(at, ": ", m.field(), " = ", v.Label(), " (inside alternative \"", alt.value(),
                                  "\") gives ", got->Text(), ", the alternative says ", AnswerOf(alt).Text());
            }
          }
        }
      }
    } else {
      const ActAnswer answer = AnswerOf(a);
      for (const std::string& field : a.immaterial_facts()) {
        for (const FactValue& v : ValuesOf(ev, request, i, field)) {
          auto got = AnswerWith(ev, request, d.decision_date(), i, field, v, &error);
          if (!error.empty()) return absl::StrCat(at, ": ", error);
          if (got && !(*got == answer)) {
            return absl::StrCat(at, ": the answer ", answer.Text(), " is said to hold whatever ", field,
                                " is, but ", v.Label(), " gives ", got->Text());
          }
        }
      }
    }
  }
  return "";
}

}  // namespace netra_fuzz

#endif  // NETRA_TESTS_FUZZ_MISSING_FACTS_CHECK_H_
