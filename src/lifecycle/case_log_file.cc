#include "netra/case_log.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace netra {
namespace {

constexpr char kMagic[8] = {'N', 'E', 'T', 'R', 'A', 'L', 'G', '2'};
const absl::string_view kMagicView(kMagic, sizeof kMagic);

// The header record into *log, the others appended as events.
absl::Status Decode(const std::string& path, const std::vector<std::string>& records, v1::CaseLog* log) {
  if (records.empty()) return absl::DataLossError(absl::StrCat(path, ": the log has no complete header record"));
  if (!log->ParseFromString(records[0]) || log->events_size() != 0) {
    return absl::DataLossError(absl::StrCat(path, ": the header record does not parse"));
  }
  for (size_t i = 1; i < records.size(); ++i) {
    if (!log->add_events()->ParseFromString(records[i])) {
      return absl::DataLossError(absl::StrCat(path, ": record ", i, " does not parse as an event"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool LooksLikeCaseLogFile(absl::string_view bytes) {
  return bytes.size() >= sizeof kMagic && std::memcmp(bytes.data(), kMagic, sizeof kMagic) == 0;
}

absl::StatusOr<v1::CaseLog> ReadCaseLogFile(const std::string& path, int64_t* torn_bytes) {
  std::vector<std::string> records;
  if (auto st = internal::RecordFile::Read(path, kMagicView, "case log", &records, torn_bytes); !st.ok()) return st;
  v1::CaseLog log;
  if (auto st = Decode(path, records, &log); !st.ok()) return st;
  return log;
}

absl::StatusOr<CaseLogFile> CaseLogFile::Create(const std::string& path, const v1::CaseLog& header,
                                                const CaseMachine& machine) {
  v1::CaseLog head = header;
  head.clear_events();
  CaseProgress progress;
  if (auto st = machine.Start(head, &progress); !st.ok()) return st;
  auto file = internal::RecordFile::Create(path, kMagicView, head.SerializeAsString());
  if (!file.ok()) return file.status();
  CaseLogFile f(&machine, *std::move(file));
  f.log_ = std::move(head);
  f.progress_ = std::move(progress);
  return f;
}

absl::StatusOr<CaseLogFile> CaseLogFile::Open(const std::string& path, const CaseMachine& machine) {
  std::vector<std::string> records;
  int64_t dropped = 0;
  // Read and check first: a log the law refuses is not opened (nor cut).
  if (auto st = internal::RecordFile::Read(path, kMagicView, "case log", &records, nullptr); !st.ok()) return st;
  v1::CaseLog log;
  if (auto st = Decode(path, records, &log); !st.ok()) return st;
  auto progress = machine.Replay(log);
  if (!progress.ok()) return progress.status();
  auto file = internal::RecordFile::Open(path, kMagicView, "case log", &records, &dropped);
  if (!file.ok()) return file.status();
  CaseLogFile f(&machine, *std::move(file));
  f.log_ = std::move(log);
  f.progress_ = *std::move(progress);
  f.dropped_ = dropped;
  return f;
}

absl::Status CaseLogFile::Append(v1::CaseEvent event) {
  event.set_seq(progress_.events + 1);
  CaseProgress next = progress_;
  if (auto st = machine_->Apply(event, &next); !st.ok()) return st;
  if (auto st = file_.Append(event.SerializeAsString()); !st.ok()) return st;
  *log_.add_events() = std::move(event);
  progress_ = std::move(next);
  return absl::OkStatus();
}

}  // namespace netra
