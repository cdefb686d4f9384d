package id.netra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import id.netra.v1.AuditFinding;
import id.netra.v1.CaseState;
import id.netra.v1.DecidedCase;
import id.netra.v1.Determination;
import id.netra.v1.EvaluationRequest;
import id.netra.v1.OverdueRequest;
import id.netra.v1.OverdueResponse;
import id.netra.v1.PactProgressRequest;
import id.netra.v1.PactProgressResponse;
import id.netra.v1.ReplayCaseRequest;
import id.netra.v1.RuleFile;
import id.netra.v1.RulesRequest;
import id.netra.v1.WorkingDaysRequest;
import id.netra.v1.WorkingDaysResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The catalogue tests/bad_input/hosts/{bindings,java}.cases through id.netra.Netra. */
class BadInputTest {
  interface Call {
    Object run() throws Exception;
  }

  @TestFactory
  Stream<DynamicTest> sharedCases() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Support.Case c : Support.cases("bindings.cases")) {
      tests.add(DynamicTest.dynamicTest(c.toString() + " (json)", () -> expectRefusal(c, () -> asJson(c))));
      if (!c.as.equals("json")) {
        tests.add(DynamicTest.dynamicTest(c.toString() + " (protobuf)", () -> expectRefusal(c, () -> asProto(c))));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> javaCases() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Support.Case c : Support.cases("java.cases")) {
      tests.add(DynamicTest.dynamicTest(c.toString(), () -> expectRefusal(c, () -> java(c))));
    }
    return tests.stream();
  }

  private static final Map<String, String> METHODS = Map.of(
      "evaluate", "Evaluate", "audit", "Audit", "rules", "Rules", "working_days", "WorkingDays",
      "replay_case", "ReplayCase", "pact_progress", "PactProgress", "overdue", "Overdue");

  private static Object asJson(Support.Case c) throws Exception {
    Netra n = Support.engine();
    if (c.call.equals("engine")) {
      return engine(c.input);
    }
    String method = c.call.startsWith("method ") ? c.call.substring(7) : METHODS.get(c.call);
    int format = Netra.FORMAT_JSON;
    if (c.call.equals("evaluate_batch_array")) {
      method = "EvaluateBatch";
      format = Netra.FORMAT_JSON_ARRAY;
    }
    assertNotNull(method, "unknown call " + c.call);
    if (c.rawBytes) {
      // Bytes a Java String cannot carry (invalid UTF-8): the raw call.
      return n.call(method, format, c.input.getBytes(StandardCharsets.ISO_8859_1));
    }
    return n.callJson(method, c.input, format);
  }

  private static <B extends Message.Builder> B merge(String json, B b) throws Exception {
    JsonFormat.parser().merge(json, b);
    return b;
  }

  private static Object asProto(Support.Case c) throws Exception {
    Netra n = Support.engine();
    switch (c.call) {
      case "engine":
        return engine(c.input);
      case "evaluate":
        return n.evaluate(merge(c.input, EvaluationRequest.newBuilder()).build());
      case "audit":
        return n.audit(merge(c.input, DecidedCase.newBuilder()).build());
      case "rules":
        return n.rules(merge(c.input, RulesRequest.newBuilder()).build());
      case "working_days":
        return n.workingDays(merge(c.input, WorkingDaysRequest.newBuilder()).build());
      case "replay_case":
        return n.replayCase(merge(c.input, ReplayCaseRequest.newBuilder()).build());
      case "pact_progress":
        return n.pactProgress(merge(c.input, PactProgressRequest.newBuilder()).build());
      case "overdue":
        return n.overdue(merge(c.input, OverdueRequest.newBuilder()).build());
      default:
        throw new IllegalStateException("no protobuf form for call " + c.call);
    }
  }

  /** Options as JSON: {"settings": {...}, "law": {"name": "text"}, "law_files": [...]}. */
  private static Object engine(String json) {
    com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
    Netra.Builder b = Netra.builder();
    if (o.has("settings")) {
      o.getAsJsonObject("settings").entrySet().forEach(e -> b.setting(e.getKey(), e.getValue().getAsString()));
    }
    if (o.has("law")) {
      o.getAsJsonObject("law").entrySet().forEach(e -> b.law(e.getKey(), e.getValue().getAsString()));
    }
    if (o.has("law_files")) {
      o.getAsJsonArray("law_files").forEach(e -> b.lawFile(e.getAsString()));
    }
    try (Netra n = b.build()) {
      return n;
    }
  }

  private static Object java(Support.Case c) throws Exception {
    Netra n = Support.engine();
    switch (c.call) {
      case "evaluate_json_null":
        return n.evaluateJson(null);
      case "evaluate_json":
        return n.evaluateJson(c.input);
      case "evaluate_json_after_close": {
        Netra closed = Netra.open();
        closed.close();
        return closed.evaluateJson(c.input);
      }
      case "call_json_proto":
        return n.callJson("Evaluate", c.input, Netra.FORMAT_PROTO);
      case "method_name":
        return n.callJson(c.input, "{}", Netra.FORMAT_JSON);
      case "setting_name":
        return Netra.builder().setting(c.input, "BERAT").build();
      case "library":
        return Netra.builder().library(c.input).build();
      default:
        if (c.call.startsWith("bytes ")) {
          return n.call(c.call.substring(6), Netra.FORMAT_PROTO, c.input.getBytes(StandardCharsets.ISO_8859_1));
        }
        throw new IllegalStateException("unknown call " + c.call);
    }
  }

  private static void expectRefusal(Support.Case c, Call call) throws Exception {
    EvaluationRequest.Builder reference = EvaluationRequest.newBuilder();
    JsonFormat.parser().merge(Support.read("examples/absence_15_days_2025.json"), reference);
    Determination before = Support.engine().evaluate(reference.build());
    try {
      call.run();
      fail(c + ": no exception");
    } catch (NetraException e) {
      assertEquals(c.code, e.statusName(), c + ": " + e.getMessage());
      String expected = "id.netra." + toCamel(c.code) + "Exception";
      assertEquals(expected, e.getClass().getName(), c.toString());
      for (String fragment : c.messages) {
        assertTrue(e.getMessage().contains(fragment), c + ": \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
      }
    }
    assertEquals(before, Support.engine().evaluate(reference.build()), c + ": the engine answers differently after the refusal");
  }

  private static String toCamel(String code) {
    StringBuilder sb = new StringBuilder();
    for (String part : code.toLowerCase().split("_")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.toString();
  }
}
