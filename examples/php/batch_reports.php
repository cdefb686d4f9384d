<?php
// A batch of SYNTHETIC neutrality reports through the PHP binding, in one call:
//   netra synth reports --count 500 --election pilkada2024 --seed 7 --out reports.jsonl
//   php examples/php/batch_reports.php reports.jsonl
// Prints the answers counted by regime and level, and who handles them. The
// summary form (summary: true) gives each row's DeterminationSummary: the
// columns a table needs, a few hundred bytes instead of the full
// Determination's kilobytes; ask $netra->evaluate($row) for the full answer of
// a row a person reads. The reports are synthetic (netra synth), never real
// cases or official figures.
declare(strict_types=1);

require __DIR__ . '/../../bindings/php/autoload.php';

if ($argc !== 2) {
    fwrite(STDERR, "usage: php batch_reports.php REPORTS.jsonl\n");
    exit(2);
}
$rows = [];
foreach (file($argv[1], FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
    $rows[] = json_decode($line, true, 512, JSON_THROW_ON_ERROR)['request'];
}

$netra = Netra\Engine::shared();
$start = hrtime(true);
$answers = $netra->evaluateBatch($rows, summary: true);  // one FFI call for every row
$ms = (hrtime(true) - $start) / 1e6;

$refused = 0;
$tally = [];
foreach ($answers as $i => $d) {
    if (isset($d['error'])) {
        $refused++;
        fwrite(STDERR, "row {$d['index']}: {$d['code']}: {$d['error']}\n");
        continue;
    }
    $key = "{$d['regime']} {$d['level']}" . ($d['handled_by'] !== 'HANDLING_BODY_UNSPECIFIED' ? " ({$d['handled_by']})" : '');
    $tally[$key] = ($tally[$key] ?? 0) + 1;
}
ksort($tally);
printf("%d reports in one call, %d refused (%.0f ms)\n", count($rows), $refused, $ms);
foreach ($tally as $key => $n) {
    printf("  %-32s %5d\n", $key, $n);
}
exit($refused === 0 ? 0 : 1);
