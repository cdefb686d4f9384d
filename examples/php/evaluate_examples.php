<?php
// The README's two examples through the PHP binding (bindings/php):
//   php examples/php/evaluate_examples.php
// The library: NETRA_LIBRARY=/path/to/libnetra.so, or libnetra.so.1 installed on
// the default library path. In an application, load the package with Composer
// (bindings/php/composer.json) instead of the plain autoloader.
declare(strict_types=1);

require __DIR__ . '/../../bindings/php/autoload.php';

$netra = Netra\Engine::shared();  // one engine per process: the law is loaded once

$examples = [
    'absence_15_days_2025.json',
    'neutrality_teacher_likes_candidate_post_pilkada_2024.json',
];
foreach ($examples as $file) {
    $request = json_decode(file_get_contents(__DIR__ . '/../' . $file), true, 512, JSON_THROW_ON_ERROR);
    try {
        $d = $netra->evaluate($request);
    } catch (Netra\InvalidArgumentException $e) {
        fwrite(STDERR, "$file: {$e->getMessage()}\n");  // names the field and the value
        exit(1);
    }
    echo "== $file\n";
    echo "Outcome: {$d['outcome']}\n";
    echo "Level: {$d['level']}\n";
    foreach ($d['acts'] as $act) {
        if (isset($act['election_stage'])) {
            $e = $act['election_stage'];
            echo "Election: {$e['election']} {$e['office']} on the act date: {$e['stage']}, {$e['candidate_status']}\n";
        }
    }
    if (isset($d['handling'])) {
        echo "Handled by: {$d['handling']['body']} ({$d['handling']['rule_id']})\n";
    }
    echo "Allowed sanction types:\n";
    foreach ($d['allowed_sanctions'] as $s) {
        $months = $s['duration_months'] ? " ({$s['duration_months']} months)" : '';
        $substitutes = $s['substitutes'] !== '' ? " [substitutes {$s['substitutes']}]" : '';
        echo "  {$s['code']}  {$s['name']}{$months}{$substitutes} SIASN jenisHukumanId {$s['siasn_jenis_hukuman_id']}\n";
    }
    echo "Competent officials:\n";
    foreach ($d['competent_officials'] as $o) {
        echo "  {$o['official']}: " . implode(', ', $o['sanction_types']) . " ({$o['rule_id']})\n";
    }
    echo "Examination team: {$d['procedure']['team']}\n";
    echo "Why:\n";
    foreach ($d['acts'] as $act) {
        foreach ($act['explanation'] as $line) {
            echo "  - $line\n";
        }
    }
}
