// Columnar batch paths of the Python extension: a table of reports (one act
// per row) in, a table of answers out, with no Python object per row.
//
// netra/_frame.py turns each pandas column into one of four plain forms (see
// InputColumn) and reports the values it cannot read (an unknown enum name, a
// word in a number column) as per-row errors. Here, with the GIL released,
// each row becomes RequestValues (days from the datetime64 day numbers,
// enums, views of the category strings: nothing formatted or parsed) and
// goes through Evaluator::Prepare(RequestValues), so a row is checked by
// exactly the code that checks a request from the CLI, with the same
// messages; then through the fast path Evaluate(CaseFacts, CaseResult*). The
// audit and frame_requests, which need messages, make a request of the same
// values (ToRequest). Repeated answers (sanction types, rule ids, citations,
// missing facts) are interned per thread as integer keys and rendered once
// per distinct key, so the Python side gets codes and their values (pandas
// Categoricals, or one shared tuple per distinct list) instead of a million
// strings or lists.
#include "frame.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "absl/container/flat_hash_map.h"
#include "google/protobuf/arena.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_join.h"
#include "netra/date.h"
#include "netra/columns.h"
#include "netra/summary.h"
#include "netra/synth.h"

namespace netra::py {
namespace {

constexpr int64_t kNoInt = std::numeric_limits<int64_t>::min();

// The columns a frame may carry: netra/columns.h, whose order Col follows
// (FrameColumns checks it).
using ColumnDef = RequestColumn;

enum Col : int {
  kKind, kPosition, kJfLevel, kAgencyLevel, kIsPpk, kPartyMember, kNip,
  kNorm, kActDate, kActDateFrom, kActDateUntil, kImpact, kCumulative, kCumulativeAtLeast, kCumulativeAtMost,
  kConsecutive, kConsecutiveAtLeast, kConsecutiveAtMost, kLateMinutes, kTenthDay, kValidReason, kWealth,
  kReference, kElection, kOffice, kRoute, kRegion, kOnCltn, kActiveSupport, kResigned, kCltnBreach,
  kAttributes, kMobilised, kFacilities, kIntentional, kWorkTarget, kReportedStatus, kPrison, kPlanned, kOfficeRelated, kRetention, kCustodial,
  kPriorSanction, kPriorNorm, kPriorDate, kExaminationDate, kDecisionDate,
  kGolongan, kIsSekda, kReportsToPpk, kJptPratamaSuperior, kSecondment, kSecondmentPlace, kHomeAgencyLevel,
  // Audit only: the decision as taken.
  kCaseId, kSanctionType, kOfficial, kOfficialSide, kSiasnType, kNoSanction,
  kRecommendedBy, kRecommendationDate, kRecommendedLevel, kRecommendedType, kRecommendationDeclined,
  kRecommendationEscalated,
  kColCount
};

const absl::Span<const RequestColumn> kColumns = RequestColumns();

// One input column in a plain form (netra/_frame.py):
//   codes:   int32 codes (-1 = not given) into int64 category values (enum
//            numbers, 0/1 for booleans, day numbers for dates);
//   strings: int32 codes (-1 = not given) into category strings;
//   ints:    int64 values, kNoInt = not given (day numbers of datetime64);
//   numbers: float64 values, NaN = not given.
struct InputColumn {
  enum Kind { kAbsent, kCodes, kStrings, kInts, kNumbers } kind = kAbsent;
  pyb::array_t<int32_t> codes_array;
  pyb::array_t<int64_t> ints_array;
  pyb::array_t<double> numbers_array;
  const int32_t* codes = nullptr;
  const int64_t* ints = nullptr;
  const double* numbers = nullptr;
  std::vector<int64_t> values;
  std::vector<std::string> strings;
};

struct Input {
  size_t rows = 0;
  InputColumn col[kColCount];
  // Per-row problems found while converting the columns (first per row).
  pyb::array_t<int32_t> error_codes_array;
  const int32_t* error_codes = nullptr;
  std::vector<std::string> errors;
  bool has_default_decision = false;
  int64_t default_decision = 0;
};

template <typename T>
pyb::array_t<T> Array(const pyb::handle& h, size_t rows, const char* name) {
  auto a = pyb::array_t<T, pyb::array::c_style | pyb::array::forcecast>::ensure(h);
  if (!a) throw pyb::type_error(absl::StrCat("column ", name, ": not an array"));
  if (a.ndim() != 1 || static_cast<size_t>(a.shape(0)) != rows) {
    throw pyb::value_error(absl::StrCat("column ", name, ": expected ", rows, " values, got ", a.size()));
  }
  return a;
}

// Reads the column dict built by netra/_frame.py (with the GIL held).
Input ReadInput(size_t rows, const pyb::dict& columns, const pyb::object& row_errors, const pyb::object& decision) {
  Input in;
  in.rows = rows;
  for (auto item : columns) {
    const std::string name = pyb::cast<std::string>(item.first);
    int id = -1;
    for (int c = 0; c < kColCount; ++c) {
      if (name == kColumns[c].name) id = c;
    }
    if (id < 0) throw pyb::value_error(absl::StrCat("unknown column \"", name, "\""));
    const pyb::tuple spec = pyb::cast<pyb::tuple>(item.second);
    const std::string kind = pyb::cast<std::string>(spec[0]);
    InputColumn& c = in.col[id];
    if (kind == "codes" || kind == "strings") {
      c.codes_array = Array<int32_t>(spec[1], rows, name.c_str());
      c.codes = c.codes_array.data();
      size_t n = 0;
      if (kind == "codes") {
        c.kind = InputColumn::kCodes;
        c.values = pyb::cast<std::vector<int64_t>>(spec[2]);
        n = c.values.size();
      } else {
        c.kind = InputColumn::kStrings;
        c.strings = pyb::cast<std::vector<std::string>>(spec[2]);
        n = c.strings.size();
      }
      // Codes index the categories: checked once here, trusted in the loop.
      for (size_t r = 0; r < rows; ++r) {
        if (c.codes[r] < -1 || c.codes[r] >= static_cast<int64_t>(n)) {
          throw pyb::value_error(absl::StrCat("column ", name, ": code ", c.codes[r], " out of range"));
        }
      }
    } else if (kind == "ints") {
      c.kind = InputColumn::kInts;
      c.ints_array = Array<int64_t>(spec[1], rows, name.c_str());
      c.ints = c.ints_array.data();
    } else if (kind == "numbers") {
      c.kind = InputColumn::kNumbers;
      c.numbers_array = Array<double>(spec[1], rows, name.c_str());
      c.numbers = c.numbers_array.data();
    } else {
      throw pyb::value_error(absl::StrCat("column ", name, ": unknown form \"", kind, "\""));
    }
  }
  if (!row_errors.is_none()) {
    const pyb::tuple t = pyb::cast<pyb::tuple>(row_errors);
    in.error_codes_array = Array<int32_t>(t[0], rows, "row errors");
    in.error_codes = in.error_codes_array.data();
    in.errors = pyb::cast<std::vector<std::string>>(t[1]);
    for (size_t r = 0; r < rows; ++r) {
      if (in.error_codes[r] < -1 || in.error_codes[r] >= static_cast<int64_t>(in.errors.size())) {
        throw pyb::value_error("row errors: code out of range");
      }
    }
  }
  if (!decision.is_none()) {
    in.has_default_decision = true;
    in.default_decision = pyb::cast<int64_t>(decision);
  }
  return in;
}

// The day of a day number, or an error naming the column.
bool DayOf(int64_t days, Col col, absl::CivilDay* out, std::string* err) {
  if (days < -25567 || days > 83928) {
    *err = absl::StrCat(kColumns[col].name, ": day number ", days, " is outside the years netra reads (1900-2199)");
    return false;
  }
  *out = kEpoch + days;
  return true;
}

// One row as typed request values, with the storage of its one act and its
// prior sanction.
struct RowValues {
  RequestValues request;
  RequestValues::Act act;
  RequestValues::Prior prior;
};

// Fills a row's request values. False with *err set for a value that
// cannot be put in a request at all; everything else is left to Prepare.
class RowReader {
 public:
  explicit RowReader(const Input& in) : in_(in) {}

  bool Int(Col c, size_t r, int64_t* v) const {
    const InputColumn& col = in_.col[c];
    switch (col.kind) {
      case InputColumn::kCodes:
        if (col.codes[r] < 0) return false;
        *v = col.values[col.codes[r]];
        return true;
      case InputColumn::kInts:
        if (col.ints[r] == kNoInt) return false;
        *v = col.ints[r];
        return true;
      default:
        return false;
    }
  }
  const std::string* Str(Col c, size_t r) const {
    const InputColumn& col = in_.col[c];
    if (col.kind != InputColumn::kStrings || col.codes[r] < 0) return nullptr;
    return &col.strings[col.codes[r]];
  }
  absl::string_view View(Col c, size_t r) const {
    const std::string* s = Str(c, r);
    return s == nullptr ? absl::string_view() : absl::string_view(*s);
  }
  // A whole number in int32 range; NaN = not given.
  bool Count(Col c, size_t r, std::optional<int32_t>* v, std::string* err) const {
    v->reset();
    const InputColumn& col = in_.col[c];
    double x = 0;
    if (col.kind == InputColumn::kNumbers) {
      x = col.numbers[r];
      if (std::isnan(x)) return true;
    } else {
      int64_t i = 0;
      if (!Int(c, r, &i)) return true;
      x = static_cast<double>(i);
    }
    if (!std::isfinite(x) || x != std::floor(x) || x < std::numeric_limits<int32_t>::min() ||
        x > std::numeric_limits<int32_t>::max()) {
      *err = absl::StrCat(kColumns[c].name, ": ", x, " is not a whole number in the int32 range");
      return false;
    }
    *v = static_cast<int32_t>(x);
    return true;
  }
  bool Date(Col c, size_t r, std::optional<absl::CivilDay>* out, std::string* err) const {
    out->reset();
    int64_t d = 0;
    if (!Int(c, r, &d)) return true;
    absl::CivilDay day;
    if (!DayOf(d, c, &day, err)) return false;
    *out = day;
    return true;
  }
  std::optional<bool> Flag(Col c, size_t r) const {
    int64_t v = 0;
    if (!Int(c, r, &v)) return std::nullopt;
    return v != 0;
  }
  template <typename Enum>
  Enum EnumOf(Col c, size_t r) const {
    int64_t v = 0;
    return Int(c, r, &v) ? static_cast<Enum>(v) : Enum{};
  }

  bool Fill(size_t r, RowValues* out, std::string* err) const {
    RequestValues& q = out->request;
    RequestValues::Act& a = out->act;
    q = RequestValues();
    a = RequestValues::Act();
    q.kind = EnumOf<v1::EmployeeKind>(kKind, r);
    q.position = EnumOf<v1::PositionType>(kPosition, r);
    q.jf_level = EnumOf<v1::JfLevel>(kJfLevel, r);
    q.is_ppk = Flag(kIsPpk, r).value_or(false);
    q.is_sekda = Flag(kIsSekda, r).value_or(false);
    q.reports_to_ppk = Flag(kReportsToPpk, r).value_or(false);
    q.golongan = EnumOf<v1::Golongan>(kGolongan, r);
    q.jpt_pratama_superior = EnumOf<v1::Official>(kJptPratamaSuperior, r);
    q.agency_level = EnumOf<v1::AgencyLevel>(kAgencyLevel, r);
    q.secondment = EnumOf<v1::Secondment>(kSecondment, r);
    q.secondment_place = EnumOf<v1::SecondmentPlace>(kSecondmentPlace, r);
    q.home_agency_level = EnumOf<v1::AgencyLevel>(kHomeAgencyLevel, r);
    q.party_member = Flag(kPartyMember, r).value_or(false);
    q.nip = View(kNip, r);

    a.norm = View(kNorm, r);
    if (!Date(kActDate, r, &a.act_date, err)) return false;
    if (!Date(kActDateFrom, r, &a.range_from, err)) return false;
    if (!Date(kActDateUntil, r, &a.range_until, err)) return false;
    a.has_range = a.range_from.has_value() || a.range_until.has_value();
    a.impact = EnumOf<v1::Impact>(kImpact, r);
    for (auto [count, exact, at_least, at_most] :
         {std::tuple{&a.cumulative_working_days, kCumulative, kCumulativeAtLeast, kCumulativeAtMost},
          std::tuple{&a.consecutive_working_days, kConsecutive, kConsecutiveAtLeast, kConsecutiveAtMost}}) {
      std::optional<int32_t> least;
      if (!Count(exact, r, &count->value, err) || !Count(at_least, r, &least, err) ||
          !Count(at_most, r, &count->at_most, err)) {
        return false;
      }
      count->has_range = least.has_value() || count->at_most.has_value();
      count->at_least = least.value_or(0);
    }
    std::optional<int32_t> n;
    if (!Count(kLateMinutes, r, &n, err)) return false;
    a.late_or_early_minutes = n.value_or(0);
    if (!Date(kTenthDay, r, &a.tenth_consecutive_day, err)) return false;
    a.valid_reason = Flag(kValidReason, r);
    a.wealth_report_obliged = Flag(kWealth, r);
    a.intentional = Flag(kIntentional, r);
    if (!Count(kWorkTarget, r, &a.work_target_percent, err)) return false;
    if (!Count(kPrison, r, &a.prison_months, err)) return false;
    a.planned = Flag(kPlanned, r);
    a.office_related = Flag(kOfficeRelated, r);
    a.retention_conditions_met = Flag(kRetention, r);
    a.custodial = Flag(kCustodial, r);
    a.reference_sanction = View(kReference, r);

    RequestValues::Neutrality& t = a.neutrality;
    t.election = View(kElection, r);
    t.region = View(kRegion, r);
    int64_t office = 0, route = 0, reported = 0;
    const bool has_office = Int(kOffice, r, &office), has_route = Int(kRoute, r, &route);
    const bool has_reported = Int(kReportedStatus, r, &reported);
    t.office = static_cast<v1::Office>(office);
    t.route = static_cast<v1::CandidateRoute>(route);
    t.reported_status = static_cast<v1::CandidateStatus>(reported);
    t.on_cltn = Flag(kOnCltn, r);
    t.active_support = Flag(kActiveSupport, r);
    t.resigned_in_writing = Flag(kResigned, r);
    t.cltn_conduct_breach = Flag(kCltnBreach, r);
    t.campaign_attributes = Flag(kAttributes, r);
    t.mobilised_staff = Flag(kMobilised, r);
    t.state_facilities = Flag(kFacilities, r);
    t.given = Str(kElection, r) != nullptr || Str(kRegion, r) != nullptr || has_office || has_route || has_reported ||
              t.on_cltn.has_value() || t.active_support.has_value() || t.resigned_in_writing.has_value() ||
              t.cltn_conduct_breach.has_value() || t.campaign_attributes.has_value() ||
              t.mobilised_staff.has_value() || t.state_facilities.has_value();
    q.acts = absl::MakeConstSpan(&a, 1);

    RequestValues::Prior& p = out->prior;
    p = RequestValues::Prior();
    p.sanction_type = View(kPriorSanction, r);
    p.norm = View(kPriorNorm, r);
    if (!Date(kPriorDate, r, &p.decision_date, err)) return false;
    if (Str(kPriorSanction, r) != nullptr || Str(kPriorNorm, r) != nullptr || p.decision_date.has_value()) {
      q.prior_sanctions = absl::MakeConstSpan(&p, 1);
    }
    if (!Date(kExaminationDate, r, &q.examination_date, err)) return false;
    if (!Date(kDecisionDate, r, &q.decision_date, err)) return false;
    if (!q.decision_date.has_value() && in_.has_default_decision) {
      absl::CivilDay day;
      if (!DayOf(in_.default_decision, kDecisionDate, &day, err)) return false;
      q.decision_date = day;
    }
    return true;
  }

  // The row as a request (for the audit, and to show a row as a request).
  bool Fill(size_t r, v1::EvaluationRequest* req, std::string* err) const {
    RowValues values;
    if (!Fill(r, &values, err)) return false;
    ToRequest(values.request, req);
    return true;
  }

  // The decided case of an audit row: the request without its decision date
  // (the decision as taken carries it), and the imposed sanction.
  bool FillDecided(size_t r, v1::DecidedCase* dc, std::string* err) const {
    if (!Fill(r, dc->mutable_request(), err)) return false;
    dc->clear_case_id();
    if (const std::string* s = Str(kCaseId, r)) dc->set_case_id(*s);
    v1::ImposedSanction* im = dc->mutable_imposed();
    im->Clear();
    im->set_decision_date(dc->request().decision_date());
    dc->mutable_request()->clear_decision_date();
    if (const std::string* s = Str(kSanctionType, r)) im->set_sanction_type(*s);
    int64_t v = 0;
    if (Int(kOfficial, r, &v)) im->set_official(static_cast<v1::Official>(v));
    if (Int(kOfficialSide, r, &v)) im->set_official_side(static_cast<v1::AgencySide>(v));
    std::optional<int32_t> n;
    if (!Count(kSiasnType, r, &n, err)) return false;
    if (n.has_value()) im->set_siasn_jenis_hukuman_id(*n);
    dc->set_no_sanction(Flag(kNoSanction, r).value_or(false));
    // One recommendation, when any of its columns is given.
    dc->clear_recommendations();
    std::optional<absl::CivilDay> when, escalated;
    if (!Date(kRecommendationDate, r, &when, err) || !Date(kRecommendationEscalated, r, &escalated, err)) return false;
    const auto by = EnumOf<v1::Recommender>(kRecommendedBy, r);
    const auto level = EnumOf<v1::Level>(kRecommendedLevel, r);
    const std::string* type = Str(kRecommendedType, r);
    const std::optional<bool> declined = Flag(kRecommendationDeclined, r);
    if (by != v1::RECOMMENDER_UNSPECIFIED || when || escalated || level != v1::LEVEL_UNSPECIFIED || type != nullptr ||
        declined.has_value()) {
      v1::Recommendation* rec = dc->add_recommendations();
      rec->set_by(by);
      if (when) rec->set_date(FormatDate(*when));
      if (escalated) rec->set_escalated_date(FormatDate(*escalated));
      rec->set_level(level);
      if (type != nullptr) rec->set_sanction_type(*type);
      rec->set_declined(declined.value_or(false));
    }
    return true;
  }

  // A problem the Python side found in this row's columns, or nullptr.
  const std::string* PreError(size_t r) const {
    if (!in_.error_codes || in_.error_codes[r] < 0) return nullptr;
    return &in_.errors[in_.error_codes[r]];
  }

 private:
  const Input& in_;
};

// "<column>: <message>" for a Prepare error, naming the column the request
// path came from.
std::string ColumnError(absl::string_view message) {
  // The audit prefixes the request's paths with "request.".
  absl::string_view path = message;
  absl::ConsumePrefix(&path, "request.");
  int best = -1;
  size_t best_len = 0;
  for (int c = 0; c < kColCount; ++c) {
    const absl::string_view f = kColumns[c].field;
    if (absl::StartsWith(path, f) && f.size() > best_len &&
        (path.size() == f.size() || path[f.size()] == ':' || path[f.size()] == '.' || path[f.size()] == '[')) {
      best = c;
      best_len = f.size();
    }
  }
  if (best < 0 && absl::StartsWith(path, "acts:")) best = kNorm;
  if (best < 0) return std::string(message);
  return absl::StrCat(kColumns[best].name, ": ", message);
}

// Runs fn(begin, end, worker) over [0, rows) on `threads` threads, with the
// GIL released. Exceptions in a worker are rethrown here.
template <typename Fn>
void ParallelFor(size_t rows, int threads, Fn fn) {
  threads = std::max(1, std::min<int>(threads, static_cast<int>((rows + 4095) / 4096)));
  pyb::gil_scoped_release release;
  std::vector<std::thread> pool;
  std::exception_ptr failure;
  std::mutex mu;
  for (int t = 0; t < threads; ++t) {
    const size_t begin = rows * t / threads, end = rows * (t + 1) / threads;
    auto run = [&, t, begin, end] {
      try {
        fn(begin, end, t);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        if (!failure) failure = std::current_exception();
      }
    };
    if (t + 1 == threads) {
      run();
    } else {
      pool.emplace_back(run);
    }
  }
  for (auto& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);
}

int DefaultThreads(int requested) {
  if (requested > 0) return std::min(requested, 64);
  const unsigned hw = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(hw == 0 ? 1u : hw, 1u, 8u));
}

// Interns keys per worker; Merge() gives global category ids, so codes can
// be remapped without strings per row.
template <typename Key>
struct Interner {
  absl::flat_hash_map<Key, int32_t> ids;
  std::vector<Key> keys;
  int32_t Id(const Key& k) {
    auto [it, inserted] = ids.try_emplace(k, static_cast<int32_t>(keys.size()));
    if (inserted) keys.push_back(k);
    return it->second;
  }
};

// A column of interned keys: per-worker local ids in `codes`, then global.
template <typename Key>
struct KeyColumn {
  std::vector<int32_t> codes;
  std::vector<Interner<Key>> local;
  Interner<Key> global;
  KeyColumn(size_t rows, int workers) : codes(rows, -1), local(workers) {}
  void Set(size_t row, int worker, const Key& k) { codes[row] = local[worker].Id(k); }
  // Local ids of rows [begin, end) of `worker` become global ids. A key
  // rendered as "" becomes a missing value (-1).
  void Merge(const std::vector<std::pair<size_t, size_t>>& ranges) {
    for (size_t w = 0; w < local.size(); ++w) {
      std::vector<int32_t> map(local[w].keys.size());
      for (size_t i = 0; i < map.size(); ++i) map[i] = global.Id(local[w].keys[i]);
      for (size_t r = ranges[w].first; r < ranges[w].second; ++r) {
        if (codes[r] >= 0) codes[r] = map[codes[r]];
      }
    }
  }
  template <typename Render>
  pyb::tuple Categorical(Render render) {
    // Distinct keys may render alike (two rules citing one article): the
    // categories are the distinct texts.
    std::vector<std::string> cats;
    absl::flat_hash_map<std::string, int32_t> index;
    std::vector<int32_t> remap(global.keys.size(), -1);
    for (size_t i = 0; i < global.keys.size(); ++i) {
      std::string s = render(global.keys[i]);
      if (s.empty()) continue;  // "nothing" is a missing value, not a category
      auto [it, inserted] = index.try_emplace(s, static_cast<int32_t>(cats.size()));
      if (inserted) cats.push_back(std::move(s));
      remap[i] = it->second;
    }
    pyb::array_t<int32_t> out(static_cast<pyb::ssize_t>(codes.size()));
    int32_t* o = out.mutable_data();
    for (size_t r = 0; r < codes.size(); ++r) o[r] = codes[r] < 0 ? -1 : remap[codes[r]];
    return pyb::make_tuple("cat", out, cats);
  }
  // A column whose cells list several values (sanction types, articles):
  // ("objects", array) of one tuple of strings per row, shared by the rows
  // of one key (tuples are immutable, so no row can change another). A row
  // never Set holds None, or () where `answered` says it has an answer (a
  // column Set only when not empty). Filled here, with the GIL
  // held, at a pointer store per row: numpy's take on an object array costs
  // about 20 ms per million rows per column.
  template <typename Render>
  pyb::tuple Lists(Render render, const std::vector<int8_t>* answered = nullptr) {
    std::vector<pyb::object> tuples;
    absl::flat_hash_map<std::vector<std::string>, int32_t> index;
    std::vector<int32_t> remap(global.keys.size(), -1);
    for (size_t i = 0; i < global.keys.size(); ++i) {
      std::vector<std::string> values = render(global.keys[i]);
      auto [it, inserted] = index.try_emplace(values, static_cast<int32_t>(tuples.size()));
      if (inserted) tuples.push_back(pyb::tuple(pyb::cast(values)));
      remap[i] = it->second;
    }
    const pyb::tuple none_given;
    pyb::array out = pyb::module_::import("numpy").attr("empty")(codes.size(), pyb::arg("dtype") = "object");
    auto** cells = static_cast<PyObject**>(out.mutable_data());
    for (size_t r = 0; r < codes.size(); ++r) {
      PyObject* v = codes[r] >= 0                        ? tuples[remap[codes[r]]].ptr()
                    : answered != nullptr && (*answered)[r] ? none_given.ptr()
                                                            : Py_None;
      Py_INCREF(v);
      Py_XDECREF(cells[r]);  // numpy.empty's None
      cells[r] = v;
    }
    return pyb::make_tuple("objects", out);
  }
};

template <typename T>
pyb::array_t<T> ToArray(const std::vector<T>& v) {
  pyb::array_t<T> out(static_cast<pyb::ssize_t>(v.size()));
  if (!v.empty()) std::memcpy(out.mutable_data(), v.data(), v.size() * sizeof(T));
  return out;
}

pyb::tuple EnumColumn(const std::vector<int8_t>& v, const char* enum_name) {
  return pyb::make_tuple("enum", ToArray(v), enum_name);
}

std::vector<std::pair<size_t, size_t>> Ranges(size_t rows, int threads) {
  threads = std::max(1, std::min<int>(threads, static_cast<int>((rows + 4095) / 4096)));
  std::vector<std::pair<size_t, size_t>> out;
  for (int t = 0; t < threads; ++t) out.emplace_back(rows * t / threads, rows * (t + 1) / threads);
  return out;
}

// Rule indices (into the rule book) behind a row's answer (SummaryKeys).
using RuleKey = SummaryKeys::Rules;

// The values of the interned keys: the texts of the batch summary
// (netra/summary.h), one list per cell.
struct Renderer {
  Summarizer summarizer;

  explicit Renderer(std::shared_ptr<const RuleBook> b) : summarizer(std::move(b)) {}
  std::vector<std::string> Types(netra::SanctionTypeMask mask) const { return summarizer.TypeCodes(mask); }
  std::vector<std::string> RuleIds(const RuleKey& k) const { return summarizer.RuleIds(k); }
  std::vector<std::string> Citations(const RuleKey& k) const { return summarizer.Citations(k); }
  // Missing facts as the input column names, each once.
  static std::vector<std::string> Missing(uint32_t mask) {
    const auto& names = Summarizer::MissingFactNames(false);
    std::vector<std::string> out;
    for (int b = 0; b < 32; ++b) {
      if (!(mask & (1u << b)) || *names[b] == '\0') continue;
      if (std::find(out.begin(), out.end(), names[b]) == out.end()) out.emplace_back(names[b]);
    }
    return out;
  }
  // The names of the enum values whose bits are set (Official, Verdict).
  template <typename Enum, typename IsValid, typename Name>
  static std::vector<std::string> Names(uint32_t mask, IsValid is_valid, Name name) {
    std::vector<std::string> out;
    for (int v = 1; v < 32; ++v) {
      if ((mask & (1u << v)) && is_valid(v)) out.push_back(name(static_cast<Enum>(v)));
    }
    return out;
  }
  static std::vector<std::string> Officials(uint32_t mask) {
    return Names<v1::Official>(mask, v1::Official_IsValid, [](v1::Official o) { return v1::Official_Name(o); });
  }
};

// The answer columns of evaluate_frame, filled per row by workers.
struct AnswerColumns {
  std::vector<int8_t> outcome, level, regime, stage, status, handled_by, team;
  std::vector<uint8_t> salary_stop;
  std::vector<int64_t> salary_stop_from;
  KeyColumn<netra::SanctionTypeMask> types;
  KeyColumn<uint32_t> missing, officials;
  KeyColumn<RuleKey> rules;
  KeyColumn<std::vector<std::string>> warnings;

  AnswerColumns(size_t n, int workers)
      : outcome(n, 0), level(n, 0), regime(n, 0), stage(n, 0), status(n, 0), handled_by(n, 0), team(n, 0),
        salary_stop(n, 0), salary_stop_from(n, kNoInt), types(n, workers), missing(n, workers),
        officials(n, workers), rules(n, workers), warnings(n, workers) {}

  void Set(size_t r, int w, const Summarizer& summarizer, const CaseFacts& f, const CaseResult& res) {
    outcome[r] = static_cast<int8_t>(res.outcome);
    level[r] = static_cast<int8_t>(res.level);
    regime[r] = static_cast<int8_t>(res.regime);
    if (!f.acts.empty()) {
      stage[r] = static_cast<int8_t>(f.acts[0].stage);
      status[r] = static_cast<int8_t>(f.acts[0].status);
    }
    const SummaryKeys k = summarizer.Keys(f, res);
    handled_by[r] = static_cast<int8_t>(k.handled_by);
    team[r] = static_cast<int8_t>(k.team);
    for (const ActResult& a : res.acts) {
      if (a.salary_stop) salary_stop[r] = 1;
      if (a.has_salary_stop_from && salary_stop_from[r] == kNoInt) salary_stop_from[r] = DaysOf(a.salary_stop_from);
    }
    types.Set(r, w, k.allowed);
    missing.Set(r, w, k.missing);
    officials.Set(r, w, k.officials);
    rules.Set(r, w, k.rules);
    if (!f.warnings.empty()) warnings.Set(r, w, f.warnings);
  }

  pyb::dict Finish(const Renderer& R, const std::vector<std::pair<size_t, size_t>>& ranges) {
    types.Merge(ranges);
    missing.Merge(ranges);
    officials.Merge(ranges);
    rules.Merge(ranges);
    warnings.Merge(ranges);
    pyb::dict out;
    out["outcome"] = EnumColumn(outcome, "Outcome");
    out["level"] = EnumColumn(level, "Level");
    out["regime"] = EnumColumn(regime, "Regime");
    out["types"] = types.Lists([&](netra::SanctionTypeMask m) { return R.Types(m); });
    out["rule_ids"] = rules.Lists([&](const RuleKey& k) { return R.RuleIds(k); });
    // Same codes as rule_ids, other values.
    out["citations"] = rules.Lists([&](const RuleKey& k) { return R.Citations(k); });
    out["missing_facts"] = missing.Lists([](uint32_t m) { return Renderer::Missing(m); });
    out["officials"] = officials.Lists([](uint32_t m) { return Renderer::Officials(m); });
    out["team"] = EnumColumn(team, "Team");
    out["handled_by"] = EnumColumn(handled_by, "HandlingBody");
    out["stage"] = EnumColumn(stage, "Stage");
    out["candidate_status"] = EnumColumn(status, "CandidateStatus");
    std::vector<uint8_t> stop = salary_stop;
    out["salary_stop"] = pyb::make_tuple("bool", ToArray(stop));
    out["salary_stop_from"] = pyb::make_tuple("date", ToArray(salary_stop_from));
    // Set only for rows with warnings; a row with an answer has an outcome.
    out["warnings"] = warnings.Lists([](const std::vector<std::string>& v) { return v; }, &outcome);
    return out;
  }
};

struct RowErrors {
  std::vector<std::vector<std::pair<int64_t, std::string>>> per_worker;
  explicit RowErrors(int workers) : per_worker(workers) {}
  pyb::list ToList() const {
    pyb::list out;
    for (const auto& w : per_worker) {
      for (const auto& [row, msg] : w) out.append(pyb::make_tuple(row, msg));
    }
    return out;
  }
};

}  // namespace

pyb::list FrameColumns() {
  // Col indexes netra/columns.h's table: a column added there without its
  // Col here would shift every index after it.
  if (kColumns.size() != kColCount || absl::string_view(kColumns[kNorm].name) != "norm" ||
      absl::string_view(kColumns[kDecisionDate].name) != "decision_date" ||
      absl::string_view(kColumns[kOfficial].name) != "official" ||
      absl::string_view(kColumns[kWorkTarget].name) != "work_target_percent" ||
      absl::string_view(kColumns[kCustodial].name) != "custodial" ||
      absl::string_view(kColumns[kFacilities].name) != "state_facilities" ||
      absl::string_view(kColumns[kJptPratamaSuperior].name) != "jpt_pratama_superior" ||
      absl::string_view(kColumns[kHomeAgencyLevel].name) != "home_agency_level" ||
      absl::string_view(kColumns[kOfficialSide].name) != "official_side" ||
      absl::string_view(kColumns[kRecommendationEscalated].name) != "recommendation_escalated_date") {
    throw std::logic_error("netra/columns.h and the frame's Col enum disagree");
  }
  pyb::list out;
  for (const ColumnDef& c : kColumns) out.append(pyb::make_tuple(c.name, c.type, c.field, c.doc));
  return out;
}

pyb::tuple EvaluateColumns(const Evaluator& ev, size_t rows, const pyb::dict& columns, const pyb::object& row_errors,
                           const pyb::object& decision_date, int threads) {
  const Input in = ReadInput(rows, columns, row_errors, decision_date);
  const int workers = DefaultThreads(threads);
  const auto ranges = Ranges(rows, workers);
  const int used = static_cast<int>(ranges.size());
  AnswerColumns answers(rows, used);
  RowErrors errors(used);
  const Renderer R(ev.book_ptr());
  ParallelFor(rows, workers, [&](size_t begin, size_t end, int w) {
    RowReader reader(in);
    RowValues values;
    CaseFacts facts;
    CaseResult result;
    std::string err;
    for (size_t r = begin; r < end; ++r) {
      if (const std::string* pre = reader.PreError(r)) {
        errors.per_worker[w].emplace_back(r, *pre);
        continue;
      }
      if (!reader.Fill(r, &values, &err)) {
        errors.per_worker[w].emplace_back(r, err);
        continue;
      }
      if (absl::Status st = ev.Prepare(values.request, &facts); !st.ok()) {
        errors.per_worker[w].emplace_back(r, ColumnError(st.message()));
        continue;
      }
      ev.Evaluate(facts, &result);
      answers.Set(r, w, R.summarizer, facts, result);
    }
  });
  return pyb::make_tuple(answers.Finish(R, ranges), errors.ToList());
}

pyb::list FrameRequests(size_t rows, const pyb::dict& columns, const pyb::object& row_errors,
                        const pyb::object& decision_date, const std::vector<int64_t>& which, bool decided,
                        bool errors_as_text) {
  const Input in = ReadInput(rows, columns, row_errors, decision_date);
  RowReader reader(in);
  pyb::list out;
  std::string err;
  // A row that cannot be read raises, or with errors_as_text is its message
  // (a str) in the list.
  auto refuse = [&](const std::string& message) {
    if (!errors_as_text) Invalid(message);
    out.append(pyb::str(message));
  };
  for (int64_t r : which) {
    if (r < 0 || static_cast<size_t>(r) >= rows) throw pyb::index_error(absl::StrCat("row ", r, " out of range"));
    if (const std::string* pre = reader.PreError(r)) {
      refuse(*pre);
      continue;
    }
    if (decided) {
      v1::DecidedCase dc;
      if (!reader.FillDecided(r, &dc, &err)) {
        refuse(err);
        continue;
      }
      out.append(ToBytes(dc));
    } else {
      v1::EvaluationRequest req;
      if (!reader.Fill(r, &req, &err)) {
        refuse(err);
        continue;
      }
      out.append(ToBytes(req));
    }
  }
  return out;
}

pyb::tuple BenchCppBatch(const Evaluator& ev, size_t rows, const pyb::dict& columns, const pyb::object& row_errors,
                         const pyb::object& decision_date, int threads, int repeats) {
  if (repeats < 1 || repeats > 100) Invalid(absl::StrCat("repeats: ", repeats, " is not in 1-100"));
  const Input in = ReadInput(rows, columns, row_errors, decision_date);
  const int workers = DefaultThreads(threads);
  const auto ranges = Ranges(rows, workers);
  const size_t used = ranges.size();
  // Untimed: the requests as a C++ caller holds them, protobuf messages in
  // memory (one arena per worker, so the messages of a range lie together
  // and a million of them cost a few hundred MB, not a heap of small blocks).
  std::vector<std::unique_ptr<google::protobuf::Arena>> arenas(used);
  for (auto& a : arenas) a = std::make_unique<google::protobuf::Arena>();
  std::vector<v1::EvaluationRequest*> requests(rows, nullptr);
  ParallelFor(rows, workers, [&](size_t begin, size_t end, int w) {
    RowReader reader(in);
    std::string err;
    for (size_t r = begin; r < end; ++r) {
      if (reader.PreError(r)) continue;
      auto* req = google::protobuf::Arena::CreateMessage<v1::EvaluationRequest>(arenas[w].get());
      if (reader.Fill(r, req, &err)) requests[r] = req;
    }
  });
  // Timed: Prepare + Evaluate per row, as evaluate_frame runs them, on the
  // same threads; no answer columns, no rendering.
  constexpr int kSlots = 32;
  std::vector<int64_t> elapsed;
  std::vector<std::array<int64_t, kSlots>> level(used), outcome(used);
  std::vector<int64_t> refused(used, 0);
  for (int rep = 0; rep < repeats; ++rep) {
    for (size_t w = 0; w < used; ++w) {
      level[w].fill(0);
      outcome[w].fill(0);
      refused[w] = 0;
    }
    const auto t0 = std::chrono::steady_clock::now();
    ParallelFor(rows, workers, [&](size_t begin, size_t end, int w) {
      CaseFacts facts;
      CaseResult result;
      for (size_t r = begin; r < end; ++r) {
        if (requests[r] == nullptr || !ev.Prepare(*requests[r], &facts).ok()) {
          ++refused[w];
          continue;
        }
        ev.Evaluate(facts, &result);
        ++level[w][static_cast<int>(result.level) & (kSlots - 1)];
        ++outcome[w][static_cast<int>(result.outcome) & (kSlots - 1)];
      }
    });
    elapsed.push_back(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
  }
  // Answer counts of the last run, so the caller can check that both paths
  // did the same work and gave the same answers.
  std::vector<int64_t> levels(kSlots, 0), outcomes(kSlots, 0);
  int64_t bad = 0;
  for (size_t w = 0; w < used; ++w) {
    for (int i = 0; i < kSlots; ++i) {
      levels[i] += level[w][i];
      outcomes[i] += outcome[w][i];
    }
    bad += refused[w];
  }
  return pyb::make_tuple(elapsed, levels, outcomes, bad);
}

namespace {

// The columns of an audit table, from findings (detail) or from verdict bits.
struct AuditColumns {
  std::vector<int8_t> verdict, outcome, level, regime;
  KeyColumn<uint32_t> verdicts;
  KeyColumn<netra::SanctionTypeMask> law_types;
  KeyColumn<std::vector<std::string>> reasons, articles;
  KeyColumn<std::string> case_ids;

  AuditColumns(size_t n, int workers)
      : verdict(n, 0), outcome(n, 0), level(n, 0), regime(n, 0), verdicts(n, workers), law_types(n, workers),
        reasons(n, workers), articles(n, workers), case_ids(n, workers) {}

  void SetFinding(size_t r, int w, const v1::AuditFinding& f, const Summarizer& summarizer) {
    verdict[r] = static_cast<int8_t>(f.verdict());
    uint32_t bits = 0;
    for (int v : f.verdicts()) bits |= 1u << v;
    verdicts.Set(r, w, bits);
    reasons.Set(r, w, {f.reasons().begin(), f.reasons().end()});
    std::vector<std::string> cited;
    for (const auto& b : f.basis()) {
      for (const auto& c : b.cited_as()) {
        if (std::find(cited.begin(), cited.end(), c) == cited.end()) cited.push_back(c);
      }
    }
    articles.Set(r, w, cited);
    const v1::Determination& d = f.determination();
    outcome[r] = static_cast<int8_t>(d.outcome());
    level[r] = static_cast<int8_t>(d.level());
    regime[r] = static_cast<int8_t>(d.regime());
    law_types.Set(r, w, summarizer.TypeMask(d.allowed_sanctions()));
    if (!f.case_id().empty()) case_ids.Set(r, w, f.case_id());
  }

  void SetVerdicts(size_t r, int w, uint32_t bits, const CaseResult& res, const std::string& case_id) {
    verdict[r] = static_cast<int8_t>(WorstVerdict(bits));
    verdicts.Set(r, w, bits);
    outcome[r] = static_cast<int8_t>(res.outcome);
    level[r] = static_cast<int8_t>(res.level);
    regime[r] = static_cast<int8_t>(res.regime);
    law_types.Set(r, w, res.allowed);
    if (!case_id.empty()) case_ids.Set(r, w, case_id);
  }

  pyb::dict Finish(const Renderer& R, const std::vector<std::pair<size_t, size_t>>& ranges, bool detail) {
    verdicts.Merge(ranges);
    law_types.Merge(ranges);
    reasons.Merge(ranges);
    articles.Merge(ranges);
    case_ids.Merge(ranges);
    pyb::dict out;
    out["case_id"] = case_ids.Categorical([](const std::string& s) { return s; });
    out["verdict"] = EnumColumn(verdict, "Verdict");
    out["verdicts"] = verdicts.Lists([](uint32_t bits) {
      return Renderer::Names<v1::Verdict>(bits, v1::Verdict_IsValid, [](v1::Verdict v) { return v1::Verdict_Name(v); });
    });
    if (detail) {
      auto same = [](const std::vector<std::string>& v) { return v; };
      out["reasons"] = reasons.Lists(same);
      out["articles"] = articles.Lists(same);
    }
    out["law_outcome"] = EnumColumn(outcome, "Outcome");
    out["law_level"] = EnumColumn(level, "Level");
    out["law_regime"] = EnumColumn(regime, "Regime");
    out["law_types"] = law_types.Lists([&](netra::SanctionTypeMask m) { return R.Types(m); });
    return out;
  }
};

template <typename Next>
pyb::tuple RunAudit(const Auditor& auditor, size_t rows, int threads, bool detail, Next next) {
  const int workers = DefaultThreads(threads);
  const auto ranges = Ranges(rows, workers);
  AuditColumns cols(rows, static_cast<int>(ranges.size()));
  RowErrors errors(static_cast<int>(ranges.size()));
  const Renderer R(auditor.evaluator().book_ptr());
  ParallelFor(rows, workers, [&](size_t begin, size_t end, int w) {
    v1::DecidedCase dc, unset;
    CaseFacts facts;
    ImposedFacts imposed;
    CaseResult scratch;
    std::string err;
    for (size_t r = begin; r < end; ++r) {
      const v1::DecidedCase* c = next(r, w, &dc, &err);
      if (!c) {
        errors.per_worker[w].emplace_back(r, err);
        continue;
      }
      if (detail) {
        auto f = auditor.Audit(*c);
        if (!f.ok()) {
          errors.per_worker[w].emplace_back(r, ColumnError(f.status().message()));
          if (!c->case_id().empty()) cols.case_ids.Set(r, w, c->case_id());  // a bad case keeps its id
          continue;
        }
        cols.SetFinding(r, w, *f, R.summarizer);
      } else {
        // A case with its own settings is audited under them, as Audit does.
        const Auditor* a = &auditor;
        std::optional<Auditor> derived;
        if (!c->request().settings().empty()) {
          auto d = auditor.WithCaseSettings(*c);
          if (!d.ok()) {
            errors.per_worker[w].emplace_back(r, ColumnError(d.status().message()));
            if (!c->case_id().empty()) cols.case_ids.Set(r, w, c->case_id());
            continue;
          }
          derived.emplace(*std::move(d));
          a = &*derived;
          unset = *c;
          unset.mutable_request()->clear_settings();
          c = &unset;
        }
        if (absl::Status st = a->Prepare(*c, &facts, &imposed); !st.ok()) {
          errors.per_worker[w].emplace_back(r, ColumnError(st.message()));
          if (!c->case_id().empty()) cols.case_ids.Set(r, w, c->case_id());
          continue;
        }
        const uint32_t bits = a->Verdicts(facts, imposed, &scratch);
        cols.SetVerdicts(r, w, bits, scratch, c->case_id());
      }
    }
  });
  return pyb::make_tuple(cols.Finish(R, ranges, detail), errors.ToList());
}

}  // namespace

pyb::tuple AuditColumnsOf(const Auditor& auditor, size_t rows, const pyb::dict& columns, const pyb::object& row_errors,
                          int threads, bool detail) {
  const Input in = ReadInput(rows, columns, row_errors, pyb::none());
  const RowReader reader(in);  // reads only: shared by the workers
  return RunAudit(auditor, rows, threads, detail,
                  [&](size_t r, int, v1::DecidedCase* dc, std::string* err) -> const v1::DecidedCase* {
                    if (const std::string* pre = reader.PreError(r)) {
                      *err = *pre;
                      return nullptr;
                    }
                    if (!reader.FillDecided(r, dc, err)) return nullptr;
                    return dc;
                  });
}

pyb::tuple AuditMessages(const Auditor& auditor, const std::vector<std::string>& cases, int threads, bool detail) {
  return RunAudit(auditor, cases.size(), threads, detail,
                  [&](size_t r, int, v1::DecidedCase* dc, std::string* err) -> const v1::DecidedCase* {
                    if (!dc->ParseFromString(cases[r])) {
                      *err = "not a serialized netra.v1.DecidedCase";
                      return nullptr;
                    }
                    return dc;
                  });
}

// --- Synthetic reports as columns ------------------------------------------

pyb::dict SynthReportColumns(uint64_t seed, int64_t count, const std::string& election, double p_proven,
                             double p_sanctioned, double p_blocked) {
  synth::ReportOptions o;
  o.seed = seed;
  o.count = count;
  o.election = election;
  o.p_proven = p_proven;
  o.p_sanctioned = p_sanctioned;
  o.p_blocked = p_blocked;
  auto gen = Take(synth::ReportGenerator::Create(o));
  const size_t n = static_cast<size_t>(count);
  std::vector<int8_t> kind(n), position(n), jf(n), agency_level(n), office(n), route(n);
  std::vector<int8_t> on_cltn(n, -1), active(n, -1), resigned(n, -1);
  std::vector<uint8_t> proven(n), sanctioned(n), blocked(n);
  std::vector<int64_t> act_date(n, kNoInt), decision(n, kNoInt);
  KeyColumn<std::string> ids(n, 1), nips(n, 1), norms(n, 1), elections(n, 1), agency(n, 1), unit(n, 1),
      title(n, 1);
  {
    pyb::gil_scoped_release release;
    for (size_t r = 0; r < n; ++r) {
      std::optional<v1::SyntheticReport> rep = gen->Next();
      if (!rep) break;
      const v1::EvaluationRequest& q = rep->request();
      const v1::Employee& e = q.employee();
      ids.Set(r, 0, rep->report_id());
      if (!e.nip().empty()) nips.Set(r, 0, e.nip());
      kind[r] = static_cast<int8_t>(e.kind());
      position[r] = static_cast<int8_t>(e.position().type());
      jf[r] = static_cast<int8_t>(e.position().jf_level());
      title.Set(r, 0, e.position().name());
      agency_level[r] = static_cast<int8_t>(e.agency().level());
      agency.Set(r, 0, e.agency().name());
      unit.Set(r, 0, e.agency().unit_name());
      if (q.acts_size() > 0) {
        const v1::Act& a = q.acts(0);
        norms.Set(r, 0, a.norm());
        auto d = ParseDate(a.act_date(), "act_date");
        if (d.ok()) act_date[r] = DaysOf(*d);
        const v1::NeutralityFacts& nf = a.neutrality();
        elections.Set(r, 0, nf.target().election());
        office[r] = static_cast<int8_t>(nf.target().office());
        route[r] = static_cast<int8_t>(nf.target().route());
        if (nf.has_on_cltn()) on_cltn[r] = nf.on_cltn();
        if (nf.has_active_support()) active[r] = nf.active_support();
        if (nf.has_resigned_in_writing()) resigned[r] = nf.resigned_in_writing();
      }
      auto dd = ParseDate(q.decision_date(), "decision_date");
      if (dd.ok()) decision[r] = DaysOf(*dd);
      proven[r] = rep->proven();
      sanctioned[r] = rep->sanctioned();
      blocked[r] = rep->blocked();
    }
  }
  const std::vector<std::pair<size_t, size_t>> one = {{0, n}};
  auto same = [](const std::string& s) { return s; };
  pyb::dict out;
  for (auto* c : {&ids, &nips, &norms, &elections, &agency, &unit, &title}) c->Merge(one);
  out["report_id"] = ids.Categorical(same);
  out["nip"] = nips.Categorical(same);
  out["kind"] = EnumColumn(kind, "EmployeeKind");
  out["position"] = EnumColumn(position, "PositionType");
  out["jf_level"] = EnumColumn(jf, "JfLevel");
  out["position_name"] = title.Categorical(same);
  out["agency_level"] = EnumColumn(agency_level, "AgencyLevel");
  out["agency"] = agency.Categorical(same);
  out["unit"] = unit.Categorical(same);
  out["norm"] = norms.Categorical(same);
  out["act_date"] = pyb::make_tuple("date", ToArray(act_date));
  out["election"] = elections.Categorical(same);
  out["office"] = EnumColumn(office, "Office");
  out["route"] = EnumColumn(route, "CandidateRoute");
  out["on_cltn"] = pyb::make_tuple("tristate", ToArray(on_cltn));
  out["active_support"] = pyb::make_tuple("tristate", ToArray(active));
  out["resigned_in_writing"] = pyb::make_tuple("tristate", ToArray(resigned));
  out["decision_date"] = pyb::make_tuple("date", ToArray(decision));
  out["proven"] = pyb::make_tuple("bool", ToArray(proven));
  out["sanctioned"] = pyb::make_tuple("bool", ToArray(sanctioned));
  out["blocked"] = pyb::make_tuple("bool", ToArray(blocked));
  return out;
}

}  // namespace netra::py
