// netra._netra: the C++ half of the Python package `netra`.
//
// This module is private: users call the pure-Python package (netra/*.py),
// which checks argument types (TypeError naming the argument), converts
// dates to day numbers and messages to bytes, and documents the contract.
// Here every absl::Status becomes a StatusError, translated into the
// netra.errors class of its code with the exact C++ message.
//
// Lifetimes: every object keeps what it needs alive (an Evaluator, Auditor,
// CaseMachine or Calendar holds its RuleBook through a shared_ptr; a
// PactRegistry holds its Roster through pybind11 keep_alive).
// Thread safety: RuleBook, Evaluator, Auditor, CaseMachine and Calendar are
// immutable and release the GIL while they compute; Roster, PactRegistry,
// CaseProgress and the log files are mutable and must not be shared between
// Python threads without a lock (as in C++).
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "absl/strings/str_join.h"
#include "common.h"
#include "frame.h"
#include "netra/api.h"
#include "netra/audit.h"
#include "netra/calendar.h"
#include "netra/case.h"
#include "netra/date.h"
#include "netra/evaluator.h"
#include "netra/nip.h"
#include "netra/pact.h"
#include "netra/store.h"
#include "netra/rule_book.h"
#include "netra/siasn.h"
#include "netra/synth.h"
#include "netra/text.h"

namespace netra::py {
namespace {

using pyb::arg;

struct Book {
  std::shared_ptr<const RuleBook> ptr;
};

// The request layer (netra/api.h): the single calls of the package go
// through it, as the command's and the C ABI's do.
struct PyEngine {
  std::shared_ptr<const Engine> ptr;
};

struct Roster {
  RosterTable table;
  v1::RosterImportReport report;
};

std::optional<absl::CivilDay> OptDay(const std::optional<int64_t>& days, const char* field) {
  if (!days) return std::nullopt;
  return DayOf(*days, field);
}

// The embedded law plus `sources`; a source named like an embedded file
// (same base name) replaces it, as `netra --law` and `netra check-law` do.
std::shared_ptr<const RuleBook> LoadBook(const std::vector<std::pair<std::string, std::string>>& sources,
                                         bool include_embedded, bool require_evaluator_rules) {
  std::vector<LawSource> given;
  for (const auto& [name, text] : sources) given.push_back({name, text});
  std::vector<LawSource> all;
  if (include_embedded) {
    auto base = [](const std::string& p) { return p.substr(p.find_last_of('/') + 1); };
    for (LawSource& e : EmbeddedLaw()) {
      bool replaced = false;
      for (const LawSource& g : given) replaced |= base(g.name) == base(e.name);
      if (!replaced) all.push_back(std::move(e));
    }
  }
  for (LawSource& g : given) all.push_back(std::move(g));
  LoadOptions options;
  options.include_embedded = false;  // merged above
  options.require_evaluator_rules = require_evaluator_rules;
  pyb::gil_scoped_release release;
  return Take(RuleBook::Load(all, options));
}

std::string BodyName(const v1::Rule& r) {
  const auto* oneof = v1::Rule::descriptor()->FindOneofByName("body");
  const auto* field = r.GetReflection()->GetOneofFieldDescriptor(r, oneof);
  return field ? field->name() : "";
}

// The rule table as columns of Python lists (a few hundred rows).
pyb::dict RulesTable(const RuleBook& book, std::optional<absl::CivilDay> as_of) {
  std::vector<std::string> id, kind, norm, sanction_types, citation, instruments, titles, file, from, until,
      confidence, paraphrase, setting;
  std::vector<int> line, outcome, level, regime;
  for (const RuleEntry& e : book.rules()) {
    if (as_of && !book.InForce(e, *as_of)) continue;
    const v1::Rule& r = *e.rule;
    id.push_back(r.id());
    kind.push_back(BodyName(r));
    std::string n, types, set;
    int o = 0, l = 0, g = 0;
    if (r.has_norm()) {
      n = r.id();
    } else if (r.has_level()) {
      n = r.level().norm();
      o = r.level().outcome();
      l = r.level().level();
      // LevelRule.regime: unspecified = DISCIPLINE (law.proto).
      g = r.level().regime() == v1::REGIME_UNSPECIFIED ? v1::DISCIPLINE : r.level().regime();
      types = absl::StrJoin(r.level().sanction_types(), ", ");
      set = r.level().level_setting();
    } else if (r.has_sanction_type()) {
      types = r.sanction_type().code();
      l = r.sanction_type().level();
      g = r.sanction_type().regime() == v1::REGIME_UNSPECIFIED ? v1::DISCIPLINE : r.sanction_type().regime();
    } else if (r.has_authority()) {
      types = absl::StrJoin(r.authority().sanction_types(), ", ");
      set = r.authority().setting();
    } else if (r.has_principle()) {
      set = r.principle().setting();
    } else if (r.has_deadline()) {
      set = r.deadline().days_setting();
    } else if (r.has_remedy()) {
      types = absl::StrJoin(r.remedy().sanction_types(), ", ");
    }
    norm.push_back(n);
    outcome.push_back(o);
    level.push_back(l);
    regime.push_back(g);
    sanction_types.push_back(types);
    setting.push_back(set);
    std::vector<std::string> cites, ins, tit;
    for (const auto& c : r.citations()) {
      cites.push_back(book.CiteAs(c));
      if (std::find(ins.begin(), ins.end(), c.instrument()) == ins.end()) {
        ins.push_back(c.instrument());
        const v1::Instrument* in = book.FindInstrument(c.instrument());
        tit.push_back(in ? in->title() : "");
      }
    }
    citation.push_back(absl::StrJoin(cites, "; "));
    instruments.push_back(absl::StrJoin(ins, ", "));
    titles.push_back(absl::StrJoin(tit, "; "));
    file.push_back(e.file);
    line.push_back(e.line);
    from.push_back(book.InForceFrom(e));
    until.push_back(book.InForceUntil(e));
    confidence.push_back(v1::Confidence_Name(r.confidence()));
    paraphrase.push_back(r.paraphrase());
  }
  pyb::dict out;
  out["rule_id"] = id;
  out["kind"] = kind;
  out["norm"] = norm;
  out["outcome"] = outcome;
  out["level"] = level;
  out["regime"] = regime;
  out["sanction_types"] = sanction_types;
  out["citation"] = citation;
  out["instruments"] = instruments;
  out["instrument_titles"] = titles;
  out["in_force_from"] = from;
  out["in_force_until"] = until;
  out["confidence"] = confidence;
  out["setting"] = setting;
  out["file"] = file;
  out["line"] = line;
  out["paraphrase"] = paraphrase;
  return out;
}

pyb::dict NipDict(const Nip& n) {
  pyb::dict d;
  d["digits"] = n.digits;
  d["style"] = n.style == Nip::Style::kPns ? "PNS" : "PPPK";
  d["birth_date"] = DaysOf(n.birth_date);
  d["appointed"] = DaysOf(n.appointed);
  d["sex"] = n.sex;
  d["sequence"] = n.sequence;
  d["agreement_count"] = n.agreement_count;
  d["warnings"] = n.warnings;
  return d;
}

CalendarOptions CalendarOpts(int weekdays, const std::vector<int64_t>& off, const std::vector<int64_t>& work) {
  if (weekdays < 0 || weekdays > 0x7f) Invalid(absl::StrCat("working_weekdays: ", weekdays, " is not a 7-bit mask"));
  CalendarOptions o;
  o.working_weekdays = static_cast<uint8_t>(weekdays);
  for (int64_t d : off) o.extra_days_off.push_back(DayOf(d, "extra_days_off"));
  for (int64_t d : work) o.extra_working_days.push_back(DayOf(d, "extra_working_days"));
  return o;
}

// Roster columns (nip and name as Python strings; the rest coded).
pyb::dict RosterColumns(const RosterTable& t) {
  const size_t n = t.size();
  pyb::list nip(n), name(n);
  for (size_t r = 0; r < n; ++r) {
    nip[r] = t.Nip(r);
    name[r] = t.Name(r);
  }
  std::vector<int8_t> kind(n), position(n);
  std::vector<uint8_t> leader(n);
  std::vector<int32_t> unit(n), agency(n), grade(n);
  for (size_t r = 0; r < n; ++r) {
    kind[r] = static_cast<int8_t>(t.kind[r]);
    position[r] = static_cast<int8_t>(t.position_type[r]);
    leader[r] = t.leader[r];
    unit[r] = static_cast<int32_t>(t.unit[r]);
    agency[r] = static_cast<int32_t>(t.agency[r]);
    grade[r] = r < t.grade.size() ? static_cast<int32_t>(t.grade[r]) : -1;
  }
  std::vector<std::string> unit_names;
  for (size_t u = 0; u < t.units.size(); ++u) unit_names.push_back(t.UnitName(static_cast<uint32_t>(u)));
  // Unit names repeat across agencies: the categories are the unit labels
  // "agency/unit" would be unique, but analysts group by the unit's own name
  // within an agency column, so the plain name is given.
  std::vector<std::string> unit_cats;
  std::map<std::string, int32_t> unit_index;
  std::vector<int32_t> unit_remap(unit_names.size());
  for (size_t u = 0; u < unit_names.size(); ++u) {
    auto [it, inserted] = unit_index.try_emplace(unit_names[u], static_cast<int32_t>(unit_cats.size()));
    if (inserted) unit_cats.push_back(unit_names[u]);
    unit_remap[u] = it->second;
  }
  for (auto& u : unit) u = unit_remap[u];
  auto arr = [](const auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    pyb::array_t<T> a(static_cast<pyb::ssize_t>(v.size()));
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
  };
  pyb::dict d;
  d["nip"] = pyb::make_tuple("str", nip);
  d["name"] = pyb::make_tuple("str", name);
  d["kind"] = pyb::make_tuple("enum", arr(kind), "EmployeeKind");
  d["grade"] = pyb::make_tuple("cat", arr(grade), t.grades);
  d["position_type"] = pyb::make_tuple("enum", arr(position), "PositionType");
  d["unit"] = pyb::make_tuple("cat", arr(unit), unit_cats);
  d["agency"] = pyb::make_tuple("cat", arr(agency), t.agencies);
  d["leader"] = pyb::make_tuple("bool", arr(leader));
  return d;
}

pyb::dict PactGroupColumns(const v1::PactProgress& p) {
  pyb::list agency, unit, due;
  std::vector<int> pclass, kind;
  std::vector<int64_t> must, issued, on_time, late, not_signed, declined, breached, withdrawn;
  std::vector<double> rate;
  for (const v1::PactCounts& g : p.groups()) {
    agency.append(g.agency());
    unit.append(g.unit());
    due.append(g.due());
    pclass.push_back(g.position_class());
    kind.push_back(g.kind());
    must.push_back(g.must_sign());
    issued.push_back(g.issued());
    on_time.push_back(g.signed_on_time());
    late.push_back(g.signed_late());
    not_signed.push_back(g.not_signed());
    declined.push_back(g.declined());
    breached.push_back(g.breached());
    withdrawn.push_back(g.withdrawn());
    rate.push_back(g.signed_rate());
  }
  pyb::dict d;
  d["agency"] = agency;
  d["unit"] = unit;
  d["position_class"] = pclass;
  d["kind"] = kind;
  d["must_sign"] = must;
  d["issued"] = issued;
  d["signed_on_time"] = on_time;
  d["signed_late"] = late;
  d["not_signed"] = not_signed;
  d["declined"] = declined;
  d["breached"] = breached;
  d["withdrawn"] = withdrawn;
  d["signed_rate"] = rate;
  d["due"] = due;
  return d;
}

// One row per unit with a pact issued (PactProgress.leadership).
pyb::dict LeadershipColumns(const v1::PactProgress& p) {
  pyb::list agency, unit, done;
  std::vector<int64_t> leaders, leaders_signed, staff_signed, ahead;
  for (const v1::LeadershipOrder& o : p.leadership()) {
    agency.append(o.agency());
    unit.append(o.unit());
    leaders.push_back(o.leaders());
    leaders_signed.push_back(o.leaders_signed());
    done.append(o.leaders_done());
    staff_signed.push_back(o.staff_signed());
    ahead.push_back(o.staff_signed_before_leaders());
  }
  pyb::dict d;
  d["agency"] = agency;
  d["unit"] = unit;
  d["leaders"] = leaders;
  d["leaders_signed"] = leaders_signed;
  d["leaders_done"] = done;
  d["staff_signed"] = staff_signed;
  d["staff_signed_before_leaders"] = ahead;
  return d;
}

// The pact options of PactRegistry and StoredPacts, from their Python
// arguments (dates as day numbers).
PactOptions MakePactOptions(bool include_non_asn, std::optional<int64_t> due,
                            const std::map<std::string, int64_t>& agency_due) {
  PactOptions o;
  o.include_non_asn = include_non_asn;
  if (due) {
    o.has_due = true;
    o.due = DayOf(*due, "due");
  }
  for (const auto& [agency, d] : agency_due) o.agency_due[agency] = DayOf(d, "agency_due");
  return o;
}

}  // namespace
}  // namespace netra::py

PYBIND11_MODULE(_netra, m) {
  using namespace netra;
  using namespace netra::py;
  namespace py = pybind11;
  m.doc() = "netra's C++ core (private; use the `netra` package).";

  // absl::Status -> netra.errors.<Class>(code, message). The class lookup is
  // lazy so this module imports without the package (as in its own tests).
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusError& e) {
      try {
        py::object exc = py::module_::import("netra.errors").attr("_from_status")(e.code, e.message);
        PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
      } catch (py::error_already_set& inner) {
        inner.restore();
      }
    }
  });

  // --- Law --------------------------------------------------------------
  m.def("embedded_law", [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (LawSource& s : EmbeddedLaw()) out.emplace_back(std::move(s.name), std::move(s.text));
    return out;
  });
  m.def("read_law_file", [](const std::string& path) {
    LawSource s = Take(ReadLawFile(path));
    return std::make_pair(s.name, s.text);
  });
  m.def("parse_date", [](const std::string& text, const std::string& field) {
    return DaysOf(Take(ParseDate(text, field)));
  });
  m.def("parse_nip", [](const std::string& text, const std::string& field) { return NipDict(Take(ParseNip(text, field))); });
  m.def("frame_columns", &FrameColumns);
  m.def("read_siasn_folder", [](const std::string& dir) { return ToBytes(Take(ReadSiasnFolder(dir))); });
  m.def("synth_siasn_export", [](uint64_t seed, int64_t employees, int agencies, int64_t decisions,
                                 const std::string& as_of, const std::string& dir) {
    const synth::SiasnExportSummary s = Take(
        synth::WriteSiasnExport({seed, employees, agencies, decisions, as_of, nullptr}, dir));
    return std::make_tuple(s.employees, s.agencies, s.decisions, s.without_facts);
  });

  py::class_<Book>(m, "RuleBook")
      .def_static("load",
                  [](const std::vector<std::pair<std::string, std::string>>& sources, bool include_embedded,
                     bool require_evaluator_rules) { return Book{LoadBook(sources, include_embedded, require_evaluator_rules)}; },
                  py::arg("sources"), py::arg("include_embedded") = true, py::arg("require_evaluator_rules") = true)
      .def_property_readonly("revision", [](const Book& b) { return b.ptr->revision(); })
      .def("rule_count", [](const Book& b) { return b.ptr->rules().size(); })
      .def("rules_table", [](const Book& b, std::optional<int64_t> as_of) { return RulesTable(*b.ptr, OptDay(as_of, "as_of")); })
      .def("rules_text", [](const Book& b, std::optional<int64_t> as_of) { return RulesText(*b.ptr, OptDay(as_of, "as_of")); })
      .def("rules_file", [](const Book& b, std::optional<int64_t> as_of) { return ToBytes(RulesFile(*b.ptr, OptDay(as_of, "as_of"))); })
      .def("elections", [](const Book& b) {
        v1::RuleFile f;
        for (const v1::Election* e : b.ptr->elections()) *f.add_elections() = *e;
        return ToBytes(f);
      })
      .def("elections_text", [](const Book& b) { return ElectionsText(*b.ptr); })
      .def("find_rule", [](const Book& b, const std::string& id) -> py::object {
        const RuleEntry* e = b.ptr->FindRule(id);
        if (!e) return py::none();
        return py::make_tuple(ToBytes(*e->rule), e->file, e->line, b.ptr->InForceFrom(*e), b.ptr->InForceUntil(*e));
      })
      .def("settings", [](const Book& b) {
        std::vector<py::bytes> out;
        for (const v1::Setting* s : b.ptr->settings()) out.push_back(ToBytes(*s));
        return out;
      })
      .def("cite", [](const Book& b, const py::bytes& citation) {
        return b.ptr->CiteAs(FromBytes<v1::Citation>(citation, "citation"));
      });

  // --- The request layer (netra/api.h) -----------------------------------
  py::class_<PyEngine>(m, "Engine")
      .def(py::init([](const Book& b, const std::map<std::string, std::string>& settings) {
             return PyEngine{Take(Engine::Create(b.ptr, settings))};
           }),
           py::arg("book"), py::arg("settings"))
      .def_static("methods", [] { return Engine::Methods(); })
      .def("call", [](const PyEngine& e, const std::string& method, const py::bytes& request) {
        std::string_view view = request;
        std::string in(view);
        absl::StatusOr<std::string> out;
        {
          py::gil_scoped_release release;
          out = e.ptr->CallBinary(method, in);
        }
        return py::bytes(Take(std::move(out)));
      })
      .def("call_json", [](const PyEngine& e, const std::string& method, const std::string& json, bool pretty,
                           bool emit_defaults) {
        absl::StatusOr<std::string> out;
        {
          py::gil_scoped_release release;
          out = e.ptr->CallJson(method, json, JsonOptions{.pretty = pretty, .emit_defaults = emit_defaults});
        }
        return Take(std::move(out));
      });

  // --- Evaluation -------------------------------------------------------
  py::class_<Evaluator>(m, "Evaluator")
      .def(py::init([](const Book& b, const std::map<std::string, std::string>& settings) {
             return std::make_unique<Evaluator>(Take(Evaluator::Create(b.ptr, settings)));
           }),
           py::arg("book"), py::arg("settings"))
      .def("evaluate", [](const Evaluator& e, const py::bytes& request) {
        const auto req = FromBytes<v1::EvaluationRequest>(request, "request");
        absl::StatusOr<v1::Determination> d;
        {
          py::gil_scoped_release release;
          d = e.Evaluate(req);
        }
        return ToBytes(Take(std::move(d)));
      })
      .def("evaluate_json", [](const Evaluator& e, const std::string& json) {
        const auto req = FromJson<v1::EvaluationRequest>(json, "request");
        absl::StatusOr<v1::Determination> d;
        {
          py::gil_scoped_release release;
          d = e.Evaluate(req);
        }
        return ToBytes(Take(std::move(d)));
      })
      .def("request_from_json", [](const Evaluator&, const std::string& json) {
        return ToBytes(FromJson<v1::EvaluationRequest>(json, "request"));
      })
      .def("settings", [](const Evaluator& e) {
        std::vector<std::tuple<std::string, std::string, bool>> out;
        for (const auto& s : e.settings()) out.emplace_back(s.name, s.value, s.is_default);
        return out;
      })
      .def("book", [](const Evaluator& e) { return Book{e.book_ptr()}; })
      .def("evaluate_columns", [](const Evaluator& e, size_t rows, const py::dict& columns, const py::object& row_errors,
                                  const py::object& decision_date, int threads) {
        return EvaluateColumns(e, rows, columns, row_errors, decision_date, threads);
      })
      .def_static("frame_requests", &FrameRequests)
      .def("_bench_cpp_batch", [](const Evaluator& e, size_t rows, const py::dict& columns, const py::object& row_errors,
                                 const py::object& decision_date, int threads, int repeats) {
        return BenchCppBatch(e, rows, columns, row_errors, decision_date, threads, repeats);
      });

  py::class_<Auditor>(m, "Auditor")
      .def(py::init([](const Book& b, const std::map<std::string, std::string>& settings) {
             return std::make_unique<Auditor>(Take(Auditor::Create(b.ptr, settings)));
           }),
           py::arg("book"), py::arg("settings"))
      .def("audit", [](const Auditor& a, const py::bytes& decided) {
        const auto c = FromBytes<v1::DecidedCase>(decided, "case");
        absl::StatusOr<v1::AuditFinding> f;
        {
          py::gil_scoped_release release;
          f = a.Audit(c);
        }
        return ToBytes(Take(std::move(f)));
      })
      .def("case_from_json", [](const Auditor&, const std::string& json) {
        return ToBytes(FromJson<v1::DecidedCase>(json, "decided-case"));
      })
      .def("audit_messages", [](const Auditor& a, const std::vector<std::string>& cases, int threads, bool detail) {
        return AuditMessages(a, cases, threads, detail);
      })
      .def("audit_columns", [](const Auditor& a, size_t rows, const py::dict& columns, const py::object& row_errors,
                               int threads, bool detail) { return AuditColumnsOf(a, rows, columns, row_errors, threads, detail); });

  // --- Calendar and cases -------------------------------------------------
  py::class_<WorkingDayCalendar>(m, "Calendar")
      .def(py::init([](const Book& b, int weekdays, const std::vector<int64_t>& off, const std::vector<int64_t>& work) {
        return std::make_unique<WorkingDayCalendar>(Take(WorkingDayCalendar::Create(b.ptr, CalendarOpts(weekdays, off, work))));
      }))
      .def("is_working_day", [](const WorkingDayCalendar& c, int64_t d) { return Take(c.IsWorkingDay(DayOf(d, "day"))); })
      .def("add_working_days", [](const WorkingDayCalendar& c, int64_t d, int n) {
        return DaysOf(Take(c.AddWorkingDays(DayOf(d, "start"), n)));
      })
      .def("working_days_between", [](const WorkingDayCalendar& c, int64_t a, int64_t b) {
        return Take(c.WorkingDaysBetween(DayOf(a, "start"), DayOf(b, "end")));
      })
      .def("day_off", [](const WorkingDayCalendar& c, int64_t d) -> py::object {
        const v1::DayOff* off = c.DayOffOn(DayOf(d, "day"));
        if (!off) return py::none();
        return ToBytes(*off);
      })
      .def("years", &WorkingDayCalendar::years)
      .def_property_readonly("version", &WorkingDayCalendar::version);

  py::class_<CaseProgress>(m, "CaseProgress")
      .def_readonly("case_id", &CaseProgress::case_id)
      .def_property_readonly("kind", [](const CaseProgress& p) { return static_cast<int>(p.kind); })
      .def_property_readonly("status", [](const CaseProgress& p) { return static_cast<int>(p.status); })
      .def_readonly("events", &CaseProgress::events)
      .def_property_readonly("last_date", [](const CaseProgress& p) { return DaysOf(p.last_date); })
      .def_property_readonly("notes", [](const CaseProgress& p) { return p.notes; })
      .def("copy", [](const CaseProgress& p) { return CaseProgress(p); });

  py::class_<CaseMachine>(m, "CaseMachine")
      .def(py::init([](const Book& b, int weekdays, const std::vector<int64_t>& off, const std::vector<int64_t>& work,
                       const std::map<std::string, std::string>& settings) {
        return std::make_unique<CaseMachine>(Take(CaseMachine::Create(b.ptr, CalendarOpts(weekdays, off, work), settings)));
      }))
      .def("start", [](const CaseMachine& m, const py::bytes& header) {
        CaseProgress p;
        Check(m.Start(FromBytes<v1::CaseLog>(header, "case"), &p));
        return p;
      })
      .def("apply", [](const CaseMachine& m, CaseProgress& p, const py::bytes& event) {
        Check(m.Apply(FromBytes<v1::CaseEvent>(event, "event"), &p));
      })
      .def("replay", [](const CaseMachine& m, const py::bytes& log) {
        const auto l = FromBytes<v1::CaseLog>(log, "case");
        py::gil_scoped_release release;
        return Take(m.Replay(l));
      })
      .def("log_from_json", [](const CaseMachine&, const std::string& json) { return ToBytes(FromJson<v1::CaseLog>(json, "case")); })
      .def("event_from_json", [](const CaseMachine&, const std::string& json) { return ToBytes(FromJson<v1::CaseEvent>(json, "event")); })
      .def("describe", [](const CaseMachine& m, const CaseProgress& p, int64_t as_of, int64_t tukin) {
        if (tukin < 0) Invalid(absl::StrCat("tukin: ", tukin, " is negative"));
        return ToBytes(m.Describe(p, DayOf(as_of, "as_of"), tukin));
      })
      .def("overdue", [](const CaseMachine& m, const CaseProgress& p, int64_t as_of) {
        std::vector<OverdueItem> items;
        m.Overdue(p, DayOf(as_of, "as_of"), &items);
        std::vector<std::tuple<std::string, int64_t, std::string>> out;
        for (const OverdueItem& it : items) {
          out.emplace_back(PeriodName(it.period), DaysOf(it.due), m.book().rules()[it.rule].rule->id());
        }
        return out;
      })
      .def("calendar", [](const CaseMachine& m) { return WorkingDayCalendar(m.calendar()); });

  // --- Rosters and pacts ------------------------------------------------
  py::class_<Roster>(m, "Roster")
      .def_static("from_csv_text", [](const std::string& text) {
        auto r = std::make_unique<Roster>();
        std::istringstream in(text);
        py::gil_scoped_release release;
        r->table = Take(ImportRosterCsv(in, &r->report));
        return r;
      })
      .def_static("from_jsonl_text", [](const std::string& text) {
        auto r = std::make_unique<Roster>();
        std::istringstream in(text);
        py::gil_scoped_release release;
        r->table = Take(ImportRosterJsonLines(in, &r->report));
        return r;
      })
      .def_static("from_file", [](const std::string& path, bool jsonl) {
        std::ifstream in(path, std::ios::binary);
        if (!in) Throw(absl::NotFoundError(absl::StrCat(path, ": cannot open")));
        auto r = std::make_unique<Roster>();
        py::gil_scoped_release release;
        r->table = Take(jsonl ? ImportRosterJsonLines(in, &r->report) : ImportRosterCsv(in, &r->report));
        return r;
      })
      .def_static("synthetic", [](uint64_t seed, int64_t employees, int agencies) {
        std::ostringstream csv;
        Check(synth::WriteRoster({seed, employees, agencies}, csv));
        auto r = std::make_unique<Roster>();
        std::istringstream in(csv.str());
        r->table = Take(ImportRosterCsv(in, &r->report));
        return r;
      })
      .def("__len__", [](const Roster& r) { return r.table.size(); })
      .def("report", [](const Roster& r) { return ToBytes(r.report); })
      .def("columns", [](const Roster& r) { return RosterColumns(r.table); })
      .def("add", [](Roster& r, const py::bytes& entry) { Check(r.table.Add(FromBytes<v1::RosterEntry>(entry, "entry"))); });

  m.def("synth_roster_csv", [](uint64_t seed, int64_t employees, int agencies) {
    std::ostringstream csv;
    {
      py::gil_scoped_release release;
      Check(synth::WriteRoster({seed, employees, agencies}, csv));
    }
    return csv.str();
  });
  m.def("synth_reports", [](uint64_t seed, int64_t count, const std::string& election, double p_proven,
                            double p_sanctioned, double p_blocked) {
    synth::ReportOptions o{seed, count, election, p_proven, p_sanctioned, p_blocked};
    auto gen = Take(synth::ReportGenerator::Create(o));
    std::vector<py::bytes> out;
    while (auto r = gen->Next()) out.push_back(ToBytes(*r));
    return out;
  });
  m.def("synth_report_columns", &SynthReportColumns);

  py::class_<PactRegistry>(m, "PactRegistry")
      .def(py::init([](const Book& b, const Roster& roster, const std::string& election, bool include_non_asn,
                       std::optional<int64_t> due, const std::map<std::string, int64_t>& agency_due) {
             const PactOptions o = MakePactOptions(include_non_asn, due, agency_due);
             return std::make_unique<PactRegistry>(Take(PactRegistry::Create(b.ptr, &roster.table, election, o)));
           }),
           py::keep_alive<1, 3>())
      .def("issue_all", [](PactRegistry& r, int64_t date, const std::string& tmpl, const std::string& leadership) {
        return Take(r.IssueAll(DayOf(date, "date"), tmpl, leadership));
      })
      .def("apply", [](PactRegistry& r, const py::bytes& e) { Check(r.Apply(FromBytes<v1::PactEvent>(e, "event"))); })
      .def("check", [](const PactRegistry& r, const py::bytes& e) { Check(r.Check(FromBytes<v1::PactEvent>(e, "event"))); })
      .def("event_from_json", [](const PactRegistry&, const std::string& json) { return ToBytes(FromJson<v1::PactEvent>(json, "event")); })
      .def("progress", [](const PactRegistry& r, int64_t as_of, int max_not_signed) {
        if (max_not_signed < 0) Invalid(absl::StrCat("not_signed: ", max_not_signed, " is negative"));
        // The GIL stays held: a registry is mutable, and another Python
        // thread recording an event meanwhile would be a data race.
        const v1::PactProgress p = r.Progress(DayOf(as_of, "as_of"), max_not_signed);
        return py::make_tuple(ToBytes(p), PactGroupColumns(p));
      })
      .def("link_breaches", [](const PactRegistry& r, const CaseProgress& c, int64_t as_of) {
        // The events are returned, never applied here: the Python side
        // records them (through its log, if any) only when asked.
        // GIL held: the registry and the case are mutable (see progress).
        PactBreachLink l = Take(r.LinkBreaches(c, DayOf(as_of, "as_of")));
        std::vector<py::bytes> events;
        for (const v1::PactEvent& e : l.events) events.push_back(ToBytes(e));
        return py::make_tuple(events, l.explanation);
      })
      .def("leadership", [](const PactRegistry& r, int64_t as_of) {
        const v1::PactProgress p = r.Progress(DayOf(as_of, "as_of"), 0);  // GIL held (see progress)
        return py::make_tuple(LeadershipColumns(p), p.units_leaders_first(), p.units_staff_ahead_of_leaders(),
                              p.units_without_leader());
      })
      .def("totals", [](const PactRegistry& r, int64_t as_of) {
        int64_t c[8] = {};
        r.Totals(DayOf(as_of, "as_of"), c);
        return std::vector<int64_t>(c, c + 8);
      })
      .def_property_readonly("due", [](const PactRegistry& r) { return DaysOf(r.due()); })
      .def_property_readonly("election", &PactRegistry::election)
      .def("templates", [](const PactRegistry& r) {
        std::vector<py::bytes> out;
        for (const v1::PactTemplate* t : r.templates()) out.push_back(ToBytes(*t));
        return out;
      });

  // A registry kept in step with a store (netra/store.h): its registry is
  // the PactRegistry above, owned by it.
  py::class_<StoredPacts>(m, "StoredPacts")
      .def(py::init([](const Book& b, const Roster& roster, const std::string& election, bool include_non_asn,
                       std::optional<int64_t> due, const std::map<std::string, int64_t>& agency_due) {
             const PactOptions o = MakePactOptions(include_non_asn, due, agency_due);
             return std::make_unique<StoredPacts>(Take(StoredPacts::Create(b.ptr, &roster.table, election, o)));
           }),
           py::keep_alive<1, 3>())
      .def_property_readonly("registry", [](StoredPacts& p) -> PactRegistry& { return p.registry(); },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("events", &StoredPacts::events);

  // The store: one connection, not thread-safe (the Python side keeps one
  // per object). Calls hold the GIL (the objects they touch are mutable).
  py::class_<Store>(m, "Store")
      .def(py::init([](const std::string& address) { return Take(Store::Open(address)); }))
      .def_property_readonly("kind", [](const Store& s) { return std::string(s.kind()); })
      .def("create_case", [](Store& s, const py::bytes& log, const CaseMachine& machine) {
        Check(s.CreateCase(FromBytes<v1::CaseLog>(log, "case"), machine));
      })
      .def("append_case_event", [](Store& s, const std::string& case_id, const py::bytes& event,
                                   const CaseMachine& machine) {
        return Take(s.AppendCaseEvent(case_id, FromBytes<v1::CaseEvent>(event, "event"), machine));
      })
      .def("read_case", [](Store& s, const std::string& case_id) { return ToBytes(Take(s.ReadCase(case_id))); })
      .def("list_cases", [](Store& s, const std::string& after, int limit) {
        std::vector<std::tuple<std::string, std::string, std::string, int64_t, std::string>> out;
        for (const CaseSummary& c : Take(s.ListCases(after, limit))) {
          out.emplace_back(c.case_id, v1::CaseKind_Name(c.kind), v1::CaseStatus_Name(c.status), c.events,
                           c.last_date);
        }
        return out;
      })
      .def("sync_pacts", [](Store& s, StoredPacts& p) { Check(s.SyncPacts(&p)); })
      .def("append_pact_events", [](Store& s, StoredPacts& p, const std::vector<py::bytes>& events, bool skip) {
        std::vector<v1::PactEvent> list;
        list.reserve(events.size());
        for (const py::bytes& e : events) list.push_back(FromBytes<v1::PactEvent>(e, "event"));
        AppendResult r = Take(s.AppendPactEvents(&p, list, skip ? RefusedEvents::kSkip : RefusedEvents::kStop));
        return py::make_tuple(r.appended, r.refused);
      })
      .def("elections", [](Store& s) { return Take(s.ListElections()); });

  m.def("compliance", [](const Roster& roster, const std::vector<const CaseProgress*>& cases, int64_t as_of,
                         const std::map<std::string, double>& im_nkk_index, const std::string& predicate_bands) {
    ComplianceOptions o;
    o.im_nkk_index = im_nkk_index;
    o.predicate_bands = predicate_bands;
    return ToBytes(Take(ComplianceFigures(roster.table, cases, DayOf(as_of, "as_of"), o)));
  });

  // Text renderings, for people (netra/text.h).
  m.def("determination_text", [](const py::bytes& d) { return DeterminationText(FromBytes<v1::Determination>(d, "determination")); });
  m.def("case_state_text", [](const py::bytes& s) { return CaseStateText(FromBytes<v1::CaseState>(s, "state")); });
  m.def("audit_finding_text", [](const py::bytes& f) { return AuditFindingText(FromBytes<v1::AuditFinding>(f, "finding")); });

  // Whether the C++ generated pool (shared with python3-protobuf's C++
  // implementation) holds a file: the interop test checks that the Python
  // classes resolve to the same descriptors.
  m.def("generated_pool_has_file", [](const std::string& name) {
    return google::protobuf::DescriptorPool::generated_pool()->FindFileByName(name) != nullptr;
  });
  m.def("message_full_names", [] {
    return std::vector<std::string>{v1::EvaluationRequest::descriptor()->full_name(),
                                    v1::Determination::descriptor()->full_name()};
  });
}
