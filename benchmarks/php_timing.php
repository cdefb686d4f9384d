<?php
// PHP timing of the PHP binding (bindings/php) against the C ABI on the same
// request (benchmarks/README.md has the figures):
//   NETRA_LIBRARY=build/libnetra.so php benchmarks/php_timing.php \
//     [--iterations N] [--rows N] [--cli build/netra] [--c-timing build/benchmarks/netra_c_abi_timing] [--full]
// Per call: the README's absence example (examples/absence_15_days_2025.json)
// through (1) a bare FFI call with PHP strings, (2) Engine::evaluateJson
// and (3) Engine::evaluate (array in, array out: json_encode, the call,
// json_decode), each in the format the array methods use (JSON |
// EMIT_DEFAULTS | COMPACT); with --c-timing, the C loop on the same request and
// format and the ratios. Batch: --rows SYNTHETIC reports (`netra synth
// reports`, seed 7) in one evaluateBatch call in the summary form
// (summary: true, arrays in and out): the process's first call (PHP takes
// fresh memory from the kernel for the answers) and the best of the next
// --batch-calls (default 2; a PHP-FPM worker reuses its memory from request
// to request), then split into encode, the C calls, decode over the same parts
// (Engine::BATCH_PART_ROWS rows) that evaluateBatch sends (with --unshared the
// summaries as a plain array, each row decoded on its own, as before the shared
// form); with --full also with each row's
// full Determination (tens of seconds).
declare(strict_types=1);

require __DIR__ . '/../bindings/php/autoload.php';

$opts = getopt('', ['iterations:', 'rows:', 'cli:', 'c-timing:', 'full', 'batch-calls:', 'unshared']);
$iterations = (int) ($opts['iterations'] ?? 20000);
$rowsWanted = (int) ($opts['rows'] ?? 50000);
$root = dirname(__DIR__);
$requestFile = "$root/examples/absence_15_days_2025.json";
$request = json_decode(file_get_contents($requestFile), true, 512, JSON_THROW_ON_ERROR);
$json = json_encode($request, JSON_UNESCAPED_SLASHES);
$format = Netra\Engine::JSON_EMIT_DEFAULTS | Netra\Engine::JSON_COMPACT;

function best_of(int $n, callable $f): float
{
    $best = INF;
    for ($i = 0; $i < $n; $i++) {
        $t = hrtime(true);
        $f();
        $best = min($best, (hrtime(true) - $t) / 1e3);
    }
    return $best;
}

/** CPU time of this process in microseconds: on a machine shared with other work, the figure to compare. */
function cpu_us(): float
{
    $r = getrusage();
    return ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1e6 + $r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec'];
}

$cpuPerCall = [];

/** Wall-clock microseconds per call; the CPU time per call is kept in $cpuPerCall[$name]. */
function per_call(int $iterations, callable $f, string $name = ''): float
{
    global $cpuPerCall;
    for ($i = 0; $i < intdiv($iterations, 10) + 1; $i++) {
        $f();
    }
    $c = cpu_us();
    $t = hrtime(true);
    for ($i = 0; $i < $iterations; $i++) {
        $f();
    }
    $wall = (hrtime(true) - $t) / 1e3 / $iterations;
    $cpuPerCall[$name] = (cpu_us() - $c) / $iterations;
    return $wall;
}

/**
 * With --unshared, the summary rows as evaluateBatch read them before the
 * shared form: each part's summaries as a plain JSON array, every row decoded
 * on its own (the side-by-side comparison of benchmarks/README.md).
 */
function unshared_summaries(Netra\Engine $netra, array $rows): array
{
    $parts = [];
    foreach (array_chunk($rows, Netra\Engine::BATCH_PART_ROWS) as $part) {
        $json = json_encode($part, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
        $parts[] = json_decode($netra->callJson('EvaluateBatch', $json, Netra\Engine::FORMAT_JSON_ARRAY
            | Netra\Engine::JSON_EMIT_DEFAULTS | Netra\Engine::JSON_COMPACT | Netra\Engine::ANSWER_SUMMARY), true);
    }
    return array_merge(...$parts);
}

printf("PHP %s, %s\n", PHP_VERSION, php_uname('m'));
$netra = new Netra\Engine();
printf("netra %s, library %s\n", $netra->version(), getenv('NETRA_LIBRARY') ?: '(default path)');
printf("engine creation (new Netra\\Engine, library loaded): %.0f us (best of 5)\n", best_of(5, fn () => new Netra\Engine()));

// (1) The bare FFI call, as the binding makes it, without the binding.
$header = preg_replace('/^#.*$/m', '', file_get_contents("$root/bindings/php/netra.ffi.h"));
$ffi = FFI::cdef($header, getenv('NETRA_LIBRARY') ?: 'libnetra.so.1');
$engine = $ffi->new('netra_engine*');
$ffi->netra_engine_new(null, FFI::addr($engine), null);
$raw = function () use ($ffi, $engine, $json, $format) {
    $out = $ffi->new('char*');
    $len = $ffi->new('size_t');
    $ffi->netra_evaluate($engine, $format, $json, strlen($json), FFI::addr($out), FFI::addr($len), null);
    $s = FFI::string($out, $len->cdata);
    $ffi->netra_free($out);
    return $s;
};
$t1 = per_call($iterations, $raw, 'raw');
$t2 = per_call($iterations, fn () => $netra->evaluateJson($json, $format), 'json');
$t3 = per_call($iterations, fn () => $netra->evaluate($request), 'array');
printf("per call (%d calls, format 0x%x, %d bytes out): wall, and CPU time of the process\n", $iterations, $format,
    strlen($raw()));
printf("  bare FFI call:               %8.2f us  cpu %8.2f us\n", $t1, $cpuPerCall['raw']);
printf("  Engine::evaluateJson:        %8.2f us  cpu %8.2f us\n", $t2, $cpuPerCall['json']);
printf("  Engine::evaluate (arrays):   %8.2f us  cpu %8.2f us\n", $t3, $cpuPerCall['array']);
// PHP's own share of a call, apart from the C work: the FFI crossing (a call that does
// nothing: netra_abi_version), json_encode of the request, json_decode of the answer.
$answer = $raw();
per_call($iterations * 10, fn () => $ffi->netra_abi_version(), 'ffi');
per_call($iterations, fn () => json_encode($request, JSON_UNESCAPED_SLASHES), 'encode');
per_call($iterations, fn () => json_decode($answer, true), 'decode');
printf("  PHP's own share (cpu): FFI crossing %.2f us, json_encode %.2f us, json_decode %.2f us (%d bytes)\n",
    $cpuPerCall['ffi'], $cpuPerCall['encode'], $cpuPerCall['decode'], strlen($answer));
$ffi->netra_engine_free($engine);

if (isset($opts['c-timing'])) {
    $line = shell_exec(sprintf('%s %s %d %d', escapeshellarg($opts['c-timing']), escapeshellarg($requestFile), $iterations,
        $format));
    if (is_string($line) && preg_match('/c_abi evaluate: ([\d.]+) us.*cpu ([\d.]+) us/', $line, $m)) {
        $c = (float) $m[1];
        $cc = (float) $m[2];
        preg_match('/c_abi engine_new: (\d+) us/', $line, $e);
        printf("  C ABI call (C loop):         %8.2f us  cpu %8.2f us   (C engine_new %s us)\n", $c, $cc, $e[1] ?? '?');
        printf("  ratio to C, wall: bare FFI %.2fx, evaluateJson %.2fx, evaluate %.2fx\n", $t1 / $c, $t2 / $c, $t3 / $c);
        printf("  ratio to C, cpu:  bare FFI %.2fx, evaluateJson %.2fx, evaluate %.2fx\n", $cpuPerCall['raw'] / $cc,
            $cpuPerCall['json'] / $cc, $cpuPerCall['array'] / $cc);
    } else {
        fwrite(STDERR, "c-timing gave no figure: $line\n");
    }
}

if ($rowsWanted > 0) {
    $cli = $opts['cli'] ?? "$root/build/netra";
    $file = tempnam(sys_get_temp_dir(), 'netra-timing');
    exec(sprintf('%s synth reports --count %d --election pilkada2024 --seed 7 --out %s', escapeshellarg($cli), $rowsWanted,
        escapeshellarg($file)), $ignored, $rc);
    if ($rc !== 0) {
        fwrite(STDERR, "netra synth reports failed; pass --cli PATH\n");
        exit(1);
    }
    $rows = [];
    foreach (new SplFileObject($file) as $line) {
        if ($line !== '') {
            $rows[] = json_decode($line, true)['request'];
        }
    }
    unlink($file);
    $forms = isset($opts['full']) ? ['summary' => true, 'full' => false] : ['summary' => true];
    $calls = isset($opts['batch-calls']) ? max(0, (int) $opts['batch-calls']) : 2;
    foreach ($forms as $name => $summary) {
        gc_collect_cycles();
        $walls = [];
        $cpus = [];
        for ($k = 0; $k <= ($summary ? $calls : 0); $k++) {
            $c = cpu_us();
            $t = hrtime(true);
            $out = $summary && isset($opts['unshared']) ? unshared_summaries($netra, $rows)
                : $netra->evaluateBatch($rows, summary: $summary);
            $walls[] = (hrtime(true) - $t) / 1e9;
            $cpus[] = (cpu_us() - $c) / 1e6;
            $errors = count(array_filter($out, fn ($d) => isset($d['error'])));
            unset($out);
        }
        printf("batch of %d rows in one call (evaluateBatch, %s form, arrays in and out): first call %.3f s wall, "
            . "%.3f s cpu", count($rows), $name, $walls[0], $cpus[0]);
        if (count($walls) > 1) {
            printf("; best of the next %d: %.3f s wall, %.3f s cpu", count($walls) - 1, min(array_slice($walls, 1)),
                min(array_slice($cpus, 1)));
        }
        printf("; %d refused\n", $errors);
        // The same, split over the parts evaluateBatch sends: encode, the C
        // call (with the copy into a PHP string), decode (the summaries in
        // the shared form evaluateBatch reads them in, without the copies of
        // the shared rows it then makes).
        $encode = $call = $decode = 0.0;
        $in = $out = 0;
        foreach (array_chunk($rows, Netra\Engine::BATCH_PART_ROWS) as $part) {
            $c = cpu_us();
            $json = json_encode($part, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
            $encode += (cpu_us() - $c) / 1e6;
            $c = cpu_us();
            $text = $netra->callJson('EvaluateBatch', $json, Netra\Engine::FORMAT_JSON_ARRAY | $format
                | ($summary ? Netra\Engine::ANSWER_SUMMARY | (isset($opts['unshared']) ? 0 : Netra\Engine::ANSWER_SHARED) : 0));
            $call += (cpu_us() - $c) / 1e6;
            $c = cpu_us();
            $decoded = json_decode($text, true);
            $decode += (cpu_us() - $c) / 1e6;
            $in += strlen($json);
            $out += strlen($text);
            unset($decoded, $text, $json);
        }
        printf("  split, cpu: json_encode %.3f s, C calls %.3f s (%.1f MB in, %.1f MB out), json_decode %.3f s\n",
            $encode, $call, $in / 1e6, $out / 1e6, $decode);
    }
    printf("  peak memory %.0f MB\n", memory_get_peak_usage() / 1e6);
}
