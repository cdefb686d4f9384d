// Java timing of the Java binding (bindings/java) against the C ABI on the
// same request (benchmarks/README.md has the figures):
//   J=/usr/share/java
//   NETRA_LIBRARY=build/libnetra.so java -cp build/bindings/java/netra.jar:$J/jna.jar:$J/protobuf.jar:$J/protobuf-util.jar:$J/gson.jar:$J/guava.jar \
//     benchmarks/JavaTiming.java [ITERATIONS [ROWS [NETRA_CLI]]]
// Per call: the README's absence example through evaluateJson (JSON |
// EMIT_DEFAULTS | COMPACT, as the C loop benchmarks/c_abi_timing.c measures
// by default) and through evaluate (protobuf-java in and out), after a
// warm-up for the JIT. Batch: ROWS SYNTHETIC reports (`netra synth reports`,
// seed 7) in one evaluateBatch call (protobuf) and one evaluateBatchJsonLines
// call, in the summary form (AnswerForm.SUMMARY, Netra.Answer.SUMMARY); with
// a fourth argument "full" also with each row's full Determination.
import com.google.protobuf.util.JsonFormat;
import id.netra.Netra;
import id.netra.v1.AnswerForm;
import id.netra.v1.EvaluateBatchRequest;
import id.netra.v1.EvaluateBatchResponse;
import id.netra.v1.EvaluationRequest;
import id.netra.v1.SyntheticReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

public class JavaTiming {
  interface Body {
    void run() throws Exception;
  }

  static double lastCpuMicros;

  /** Wall-clock microseconds per call; the calling thread's CPU time per call is left in lastCpuMicros. */
  static double perCallMicros(int iterations, Body body) throws Exception {
    for (int i = 0; i < Math.max(iterations / 5, 1000); i++) {
      body.run();
    }
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long c = mx.getCurrentThreadCpuTime();
    long t = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      body.run();
    }
    double wall = (System.nanoTime() - t) / 1e3 / iterations;
    lastCpuMicros = (mx.getCurrentThreadCpuTime() - c) / 1e3 / iterations;
    return wall;
  }

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 50000;
    String cli = args.length > 2 ? args[2] : "build/netra";
    String json = Files.readString(Path.of("examples/absence_15_days_2025.json"));
    EvaluationRequest.Builder b = EvaluationRequest.newBuilder();
    JsonFormat.parser().merge(json, b);
    EvaluationRequest request = b.build();
    System.out.printf("Java %s, %s%n", System.getProperty("java.version"), System.getProperty("os.arch"));
    try (Netra netra = Netra.open()) {
      System.out.printf("netra %s%n", netra.version());
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        long t = System.nanoTime();
        Netra.open().close();
        best = Math.min(best, (System.nanoTime() - t) / 1e3);
      }
      System.out.printf("engine creation (Netra.open, library loaded): %.0f us (best of 5)%n", best);
      int flags = Netra.JSON_EMIT_DEFAULTS | Netra.JSON_COMPACT;
      double tj = perCallMicros(iterations, () -> netra.evaluateJson(json, flags));
      double cj = lastCpuMicros;
      double tp = perCallMicros(iterations, () -> netra.evaluate(request));
      double cp = lastCpuMicros;
      System.out.printf("per call (%d calls): wall, and CPU time of the calling thread%n", iterations);
      System.out.printf("  evaluateJson (format 0x%x):  %8.2f us  cpu %8.2f us%n", flags, tj, cj);
      System.out.printf("  evaluate (protobuf-java):     %8.2f us  cpu %8.2f us%n", tp, cp);

      if (rows > 0) {
        Process p = new ProcessBuilder(cli, "synth", "reports", "--count", Integer.toString(rows), "--election",
            "pilkada2024", "--seed", "7").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String reports = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          throw new IllegalStateException("netra synth reports failed; pass NETRA_CLI as the third argument");
        }
        EvaluateBatchRequest.Builder batch = EvaluateBatchRequest.newBuilder();
        StringBuilder lines = new StringBuilder();
        for (String line : reports.split("\n")) {
          SyntheticReport.Builder r = SyntheticReport.newBuilder();
          JsonFormat.parser().merge(line, r);
          batch.addRequests(r.getRequest());
          lines.append(JsonFormat.printer().omittingInsignificantWhitespace().print(r.getRequest())).append('\n');
        }
        String text = lines.toString();
        boolean full = args.length > 3 && args[3].equals("full");
        for (Netra.Answer form : full ? Netra.Answer.values() : new Netra.Answer[] {Netra.Answer.SUMMARY}) {
          EvaluateBatchRequest req = batch.setForm(
              form == Netra.Answer.SUMMARY ? AnswerForm.SUMMARY : AnswerForm.ANSWER_FORM_UNSPECIFIED).build();
          long t = System.nanoTime();
          EvaluateBatchResponse out = netra.evaluateBatch(req);
          double proto = (System.nanoTime() - t) / 1e9;
          t = System.nanoTime();
          String jsonOut = netra.evaluateBatchJsonLines(text, form, Netra.JSON_EMIT_DEFAULTS);
          double jl = (System.nanoTime() - t) / 1e9;
          System.out.printf("batch of %d rows in one call, %s form: evaluateBatch (protobuf) %.3f s (%d items); "
              + "evaluateBatchJsonLines with every default %.3f s (%.1f MB out)%n", rows, form, proto,
              out.getItemsCount(), jl, jsonOut.length() / 1e6);
        }
      }
    }
  }
}
