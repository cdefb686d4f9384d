<?php
declare(strict_types=1);

namespace Netra;

use FFI;

/**
 * netra for PHP: one engine (the law, validated, with its settings) over the
 * C ABI of libnetra.so (include/netra/netra.h) through PHP's FFI.
 *
 *   $netra = Netra\Engine::shared();            // one per worker process
 *   $d = $netra->evaluate([
 *       'employee' => ['kind' => 'PNS', 'position' => ['type' => 'PELAKSANA'],
 *                      'agency' => ['level' => 'REGENCY_CITY']],
 *       'acts' => [['norm' => 'pp94.duty.attendance', 'act_date' => '2025-06-30',
 *                   'absence' => ['cumulative_working_days' => 15, 'consecutive_working_days' => 4]]],
 *   ]);
 *   $d['level'];                                 // "SEDANG"
 *
 * Requests and answers are the messages of proto/netra/v1 in their JSON form
 * (protobuf JSON mapping, proto field names), as PHP arrays: the array
 * methods send json_encode($request) and return the answer decoded with
 * every field present (NETRA_JSON_EMIT_DEFAULTS: 0, "", false and [] are
 * written), so `$d['missing_facts']` is always set. int64 fields come back as
 * strings (the protobuf JSON mapping). The *Json methods take and return the
 * JSON text unchanged: byte for byte what the `netra` command prints.
 *
 * An empty PHP array `[]` in a request means "not set" and is left out (PHP
 * cannot tell an empty list from an empty object); for an empty message whose
 * presence matters, pass `new \stdClass()`.
 *
 * Errors: a NetraException subclass per status (InvalidArgumentException,
 * FailedPreconditionException, NotFoundException, ...), with the C ABI's
 * message naming the field and the value. A legal answer (no level, missing
 * facts, CANNOT_ASSESS) is a result, never an exception. A batch answers
 * every row; a bad row is an item ['index' => I, 'code' => 'INVALID_ARGUMENT',
 * 'error' => '...'] ('code' the status name, 'error' naming the field and value).
 *
 * Batches of many rows: pass `summary: true` to evaluateBatch / evaluateEach
 * to get each row's DeterminationSummary (outcome, level, regime,
 * allowed_types, rule_ids, citations, missing_facts, officials, team,
 * handled_by, stage, candidate_status, salary_stop, salary_stop_from,
 * warnings, decision_date; every key present) instead of the full
 * Determination: a few hundred bytes a row instead of about 12 KB, so 50,000
 * rows take a twentieth of the time (benchmarks/README.md). Ask for the full
 * Determination (evaluate) of the rows a person reads.
 *
 * Lifetime and cost: creating an engine loads and validates the law (a few
 * milliseconds): create it once per worker process (Engine::shared(), or
 * preloading, see README.md) and keep it; it is freed when the last
 * reference goes. Every buffer the library returns is freed with netra_free
 * before the call returns, also when it throws.
 *
 * Thread safety: the C engine is immutable and may be shared by threads; PHP
 * workers are processes, each with its own engine.
 *
 * The library: the 'library' option, else the environment variable
 * NETRA_LIBRARY, else the FFI scope "NETRA" when preloaded (opcache.preload
 * or ffi.preload with netra.ffi.h), else libnetra.so.1 on the default
 * library path.
 */
final class Engine
{
    /** The ABI version this binding is written for (NETRA_ABI_VERSION). */
    public const ABI_VERSION = 1;

    /** Formats and flags of include/netra/netra.h. */
    public const FORMAT_JSON = 0;
    public const FORMAT_PROTO = 1;
    public const FORMAT_JSON_LINES = 2;
    public const FORMAT_JSON_ARRAY = 3;
    public const JSON_EMIT_DEFAULTS = 0x100;
    public const JSON_COMPACT = 0x200;
    /** Batch answers as DeterminationSummary rows (NETRA_ANSWER_SUMMARY). */
    public const ANSWER_SUMMARY = 0x400;
    /** Each distinct summary of an array batch written once (NETRA_ANSWER_SHARED). */
    public const ANSWER_SHARED = 0x800;

    /** The methods of netra.v1.Netra (proto/netra/v1/api.proto). */
    public const METHODS = [
        'Evaluate', 'EvaluateBatch', 'Audit', 'AuditBatch', 'Rules', 'Elections', 'WorkingDays',
        'ReplayCase', 'Overdue', 'PactProgress', 'Compliance', 'FromSiasn', 'SiasnReport',
    ];

    /** The C function of each method that has its own (the rest go through netra_call). */
    private const FUNCTIONS = [
        'Evaluate' => 'netra_evaluate',
        'EvaluateBatch' => 'netra_evaluate_batch',
        'Audit' => 'netra_audit',
        'AuditBatch' => 'netra_audit_batch',
        'Rules' => 'netra_rules',
        'Elections' => 'netra_elections',
        'WorkingDays' => 'netra_working_days',
        'ReplayCase' => 'netra_replay_case',
        'PactProgress' => 'netra_pact_progress',
    ];

    private const OPTION_KEYS = ['library', 'law_files', 'law', 'settings', 'embedded_law'];

    private const ENCODE_FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION;

    /** The array form: one line, every field present. */
    private const ARRAY_FLAGS = self::JSON_EMIT_DEFAULTS | self::JSON_COMPACT;

    /** @var array<string, FFI> the loaded library by path ('' = the preloaded scope) */
    private static array $libraries = [];

    /** @var array<string, Engine> Engine::shared() by its options */
    private static array $shared = [];

    private FFI $ffi;
    /** @var FFI\CData netra_engine* */
    private FFI\CData $engine;
    private bool $live = false;

    /**
     * Loads the library and makes an engine. $options (every key optional):
     *   'library'      => path of libnetra.so (see the class comment for the default)
     *   'law_files'    => [path, ...]: host law files added to the embedded law; a file
     *                     named like an embedded one (same base name) replaces it
     *   'law'          => [name => text, ...]: host law files from memory (name is what errors cite)
     *   'settings'     => [name => value, ...]: setting overrides (README: Settings for uncertain law)
     *   'embedded_law' => false: the host's files are the whole law
     *
     * @throws InvalidArgumentException an unknown option, a law file that does not
     *         validate ("invalid law: <file>:<line>: rule <id>: ..."), a bad setting
     * @throws NotFoundException a law file or the library that does not exist
     * @throws PermissionDeniedException a law file that cannot be read
     * @throws FailedPreconditionException a library of another ABI version, or FFI
     *         disabled (ffi.enable) without the preloaded scope
     */
    public function __construct(array $options = [])
    {
        foreach (array_keys($options) as $key) {
            if (!in_array($key, self::OPTION_KEYS, true)) {
                throw new InvalidArgumentException(sprintf('options: unknown key %s (the keys are %s)',
                    json_encode($key, JSON_UNESCAPED_SLASHES), implode(', ', self::OPTION_KEYS)), 3);
            }
        }
        $this->ffi = self::library($options['library'] ?? null);
        $abi = $this->ffi->netra_abi_version();
        if ($abi !== self::ABI_VERSION) {
            throw new FailedPreconditionException(sprintf(
                'library: netra ABI version %d, this binding needs %d', $abi, self::ABI_VERSION), 9);
        }
        $ffi = $this->ffi;
        $opts = $ffi->netra_options_new();
        if ($opts === null) {
            throw new ResourceExhaustedException('netra_options_new: out of memory', 8);
        }
        try {
            foreach (self::listOption($options, 'law_files') as $i => $path) {
                if (!is_string($path)) {
                    throw new InvalidArgumentException(sprintf('options.law_files[%d]: %s is not a path',
                        $i, get_debug_type($path)), 3);
                }
                self::check($ffi, fn ($err) => $ffi->netra_options_add_law_file($opts, $path, $err));
            }
            foreach (self::mapOption($options, 'law') as $name => $text) {
                if (!is_string($text)) {
                    throw new InvalidArgumentException(sprintf('options.law[%s]: %s is not the text of a law file',
                        json_encode((string) $name, JSON_UNESCAPED_SLASHES), get_debug_type($text)), 3);
                }
                $name = (string) $name;
                self::check($ffi, fn ($err) => $ffi->netra_options_add_law_bytes($opts, $name, $text, strlen($text), $err));
            }
            foreach (self::mapOption($options, 'settings') as $name => $value) {
                $name = (string) $name;
                $value = match (true) {
                    is_bool($value) => $value ? 'true' : 'false',
                    is_int($value), is_float($value), is_string($value) => (string) $value,
                    default => throw new InvalidArgumentException(sprintf(
                        'options.settings[%s]: %s is not a setting value', json_encode($name, JSON_UNESCAPED_SLASHES), get_debug_type($value)), 3),
                };
                self::check($ffi, fn ($err) => $ffi->netra_options_set($opts, $name, $value, $err));
            }
            if (array_key_exists('embedded_law', $options)) {
                if (!is_bool($options['embedded_law'])) {
                    throw new InvalidArgumentException(sprintf('options.embedded_law: %s is not true or false',
                        get_debug_type($options['embedded_law'])), 3);
                }
                if (!$options['embedded_law']) {
                    self::check($ffi, fn ($err) => $ffi->netra_options_exclude_embedded_law($opts, $err));
                }
            }
            $engine = $ffi->new('netra_engine*');
            self::check($ffi, fn ($err) => $ffi->netra_engine_new($opts, FFI::addr($engine), $err));
            $this->engine = $engine;
            $this->live = true;
        } finally {
            $ffi->netra_options_free($opts);
        }
    }

    /**
     * One engine per process for these options: the first call makes it, the
     * next ones return it. This is what a PHP-FPM worker calls per request so
     * that the law is loaded once per worker, not per request.
     */
    public static function shared(array $options = []): self
    {
        $key = serialize($options);
        return self::$shared[$key] ??= new self($options);
    }

    public function __destruct()
    {
        if ($this->live) {
            $this->live = false;
            $this->ffi->netra_engine_free($this->engine);
        }
    }

    /** An engine owns a C handle: it is not copied. */
    public function __clone()
    {
        $this->live = false;  // the copy must not free the original's handle
        throw new FailedPreconditionException('Engine: an engine cannot be cloned; share the object', 9);
    }

    public function __serialize(): array
    {
        throw new FailedPreconditionException('Engine: an engine cannot be serialized; make one per process', 9);
    }

    /** netra's version ("0.1.0"). */
    public function version(): string
    {
        return $this->ffi->netra_version();
    }

    /** The ABI version of the loaded library. */
    public function abiVersion(): int
    {
        return $this->ffi->netra_abi_version();
    }

    // --- Single documents: arrays ------------------------------------------

    /** EvaluationRequest in, Determination out (as `netra evaluate`). */
    public function evaluate(array|object $request): array
    {
        return $this->call('Evaluate', $request);
    }

    /** DecidedCase in, AuditFinding out (as `netra audit`). */
    public function audit(array|object $decidedCase): array
    {
        return $this->call('Audit', $decidedCase);
    }

    /** The rule table, RuleFile (['as_of' => 'YYYY-MM-DD'] for the rules in force that day). */
    public function rules(array|object $request = []): array
    {
        return $this->call('Rules', $request);
    }

    /** The election calendars, a RuleFile. */
    public function elections(): array
    {
        return $this->call('Elections', []);
    }

    /**
     * Working-day arithmetic (WorkingDaysRequest in, WorkingDaysResponse out):
     * ['add' => ['from' => D, 'days' => N]], ['count' => ['from' => D, 'to' => D]]
     * or ['is_working_day' => D], with an agency's 'calendar' optionally.
     * FailedPreconditionException for a year without calendar data.
     */
    public function workingDays(array|object $request): array
    {
        return $this->call('WorkingDays', $request);
    }

    /** A case replayed (ReplayCaseRequest: 'case' => CaseLog, 'as_of', 'tukin'), CaseState out. */
    public function replayCase(array|object $request): array
    {
        return $this->call('ReplayCase', $request);
    }

    /** Pact counts (PactProgressRequest: 'roster', 'election', 'events', 'as_of'), PactProgressResponse out. */
    public function pactProgress(array|object $request): array
    {
        return $this->call('PactProgress', $request);
    }

    /** Duties past due (OverdueRequest: 'cases', 'as_of'), OverdueResponse out. */
    public function overdue(array|object $request): array
    {
        return $this->call('Overdue', $request);
    }

    /** Neutrality compliance per agency (ComplianceRequest), ComplianceResponse out. */
    public function compliance(array|object $request): array
    {
        return $this->call('Compliance', $request);
    }

    /**
     * SIASN-shaped records (SiasnRecords: 'pegawai', 'hukdis', 'jabatan', 'unor', 'instansi', each
     * ['json' => text] or ['csv' => text], and 'facts' by hukdis id) mapped to netra's roster,
     * employees and decided cases (docs/siasn.md), SiasnImport out.
     */
    public function fromSiasn(array|object $records): array
    {
        return $this->call('FromSiasn', $records);
    }

    /**
     * The mapping, the audit of every decided case and, with 'election' and 'as_of', pact
     * progress from 'pact_events' (SiasnReportRequest), SiasnReportResponse out.
     */
    public function siasnReport(array|object $request): array
    {
        return $this->call('SiasnReport', $request);
    }

    /**
     * Any method of netra.v1.Netra by name (Engine::METHODS) with its request
     * as an array; its response decoded, every field present.
     *
     * @throws UnimplementedException a method the service does not have
     */
    public function call(string $method, array|object $request = []): array
    {
        return self::decode($this->invoke($method, self::FORMAT_JSON | self::ARRAY_FLAGS, self::encode($request)));
    }

    // --- Single documents: JSON text ---------------------------------------

    /** The JSON of an EvaluationRequest in, the Determination's JSON out, as `netra evaluate` prints it. */
    public function evaluateJson(string $json, int $flags = 0): string
    {
        return $this->invoke('Evaluate', self::FORMAT_JSON | $flags, $json);
    }

    /** The JSON of a DecidedCase in, the AuditFinding's JSON out. */
    public function auditJson(string $json, int $flags = 0): string
    {
        return $this->invoke('Audit', self::FORMAT_JSON | $flags, $json);
    }

    /**
     * Any method by name with JSON text in and out. $flags: JSON_EMIT_DEFAULTS,
     * JSON_COMPACT; FORMAT_PROTO for serialized protobuf in and out.
     */
    public function callJson(string $method, string $json, int $flags = 0): string
    {
        return $this->invoke($method, $flags, $json);
    }

    // --- Batches: many rows per FFI call ------------------------------------

    /**
     * Many EvaluationRequests in one call: a list of rows in, a list out in
     * the same order, each a Determination (with `summary: true` a
     * DeterminationSummary, see the class comment), or
     * ['index' => I, 'code' => 'INVALID_ARGUMENT', 'error' => '...'] for a row
     * that is refused (the other rows are answered).
     *
     *   $out = $netra->evaluateBatch($rows, summary: true);
     *   $out[0]['level'];           // "BERAT"
     *   $out[0]['allowed_types'];   // ["B1", "B2", "B3"]
     *
     * The rows go to the library 1,000 at a time (the answers are the same as
     * in one call, and an error item's 'index' counts from the first row).
     *
     * @param list<array|object> $rows
     * @throws InvalidArgumentException $rows not a list, a row not encodable,
     *         1,000 rows past 256 MiB of JSON
     */
    public function evaluateBatch(array $rows, bool $summary = false): array
    {
        return $summary ? $this->summaries($rows) : $this->batch('EvaluateBatch', $rows);
    }

    /**
     * As evaluateBatch, but yields the answers one at a time (index => array):
     * the call is still one, and only one decoded row is held at a time, for
     * batches whose decoded answers would not fit in memory together.
     *
     * @param list<array|object> $rows
     * @return \Generator<int, array>
     */
    public function evaluateEach(array $rows, bool $summary = false): \Generator
    {
        return self::lines($this->batchLines('EvaluateBatch', $rows, $summary ? self::ANSWER_SUMMARY : 0));
    }

    /**
     * JSON lines in (one EvaluationRequest a line), JSON lines out (one compact
     * Determination, or DeterminationSummary with ANSWER_SUMMARY in $flags, or
     * {"line":N,"code":"...","error":"..."} a line).
     */
    public function evaluateBatchJsonLines(string $jsonLines, int $flags = 0): string
    {
        return $this->invoke('EvaluateBatch', self::FORMAT_JSON_LINES | $flags, $jsonLines);
    }

    /** Many DecidedCases: a list of rows in, AuditFindings (or error items) out, in order. */
    public function auditBatch(array $cases): array
    {
        return $this->batch('AuditBatch', $cases);
    }

    /** JSON lines of DecidedCases in, JSON lines of AuditFindings out (as `netra audit --lines`). */
    public function auditBatchJsonLines(string $jsonLines, int $flags = 0): string
    {
        return $this->invoke('AuditBatch', self::FORMAT_JSON_LINES | $flags, $jsonLines);
    }

    // --- Internals -----------------------------------------------------------

    /**
     * Rows per C call of evaluateBatch / auditBatch. PHP keeps a string under
     * 2 MiB inside the memory it already holds and hands a larger one back to
     * the kernel when it is freed; parts of 1,000 rows (about 0.5 MB of
     * requests and of summaries) are reused from part to part, where one
     * 50,000-row string had every page touched fresh, which took more time
     * than the evaluation on the VM of benchmarks/README.md.
     */
    public const BATCH_PART_ROWS = 1000;

    /** The answers of a list of rows, in order, through calls of BATCH_PART_ROWS rows. */
    private function batch(string $method, array $rows, int $flags = 0): array
    {
        $n = self::checkRows($rows);
        $parts = [];
        for ($at = 0; $at === 0 || $at < $n; $at += self::BATCH_PART_ROWS) {
            $part = $n <= self::BATCH_PART_ROWS ? $rows : array_slice($rows, $at, self::BATCH_PART_ROWS);
            $text = $this->invoke($method, self::FORMAT_JSON_ARRAY | self::ARRAY_FLAGS | $flags, self::encodeRows($part));
            $answers = self::decode($text);
            // A refused row's item counts from the part's first row; an
            // answer's compact JSON never holds this text (its quotes would
            // be escaped inside a string).
            if ($at > 0 && str_contains($text, '{"index":')) {
                foreach ($answers as &$answer) {
                    if (isset($answer['index'], $answer['code'], $answer['error']) && count($answer) === 3) {
                        $answer['index'] += $at;
                    }
                }
                unset($answer);
            }
            $parts[] = $answers;
        }
        return count($parts) === 1 ? $parts[0] : array_merge(...$parts);
    }

    /**
     * The summaries of a list of rows, in order, as batch() gives them, read
     * from the shared form (NETRA_ANSWER_SHARED): each distinct summary is
     * decoded once and every row that has it is a copy of it with its own
     * decision_date. PHP's copies share the keys, strings and lists of the
     * one decoded, so 50,000 rows take about a quarter of the memory of
     * 50,000 decoded answers, and a process's first batch does not pay for
     * that memory fresh from the kernel (benchmarks/README.md).
     */
    private function summaries(array $rows): array
    {
        $n = self::checkRows($rows);
        $flags = self::FORMAT_JSON_ARRAY | self::ARRAY_FLAGS | self::ANSWER_SUMMARY | self::ANSWER_SHARED;
        $head = "{\"answers\":[\n";
        $out = [];
        $known = [];  // a summary's text => the summary decoded, over the parts
        for ($at = 0; $at < $n; $at += self::BATCH_PART_ROWS) {
            $part = $n <= self::BATCH_PART_ROWS ? $rows : array_slice($rows, $at, self::BATCH_PART_ROWS);
            $text = $this->invoke('EvaluateBatch', $flags, self::encodeRows($part));
            // One answer a line, then the rows' indices and dates.
            $split = strpos($text, "\n],\"rows\":[");
            if (!str_starts_with($text, $head) || $split === false) {
                throw new InternalException('response: not the shared form of a batch; please report it', 13);
            }
            $shared = [];
            foreach (explode(",\n", substr($text, strlen($head), $split - strlen($head))) as $answer) {
                if (str_starts_with($answer, '{"index":')) {  // a refused row's own item
                    $item = self::decode($answer);
                    $item['index'] += $at;
                    $shared[] = $item;
                } else {
                    $shared[] = $known[$answer] ??= self::decode($answer);
                }
            }
            $tail = self::decode('{' . substr($text, $split + 3));
            $dates = $tail['decision_dates'];
            foreach ($tail['rows'] as $i => $k) {
                $row = $shared[$k];
                if ($dates[$i] !== '') {
                    $row['decision_date'] = $dates[$i];
                }
                $out[] = $row;
            }
        }
        return $out;
    }

    /** count($rows), or InvalidArgumentException if they are not a list. */
    private static function checkRows(array $rows): int
    {
        if (!array_is_list($rows)) {
            throw new InvalidArgumentException('rows: not a list (keys must be 0, 1, 2, ...)', 3);
        }
        return count($rows);
    }

    /** A JSON array of the rows. */
    private static function encodeRows(array $rows): string
    {
        // One json_encode when no row holds an empty array (the common
        // case); else row by row: an empty row is the empty request, an
        // object, and empty arrays inside are left out.
        $in = json_encode($rows, self::ENCODE_FLAGS);
        if ($in === false || str_contains($in, '[]')) {
            $in = '[' . implode(',', array_map(self::encode(...), $rows)) . ']';
        }
        return $in;
    }

    private function batchLines(string $method, array $rows, int $flags = 0): string
    {
        self::checkRows($rows);
        $in = implode("\n", array_map(self::encode(...), $rows));
        return $this->invoke($method, self::FORMAT_JSON_LINES | self::ARRAY_FLAGS | $flags, $in);
    }

    /** @return \Generator<int, array> */
    private static function lines(string $out): \Generator
    {
        $i = 0;
        for ($at = 0, $n = strlen($out); $at < $n; $at = $end + 1) {
            $end = strpos($out, "\n", $at);
            if ($end === false) {
                $end = $n;
            }
            if ($end > $at) {
                $row = self::decode(substr($out, $at, $end - $at));
                if (isset($row['line'], $row['code'], $row['error']) && count($row) === 3) {
                    // The JSON-lines form numbers lines from 1; the list form indexes rows from 0.
                    $row = ['index' => $row['line'] - 1, 'code' => $row['code'], 'error' => $row['error']];
                }
                yield $i++ => $row;
            }
        }
    }

    /** Calls the C function of $method; returns the response, or throws the status. */
    private function invoke(string $method, int $format, string $in): string
    {
        if (!$this->live) {
            throw new FailedPreconditionException('Engine: the engine was not made', 9);
        }
        $ffi = $this->ffi;
        $out = $ffi->new('char*');
        $len = $ffi->new('size_t');
        $err = $ffi->new('char*');
        try {
            $fn = self::FUNCTIONS[$method] ?? null;
            $status = $fn !== null
                ? $ffi->$fn($this->engine, $format, $in, strlen($in), FFI::addr($out), FFI::addr($len), FFI::addr($err))
                : $ffi->netra_call($this->engine, $method, $format, $in, strlen($in), FFI::addr($out), FFI::addr($len),
                    FFI::addr($err));
            if ($status !== 0) {
                throw NetraException::fromStatus($status, FFI::isNull($err) ? $ffi->netra_status_name($status) : FFI::string($err));
            }
            return FFI::isNull($out) ? '' : FFI::string($out, $len->cdata);
        } finally {
            $ffi->netra_free($out);
            $ffi->netra_free($err);
        }
    }

    /** Runs a fallible options/engine call with an error slot; throws its status. */
    private static function check(FFI $ffi, callable $call): void
    {
        $err = $ffi->new('char*');
        try {
            $status = $call(FFI::addr($err));
            if ($status !== 0) {
                throw NetraException::fromStatus($status, FFI::isNull($err) ? $ffi->netra_status_name($status) : FFI::string($err));
            }
        } finally {
            $ffi->netra_free($err);
        }
    }

    /** The JSON of a request: `[]` is the empty request; empty arrays inside are left out. */
    private static function encode(array|object $request): string
    {
        if ($request === []) {
            return '{}';
        }
        $flags = self::ENCODE_FLAGS;
        $json = json_encode($request, $flags);
        if ($json === false) {
            throw new InvalidArgumentException('request: not encodable as JSON: ' . json_last_error_msg(), 3);
        }
        // Fast path: no empty array anywhere (the common case).
        if (str_contains($json, '[]')) {
            $json = json_encode(self::dropEmpty($request), $flags);
        }
        return $json;
    }

    private static function dropEmpty(mixed $value): mixed
    {
        if (!is_array($value)) {
            return $value;
        }
        if ($value === []) {
            return new \stdClass();
        }
        $list = array_is_list($value);
        foreach ($value as $k => $v) {
            if ($v === [] && !$list) {
                unset($value[$k]);
            } else {
                $value[$k] = self::dropEmpty($v);
            }
        }
        return $value === [] ? new \stdClass() : $value;
    }

    private static function decode(string $json): array
    {
        try {
            return json_decode($json, true, 512, JSON_THROW_ON_ERROR);
        } catch (\JsonException $e) {
            throw new InternalException('response: not JSON (' . $e->getMessage() . '); please report it', 13, $e);
        }
    }

    private static function listOption(array $options, string $key): array
    {
        $v = $options[$key] ?? [];
        if (!is_array($v) || !array_is_list($v)) {
            throw new InvalidArgumentException(sprintf('options.%s: %s is not a list', $key, get_debug_type($v)), 3);
        }
        return $v;
    }

    private static function mapOption(array $options, string $key): array
    {
        $v = $options[$key] ?? [];
        if (!is_array($v) || ($v !== [] && array_is_list($v))) {
            throw new InvalidArgumentException(sprintf('options.%s: %s is not a map of name => value', $key,
                is_array($v) ? 'a list' : get_debug_type($v)), 3);
        }
        return $v;
    }

    /** The FFI of the library at $path (see the class comment for the search order). */
    private static function library(?string $path): FFI
    {
        if ($path === null) {
            $env = getenv('NETRA_LIBRARY');
            $path = ($env === false || $env === '') ? null : $env;
        }
        if ($path === null) {
            if (isset(self::$libraries[''])) {
                return self::$libraries[''];
            }
            try {
                return self::$libraries[''] = FFI::scope('NETRA');
            } catch (\FFI\Exception) {
                $path = 'libnetra.so.1';
            }
        }
        if (isset(self::$libraries[$path])) {
            return self::$libraries[$path];
        }
        if (str_contains($path, '/') && !is_file($path)) {
            throw new NotFoundException(sprintf('library: %s does not exist', json_encode($path, JSON_UNESCAPED_SLASHES)), 5);
        }
        $header = file_get_contents(dirname(__DIR__) . '/netra.ffi.h');
        // FFI::cdef takes no preprocessor lines; FFI_SCOPE/FFI_LIB are for FFI::load.
        $declarations = preg_replace('/^#.*$/m', '', $header);
        try {
            return self::$libraries[$path] = FFI::cdef($declarations, $path);
        } catch (\FFI\Exception $e) {
            if (str_contains($e->getMessage(), 'ffi.enable')) {
                throw new FailedPreconditionException(sprintf('library: %s (preload netra.ffi.h with ffi.preload or '
                    . 'opcache.preload, or set ffi.enable=true; see bindings/php/README.md)', $e->getMessage()), 9, $e);
            }
            throw new NotFoundException(sprintf('library: %s cannot be loaded: %s', json_encode($path, JSON_UNESCAPED_SLASHES), $e->getMessage()), 5, $e);
        }
    }
}
