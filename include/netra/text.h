// netra/text.h: readable renderings for people (the `netra` command's --text
// output and rule table). Machines should read the JSON/protobuf instead.
//
// Thread safety: pure functions.
#ifndef NETRA_TEXT_H_
#define NETRA_TEXT_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "netra/rule_book.h"
#include "netra/v1/audit.pb.h"
#include "netra/v1/case.pb.h"
#include "netra/v1/determination.pb.h"
#include "netra/v1/law.pb.h"

namespace netra {

// A determination as plain text: outcome, level, allowed types, officials,
// procedure, missing facts, explanation, legal basis, settings.
std::string DeterminationText(const v1::Determination& determination);

// The rule table a legal officer reads: one block per rule with id, kind,
// articles, dates in force and paraphrase. With `as_of`, only rules in force
// on that day.
std::string RulesText(const RuleBook& book, std::optional<absl::CivilDay> as_of);

// The same rules as a RuleFile (instruments, settings, rules with their
// effective in_force dates filled in), for --json output.
v1::RuleFile RulesFile(const RuleBook& book, std::optional<absl::CivilDay> as_of);

// The election calendars: per election and contest, the offices and the
// dated stages with their sources.
std::string ElectionsText(const RuleBook& book);

// A case's state as plain text: status, next steps, deadlines, sanction and
// SIASN record.
std::string CaseStateText(const v1::CaseState& state);

// An audit finding as plain text: verdicts, reasons, the law's answer.
std::string AuditFindingText(const v1::AuditFinding& finding);

// `text` safe to print on one line of a terminal or a line-oriented output
// (the `netra overdue` lines, the --text renderings): a backslash becomes
// "\\", tab, newline and carriage return "\t", "\n", "\r", any other
// control character (C0, DEL, C1) and the bidirectional overrides and
// isolates (U+202A-U+202E, U+2066-U+2069) "\u{XXXX}", and a byte that does
// not begin well-formed UTF-8 "\xNN". Everything else is kept. Every text
// output applies it to the strings that come from data (case ids, names).
std::string PrintableText(absl::string_view text);

}  // namespace netra

#endif  // NETRA_TEXT_H_
