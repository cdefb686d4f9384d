// Durability (issue 7 item 5): a writer killed at a random moment while it
// appends to a case log or a pact log loses no acknowledged event.
//
// Each round forks a child that opens the log and appends events in a loop;
// after each Append that returned OK (the record is written and fsynced) it
// writes the event's number to a pipe. The parent waits on the pipe for a
// seeded random number of acknowledgements (never on a sleep, so a busy
// machine only makes the test slower, not weaker), then waits a seeded random
// extra moment so that the kill lands at different points of a write or fsync,
// kills the child with SIGKILL, reopens the log and checks that it loads, that every acknowledged
// event is there in order (at most one more, written but not yet
// acknowledged), that nothing after them is garbage, and that a further
// append works. The child only forks and continues (no exec), which is safe
// under AddressSanitizer; it never returns into the test framework.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "netra/case.h"
#include "netra/case_log.h"
#include "netra/pact.h"
#include "netra/record_file.h"
#include "netra/rule_book.h"

namespace netra {
namespace {

namespace fs = std::filesystem;

constexpr int kRounds = 20;
constexpr uint32_t kSeed = 20240914;

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

std::string TempPath(const std::string& name) {
  const std::string dir = absl::StrCat(::testing::TempDir(), "/netra_durability_", getpid());
  fs::create_directories(dir);
  const std::string path = dir + "/" + name;
  fs::remove(path);
  return path;
}

// When to kill a round's writer: after `acks` acknowledged appends, then
// `extra` later (only to vary the point of the write or fsync the kill lands
// on; the test's checks do not depend on it).
struct Kill {
  int acks;
  std::chrono::microseconds extra;
};

Kill NextKill(std::mt19937* rng) {
  // Round by round 0-40 acknowledgements: 0 kills during the first append (or
  // before the child opened the log), the rest a few appends in.
  return Kill{std::uniform_int_distribution<int>(0, 40)(*rng),
              std::chrono::microseconds(std::uniform_int_distribution<int>(0, 2000)(*rng))};
}

// Runs `append(i)` for i = 1, 2, ... in a child until it is killed after
// `when.acks` acknowledgements; returns the numbers the child acknowledged,
// in order.
template <typename Append>
std::vector<int64_t> KillWhileAppending(Kill when, Append append) {
  int fds[2];
  if (pipe(fds) != 0) {
    ADD_FAILURE() << "pipe failed";
    return {};
  }
  const pid_t pid = fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork failed";
    return {};
  }
  if (pid == 0) {
    close(fds[0]);
    for (int64_t i = 1;; ++i) {
      if (!append(i)) _exit(3);  // refused or failed: stop, the parent checks what was acknowledged
      if (write(fds[1], &i, sizeof i) != static_cast<ssize_t>(sizeof i)) _exit(4);
    }
  }
  close(fds[1]);
  std::vector<int64_t> acked;
  int64_t n = 0;
  // Wait for the acknowledgements, however slow the machine is; a child that
  // stopped on its own closes the pipe (end of file). The poll timeout only
  // keeps a hung child from hanging the suite.
  while (static_cast<int>(acked.size()) < when.acks) {
    pollfd p{fds[0], POLLIN, 0};
    if (poll(&p, 1, /*timeout_ms=*/120'000) != 1) {
      ADD_FAILURE() << "the writer acknowledged nothing for 120 s";
      break;
    }
    if (read(fds[0], &n, sizeof n) != static_cast<ssize_t>(sizeof n)) break;
    acked.push_back(n);
  }
  if (when.extra.count() > 0) std::this_thread::sleep_for(when.extra);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  while (read(fds[0], &n, sizeof n) == static_cast<ssize_t>(sizeof n)) acked.push_back(n);
  close(fds[0]);
  // Killed, or stopped on its own (exit 3 would mean an append failed).
  EXPECT_TRUE(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 3)) << "child status " << status;
  EXPECT_GE(static_cast<int>(acked.size()), when.acks) << "the writer stopped before it was killed";
  return acked;
}

TEST(Durability, ACaseLogKeepsEveryAcknowledgedEventWhenItsWriterIsKilled) {
  auto machine = CaseMachine::Create(Book());
  ASSERT_TRUE(machine.ok()) << machine.status();
  std::mt19937 rng(kSeed);
  int64_t total_acked = 0;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    const std::string path = TempPath(absl::StrCat("case_", round, ".log"));
    {
      v1::CaseLog header;
      header.set_case_id(absl::StrCat("durability-", round));
      header.set_kind(v1::DISCIPLINARY);
      header.mutable_employee()->set_kind(v1::PNS);
      auto f = CaseLogFile::Create(path, header, *machine);
      ASSERT_TRUE(f.ok()) << f.status();
    }
    const auto acked = KillWhileAppending(NextKill(&rng), [&](int64_t i) {
      static std::optional<CaseLogFile> file;  // the child's own, opened once
      if (!file) {
        auto opened = CaseLogFile::Open(path, *machine);
        if (!opened.ok()) return false;
        file.emplace(*std::move(opened));
      }
      v1::CaseEvent e;
      e.set_type(i == 1 ? v1::KNOWLEDGE : v1::DOCUMENT);
      e.set_date("2024-07-01");
      e.mutable_actor()->set_role(i == 1 ? v1::ROLE_DIRECT_SUPERIOR : v1::ROLE_HR_OFFICIAL);
      e.set_note(absl::StrCat("event ", i));
      return file->Append(e).ok();
    });
    for (size_t k = 0; k < acked.size(); ++k) ASSERT_EQ(acked[k], static_cast<int64_t>(k) + 1);
    total_acked += static_cast<int64_t>(acked.size());

    int64_t torn = -1;
    auto read = ReadCaseLogFile(path, &torn);
    ASSERT_TRUE(read.ok()) << read.status();
    auto f = CaseLogFile::Open(path, *machine);
    ASSERT_TRUE(f.ok()) << f.status();
    const v1::CaseLog& log = f->log();
    EXPECT_EQ(log.events_size(), read->events_size());
    // Every acknowledged event, in order; at most one more that was written
    // but not yet acknowledged; nothing else.
    ASSERT_GE(log.events_size(), static_cast<int>(acked.size()));
    ASSERT_LE(log.events_size(), static_cast<int>(acked.size()) + 1);
    for (int k = 0; k < log.events_size(); ++k) {
      EXPECT_EQ(log.events(k).seq(), k + 1);
      EXPECT_EQ(log.events(k).note(), absl::StrCat("event ", k + 1));
    }
    EXPECT_EQ(f->dropped_bytes(), torn) << "Open cuts exactly the torn tail that Read ignored";
    // The log goes on.
    v1::CaseEvent next;
    next.set_type(log.events_size() == 0 ? v1::KNOWLEDGE : v1::DOCUMENT);
    next.set_date("2024-07-02");
    next.mutable_actor()->set_role(log.events_size() == 0 ? v1::ROLE_DIRECT_SUPERIOR : v1::ROLE_HR_OFFICIAL);
    next.set_note("after the crash");
    ASSERT_TRUE(f->Append(next).ok());
    auto again = ReadCaseLogFile(path, &torn);
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(again->events_size(), log.events_size());
    EXPECT_EQ(torn, 0);
    EXPECT_EQ(again->events(again->events_size() - 1).note(), "after the crash");
    fs::remove(path);
  }
  std::cout << "acknowledged " << total_acked << " events over " << kRounds << " kills\n";
  EXPECT_GT(total_acked, 0) << "no round acknowledged anything";
}

TEST(Durability, APactLogKeepsEveryAcknowledgedEventWhenItsWriterIsKilled) {
  std::istringstream csv(
      "nip,name,type,unit,agency\n"
      "198002142005031011,Pegawai Sintetis A,PNS,Dinas Pendidikan,Pemerintah Kabupaten Contoh\n"
      "199807012024062012,Pegawai Sintetis B,CPNS,SMP Negeri 1,Pemerintah Kabupaten Contoh\n");
  v1::RosterImportReport report;
  auto roster = ImportRosterCsv(csv, &report);
  ASSERT_TRUE(roster.ok());
  // Event 1 issues the pact; then the employee moves between two units, as
  // often as the writer manages (a move keeps the one pact).
  auto event = [](int64_t i) {
    v1::PactEvent e;
    e.set_date("2024-09-02");
    e.set_nip("198002142005031011");
    if (i == 1) {
      e.set_type(v1::PACT_ISSUED);
      e.set_template_id("pakta_netralitas.pilkada2024.v1");
    } else {
      e.set_type(v1::PACT_UNIT_CHANGED);
      e.set_unit(i % 2 ? "Dinas Pendidikan" : "SMP Negeri 1");
    }
    e.set_note(absl::StrCat("event ", i));
    return e;
  };
  std::mt19937 rng(kSeed + 1);
  int64_t total_acked = 0;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    const std::string path = TempPath(absl::StrCat("pacts_", round, ".log"));
    ASSERT_TRUE(PactLogFile::Create(path, "pilkada2024").ok());
    const auto acked = KillWhileAppending(NextKill(&rng), [&](int64_t i) {
      static std::optional<PactRegistry> reg;
      static std::optional<PactLogFile> file;
      if (!file) {
        reg.emplace(*PactRegistry::Create(Book(), &*roster, "pilkada2024"));
        auto opened = PactLogFile::Open(path, &*reg);
        if (!opened.ok()) return false;
        file.emplace(*std::move(opened));
      }
      return file->Append(event(i), &*reg).ok();
    });
    for (size_t k = 0; k < acked.size(); ++k) ASSERT_EQ(acked[k], static_cast<int64_t>(k) + 1);
    total_acked += static_cast<int64_t>(acked.size());

    // The records as stored: the header, then the events in order.
    std::vector<std::string> records;
    int64_t torn = -1;
    ASSERT_TRUE(internal::RecordFile::Read(path, "NETRAPK1", "pact log", &records, &torn).ok());
    ASSERT_GE(records.size(), acked.size() + 1);
    ASSERT_LE(records.size(), acked.size() + 2);
    for (size_t k = 1; k < records.size(); ++k) {
      v1::PactEvent e;
      ASSERT_TRUE(e.ParseFromString(records[k]));
      EXPECT_EQ(e.SerializeAsString(), event(static_cast<int64_t>(k)).SerializeAsString());
    }
    auto reg = PactRegistry::Create(Book(), &*roster, "pilkada2024");
    ASSERT_TRUE(reg.ok());
    auto f = PactLogFile::Open(path, &*reg);
    ASSERT_TRUE(f.ok()) << f.status();
    EXPECT_EQ(f->events(), static_cast<int64_t>(records.size()) - 1);
    EXPECT_EQ(f->dropped_bytes(), torn);
    // The log goes on: a signature after the moves.
    int64_t counts[8];
    reg->Totals(absl::CivilDay(2024, 9, 3), counts);
    EXPECT_EQ(counts[0], f->events() > 0 ? 1 : 0) << "issued";
    v1::PactEvent next = f->events() > 0 ? v1::PactEvent() : event(1);
    if (f->events() > 0) {
      next.set_type(v1::PACT_SIGNED);
      next.set_date("2024-09-03");
      next.set_nip("198002142005031011");
      next.set_signer_nip("198002142005031011");
      next.set_method(v1::INDIVIDUAL);
    }
    ASSERT_TRUE(f->Append(next, &*reg).ok());
    ASSERT_TRUE(internal::RecordFile::Read(path, "NETRAPK1", "pact log", &records, &torn).ok());
    EXPECT_EQ(torn, 0);
    EXPECT_EQ(records.back(), next.SerializeAsString());
    fs::remove(path);
  }
  std::cout << "acknowledged " << total_acked << " events over " << kRounds << " kills\n";
  EXPECT_GT(total_acked, 0) << "no round acknowledged anything";
}

}  // namespace
}  // namespace netra
