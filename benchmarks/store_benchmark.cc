// The store at national scale (issue 13), on SQLite or PostgreSQL: a
// program rather than a Google Benchmark, since each figure is one long run
// (6 million pacts issued once), not a loop to repeat.
//
//   netra_store_benchmark --store ADDRESS [--employees N] [--signatures M]
//                         [--appends K] [--procs 1,8]
//
// Over a synthetic roster of N employees (netra/synth.h; default 6,000,000)
// it measures, on the empty store at ADDRESS (a SQLite file path or a
// postgresql:// URL):
//   issue      every pact issued through Store::AppendPactEvents, checked by
//              the registry, one transaction per 50,000 (as `netra pact issue`)
//   sign       M signatures (default 1,000,000), one call, the same batches
//   load       a fresh registry replayed from the store, every hash verified
//   progress   PactRegistry::Progress on a date over the loaded registry
//   appends    K case events appended by each of P processes (fork), each
//              its own transaction with its check (CaseMachine replay) and
//              fsync; appends per second over all P
// Prints one line per figure. benchmarks/README.md has the figures.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "netra/case.h"
#include "netra/pact.h"
#include "netra/rule_book.h"
#include "netra/store.h"
#include "netra/synth.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

int Fail(const std::string& what, const absl::Status& st) {
  std::cerr << "store_benchmark: " << what << ": " << st << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string address;
  int64_t employees = 6'000'000, signatures = 1'000'000, appends = 100;
  std::vector<int> procs = {1, 8};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    bool ok = true;
    if (flag == "--store") {
      address = value;
    } else if (flag == "--employees") {
      ok = absl::SimpleAtoi(value, &employees);
    } else if (flag == "--signatures") {
      ok = absl::SimpleAtoi(value, &signatures);
    } else if (flag == "--appends") {
      ok = absl::SimpleAtoi(value, &appends);
    } else if (flag == "--procs") {
      procs.clear();
      for (absl::string_view p : absl::StrSplit(value, ',')) {
        int n = 0;
        ok = ok && absl::SimpleAtoi(p, &n) && n > 0;
        procs.push_back(n);
      }
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "store_benchmark: bad flag " << flag << " " << value << "\n";
      return 2;
    }
  }
  if (address.empty()) {
    std::cerr << "usage: netra_store_benchmark --store ADDRESS [--employees N] [--signatures M] [--appends K] "
                 "[--procs 1,8]\n";
    return 2;
  }
  auto book = netra::RuleBook::Load();
  if (!book.ok()) return Fail("law", book.status());
  std::shared_ptr<const netra::RuleBook> shared = *std::move(book);
  auto machine = netra::CaseMachine::Create(shared);
  if (!machine.ok()) return Fail("machine", machine.status());

  auto t = Clock::now();
  netra::RosterTable roster;
  {
    std::stringstream csv;
    netra::synth::RosterOptions o;
    o.employees = employees;
    o.seed = 13;
    if (auto st = netra::synth::WriteRoster(o, csv); !st.ok()) return Fail("roster", st);
    netra::v1::RosterImportReport report;
    auto r = netra::ImportRosterCsv(csv, &report);
    if (!r.ok()) return Fail("roster", r.status());
    roster = *std::move(r);
  }
  std::cout << "roster: " << roster.size() << " rows (synthetic), " << Seconds(t) << " s\n";

  auto store = netra::Store::Open(address);
  if (!store.ok()) return Fail("open", store.status());
  std::cout << "store: " << (*store)->kind() << "\n";
  const std::string election = "pilkada2024";

  // Issue, as `netra pact issue` does: 50,000 events a transaction, each
  // checked once by the append (refused ones skipped).
  {
    auto pacts = netra::StoredPacts::Create(shared, &roster, election);
    if (!pacts.ok()) return Fail("registry", pacts.status());
    if (auto st = (*store)->SyncPacts(&*pacts); !st.ok()) return Fail("sync", st);
    t = Clock::now();
    int64_t issued = 0;
    std::vector<netra::v1::PactEvent> batch;
    for (size_t row = 0; row <= roster.size(); ++row) {
      if (row < roster.size()) {
        netra::v1::PactEvent e;
        e.set_type(netra::v1::PACT_ISSUED);
        e.set_date("2024-09-02");
        e.set_nip(roster.Nip(row));
        e.set_template_id(roster.leader[row] ? "pakta_netralitas.pilkada2024.pimpinan.v1"
                                             : "pakta_netralitas.pilkada2024.v1");
        batch.push_back(std::move(e));  // checked once, by the append
      }
      if (batch.size() == 50'000 || (row == roster.size() && !batch.empty())) {
        auto r = (*store)->AppendPactEvents(&*pacts, batch, netra::RefusedEvents::kSkip);
        if (!r.ok()) return Fail("issue", r.status());
        issued += r->appended;
        batch.clear();
      }
    }
    const double s = Seconds(t);
    std::cout << "issue: " << issued << " pacts in " << s << " s (" << static_cast<int64_t>(issued / s)
              << " per second)\n";

    // Signatures: the first M who were issued a pact, one call.
    std::vector<netra::v1::PactEvent> signs;
    for (size_t row = 0; row < roster.size() && static_cast<int64_t>(signs.size()) < signatures; ++row) {
      const std::string nip = roster.Nip(row);
      if (nip.empty()) continue;
      netra::v1::PactEvent e;
      e.set_type(netra::v1::PACT_SIGNED);
      e.set_date("2024-09-10");
      e.set_nip(nip);
      e.set_signer_nip(nip);
      e.set_method(netra::v1::INDIVIDUAL);
      signs.push_back(std::move(e));
    }
    t = Clock::now();
    auto r = (*store)->AppendPactEvents(&*pacts, signs, netra::RefusedEvents::kSkip);
    if (!r.ok()) return Fail("sign", r.status());
    const double ss = Seconds(t);
    std::cout << "sign: " << r->appended << " signatures in " << ss << " s ("
              << static_cast<int64_t>(static_cast<double>(r->appended) / ss) << " per second)\n";
  }

  // A fresh reader: every event replayed and its hash verified; then
  // progress on a date.
  {
    auto pacts = netra::StoredPacts::Create(shared, &roster, election);
    if (!pacts.ok()) return Fail("registry", pacts.status());
    t = Clock::now();
    if (auto st = (*store)->SyncPacts(&*pacts); !st.ok()) return Fail("load", st);
    std::cout << "load: " << pacts->events() << " events replayed and verified in " << Seconds(t) << " s\n";
    t = Clock::now();
    const netra::v1::PactProgress p = pacts->registry().Progress(absl::CivilDay(2024, 9, 30), 100);
    std::cout << "progress: " << p.total().issued() << " issued, " << p.total().signed_on_time() << " signed on time, "
              << p.groups_size() << " groups in " << Seconds(t) * 1000 << " ms\n";
  }

  // Appends per second: P processes, each K events to its own case.
  for (int n : procs) {
    const std::string prefix = absl::StrCat("bench-", n, "-", getpid(), "-");
    for (int k = 0; k < n; ++k) {
      netra::v1::CaseLog h;
      h.set_case_id(absl::StrCat(prefix, k));
      h.set_kind(netra::v1::DISCIPLINARY);
      h.mutable_employee()->set_kind(netra::v1::PNS);
      if (auto st = (*store)->CreateCase(h, *machine); !st.ok()) return Fail("case", st);
    }
    std::cout.flush();  // a child's std::cerr would flush a copy of it
    int go[2];
    if (pipe(go) != 0) return 1;
    std::vector<pid_t> pids;
    for (int k = 0; k < n; ++k) {
      const pid_t pid = fork();
      if (pid == 0) {
        close(go[1]);
        char c;
        if (read(go[0], &c, 1) != 0) _exit(5);  // start together: when the pipe closes
        auto s = netra::Store::Open(address);
        if (!s.ok()) _exit(2);
        for (int64_t i = 1; i <= appends; ++i) {
          netra::v1::CaseEvent e;
          e.set_type(i == 1 ? netra::v1::KNOWLEDGE : netra::v1::DOCUMENT);
          e.set_date("2024-07-01");
          e.mutable_actor()->set_role(i == 1 ? netra::v1::ROLE_DIRECT_SUPERIOR : netra::v1::ROLE_HR_OFFICIAL);
          e.set_note(absl::StrCat("benchmark event ", i));
          if (auto r = (*s)->AppendCaseEvent(absl::StrCat(prefix, k), e, *machine); !r.ok()) {
            std::cerr << "store_benchmark: writer " << k << ": " << r.status() << "\n";
            _exit(3);
          }
        }
        _exit(0);
      }
      pids.push_back(pid);
    }
    close(go[0]);
    t = Clock::now();
    close(go[1]);
    bool ok = true;
    for (pid_t pid : pids) {
      int status = 0;
      waitpid(pid, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::cerr << "store_benchmark: writer " << pid << " ended with status " << status << "\n";
        ok = false;
      }
    }
    const double s = Seconds(t);
    if (!ok) return Fail("appends", absl::InternalError("a writer process failed"));
    std::cout << "appends: " << n << " processes x " << appends << " case events in " << s << " s ("
              << static_cast<int64_t>(static_cast<double>(n * appends) / s) << " per second)\n";
  }
  return 0;
}
