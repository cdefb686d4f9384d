// netra/siasn.h: SIASN-shaped records in, netra's roster, employees and
// decided cases out (the boundary with BKN's SIASN; docs/siasn.md).
//
// A SIMPEG that syncs with SIASN keeps the person (`pns/data-utama`), the
// sanction history (`pns/rw-hukdis`), the position history
// (`pns/rw-jabatan`) and the unit and agency references in SIASN's shape:
// camelCase fields, SIASN's own ids for grades, positions and sanction
// types, dates as `dd-mm-yyyy`. FromSiasn reads them (JSON or CSV, see
// proto/netra/v1/siasn.proto) and maps every field docs/siasn.md lists;
// SIASN's date forms are accepted here and nowhere else in netra.
//
// A row that cannot be mapped is refused with its table, row and a reason
// naming the field and value (a name is never echoed: it is personal data);
// the other rows are kept. What is read but only partly mapped (a position
// whose level the record does not give) is a warning.
//
// Thread safety: pure functions.
#ifndef NETRA_SIASN_H_
#define NETRA_SIASN_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "netra/v1/siasn.pb.h"

namespace netra {

// The rows of one table at most (the request's byte limit comes first for
// any realistic row).
inline constexpr int64_t kMaxSiasnRows = 10'000'000;

struct SiasnImportOptions {
  // The rows of one table at most; a host may lower it (1..kMaxSiasnRows).
  int64_t max_rows = kMaxSiasnRows;
};

// Maps the records. Errors (InvalidArgument) only for a table that cannot be
// read at all: JSON that does not parse ("hukdis: invalid JSON: ..."), a CSV
// without a header, more than options.max_rows rows in a table; a bad row is
// a SiasnRefusal, never an error.
absl::StatusOr<v1::SiasnImport> FromSiasn(const v1::SiasnRecords& records, const SiasnImportOptions& options = {});

// A SIASN date as netra's YYYY-MM-DD: `dd-mm-yyyy` (as SIASN's web service
// answers), `dd/mm/yyyy`, `yyyy-mm-dd`, or a timestamp at midnight
// (`yyyy-mm-ddT00:00:00Z`, `yyyy-mm-dd 00:00:00`, with or without
// fractions or an offset). InvalidArgument naming `field` and the value for
// anything else, including a timestamp with a time of day (which day it
// means depends on a time zone the record does not state).
absl::StatusOr<std::string> SiasnDate(absl::string_view text, absl::string_view field);

// The largest file ReadSiasnFolder reads: the request layer's
// kMaxBatchBytes (netra/api.h), the largest request it takes.
inline constexpr size_t kMaxSiasnFileBytes = size_t{256} << 20;

// Reads a SIASN export folder (docs/siasn.md): pegawai, rw-hukdis,
// rw-jabatan, ref-unor and instansi, each as NAME.json or NAME.csv (at most
// one of the two); facts.json (an object of EvaluationRequests by hukdis
// id); and pakta.jsonl (PactEvent JSON lines) into pact_events. The
// election, as_of and max_not_signed are left for the caller. Each file is
// a regular file of at most kMaxSiasnFileBytes. Errors: NotFound for a folder
// that is not one or holds no table; FailedPrecondition for a file that is
// not a regular one (a FIFO, a device: never waited on); PermissionDenied or
// Unavailable for one that cannot be opened or read; InvalidArgument naming
// the file (and line) for both forms of a table, facts or pact events that
// do not parse, a file over the limit.
absl::StatusOr<v1::SiasnReportRequest> ReadSiasnFolder(const std::string& dir);

}  // namespace netra

#endif  // NETRA_SIASN_H_
