// CaseMachine::Describe and the rendering of a case's state: deadlines with
// their articles, next steps and who may take them, the sanction's effects
// and its SIASN record. Off the hot path.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "eval/resolved.h"
#include "law/compiled.h"
#include "lifecycle/procedure.h"
#include "netra/case.h"
#include "netra/date.h"

namespace netra {
namespace {

absl::CivilDay AddMonthsClamped(absl::CivilDay day, int months) {
  const absl::CivilMonth m = absl::CivilMonth(day) + months;
  const int last = static_cast<int>((absl::CivilDay(m + 1) - 1).day());
  const absl::CivilDay first(m);
  return absl::CivilDay(first.year(), first.month(), std::min<int>(static_cast<int>(day.day()), last));
}

using internal::AddBasis;

int RuleId(const RuleBook& book, absl::string_view id) {
  const RuleEntry* e = book.FindRule(id);
  return e == nullptr ? -1 : static_cast<int>(e - book.rules().data());
}

// The first of `ids` in force on `day` (the effect rules of PP 53/2010 and
// of PP 94/2021 answer the same question for their dates), or -1.
int RuleOn(const RuleBook& book, std::initializer_list<absl::string_view> ids, absl::CivilDay day) {
  const internal::CompiledLaw& law = book.compiled();
  for (absl::string_view id : ids) {
    const int r = RuleId(book, id);
    if (r >= 0 && law.rule_from[r] <= day && day < law.rule_until[r]) return r;
  }
  return -1;
}

}  // namespace

v1::CaseState CaseMachine::Describe(const CaseProgress& p, absl::CivilDay as_of, int64_t tukin) const {
  const RuleBook& book = this->book();
  const internal::CompiledLaw& law = book.compiled();
  v1::CaseState out;
  out.set_case_id(p.case_id);
  out.set_kind(p.kind);
  out.set_status(p.status);
  const PeriodProgress* in_effect = nullptr;  // the 15-day period, when it has run
  for (const PeriodProgress& pp : p.periods) {
    if (pp.period == Period::kEffective && !pp.cancelled && pp.due_known && pp.due <= as_of) in_effect = &pp;
  }
  // Received, no remedy filed, the 15 days run: the sanction stands.
  if (p.status == v1::RECEIVED_BY_EMPLOYEE && in_effect != nullptr) out.set_status(v1::FINAL);
  // A keberatan left undecided past a period that voids the decision (PP
  // 53/2010 Pasal 37(4)): the sanction is gone.
  const PeriodProgress* voided = nullptr;
  for (const PeriodProgress& pp : p.periods) {
    if (p.status == v1::OBJECTION_PENDING && pp.period == Period::kObjectionDecision && !pp.met && !pp.cancelled &&
        pp.due_known && pp.due < as_of && law.rules[pp.rule].rule->deadline().voids_decision()) {
      voided = &pp;
    }
  }
  if (voided != nullptr) {
    out.set_status(v1::CLOSED_ANNULLED);
    out.add_explanation(absl::StrCat("The keberatan was not decided by ", FormatDate(voided->due),
                                     ": the sanction decision is void by law (", law.rules[voided->rule].rule->id(),
                                     ")."));
  }
  out.set_as_of(FormatDate(as_of));
  out.set_events(p.events);
  out.set_rule_book_revision(law.revision);
  out.set_calendar_version(calendar_.version());

  // The law's answer on the findings, as prepared when they were given.
  if (p.has_findings) evaluator_.Render(p.facts, p.result, out.mutable_determination());

  // Deadlines, each with its article and its status on the as-of date.
  const PeriodProgress* effective = nullptr;
  for (const PeriodProgress& pp : p.periods) {
    if (pp.cancelled) continue;
    if (pp.period == Period::kEffective) effective = &pp;
    const v1::Rule& r = *law.rules[pp.rule].rule;
    v1::Deadline* d = out.add_deadlines();
    d->set_name(PeriodName(pp.period));
    d->set_rule_id(r.id());
    *d->mutable_citations() = r.citations();
    for (const auto& c : r.citations()) d->add_cited_as(book.CiteAs(c));
    d->set_counted_from(FormatDate(pp.counted_from));
    d->set_working_days(!pp.calendar_days);
    d->set_days(pp.days);
    d->set_consequence(r.deadline().consequence());
    if (pp.due_known) d->set_due(FormatDate(pp.due));
    if (pp.period == Period::kSummons1Notice) {
      // A notice period: respected or not, per setting summons_1_reading.
      d->set_met_on(FormatDate(pp.met_on));
      const bool ok = !pp.due_known || (pp.min_notice ? pp.met_on >= pp.due : pp.met_on <= pp.due);
      d->set_status(ok ? v1::Deadline::MET
                       : pp.min_notice ? v1::Deadline::NOTICE_TOO_SHORT : v1::Deadline::MET_LATE);
    } else if (pp.period == Period::kEffective && pp.due_known && pp.due <= as_of) {
      d->set_status(v1::Deadline::MET);  // the sanction took effect that day
      d->set_met_on(FormatDate(pp.due));
    } else if (pp.met) {
      d->set_met_on(FormatDate(pp.met_on));
      d->set_status(pp.due_known && pp.met_on > pp.due ? v1::Deadline::MET_LATE : v1::Deadline::MET);
    } else if (pp.due_known && pp.due < as_of && !IsDuty(pp.period) && pp.period != Period::kEffective) {
      d->set_status(v1::Deadline::EXPIRED);
    } else if (pp.due_known && pp.due < as_of && IsDuty(pp.period) && !IsClosed(p.status)) {
      d->set_status(v1::Deadline::OVERDUE);
      out.add_explanation(absl::StrCat("Overdue on ", FormatDate(as_of), ": ", PeriodName(pp.period), " was due by ",
                                       FormatDate(pp.due), " (", r.id(), "); ", r.deadline().consequence(), "."));
    } else {
      d->set_status(v1::Deadline::OPEN);
    }
    AddBasis(book, pp.rule, out.mutable_basis());
  }

  // Next steps: the rows of the procedure table offered in this status
  // (procedure.cc), the same rows Apply checks events against.
  for (const Transition& t : Procedure()) {
    if (!Has(t.offer, p.status) || (t.when != nullptr && !t.when(p, as_of)) ||
        (t.offered != nullptr && !t.offered(p, as_of))) {
      continue;
    }
    if (!OfKind(t.event, p.kind)) continue;
    v1::NextStep* s = out.add_next_steps();
    s->set_event(t.event);
    for (int r = 0; r < 32; ++r) {
      if (Has(t.roles, r)) s->add_roles(static_cast<v1::Role>(r));
    }
    if (t.due != Period::kCount) {
      for (const PeriodProgress& pp : p.periods) {
        if (pp.period == t.due && !pp.met && !pp.cancelled && pp.due_known) s->set_due(FormatDate(pp.due));
      }
    }
    // Who may decide: the officials competent for the types the law allows.
    if (t.event == v1::DECISION) {
      for (const OfficialResult& o : p.result.officials) s->add_officials(o.official);
    }
    std::string note = absl::StrReplaceAll(t.note, {{"{scheduled}", FormatDate(p.scheduled)}});
    if (t.stand_in) {
      absl::StrAppend(&note, note.empty() ? "" : "; ",
                      "ROLE_HIGHER_SUPERIOR in place of a vacant direct superior (actor.direct_superior_vacant)");
    }
    s->set_note(note);
  }

  // The sanction and its effects.
  if (p.sanction_type >= 0 && p.status != v1::CLOSED_ANNULLED && p.status != v1::CLOSED_NO_VIOLATION &&
      voided == nullptr) {
    const internal::CompiledSanctionType& t = law.types[p.sanction_type];
    const v1::Rule& tr = *law.rules[t.rule].rule;
    const v1::SanctionType& st = tr.sanction_type();
    v1::SanctionEffect* se = out.mutable_sanction();
    se->set_sanction_type(t.code);
    se->set_decision_date(FormatDate(p.remedied ? p.remedy_decided : p.on[v1::DECISION]));
    const bool received = p.Seen(v1::DELIVERY) || p.Seen(v1::RECEIVED);
    if (received) se->set_receipt_date(FormatDate(std::max(p.Seen(v1::DELIVERY) ? p.on[v1::DELIVERY] : absl::CivilDay(),
                                                           p.Seen(v1::RECEIVED) ? p.on[v1::RECEIVED] : absl::CivilDay())));
    bool known = false;
    absl::CivilDay from;
    // The effect rules of the regulation in force on the decision date.
    const absl::CivilDay decided = p.on[v1::DECISION];
    const int as_remedied = RuleOn(book, {"pp94.effect.as_remedied", "pp53.effect.as_remedied"}, decided);
    const int on_receipt = RuleOn(book, {"pp94.effect.after_receipt", "pp53.effect.by_signer"}, decided);
    auto cite = [&](int rule) {
      AddBasis(book, rule, out.mutable_basis());
      return absl::StrCat(" (", internal::RuleTexts(book)[rule].cite, ")");
    };
    if (p.remedied) {
      known = true;
      from = p.remedy_decided;
      se->add_explanation(absl::StrCat("takes effect as decided in the remedy, on ", FormatDate(from),
                                       as_remedied >= 0 ? cite(as_remedied) : ""));
    } else if (p.effect_rule >= 0) {
      known = true;
      from = decided;
      se->add_explanation(absl::StrCat("takes effect on the decision date", cite(p.effect_rule)));
    } else if (effective != nullptr && effective->due_known) {
      known = true;
      from = effective->due;
      se->add_explanation(absl::StrCat("takes effect on the ", effective->days, "th ",
                                       effective->calendar_days ? "" : "working ", "day after receipt (",
                                       law.rules[effective->rule].rule->id(), ")"));
    } else if (p.status == v1::OBJECTION_PENDING || p.status == v1::APPEAL_PENDING || p.status == v1::COURT_PENDING) {
      se->add_explanation(absl::StrCat("takes effect as the pending remedy decides", as_remedied >= 0 ? cite(as_remedied) : ""));
    } else if (on_receipt >= 0 && (!received || law.rules[on_receipt].rule->id() == "pp53.effect.by_signer")) {
      // PP 53/2010 fixes the day by the signer and the type, which no
      // period tracks: the rule is said in words.
      se->add_explanation(absl::StrCat(received ? "" : "not yet received: ",
                                       law.rules[on_receipt].rule->paraphrase(), cite(on_receipt)));
    }
    se->set_permanent(st.permanent());
    v1::SiasnHukdisRecord* rec = se->mutable_siasn();
    rec->set_jenis_hukuman_id(st.siasn_jenis_hukuman_id());
    rec->set_masa_bulan(st.duration_months() % 12);
    rec->set_masa_tahun(st.duration_months() / 12);
    rec->set_sk_nomor(p.document_number);
    rec->set_sk_tanggal(se->decision_date());
    if (tr.citations_size() > 0) {
      const v1::Instrument* in = book.FindInstrument(tr.citations(0).instrument());
      if (in != nullptr) rec->set_nomor_pp(absl::StrCat(in->number(), " Tahun ", in->year()));
    }
    rec->set_keterangan(st.name());
    if (known) {
      se->set_effective_from(FormatDate(from));
      rec->set_hukuman_tanggal(FormatDate(from));
      if (st.duration_months() > 0) {
        const absl::CivilDay last = AddMonthsClamped(from, st.duration_months()) - 1;
        se->set_last_day(FormatDate(last));
        rec->set_akhir_hukuman_tanggal(FormatDate(last));
        // PerBKN 6/2022 Pasal 55(1): no raise or promotion while serving.
        if (t.regime == v1::DISCIPLINE && (t.level == v1::SEDANG || t.level == v1::BERAT)) {
          const int r = RuleId(book, "perbkn6.effect.no_kgb_kp");
          for (const char* what : {"KGB", "KP"}) {
            v1::SanctionBlock* b = se->add_blocks();
            b->set_what(what);
            b->set_until(FormatDate(last));
            if (r >= 0) {
              b->set_rule_id(law.rules[r].rule->id());
              *b->mutable_citations() = law.rules[r].rule->citations();
              AddBasis(book, r, out.mutable_basis());
            }
          }
        }
        // The tukin cut (Pasal 8(3)), once operative: 25% of the tukin of
        // each month of the period (setting tukin_cut_months_from).
        if (tukin > 0 && t.operative_from_setting >= 0) {
          absl::CivilMonth m(from);
          if (!tukin_month_of_effect_ && from.day() != 1) m += 1;
          for (int k = 0; k < st.duration_months(); ++k, m += 1) {
            v1::TukinDeduction* td = se->add_tukin_deductions();
            td->set_month(absl::StrCat(m.year(), "-", m.month() < 10 ? "0" : "", m.month()));
            td->set_tukin(tukin);
            td->set_deduction(tukin / 4);
          }
        }
      } else if (st.permanent()) {
        se->add_explanation("permanent: a dismissal has no end date");
      } else {
        se->add_explanation("served at once on the day it takes effect (ringan)");
      }
    }
    AddBasis(book, t.rule, out.mutable_basis());
  }
  for (const std::string& n : p.notes) out.add_explanation(n);
  for (int32_t r : p.principles) AddBasis(book, r, out.mutable_basis());
  return out;
}

}  // namespace netra
