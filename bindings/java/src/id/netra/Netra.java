package id.netra;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import id.netra.v1.AuditBatchRequest;
import id.netra.v1.AuditBatchResponse;
import id.netra.v1.AuditFinding;
import id.netra.v1.CaseState;
import id.netra.v1.ComplianceRequest;
import id.netra.v1.ComplianceResponse;
import id.netra.v1.DecidedCase;
import id.netra.v1.Determination;
import id.netra.v1.ElectionsRequest;
import id.netra.v1.EvaluateBatchRequest;
import id.netra.v1.EvaluateBatchResponse;
import id.netra.v1.EvaluationRequest;
import id.netra.v1.OverdueRequest;
import id.netra.v1.OverdueResponse;
import id.netra.v1.PactProgressRequest;
import id.netra.v1.PactProgressResponse;
import id.netra.v1.ReplayCaseRequest;
import id.netra.v1.RuleFile;
import id.netra.v1.RulesRequest;
import id.netra.v1.SiasnImport;
import id.netra.v1.SiasnRecords;
import id.netra.v1.SiasnReportRequest;
import id.netra.v1.SiasnReportResponse;
import id.netra.v1.WorkingDaysRequest;
import id.netra.v1.WorkingDaysResponse;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * netra for Java: one engine (the law, validated, with its settings) over the C ABI of
 * libnetra.so (include/netra/netra.h), through JNA.
 *
 * <pre>{@code
 * try (Netra netra = Netra.open()) {                       // embedded law, default settings
 *   String json = netra.evaluateJson(requestJson);          // byte for byte what `netra evaluate` prints
 *   Determination d = netra.evaluate(EvaluationRequest.newBuilder()...build());
 *   d.getLevel();                                           // Level.SEDANG
 * }
 * }</pre>
 *
 * <p>Requests and answers are the messages of proto/netra/v1: as JSON text (the protobuf JSON
 * mapping with proto field names, as the {@code netra} command prints) through the {@code *Json}
 * methods, or as the classes {@code protoc --java_out} generates ({@code id.netra.v1}) through
 * the typed methods, which travel as binary protobuf.
 *
 * <p>Errors: a {@link NetraException} subclass per status ({@link InvalidArgumentException},
 * {@link FailedPreconditionException}, {@link NotFoundException}, ...) whose message is the C
 * ABI's, naming the field and the value. A legal answer (no level, missing facts,
 * CANNOT_ASSESS) is an answer, never an exception. A batch answers every item; a bad item is an
 * error item with its status name and message ({"index":I,"code":"INVALID_ARGUMENT","error":"..."}
 * in JSON, {@code ItemError} with {@code getCode()} in protobuf).
 *
 * <p>Batches of many rows: ask for {@link Answer#SUMMARY} (JSON methods) or set {@code
 * EvaluateBatchRequest.setForm(AnswerForm.SUMMARY)} (protobuf) to get each row's {@code
 * DeterminationSummary} (outcome, level, allowed types, rule ids, citations, missing facts,
 * officials, ...: a few hundred bytes) instead of the full {@code Determination} (about 12 KB of
 * JSON); ask {@link #evaluate} for the full answer of the rows a person reads.
 *
 * <p>Thread safety: a Netra is immutable and may be used by any number of threads at once; make
 * one per application (creating it loads and validates the law) and share it. {@link #close()}
 * waits for the calls running on it, and any call after it throws
 * {@link FailedPreconditionException}; an engine that is never closed is freed when it becomes
 * unreachable. Every buffer the library returns is freed with netra_free before a call returns,
 * also when it throws.
 *
 * <p>The library: {@link Builder#library}, else the system property {@code netra.library}, else
 * the environment variable {@code NETRA_LIBRARY}, else {@code libnetra.so.1} on the default
 * library path ({@code jna.library.path}, {@code LD_LIBRARY_PATH}, ld.so's paths). 64-bit only.
 */
public final class Netra implements AutoCloseable {
  /** The ABI version this binding is written for (NETRA_ABI_VERSION). */
  public static final int ABI_VERSION = 1;

  /** Formats and flags of include/netra/netra.h. */
  public static final int FORMAT_JSON = 0;
  public static final int FORMAT_PROTO = 1;
  public static final int FORMAT_JSON_LINES = 2;
  public static final int FORMAT_JSON_ARRAY = 3;
  public static final int JSON_EMIT_DEFAULTS = 0x100;
  public static final int JSON_COMPACT = 0x200;
  /** Batch answers as DeterminationSummary (NETRA_ANSWER_SUMMARY; JSON lines and arrays). */
  public static final int ANSWER_SUMMARY = 0x400;
  /**
   * With ANSWER_SUMMARY on a JSON array: each distinct summary written once, with the rows' indices
   * and decision dates (NETRA_ANSWER_SHARED, include/netra/netra.h), for {@link #callJson}.
   */
  public static final int ANSWER_SHARED = 0x800;

  /** Which answer a batch gives per request (proto/netra/v1/api.proto, AnswerForm). */
  public enum Answer {
    /** The full Determination. */
    FULL,
    /** The DeterminationSummary: the columns of a table row. */
    SUMMARY;

    int flags() {
      return this == SUMMARY ? ANSWER_SUMMARY : 0;
    }
  }

  /** The methods of the service netra.v1.Netra (proto/netra/v1/api.proto). */
  public static final List<String> METHODS = List.of("Evaluate", "EvaluateBatch", "Audit", "AuditBatch", "Rules",
      "Elections", "WorkingDays", "ReplayCase", "Overdue", "PactProgress", "Compliance", "FromSiasn",
      "SiasnReport");

  /** The C functions, as JNA maps them (size_t is a 64-bit long). */
  interface Lib extends Library {
    int netra_abi_version();

    String netra_version();

    String netra_status_name(int status);

    void netra_free(Pointer buffer);

    Pointer netra_options_new();

    void netra_options_free(Pointer options);

    int netra_options_add_law_file(Pointer options, byte[] path, Pointer err);

    int netra_options_add_law_bytes(Pointer options, byte[] name, byte[] text, long textLen, Pointer err);

    int netra_options_set(Pointer options, byte[] name, byte[] value, Pointer err);

    int netra_options_exclude_embedded_law(Pointer options, Pointer err);

    int netra_engine_new(Pointer options, Pointer engine, Pointer err);

    void netra_engine_free(Pointer engine);

    int netra_call(Pointer engine, byte[] method, int format, byte[] in, long inLen, Pointer out, Pointer outLen,
        Pointer err);

    int netra_evaluate(Pointer engine, int format, byte[] in, long inLen, Pointer out, Pointer outLen, Pointer err);
  }

  private static final Map<String, Lib> LIBRARIES = new ConcurrentHashMap<>();
  private static final Cleaner CLEANER = Cleaner.create();

  private final Lib lib;
  private final Pointer engine;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Cleaner.Cleanable cleanable;
  private boolean closed;
  /** Per thread: the three out slots of a call (out, out_len, err), 8 bytes each. */
  private final ThreadLocal<Memory> slots = ThreadLocal.withInitial(() -> new Memory(24));

  /** An engine from the embedded law with the default settings. */
  public static Netra open() {
    return builder().build();
  }

  /** How to make an engine: the library, host law files, settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of an engine; every one optional. Not synchronised: build in one thread. */
  public static final class Builder {
    private String library;
    private final List<String> lawFiles = new ArrayList<>();
    private final Map<String, String> law = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private boolean embeddedLaw = true;

    private Builder() {}

    /** The path of libnetra.so (see the class comment for the default). */
    public Builder library(String path) {
      this.library = path;
      return this;
    }

    /** A host law file; a file named like an embedded one (same base name) replaces it. */
    public Builder lawFile(String path) {
      lawFiles.add(path);
      return this;
    }

    /** A host law file from memory: {@code name} is what errors cite, {@code text} the text-format RuleFile. */
    public Builder law(String name, String text) {
      law.put(name, text);
      return this;
    }

    /** A setting override (the README's "Settings for uncertain law"), for every call. */
    public Builder setting(String name, String value) {
      settings.put(name, value);
      return this;
    }

    /** Without the embedded law: the host's files are the whole law. */
    public Builder embeddedLaw(boolean include) {
      this.embeddedLaw = include;
      return this;
    }

    /**
     * Loads the library and makes the engine.
     *
     * @throws InvalidArgumentException a law file that does not validate ("invalid law:
     *     file:line: rule id: ..."), a bad setting, a null
     * @throws NotFoundException a law file or the library that does not exist
     * @throws FailedPreconditionException a library of another ABI version
     */
    public Netra build() {
      return new Netra(this);
    }
  }

  private Netra(Builder b) {
    this.lib = library(b.library);
    int abi = lib.netra_abi_version();
    if (abi != ABI_VERSION) {
      throw new FailedPreconditionException(
          "library: netra ABI version " + abi + ", this binding needs " + ABI_VERSION);
    }
    Pointer options = lib.netra_options_new();
    if (options == null) {
      throw new ResourceExhaustedException("netra_options_new: out of memory");
    }
    Memory err = new Memory(8);
    try {
      for (int i = 0; i < b.lawFiles.size(); i++) {
        byte[] path = cString("lawFile[" + i + "]", b.lawFiles.get(i));
        check(err, lib.netra_options_add_law_file(options, path, err));
      }
      for (Map.Entry<String, String> e : b.law.entrySet()) {
        byte[] name = cString("law name", e.getKey());
        byte[] text = utf8("law[\"" + e.getKey() + "\"]", e.getValue());
        check(err, lib.netra_options_add_law_bytes(options, name, text, text.length, err));
      }
      for (Map.Entry<String, String> e : b.settings.entrySet()) {
        byte[] name = cString("setting name", e.getKey());
        byte[] value = cString("settings[\"" + e.getKey() + "\"]", e.getValue());
        check(err, lib.netra_options_set(options, name, value, err));
      }
      if (!b.embeddedLaw) {
        check(err, lib.netra_options_exclude_embedded_law(options, err));
      }
      Memory handle = new Memory(8);
      handle.setPointer(0, null);
      check(err, lib.netra_engine_new(options, handle, err));
      this.engine = handle.getPointer(0);
    } finally {
      lib.netra_options_free(options);
    }
    Lib l = lib;
    Pointer e = engine;
    this.cleanable = CLEANER.register(this, () -> l.netra_engine_free(e));
  }

  /** netra's version ("0.1.0"). */
  public String version() {
    return lib.netra_version();
  }

  /** The ABI version of the loaded library. */
  public int abiVersion() {
    return lib.netra_abi_version();
  }

  /** Frees the engine after the calls running on it; later calls throw FailedPreconditionException. Idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        cleanable.clean();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  // --- JSON text ------------------------------------------------------------

  /** The JSON of an EvaluationRequest in, the Determination's JSON out, as {@code netra evaluate} prints it. */
  public String evaluateJson(String json) {
    return callJson("Evaluate", json, FORMAT_JSON);
  }

  /** The same with flags: {@link #JSON_EMIT_DEFAULTS}, {@link #JSON_COMPACT}. */
  public String evaluateJson(String json, int flags) {
    return callJson("Evaluate", json, FORMAT_JSON | flags);
  }

  /** The JSON of a DecidedCase in, the AuditFinding's JSON out. */
  public String auditJson(String json) {
    return callJson("Audit", json, FORMAT_JSON);
  }

  /**
   * JSON lines of EvaluationRequests in, JSON lines out (a compact Determination or
   * {"line":N,"code":"...","error":"..."} a line).
   */
  public String evaluateBatchJsonLines(String jsonLines) {
    return callJson("EvaluateBatch", jsonLines, FORMAT_JSON_LINES);
  }

  /**
   * The same in the chosen form ({@link Answer#SUMMARY}: a DeterminationSummary a line), with
   * {@code flags} ({@link #JSON_EMIT_DEFAULTS} for every key present).
   */
  public String evaluateBatchJsonLines(String jsonLines, Answer answer, int flags) {
    return callJson("EvaluateBatch", jsonLines, FORMAT_JSON_LINES | answer.flags() | flags);
  }

  /**
   * A JSON array of EvaluationRequests in, a JSON array out (a Determination or
   * {"index":I,"code":"...","error":"..."} each).
   */
  public String evaluateBatchJsonArray(String jsonArray) {
    return callJson("EvaluateBatch", jsonArray, FORMAT_JSON_ARRAY);
  }

  /** The same in the chosen form, with {@code flags} ({@link #JSON_EMIT_DEFAULTS}). */
  public String evaluateBatchJsonArray(String jsonArray, Answer answer, int flags) {
    return callJson("EvaluateBatch", jsonArray, FORMAT_JSON_ARRAY | answer.flags() | flags);
  }

  /** JSON lines of DecidedCases in, JSON lines of AuditFindings out (as {@code netra audit --lines}). */
  public String auditBatchJsonLines(String jsonLines) {
    return callJson("AuditBatch", jsonLines, FORMAT_JSON_LINES);
  }

  /** A JSON array of DecidedCases in, a JSON array of AuditFindings out. */
  public String auditBatchJsonArray(String jsonArray) {
    return callJson("AuditBatch", jsonArray, FORMAT_JSON_ARRAY);
  }

  /**
   * Any method of netra.v1.Netra by name ({@link #METHODS}) with JSON text in and out. {@code
   * format}: {@link #FORMAT_JSON}, {@link #FORMAT_JSON_LINES} or {@link #FORMAT_JSON_ARRAY} (batch
   * methods), or-ed with {@link #JSON_EMIT_DEFAULTS} and {@link #JSON_COMPACT} (and {@link
   * #ANSWER_SUMMARY} for EvaluateBatch in JSON lines or arrays).
   *
   * @throws UnimplementedException a method the service does not have
   */
  public String callJson(String method, String json, int format) {
    if ((format & 0xff) == FORMAT_PROTO) {
      throw new InvalidArgumentException("format: FORMAT_PROTO is binary; use call(method, format, bytes)");
    }
    byte[] out = call(method, format, utf8("request", json));
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Any method by name with raw bytes in and out, in {@code format} (binary protobuf with FORMAT_PROTO). */
  public byte[] call(String method, int format, byte[] in) {
    if (method == null) {
      throw new InvalidArgumentException("method: null");
    }
    if (in == null) {
      throw new InvalidArgumentException("request: null");
    }
    byte[] name = cString("method", method);
    lock.readLock().lock();
    try {
      if (closed) {
        throw new FailedPreconditionException("engine: closed");
      }
      Memory s = slots.get();
      s.clear();
      Pointer out = s.share(0);
      Pointer outLen = s.share(8);
      Pointer err = s.share(16);
      int status = "Evaluate".equals(method)
          ? lib.netra_evaluate(engine, format, in, in.length, out, outLen, err)
          : lib.netra_call(engine, name, format, in, in.length, out, outLen, err);
      Pointer outBuf = s.getPointer(0);
      Pointer errBuf = s.getPointer(16);
      try {
        if (status != 0) {
          String message = errBuf != null ? errBuf.getString(0, "UTF-8") : lib.netra_status_name(status);
          throw NetraException.of(status, message);
        }
        long len = s.getLong(8);
        if (len > Integer.MAX_VALUE - 16) {
          throw new ResourceExhaustedException(
              "response: " + len + " bytes do not fit a Java array; split the batch");
        }
        return outBuf == null ? new byte[0] : outBuf.getByteArray(0, (int) len);
      } finally {
        lib.netra_free(outBuf);
        lib.netra_free(errBuf);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  // --- protobuf-java ----------------------------------------------------------

  /** One request: the Determination (as {@code netra evaluate}). */
  public Determination evaluate(EvaluationRequest request) {
    return callProto("Evaluate", request, Determination.parser());
  }

  /** Many requests in one call; a bad one is an ItemError item, the rest are answered, in order. */
  public EvaluateBatchResponse evaluateBatch(EvaluateBatchRequest request) {
    return callProto("EvaluateBatch", request, EvaluateBatchResponse.parser());
  }

  /** One decided case: the AuditFinding (as {@code netra audit}). */
  public AuditFinding audit(DecidedCase decidedCase) {
    return callProto("Audit", decidedCase, AuditFinding.parser());
  }

  /** Many decided cases with their counts. */
  public AuditBatchResponse auditBatch(AuditBatchRequest request) {
    return callProto("AuditBatch", request, AuditBatchResponse.parser());
  }

  /** The rule table (as {@code netra rules --json}); {@code as_of} for the rules in force that day. */
  public RuleFile rules(RulesRequest request) {
    return callProto("Rules", request, RuleFile.parser());
  }

  /** The election calendars. */
  public RuleFile elections() {
    return callProto("Elections", ElectionsRequest.getDefaultInstance(), RuleFile.parser());
  }

  /** Working-day arithmetic; FailedPreconditionException for a year without calendar data. */
  public WorkingDaysResponse workingDays(WorkingDaysRequest request) {
    return callProto("WorkingDays", request, WorkingDaysResponse.parser());
  }

  /** A case replayed and its state on a date (as {@code netra case}). */
  public CaseState replayCase(ReplayCaseRequest request) {
    return callProto("ReplayCase", request, CaseState.parser());
  }

  /** Duties past due on a date across cases (as {@code netra overdue}). */
  public OverdueResponse overdue(OverdueRequest request) {
    return callProto("Overdue", request, OverdueResponse.parser());
  }

  /** Pact counts over a roster plus pact events (as {@code netra pact progress}). */
  public PactProgressResponse pactProgress(PactProgressRequest request) {
    return callProto("PactProgress", request, PactProgressResponse.parser());
  }

  /** Neutrality compliance per agency (as {@code netra compliance}). */
  public ComplianceResponse compliance(ComplianceRequest request) {
    return callProto("Compliance", request, ComplianceResponse.parser());
  }

  /** SIASN-shaped records mapped to a roster, employees and decided cases (as {@code netra siasn import}). */
  public SiasnImport fromSiasn(SiasnRecords records) {
    return callProto("FromSiasn", records, SiasnImport.parser());
  }

  /** The mapping, the audit and pact progress of a SIASN export (as {@code netra siasn report}). */
  public SiasnReportResponse siasnReport(SiasnReportRequest request) {
    return callProto("SiasnReport", request, SiasnReportResponse.parser());
  }

  /** Any method by name with protobuf messages; {@code parser} of the method's response type. */
  public <T extends Message> T callProto(String method, Message request, Parser<T> parser) {
    if (request == null) {
      throw new InvalidArgumentException("request: null");
    }
    byte[] out = call(method, FORMAT_PROTO, request.toByteArray());
    try {
      return parser.parseFrom(out);
    } catch (InvalidProtocolBufferException e) {
      throw new InternalException("response: not the expected message (" + e.getMessage() + "); please report it", e);
    }
  }

  // --- internals ---------------------------------------------------------------

  private void check(Memory err, int status) {
    if (status == 0) {
      return;
    }
    Pointer e = err.getPointer(0);
    try {
      throw NetraException.of(status, e != null ? e.getString(0, "UTF-8") : lib.netra_status_name(status));
    } finally {
      lib.netra_free(e);
    }
  }

  /** UTF-8 bytes of a string; a lone surrogate (not text) is refused rather than replaced by '?'. */
  private static byte[] utf8(String what, String s) {
    if (s == null) {
      throw new InvalidArgumentException(what + ": null");
    }
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer b = encoder.encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      int at = 0;
      while (at < s.length() && !isLoneSurrogate(s, at)) {
        at++;
      }
      throw new InvalidArgumentException(what + ": not text: a lone UTF-16 surrogate at index " + at);
    }
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  /** A NUL-terminated UTF-8 string for a C parameter; a NUL character inside is refused. */
  private static byte[] cString(String what, String s) {
    byte[] b = utf8(what, s);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        throw new InvalidArgumentException(what + ": a NUL character at byte " + i);
      }
    }
    byte[] out = new byte[b.length + 1];
    System.arraycopy(b, 0, out, 0, b.length);
    return out;
  }

  private static Lib library(String path) {
    if (path == null) {
      path = System.getProperty("netra.library");
    }
    if (path == null || path.isEmpty()) {
      path = System.getenv("NETRA_LIBRARY");
    }
    if (path == null || path.isEmpty()) {
      path = "libnetra.so.1";
    }
    if (Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8) {
      throw new FailedPreconditionException("library: the Java binding needs a 64-bit JVM");
    }
    String p = path;
    Lib lib = LIBRARIES.get(p);
    if (lib != null) {
      return lib;
    }
    if (p.contains("/") && !new java.io.File(p).isFile()) {
      throw new NotFoundException("library: \"" + p + "\" does not exist");
    }
    try {
      lib = Native.load(p, Lib.class);
    } catch (UnsatisfiedLinkError e) {
      throw new NotFoundException("library: \"" + p + "\" cannot be loaded: " + e.getMessage(), e);
    }
    LIBRARIES.putIfAbsent(p, lib);
    return LIBRARIES.get(p);
  }
}
