// A batch of SYNTHETIC neutrality reports through the Java binding, in one call:
//   netra synth reports --count 500 --election pilkada2024 --seed 7 --out reports.jsonl
//   J=/usr/share/java
//   java -cp build/bindings/java/netra.jar:$J/jna.jar:$J/protobuf.jar:$J/protobuf-util.jar:$J/gson.jar:$J/guava.jar \
//        examples/java/BatchReports.java reports.jsonl
// Prints the answers counted by regime and level, and who handles them. The
// batch asks for the summary form (AnswerForm.SUMMARY): each row's
// DeterminationSummary, the columns a table needs, instead of the full
// Determination; ask netra.evaluate(request) for the full answer of a row a
// person reads. The reports are synthetic (netra synth), never real cases or
// official figures.
import com.google.protobuf.util.JsonFormat;
import id.netra.Netra;
import id.netra.v1.AnswerForm;
import id.netra.v1.DeterminationSummary;
import id.netra.v1.EvaluateBatchRequest;
import id.netra.v1.EvaluateBatchResponse;
import id.netra.v1.SyntheticReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

public class BatchReports {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java BatchReports.java REPORTS.jsonl");
      System.exit(2);
    }
    EvaluateBatchRequest.Builder batch = EvaluateBatchRequest.newBuilder().setForm(AnswerForm.SUMMARY);
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.isBlank()) {
        continue;
      }
      SyntheticReport.Builder report = SyntheticReport.newBuilder();
      JsonFormat.parser().merge(line, report);
      batch.addRequests(report.getRequest());
    }
    try (Netra netra = Netra.open()) {
      long start = System.nanoTime();
      EvaluateBatchResponse answers = netra.evaluateBatch(batch.build());  // one call for every request
      double ms = (System.nanoTime() - start) / 1e6;
      int refused = 0;
      Map<String, Integer> tally = new TreeMap<>();
      for (EvaluateBatchResponse.Item item : answers.getItemsList()) {
        if (item.hasError()) {
          refused++;
          System.err.println("request " + item.getError().getIndex() + ": " + item.getError().getCode() + ": "
              + item.getError().getMessage());
          continue;
        }
        DeterminationSummary s = item.getSummary();
        String key = s.getRegime() + " " + s.getLevel()
            + (s.getHandledByValue() != 0 ? " (" + s.getHandledBy() + ")" : "");
        tally.merge(key, 1, Integer::sum);
      }
      System.out.printf("%d reports in one call, %d refused (%.0f ms)%n", batch.getRequestsCount(), refused, ms);
      tally.forEach((k, v) -> System.out.printf("  %-32s %5d%n", k, v));
      System.exit(refused == 0 ? 0 : 1);
    }
  }
}
