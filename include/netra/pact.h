// netra/pact.h: rosters and integrity pacts at national scale.
//
// A RosterTable is an HR office's export (or all 6 million ASN) held in
// columns: 18-digit numbers as integers, units and agencies interned, names
// in one arena. ImportRosterCsv checks every row (NIP / NI PPPK layout,
// kind, duplicates) and keeps the good rows; every refused row is reported
// with its line number and reason.
//
// A PactRegistry holds the pacts of one election over a roster: who must
// sign (PNS, CPNS, PPPK, part-time PPPK; non-ASN staff when the agency opts
// in), issuance, signatures (individual or at a ceremony), refusals, breaches
// linked to neutrality cases, moves between units, withdrawal and expiry. It
// refuses a signature before issuance, a second active pact of one employee
// for the election, and a signature by someone else, leaving everything as
// it was. Progress() counts, on any date and per agency, unit, position class
// and kind, how many were issued, signed on time, signed late, not signed,
// declined, breached; and lists who has not signed.
//
// The due date is a policy, not law (docs/law/pakta_netralitas.md): by default the day
// before the election's campaign starts (setting pact_due_rule), overridable
// per registry.
//
//   auto roster = netra::ImportRosterCsv(csv_stream, &report);
//   auto reg = netra::PactRegistry::Create(book, &*roster, "pilkada2024");
//   reg->IssueAll(issue_date, "pakta_netralitas.pilkada2024.v1", "pakta_netralitas.pilkada2024.pimpinan.v1");
//   reg->Apply(signed_event);                       // refused: the reason, nothing changes
//   netra::v1::PactProgress p = reg->Progress(as_of, /*max_not_signed=*/100);
//
// Thread safety: RosterTable and PactRegistry are not synchronised; const
// methods may run concurrently when nothing mutates. The registry points at
// the roster: the roster must outlive it and must not grow while the registry
// is in use (events and links are then refused with FailedPrecondition;
// counts cover the rows the registry was created with). Personal data (NIPs, names) is never
// logged; only Progress's not-signed list returns NIPs, when asked.
#ifndef NETRA_PACT_H_
#define NETRA_PACT_H_

#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "netra/case.h"
#include "netra/rule_book.h"
#include "netra/v1/pact.pb.h"

namespace netra {

// Rows past this are refused (ResourceExhausted, the import stops): a
// national roster is about 6 million, and the table's memory grows with it.
inline constexpr int64_t kMaxRosterRows = 20'000'000;
// A line (CSV or JSON) past this is refused as a row, so one runaway line
// (a missing newline, a pasted document) cannot exhaust memory.
inline constexpr size_t kMaxRosterLineBytes = 4096;
// A name, grade, position, unit or agency past this is refused as a row:
// units and agencies are interned and names kept for the not-signed list,
// so one long field would bloat every count and report that names it. The
// longest unit names of SIMPEG exports are about 150 characters. A field
// that is not UTF-8, or holds a control character (tab, line break, escape)
// or a direction control, is refused too, naming the byte, not the value.
inline constexpr size_t kMaxRosterFieldBytes = 512;
// Limits of one import; a host may lower them (a regency's system that
// never holds more than 20,000 staff).
struct RosterImportOptions {
  int64_t max_rows = kMaxRosterRows;
  size_t max_field_bytes = kMaxRosterFieldBytes;
  // When set, receives the file line of each accepted row, in row order (so
  // that a later check of row i can name the line the user wrote).
  std::vector<int64_t>* lines = nullptr;
};

struct RosterTable {
  std::vector<uint64_t> nip;           // the 18 digits as a number
  std::vector<uint8_t> kind;           // v1::EmployeeKind
  std::vector<uint8_t> position_type;  // v1::PositionType
  std::vector<uint8_t> leader;
  std::vector<uint32_t> unit;          // index into units
  std::vector<uint32_t> agency;        // index into agencies
  std::vector<uint64_t> name_end;      // end offset of each name in names
  std::string names;
  std::vector<std::string> grades;     // interned grade labels
  std::vector<uint16_t> grade;
  std::vector<std::string> units;      // agency + '\x1f' + unit, interned
  // "agency/unit" of a unit index, for people.
  std::string UnitLabel(uint32_t unit) const;
  // The unit's own name, without its agency.
  std::string UnitName(uint32_t unit) const;
  std::vector<uint32_t> unit_agency;   // agency of each unit
  std::vector<std::string> agencies;
  absl::flat_hash_map<uint64_t, uint32_t> row_of;  // nip -> row

  size_t size() const { return nip.size(); }
  std::string Nip(size_t row) const;
  std::string Name(size_t row) const;
  // Appends one checked entry (fields within kMaxRosterFieldBytes).
  // InvalidArgument naming the field.
  absl::Status Add(const v1::RosterEntry& entry);
  // Appends checked entries in order; InvalidArgument "rows[i]: ..." names
  // the first refused (the rows before it are added).
  absl::Status AddAll(absl::Span<const v1::RosterEntry> entries);
  // Row `row` as an entry (the position's name is not kept: empty); Add of
  // the entries of rows 0..n-1 in order builds the same table.
  v1::RosterEntry Entry(size_t row) const;
};

// Reads CSV with a header line naming at least nip,name,type and optionally
// grade,position,position_type,unit,agency,leader (any order; quoted fields
// allowed; a UTF-8 BOM is skipped; separated by ';' when the header has
// semicolons and no comma, as a spreadsheet set to Indonesian saves it,
// else by ','). `type` is a v1::EmployeeKind name (PNS, CPNS, PPPK,
// PPPK_PARUH_WAKTU, NON_ASN; "PPNPN" and "HONORER" read as NON_ASN).
// Refused rows go to report->rejections with their line numbers. Errors only
// for an unusable file (no header, missing required column, too many rows),
// and Unavailable when the read fails part-way (EIO): never a shorter roster.
absl::StatusOr<RosterTable> ImportRosterCsv(std::istream& in, v1::RosterImportReport* report,
                                            const RosterImportOptions& options = {});
// The same from JSON lines of v1::RosterEntry.
absl::StatusOr<RosterTable> ImportRosterJsonLines(std::istream& in, v1::RosterImportReport* report,
                                                  const RosterImportOptions& options = {});

v1::PositionClass ClassOf(v1::PositionType type);

struct PactOptions {
  // Issue pacts to non-ASN staff too (an agency's choice; docs/law/pakta_netralitas.md).
  bool include_non_asn = false;
  // Due date; unset = from setting pact_due_rule and the election calendar.
  bool has_due = false;
  absl::CivilDay due;
  // Agencies' own due dates (by agency name as on the roster), overriding
  // the one above for their staff.
  std::map<std::string, absl::CivilDay> agency_due;
  // Settings of the law files by name (as Evaluator::Create): pact_due_rule,
  // and the settings the findings of linked cases are evaluated with (use the
  // case machine's, so a link matches the case's own answer).
  std::map<std::string, std::string> settings;
};

// What a confirmed neutrality violation does to the violator's pact
// (docs/law/pakta_netralitas.md): the case is judged and sanctioned by the rules; the
// pact adds no sanction and only records the breach, linked to the case.
struct PactBreachLink {
  // PACT_BREACHED events, one per commitment, dated the confirmation day and
  // naming the case; not applied (append them to the pact log).
  std::vector<v1::PactEvent> events;
  // Why these commitments, or why none (not confirmed yet, not on the roster,
  // no signed pact, act before the signature, no decree row of a commitment).
  std::string explanation;
};

// The share of the pacts issued that are signed (PactCounts.signed_rate):
// 0 when none was issued.
inline double SignedRate(int64_t issued, int64_t signed_count) {
  return issued == 0 ? 0.0 : static_cast<double>(signed_count) / static_cast<double>(issued);
}

class PactRegistry {
 public:
  // Errors: unknown election; no templates for it; options.settings as
  // Evaluator::Create (an unknown name or a bad value).
  static absl::StatusOr<PactRegistry> Create(std::shared_ptr<const RuleBook> book, const RosterTable* roster,
                                             const std::string& election, const PactOptions& options = {});

  // Issues the pact to everyone on the roster who must sign and has no
  // active pact: leaders get `leadership_template` (if given), others
  // `template_id`. Returns how many were issued. FailedPrecondition, issuing
  // nothing, for a date before the legal basis of the election's templates
  // took effect (as Apply refuses an event).
  absl::StatusOr<int64_t> IssueAll(absl::CivilDay date, const std::string& template_id,
                                   const std::string& leadership_template = "");

  // Applies one event. FailedPrecondition (the reason: the state does not
  // allow it, it is dated before the pact's previous event or before the
  // legal basis of the election's templates took effect) or InvalidArgument
  // (the field); nothing changes on error.
  absl::Status Apply(const v1::PactEvent& event);
  // Whether Apply would accept `event`, changing nothing (to write an event
  // to a log before applying it).
  absl::Status Check(const v1::PactEvent& event) const;

  // The pact breaches of a replayed case, on `as_of`. A violation counts once
  // confirmed: a neutrality case's RECOMMENDATION (the handling body found it
  // proven), or a disciplinary case's DECISION imposing a sanction that
  // still stands. Each act of the findings dated on or after the employee's
  // signature breaches the commitments whose decree rows
  // (PactCommitment.skb_rows) include a row the act matched. A link already
  // recorded (same case, same commitment) is left out, so linking again adds
  // nothing. Each event is dated the confirmation day, or the pact's last
  // event's day if later (a pact's events are in date order); its note keeps
  // the confirmation. The findings are evaluated with options.settings.
  // Errors: InvalidArgument if the findings do not evaluate;
  // FailedPrecondition if the roster grew since Create.
  absl::StatusOr<PactBreachLink> LinkBreaches(const CaseProgress& c, absl::CivilDay as_of) const;

  // Counts per group on `as_of`; lists at most `max_not_signed` NIPs of
  // employees issued a pact and not signed; and per unit, whether its
  // leaders signed before their staff (reported, never enforced).
  v1::PactProgress Progress(absl::CivilDay as_of, int max_not_signed = 0) const;
  // The same for the rows whose unit (by the roster's unit index, as moved
  // by PACT_UNIT_CHANGED) is marked in `units` (units.size() == the
  // roster's unit count): a report scoped to agencies or a unit counts,
  // groups and lists nothing else. nullptr = every unit.
  v1::PactProgress Progress(absl::CivilDay as_of, int max_not_signed, const std::vector<bool>* units) const;
  // The rows from `first` on, in roster order, of employees issued a pact
  // and not signed on `as_of`, in the marked units (nullptr = all): at most
  // `limit`; *next is the row to go on from (the roster's size when no row
  // is left), a stable cursor since rows are only ever appended.
  std::vector<size_t> NotSigned(absl::CivilDay as_of, const std::vector<bool>* units, size_t first, size_t limit,
                                size_t* next) const;
  // The same, of the rows `keep` also accepts; and how many rows from the
  // first on NotSigned would list with no limit.
  std::vector<size_t> NotSigned(absl::CivilDay as_of, const std::vector<bool>* units, size_t first, size_t limit,
                                size_t* next, absl::FunctionRef<bool(size_t)> keep) const;
  int64_t CountNotSigned(absl::CivilDay as_of, const std::vector<bool>* units,
                         absl::FunctionRef<bool(size_t)> keep) const;
  // The first day a pact was issued to a row of the marked units (nullptr =
  // all), counting pacts issued again since; nullopt when none was.
  std::optional<absl::CivilDay> FirstIssued(const std::vector<bool>* units) const;
  // The events of a bulk issue (PACT_ISSUED: leaders get
  // `leadership_template`, the others `template_id`; with no template_id,
  // the election's first staff and, unless given, first leadership
  // template) or expiry (PACT_EXPIRED), dated `date`, for the roster rows
  // with a NIP from *row on whose unit is marked in `units` (nullptr =
  // all): at most `limit` events; *row ends past the last row looked at
  // (the roster's size when done). Neither checked nor applied: append
  // them with RefusedEvents::kSkip, so that who needs none (already issued,
  // no active pact, issued meanwhile by another writer) is skipped.
  // InvalidArgument naming template_id or leadership_template when one is
  // not a template of the election.
  absl::StatusOr<std::vector<v1::PactEvent>> BulkEvents(v1::PactEventType type, absl::CivilDay date, const std::vector<bool>* units,
                                        size_t* row, size_t limit, std::string template_id = "",
                                        std::string leadership_template = "") const;
  // The unit index of a row now (after PACT_UNIT_CHANGED).
  uint32_t UnitOf(size_t row) const { return unit_[row]; }

  // Totals only, without allocation (the national roll-up): counts[0]
  // issued, [1] signed on time, [2] signed late, [3] not signed, [4]
  // declined, [5] breached, [6] withdrawn, [7] must sign; of the rows whose
  // unit is marked in `units` (as Progress; nullptr = every unit). The
  // same figures as Progress(as_of, 0, units).total().
  void Totals(absl::CivilDay as_of, int64_t counts[8], const std::vector<bool>* units = nullptr) const;

  // The default due date; agencies may have their own (PactOptions).
  absl::CivilDay due() const { return due_; }
  // The election's templates (staff and leadership variants) from the law.
  const std::vector<const v1::PactTemplate*>& templates() const { return templates_; }
  const std::string& election() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return election_; }

 private:
  PactRegistry() = default;
  const v1::PactTemplate* Template(const std::string& id) const;
  // Index of the election's template `id` in templates_, or -1.
  int TemplateIndex(const std::string& id) const;
  // One employee's pact state after an event, decided without changing it.
  struct RowState {
    uint32_t row = 0;
    int32_t issued = 0, signed_on = 0, declined = 0, withdrawn = 0, expired = 0, last = 0;
    int32_t breached_on = 0, superseded_on = 0, prev_issued = 0, prev_signed = 0;
    uint8_t tmpl = 0, breached = 0;
    uint32_t unit = 0;
    int link_commitment = -1;  // PACT_BREACHED: the commitment linked
  };
  absl::Status Decide(const v1::PactEvent& event, RowState* out) const;
  // The per-row state is sized to the roster at Create: a roster grown since
  // (RosterTable::Add) is refused rather than indexed past the state.
  absl::Status RosterUnchanged() const;
  // One employee's contribution to the counts on day `d`: each field 0 or
  // 1, worked out without branches so that a pass over millions of rows
  // runs at the speed of its columns (benchmarks/README.md).
  struct RowCount {
    uint32_t issued = 0, on_time = 0, late = 0, not_signed = 0, declined = 0, breached = 0, withdrawn = 0;
    int32_t signed_day = 0;  // the signature counted on the day, 0 = none
  };
  RowCount CountRow(size_t row, int32_t d) const;
  // The same for rows [row, row + 4), 4 at a time (src/pact/pact.cc).
  struct Lanes;
  Lanes CountLanes(size_t row, int32_t d) const;
  struct GroupCount;
  // Progress's one pass over every row: adds each row of a visible group to
  // its group (sized to the groups); a staff signature before ahead[unit]
  // counts as ahead of the unit's leaders.
  void CountGroups(int32_t d, const std::vector<uint8_t>* visible, const std::vector<int32_t>& ahead,
                   std::vector<GroupCount>* groups) const;
  // Whether each unit's leaders signed before their staff, on one day: the
  // leaders are counted first (a pass over the leader rows only), then the
  // staff by group in Progress's one pass over every row, then
  // EmitLeadership.
  struct UnitOrder {
    int64_t leaders = 0, leaders_signed = 0, staff_issued = 0, staff_signed = 0, staff_ahead = 0;
    int32_t last_leader = 0;  // the latest leader signature
  };
  std::vector<UnitOrder> LeadersByUnit(int32_t d) const;
  void EmitLeadership(const std::vector<UnitOrder>& units, const std::vector<bool>* shown,
                      v1::PactProgress* out) const;
  // The group (unit x position class x kind) of `row` in unit `unit`,
  // numbered on first sight; group_order_ keeps the numbers in key order.
  uint32_t GroupOf(size_t row, uint32_t unit);

  std::shared_ptr<const RuleBook> book_;
  const RosterTable* roster_ = nullptr;
  std::string election_;
  PactOptions options_;
  absl::CivilDay due_;
  std::vector<const v1::PactTemplate*> templates_;
  // No pact event is dated before its legal basis took effect: the earliest
  // in-force date of a template's first cited instrument (the 2022 decree).
  int32_t basis_from_ = 0;
  // FailedPrecondition for a day (a day number) before basis_from_.
  absl::Status BeforeBasis(int32_t day) const;
  std::string basis_;  // that instrument's id
  // Per roster row (day numbers since 1970-01-01; 0 = never).
  std::vector<int32_t> issued_, signed_, declined_, withdrawn_, expired_, last_;
  std::vector<uint8_t> template_;   // index into templates_ + 1; 0 = none
  std::vector<uint8_t> breached_;   // bit per commitment
  std::vector<uint32_t> unit_;      // current unit (moves keep one pact)
  std::vector<int32_t> breached_on_;     // first breach
  // The first text's dates, for days before a new text superseded it.
  std::vector<int32_t> superseded_on_, prev_issued_, prev_signed_;
  // 1 when signed_ is after the due date of the row's agency: kept by Apply
  // so that the counting passes read a byte instead of looking up the due
  // date row by row.
  std::vector<uint8_t> late_;
  int commitments_ = 0;             // most commitments of any template
  std::vector<int32_t> agency_due_;  // due day number per roster agency
  // Progress counts by group, a column per row: group_ is the row's group
  // now; group_key_ its key (unit, position class and kind; GroupKey in
  // src/pact/pact.cc); group_order_ the groups by key, the order of
  // PactProgress.groups.
  std::vector<uint32_t> group_, group_order_;
  std::vector<uint64_t> group_key_;
  absl::flat_hash_map<uint64_t, uint32_t> group_of_key_;
  std::vector<uint32_t> leader_rows_;    // the roster's leaders, in row order
  std::vector<uint32_t> breached_rows_;  // rows with a breach, in the order of their first
  // Recorded breach links: (row, case id, commitment id); by id, so a new
  // text with its commitments in another order keeps them apart.
  absl::flat_hash_set<std::tuple<uint32_t, std::string, std::string>> links_;
  std::shared_ptr<const Evaluator> evaluator_;  // reads confirmed findings
};

// Neutrality compliance figures per agency on `as_of`: cases per 1,000 ASN,
// share proven, share followed up by the PPK, from the roster (ASN counts by
// agency) and the agencies' neutrality cases (matched to a roster agency by
// their employee.agency.name, else by employee.agency.id). Each case is as
// replayed up to `as_of` (CaseMachine::Replay(log, as_of)): its status is
// the one on that day (open, follow-up overdue).
// Figures are computed, not official; no predicate scale is applied.
v1::ComplianceReport ComplianceFigures(const RosterTable& roster, absl::Span<const CaseProgress* const> cases,
                                       absl::CivilDay as_of);

struct ComplianceOptions {
  // Agencies' IM NKK index (0-1) as KASN/BKN published it, by agency name as
  // on the roster. netra does not compute the index.
  std::map<std::string, double> im_nkk_index;
  // The predicate scale, in the form of setting im_nkk_predicate_bands
  // ("0=RENDAH;0.6=SEDANG;0.8=TINGGI"); "" = none. No scale is published
  // (UNCONFIRMED): labels from it are the user's, and the note says so.
  std::string predicate_bands;
};

// The same, with each given agency's IM NKK index and its predicate.
// InvalidArgument for bands not in the setting's form, an index outside
// [0, 1], or an agency not on the roster.
absl::StatusOr<v1::ComplianceReport> ComplianceFigures(const RosterTable& roster,
                                                       absl::Span<const CaseProgress* const> cases,
                                                       absl::CivilDay as_of, const ComplianceOptions& options);

}  // namespace netra

#endif  // NETRA_PACT_H_
