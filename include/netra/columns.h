// netra/columns.h: a request as one row of a table.
//
// One row of a CSV file or a DataFrame is one EvaluationRequest with one act,
// or one DecidedCase (the same facts, the sanction imposed and who signed):
// these are the columns such a row may carry, with the request field each
// sets. The request layer reads CSV batches with them (Engine::CallCsv), the
// Python package its DataFrames (netra.evaluate_frame, netra.audit): the
// names are the same everywhere.
//
//   v1::EvaluationRequest r;
//   absl::Status st = netra::SetColumn(*netra::FindColumn("cumulative_days"), "15", &r);
//   // r.acts(0).absence().cumulative_working_days() == 15
//
// Thread safety: the table is immutable; SetColumn touches only `request`.
#ifndef NETRA_COLUMNS_H_
#define NETRA_COLUMNS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "google/protobuf/message.h"

namespace netra {

struct RequestColumn {
  const char* name;   // "cumulative_days"
  const char* type;   // "enum:<Enum>", "str", "date" (YYYY-MM-DD), "bool", "int"
  // The field it sets: in an EvaluationRequest (in a DecidedCase, under
  // `request`, but decision_date sets imposed.decision_date), or, for the
  // audit's own columns, in the DecidedCase.
  const char* field;  // "acts[0].absence.cumulative_working_days"
  const char* doc;
  bool audit_only;    // case_id, sanction_type, official
};

// Every column, in a fixed order (the order in which a row's problems are
// reported).
absl::Span<const RequestColumn> RequestColumns();
// The column of that name, or nullptr.
const RequestColumn* FindColumn(absl::string_view name);

// Sets `column` from its text in `request`, a v1::EvaluationRequest or a
// v1::DecidedCase: an enum by its name (any case), a bool as true/false/1/0,
// an int as a whole number, a date as YYYY-MM-DD, a str as it is; an empty
// text sets nothing (not given). InvalidArgument naming the column and the
// value (an enum's valid names listed); an audit column in an
// EvaluationRequest is InvalidArgument too.
absl::Status SetColumn(const RequestColumn& column, absl::string_view text, google::protobuf::Message* request);

}  // namespace netra

#endif  // NETRA_COLUMNS_H_
