package id.netra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.util.JsonFormat;
import id.netra.v1.AuditBatchRequest;
import id.netra.v1.AuditBatchResponse;
import id.netra.v1.AuditFinding;
import id.netra.v1.CaseLog;
import id.netra.v1.CaseState;
import id.netra.v1.DecidedCase;
import id.netra.v1.Determination;
import id.netra.v1.EvaluateBatchRequest;
import id.netra.v1.EvaluateBatchResponse;
import id.netra.v1.EvaluationRequest;
import id.netra.v1.Level;
import id.netra.v1.OverdueRequest;
import id.netra.v1.OverdueResponse;
import id.netra.v1.PactProgressRequest;
import id.netra.v1.PactProgressResponse;
import id.netra.v1.ReplayCaseRequest;
import id.netra.v1.RosterInput;
import id.netra.v1.Rule;
import id.netra.v1.RuleFile;
import id.netra.v1.RulesRequest;
import id.netra.v1.SiasnImport;
import id.netra.v1.SiasnRecords;
import id.netra.v1.SiasnReportRequest;
import id.netra.v1.SiasnReportResponse;
import id.netra.v1.SiasnTable;
import id.netra.v1.AllowedSanction;
import id.netra.v1.WorkingDaysRequest;
import id.netra.v1.WorkingDaysResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every call of id.netra.Netra against the built libnetra.so, as JSON and as protobuf-java. */
class NetraTest {
  static final String ABSENCE = "examples/absence_15_days_2025.json";
  static final String TEACHER = "examples/neutrality_teacher_likes_candidate_post_pilkada_2024.json";

  static EvaluationRequest request(String file) throws Exception {
    EvaluationRequest.Builder b = EvaluationRequest.newBuilder();
    JsonFormat.parser().merge(Support.read(file), b);
    return b.build();
  }

  static Determination parse(String json) throws Exception {
    Determination.Builder b = Determination.newBuilder();
    JsonFormat.parser().merge(json, b);
    return b.build();
  }

  @Test
  void theLibraryIsTheAbiVersionOfThisBinding() {
    assertEquals(Netra.ABI_VERSION, Support.engine().abiVersion());
    assertTrue(Support.engine().version().matches("\\d+\\.\\d+\\.\\d+.*"));
  }

  @Test
  void theSanitizerRuntimeIsLiveInTheSanitizedBuild() throws Exception {
    assumeTrue(Support.sanitized(), "not the sanitized build (NETRA_SANITIZED unset)");
    Support.engine();
    String maps = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/maps"));
    assertTrue(maps.contains("libasan"), "libasan is not loaded");
    assertTrue(maps.contains("libnetra"), "libnetra is not loaded");
  }

  @Test
  void fifteenDaysAbsentInARegencyIsSedangWithS2T() throws Exception {
    Determination d = Support.engine().evaluate(request(ABSENCE));
    assertEquals(Level.SEDANG, d.getLevel());
    assertEquals(List.of("S2T"), d.getAllowedSanctionsList().stream().map(AllowedSanction::getCode).collect(Collectors.toList()));
    assertEquals(7, d.getAllowedSanctions(0).getSiasnJenisHukumanId());
    assertEquals(2, d.getCompetentOfficialsCount());
  }

  @Test
  void theTeacherWhoLikedACandidatePostIsBeratHandledByBkn() throws Exception {
    Determination d = Support.engine().evaluate(request(TEACHER));
    assertEquals(Level.BERAT, d.getLevel());
    assertEquals(List.of("B1", "B2", "B3"),
        d.getAllowedSanctionsList().stream().map(AllowedSanction::getCode).collect(Collectors.toList()));
    assertEquals("BKN", d.getHandling().getBody().name());
  }

  @Test
  void aSiasnExportIsAuditedAndItsPactsCounted() throws Exception {
    String dir = "examples/siasn_synthetic/";
    SiasnRecords.Builder records = SiasnRecords.newBuilder()
        .setPegawai(SiasnTable.newBuilder().setJson(Support.read(dir + "pegawai.json")))
        .setHukdis(SiasnTable.newBuilder().setJson(Support.read(dir + "rw-hukdis.json")));
    JsonFormat.parser().merge("{\"facts\":" + Support.read(dir + "facts.json") + "}", records);
    SiasnReportRequest.Builder request = SiasnReportRequest.newBuilder().setRecords(records)
        .setElection("pilkada2024").setAsOf("2024-10-01");
    SiasnReportResponse r = Support.engine().siasnReport(request.build());
    assertEquals(59, r.getEmployees());
    assertEquals(0, r.getRefusalsCount());
    assertEquals(9, r.getAuditSummary().getCases());
    // No pact events given: everyone must sign, none issued.
    assertEquals(0, r.getPactProgress().getTotal().getIssued());
    SiasnImport m = Support.engine().fromSiasn(SiasnRecords.newBuilder()
        .setPegawai(SiasnTable.newBuilder().setCsv("id,nipBaru,nama\nA1,12345,X\n")).build());
    assertEquals("pegawai", m.getRefusals(0).getTable());
    assertTrue(m.getRefusals(0).getReason().startsWith("nipBaru: not a valid NIP (has 5 digits"), m.getRefusals(0).getReason());
  }

  @Test
  void theJsonAndTheProtobufPathsGiveTheSameAnswer() throws Exception {
    for (String file : List.of(ABSENCE, TEACHER, "examples/missing_facts_impact_and_consecutive_run.json")) {
      assertEquals(Support.engine().evaluate(request(file)), parse(Support.engine().evaluateJson(Support.read(file))), file);
    }
  }

  @Test
  void theJsonIsWhatTheCommandPrints() {
    String cli = Support.cli();
    assumeTrue(cli != null, "NETRA_CLI is not set");
    for (String file : List.of(ABSENCE, TEACHER, "examples/jpt_madya_abuse_of_authority_central.json")) {
      String expected = Support.run(cli, "evaluate", Support.root().resolve(file).toString());
      assertEquals(expected, Support.engine().evaluateJson(Support.read(file)), file);
    }
  }

  @Test
  void theJsonFlagsCompactAndEmitDefaults() {
    String json = Support.read(ABSENCE);
    String compact = Support.engine().evaluateJson(json, Netra.JSON_COMPACT);
    assertFalse(compact.strip().contains("\n"));
    String all = Support.engine().evaluateJson(json, Netra.JSON_EMIT_DEFAULTS);
    assertTrue(all.contains("\"missing_facts\": []"), all);
    assertFalse(Support.engine().evaluateJson(json).contains("\"missing_facts\""));
  }

  @Test
  void missingFactsIsAnAnswerNotAnException() throws Exception {
    Determination d = Support.engine().evaluate(request("examples/missing_facts_impact_and_consecutive_run.json"));
    assertEquals("MISSING_FACTS", d.getOutcome().name());
    assertTrue(d.getMissingFactsCount() > 0);
  }

  @Test
  void aHostSettingAppliesToEveryCall() throws Exception {
    try (Netra netra = Netra.builder().setting("skb_d08_level", "SEDANG").build()) {
      Determination d = netra.evaluate(request(ABSENCE));
      assertEquals("SEDANG", d.getSettingsUsedList().stream().filter(s -> s.getName().equals("skb_d08_level"))
          .findFirst().orElseThrow().getValue());
    }
  }

  @Test
  void aHostLawFileIsLoaded() throws Exception {
    try (Netra netra = Netra.builder().lawFile(Support.root().resolve("law/pp94_2021.textproto").toString()).build()) {
      assertEquals(Level.SEDANG, netra.evaluate(request(ABSENCE)).getLevel());
    }
  }

  @Test
  void anExplicitLibraryPathIsUsed() throws Exception {
    try (Netra netra = Netra.builder().library(System.getenv("NETRA_LIBRARY")).build()) {
      assertEquals(Level.SEDANG, netra.evaluate(request(ABSENCE)).getLevel());
    }
  }

  @Test
  void aClosedEngineRefusesCallsAndClosesOnce() throws Exception {
    Netra netra = Netra.open();
    netra.close();
    netra.close();
    FailedPreconditionException e = assertThrows(FailedPreconditionException.class, () -> netra.evaluate(request(ABSENCE)));
    assertEquals("engine: closed", e.getMessage());
    assertEquals(9, e.code());
    assertEquals("FAILED_PRECONDITION", e.statusName());
  }

  @Test
  void anErrorIsItsStatusClassWithTheMessageOfTheCAbi() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Support.engine().evaluateJson(
        "{\"employee\": {\"kind\": \"PNS\"}, \"acts\": [{\"norm\": \"pp94.duty.attendance\", \"act_date\": \"2025-02-30\"}]}"));
    assertEquals("acts[0].act_date: \"2025-02-30\" is not a date (no such day)", e.getMessage());
    assertEquals(3, e.code());
    assertTrue(e instanceof NetraException);
  }

  @Test
  void auditOfTheExampleDecisions() throws Exception {
    String[] lines = Support.read("examples/audit_neutrality_decisions_2024.jsonl").strip().split("\n");
    DecidedCase.Builder first = DecidedCase.newBuilder();
    JsonFormat.parser().merge(lines[0], first);
    AuditFinding f = Support.engine().audit(first.build());
    assertEquals("WITHIN_LAW", f.getVerdict().name());
    AuditBatchRequest.Builder batch = AuditBatchRequest.newBuilder();
    for (String line : lines) {
      DecidedCase.Builder b = DecidedCase.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(line, b);
      batch.addCases(b);
    }
    AuditBatchResponse r = Support.engine().auditBatch(batch.build());
    assertEquals(lines.length, r.getItemsCount());
    assertEquals(f, r.getItems(0).getFinding());
    long refused = r.getItemsList().stream().filter(AuditBatchResponse.Item::hasError).count();
    assertEquals(1, refused, "the example file holds one case with a bad date");
    String out = Support.engine().auditBatchJsonLines(String.join("\n", lines));
    assertEquals(lines.length, out.strip().split("\n").length);
    assertTrue(Support.engine().auditBatchJsonArray("[" + String.join(",", lines) + "]").startsWith("["));
  }

  @Test
  void rulesAndElections() {
    RuleFile all = Support.engine().rules(RulesRequest.getDefaultInstance());
    assertTrue(all.getRulesList().stream().map(Rule::getId).anyMatch("pp94.absence.cumulative_14_16_days"::equals));
    RuleFile before = Support.engine().rules(RulesRequest.newBuilder().setAsOf("2021-01-01").build());
    assertTrue(before.getRulesCount() < all.getRulesCount());
    List<String> elections = Support.engine().elections().getElectionsList().stream().map(e -> e.getId())
        .collect(Collectors.toList());
    assertTrue(elections.contains("pilkada2024") && elections.contains("pemilu2024"), elections.toString());
  }

  @Test
  void workingDaysAddCountAndAsk() {
    Netra n = Support.engine();
    WorkingDaysResponse add = n.workingDays(WorkingDaysRequest.newBuilder()
        .setAdd(WorkingDaysRequest.AddWorkingDays.newBuilder().setFrom("2025-06-30").setDays(7)).build());
    assertEquals("2025-07-09", add.getDate());
    WorkingDaysResponse count = n.workingDays(WorkingDaysRequest.newBuilder()
        .setCount(WorkingDaysRequest.CountWorkingDays.newBuilder().setFrom("2025-06-29").setTo("2025-07-04")).build());
    assertEquals(5, count.getCount());
    assertFalse(n.workingDays(WorkingDaysRequest.newBuilder().setIsWorkingDay("2026-08-17").build()).getWorkingDay());
    FailedPreconditionException e = assertThrows(FailedPreconditionException.class,
        () -> n.workingDays(WorkingDaysRequest.newBuilder().setIsWorkingDay("2040-01-02").build()));
    assertTrue(e.getMessage().contains("no holiday data for 2040"), e.getMessage());
  }

  @Test
  void replayCaseAndOverdue() throws Exception {
    CaseLog.Builder c = CaseLog.newBuilder();
    JsonFormat.parser().merge(Support.read("examples/case_disciplinary_absence_2024.json"), c);
    CaseState s = Support.engine().replayCase(ReplayCaseRequest.newBuilder().setCase(c).setAsOf("2024-09-30").build());
    assertEquals("BKPSDM-2024-DISC-031", s.getCaseId());
    assertEquals("FINAL", s.getStatus().name());
    assertEquals("S2T", s.getSanction().getSanctionType());
    OverdueResponse o = Support.engine().overdue(OverdueRequest.newBuilder().addCases(c).setAsOf("2026-01-01").build());
    assertEquals(0, o.getFailuresCount());
  }

  @Test
  void pactProgressOverTheSyntheticRoster() throws Exception {
    String roster = Support.read("examples/roster_synthetic_500.csv");
    String nip = roster.split("\n")[1].split(",")[0];
    PactProgressRequest.Builder req = PactProgressRequest.newBuilder()
        .setRoster(RosterInput.newBuilder().setCsv(roster)).setElection("pilkada2024").setAsOf("2024-09-30");
    JsonFormat.parser().merge("{\"events\": [{\"type\": \"PACT_ISSUED\", \"date\": \"2024-09-02\", \"nip\": \"" + nip
        + "\", \"template_id\": \"pakta_netralitas.pilkada2024.v1\"}]}", req);
    PactProgressResponse p = Support.engine().pactProgress(req.build());
    assertEquals(1, p.getProgress().getTotal().getIssued());
    assertEquals(481, p.getProgress().getTotal().getMustSign(), "the roster's 500 rows less its 19 non-ASN staff");
  }

  @Test
  void aBatchAnswersInOrderAndABadItemIsAnErrorItem() throws Exception {
    EvaluationRequest good = request(ABSENCE);
    EvaluationRequest bad = good.toBuilder().setActs(0, good.getActs(0).toBuilder().setActDate("2025-02-30")).build();
    EvaluateBatchResponse r = Support.engine().evaluateBatch(
        EvaluateBatchRequest.newBuilder().addRequests(good).addRequests(bad).addRequests(request(TEACHER)).build());
    assertEquals(3, r.getItemsCount());
    assertEquals(Support.engine().evaluate(good), r.getItems(0).getDetermination());
    assertEquals(1, r.getItems(1).getError().getIndex());
    assertEquals("INVALID_ARGUMENT", r.getItems(1).getError().getCode());
    assertEquals("acts[0].act_date: \"2025-02-30\" is not a date (no such day)", r.getItems(1).getError().getMessage());
    assertEquals(Level.BERAT, r.getItems(2).getDetermination().getLevel());
    String lines = Support.engine().evaluateBatchJsonLines(
        JsonFormat.printer().omittingInsignificantWhitespace().print(good) + "\n{\"colour\": 1}\n");
    String[] out = lines.strip().split("\n");
    assertEquals(2, out.length);
    assertTrue(out[1].startsWith("{\"line\":2,\"code\":\"INVALID_ARGUMENT\",\"error\":"), out[1]);
  }

  @Test
  void fiftyThousandRowsInOneCall() throws Exception {
    String cli = Support.cli();
    assumeTrue(cli != null, "NETRA_CLI is not set: the rows come from `netra synth reports`");
    int n = Support.sanitized() ? 5000 : 50000;
    String reports = Support.run(cli, "synth", "reports", "--count", Integer.toString(n), "--election", "pilkada2024",
        "--seed", "7");
    EvaluateBatchRequest.Builder batch = EvaluateBatchRequest.newBuilder();
    StringBuilder jsonLines = new StringBuilder();
    for (String line : reports.split("\n")) {
      id.netra.v1.SyntheticReport.Builder r = id.netra.v1.SyntheticReport.newBuilder();
      JsonFormat.parser().merge(line, r);
      batch.addRequests(r.getRequest());
      jsonLines.append(JsonFormat.printer().omittingInsignificantWhitespace().print(r.getRequest())).append('\n');
    }
    assertEquals(n, batch.getRequestsCount());
    // protobuf-java: one call.
    EvaluateBatchResponse r = Support.engine().evaluateBatch(batch.build());
    assertEquals(n, r.getItemsCount());
    assertEquals(0, r.getItemsList().stream().filter(EvaluateBatchResponse.Item::hasError).count());
    for (int i : new int[] {0, 1, n / 2 + 3, n - 1}) {
      assertEquals(Support.engine().evaluate(batch.getRequests(i)), r.getItems(i).getDetermination(), "row " + i);
    }
    // JSON lines: one call, one line an answer, the same answers.
    String out = Support.engine().evaluateBatchJsonLines(jsonLines.toString());
    String[] lines = out.split("\n");
    assertEquals(n, lines.length);
    for (int i : new int[] {0, n - 1}) {
      assertEquals(r.getItems(i).getDetermination(), parse(lines[i]), "line " + (i + 1));
    }
    // The summary form, protobuf and JSON lines.
    EvaluateBatchResponse s = Support.engine().evaluateBatch(batch.setForm(id.netra.v1.AnswerForm.SUMMARY).build());
    assertEquals(n, s.getItemsCount());
    String[] summaries = Support.engine().evaluateBatchJsonLines(jsonLines.toString(), Netra.Answer.SUMMARY, 0)
        .split("\n");
    assertEquals(n, summaries.length);
    for (int i : new int[] {0, 1, n / 2 + 3, n - 1}) {
      assertEquals(r.getItems(i).getDetermination().getLevel(), s.getItems(i).getSummary().getLevel(), "row " + i);
      id.netra.v1.DeterminationSummary.Builder b = id.netra.v1.DeterminationSummary.newBuilder();
      JsonFormat.parser().merge(summaries[i], b);
      assertEquals(s.getItems(i).getSummary(), b.build(), "line " + (i + 1));
    }
  }

  @Test
  void theSummaryFormSaysWhatTheDeterminationSays() throws Exception {
    EvaluationRequest good = request(ABSENCE);
    EvaluationRequest teacher = request(TEACHER);
    EvaluationRequest bad = good.toBuilder().setActs(0, good.getActs(0).toBuilder().setActDate("2025-02-30")).build();
    EvaluationRequest unknown = good.toBuilder().setActs(0, good.getActs(0).toBuilder().clearAbsence()).build();
    EvaluateBatchResponse r = Support.engine().evaluateBatch(EvaluateBatchRequest.newBuilder()
        .setForm(id.netra.v1.AnswerForm.SUMMARY).addRequests(good).addRequests(bad).addRequests(teacher)
        .addRequests(unknown).build());
    assertEquals(4, r.getItemsCount());
    for (int i : new int[] {0, 2, 3}) {
      EvaluationRequest q = i == 0 ? good : i == 2 ? teacher : unknown;
      Determination d = Support.engine().evaluate(q);
      id.netra.v1.DeterminationSummary s = r.getItems(i).getSummary();
      assertEquals(d.getOutcome(), s.getOutcome(), "row " + i);
      assertEquals(d.getLevel(), s.getLevel(), "row " + i);
      assertEquals(d.getAllowedSanctionsList().stream().map(a -> a.getCode()).toList(), s.getAllowedTypesList());
      assertEquals(d.getMissingFactsList().stream().map(m -> m.getField()).toList(), s.getMissingFactsList());
      assertEquals(d.getHandling().getBody(), s.getHandledBy());
    }
    assertEquals("INVALID_ARGUMENT", r.getItems(1).getError().getCode());
    assertEquals(List.of("acts[0].absence.cumulative_working_days"),
        r.getItems(3).getSummary().getMissingFactsList().subList(0, 1));
    // JSON lines and arrays: the same summaries, every key present with JSON_EMIT_DEFAULTS.
    String json = JsonFormat.printer().omittingInsignificantWhitespace().print(good);
    String line = Support.engine().evaluateBatchJsonLines(json + "\n{\"colour\": 1}\n", Netra.Answer.SUMMARY,
        Netra.JSON_EMIT_DEFAULTS);
    String[] out = line.strip().split("\n");
    assertEquals(2, out.length);
    id.netra.v1.DeterminationSummary.Builder s = id.netra.v1.DeterminationSummary.newBuilder();
    JsonFormat.parser().merge(out[0], s);
    assertEquals(r.getItems(0).getSummary(), s.build());
    assertTrue(out[0].contains("\"warnings\":[]"), out[0]);
    assertTrue(out[1].startsWith("{\"line\":2,\"code\":\"INVALID_ARGUMENT\",\"error\":"), out[1]);
    String array = Support.engine().evaluateBatchJsonArray("[" + json + "]", Netra.Answer.SUMMARY, 0);
    assertTrue(array.contains("\"allowed_types\":[\"S2T\"]"), array);
  }

  @Test
  void oneEngineIsSharedByManyThreads() throws Exception {
    EvaluationRequest absence = request(ABSENCE);
    EvaluationRequest teacher = request(TEACHER);
    Determination a = Support.engine().evaluate(absence);
    Determination t = Support.engine().evaluate(teacher);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        final boolean even = i % 2 == 0;
        results.add(pool.submit(() -> {
          for (int k = 0; k < 10; k++) {
            Determination d = Support.engine().evaluate(even ? absence : teacher);
            if (!d.equals(even ? a : t)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdown();
    }
    assertNotEquals(a, t);
  }
}
