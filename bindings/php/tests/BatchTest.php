<?php
declare(strict_types=1);

namespace Netra\Tests;

use Netra\InvalidArgumentException;
use PHPUnit\Framework\TestCase;

/** Batches: answers in order, as one call over all rows, bad rows answered by error items. */
final class BatchTest extends TestCase
{
    /** @return list<array> the requests of `netra synth reports` (SYNTHETIC), or of the catalogue's fixtures */
    private static function reports(int $count): array
    {
        $cli = Support::cli();
        if ($cli === null) {
            self::markTestSkipped('NETRA_CLI is not set: the synthetic reports come from `netra synth reports`');
        }
        $out = tempnam(sys_get_temp_dir(), 'netra-php-reports');
        try {
            exec(sprintf('%s synth reports --count %d --election pilkada2024 --seed 7 --out %s', escapeshellarg($cli), $count,
                escapeshellarg($out)), $ignored, $rc);
            self::assertSame(0, $rc, 'netra synth reports');
            $rows = [];
            foreach (new \SplFileObject($out) as $line) {
                if ($line !== '') {
                    $rows[] = json_decode($line, true, 512, JSON_THROW_ON_ERROR)['request'];
                }
            }
            return $rows;
        } finally {
            unlink($out);
        }
    }

    public function testABatchAnswersInOrderAndABadRowIsAnErrorItem(): void
    {
        $good = Support::json('examples/absence_15_days_2025.json');
        $teacher = Support::json('examples/neutrality_teacher_likes_candidate_post_pilkada_2024.json');
        $bad = $good;
        $bad['acts'][0]['act_date'] = '2025-02-30';
        $rows = [$good, $bad, $teacher, [], ['colour' => 'red']];
        $out = Support::engine()->evaluateBatch($rows);
        $this->assertCount(5, $out);
        $this->assertSame(Support::engine()->evaluate($good), $out[0]);
        $this->assertSame(['index' => 1, 'code' => 'INVALID_ARGUMENT',
            'error' => 'acts[0].act_date: "2025-02-30" is not a date (no such day)'], $out[1]);
        $this->assertSame(Support::engine()->evaluate($teacher), $out[2]);
        $this->assertSame(3, $out[3]['index']);
        $this->assertSame('INVALID_ARGUMENT', $out[3]['code']);
        $this->assertStringContainsString('employee.kind: required', $out[3]['error']);
        $this->assertSame(4, $out[4]['index']);
        $this->assertStringContainsString('colour', $out[4]['error']);
        // The same through the generator and the JSON-lines text.
        $this->assertSame($out, iterator_to_array(Support::engine()->evaluateEach($rows)));
        $lines = explode("\n", rtrim(Support::engine()->evaluateBatchJsonLines(
            implode("\n", array_map(fn ($r) => json_encode($r ?: new \stdClass()), $rows))), "\n"));
        $this->assertCount(5, $lines);
        $this->assertSame(['line' => 2, 'code' => 'INVALID_ARGUMENT', 'error' => $out[1]['error']],
            json_decode($lines[1], true));
    }

    /** The keys of a DeterminationSummary row (proto/netra/v1/api.proto), every one present. */
    private const SUMMARY_KEYS = ['outcome', 'level', 'regime', 'allowed_types', 'rule_ids', 'citations', 'missing_facts',
        'officials', 'team', 'handled_by', 'stage', 'candidate_status', 'salary_stop', 'salary_stop_from', 'warnings',
        'decision_date'];

    public function testTheSummaryFormGivesEveryKeyAndAgreesWithTheFullDetermination(): void
    {
        $good = Support::json('examples/absence_15_days_2025.json');
        $teacher = Support::json('examples/neutrality_teacher_likes_candidate_post_pilkada_2024.json');
        $bad = $good;
        $bad['acts'][0]['act_date'] = '2025-02-30';
        $unknown = $good;
        unset($unknown['acts'][0]['absence']);
        $rows = [$good, $bad, $teacher, $unknown];
        $out = Support::engine()->evaluateBatch($rows, summary: true);
        $this->assertCount(4, $out);
        foreach ([0, 2, 3] as $i) {
            $this->assertSame(self::SUMMARY_KEYS, array_keys($out[$i]), "row $i");
            $full = Support::engine()->evaluate($rows[$i]);
            $this->assertSame($full['outcome'], $out[$i]['outcome']);
            $this->assertSame($full['level'], $out[$i]['level']);
            $this->assertSame($full['regime'], $out[$i]['regime']);
            $this->assertSame(array_column($full['allowed_sanctions'], 'code'), $out[$i]['allowed_types']);
            $this->assertSame(array_column($full['missing_facts'], 'field'), $out[$i]['missing_facts']);
            // A message the answer does not set is absent from the full form.
            $this->assertSame($full['procedure']['team'] ?? 'TEAM_UNSPECIFIED', $out[$i]['team']);
            $this->assertSame($full['handling']['body'] ?? 'HANDLING_BODY_UNSPECIFIED', $out[$i]['handled_by']);
            $this->assertSame($full['decision_date'], $out[$i]['decision_date']);
        }
        $this->assertSame(['S2T'], $out[0]['allowed_types']);
        $this->assertSame('BKN', $out[2]['handled_by']);
        $this->assertSame('CAMPAIGN', $out[2]['stage']);
        $this->assertSame('CALON', $out[2]['candidate_status']);
        $this->assertContains('skb2022.disiplin.d06_social_media_interaction_calon', $out[2]['rule_ids']);
        $this->assertSame('MISSING_FACTS', $out[3]['outcome']);
        $this->assertContains('acts[0].absence.cumulative_working_days', $out[3]['missing_facts']);
        $this->assertSame(['index' => 1, 'code' => 'INVALID_ARGUMENT',
            'error' => 'acts[0].act_date: "2025-02-30" is not a date (no such day)'], $out[1]);
        // The generator and the JSON-lines text give the same rows.
        $this->assertSame($out, iterator_to_array(Support::engine()->evaluateEach($rows, summary: true)));
        $lines = explode("\n", rtrim(Support::engine()->evaluateBatchJsonLines(
            implode("\n", array_map(fn ($r) => json_encode($r), $rows)),
            \Netra\Engine::ANSWER_SUMMARY | \Netra\Engine::JSON_EMIT_DEFAULTS), "\n"));
        $this->assertSame($out[0], json_decode($lines[0], true));
    }

    public function testAnEmptyBatchIsAnEmptyAnswer(): void
    {
        $this->assertSame([], Support::engine()->evaluateBatch([]));
        $this->assertSame([], iterator_to_array(Support::engine()->evaluateEach([])));
        $this->assertSame([], Support::engine()->auditBatch([]));
    }

    public function testRowsMustBeAList(): void
    {
        $this->expectException(InvalidArgumentException::class);
        Support::engine()->evaluateBatch([1 => Support::json('examples/absence_15_days_2025.json')]);
    }

    public function testTheSyntheticRostersReportsAnswerAsSingleCalls(): void
    {
        $rows = self::reports(500);
        $out = Support::engine()->evaluateBatch($rows);
        $this->assertCount(500, $out);
        foreach ([0, 1, 137, 250, 499] as $i) {
            $this->assertSame(Support::engine()->evaluate($rows[$i]), $out[$i], "row $i");
        }
        $this->assertSame([], array_filter($out, fn ($d) => isset($d['error'])));
        $levels = array_count_values(array_column($out, 'level'));
        $this->assertGreaterThan(1, count($levels), 'the reports give more than one level');
    }

    /**
     * 50,000 rows in one call (5,000 in the sanitized build). Correctness only:
     * the time is measured in benchmarks/php_timing.php, never here.
     */
    public function testFiftyThousandRowsInOneCall(): void
    {
        $n = Support::sanitized() ? 5000 : 50000;
        $rows = self::reports($n);
        $this->assertCount($n, $rows);
        $sample = [0 => null, 1 => null, 4999 => null, intdiv($n, 2) + 3 => null, $n - 1 => null];
        $count = 0;
        $errors = 0;
        $levels = [];
        // evaluateEach: one call; the decoded answers are not all held at once.
        foreach (Support::engine()->evaluateEach($rows) as $i => $d) {
            $this->assertSame($count, $i);
            $count++;
            if (isset($d['error'])) {
                $errors++;
                continue;
            }
            $levels[$d['level']] = ($levels[$d['level']] ?? 0) + 1;
            if (array_key_exists($i, $sample)) {
                $sample[$i] = $d;
            }
        }
        $this->assertSame($n, $count);
        $this->assertSame(0, $errors);
        $this->assertGreaterThan(1, count($levels));
        foreach ($sample as $i => $d) {
            $this->assertSame(Support::engine()->evaluate($rows[$i]), $d, "row $i");
        }
    }

    /** The same 50,000 rows in the summary form, arrays in and out (the form of benchmarks/php_timing.php). */
    public function testFiftyThousandRowsInOneCallAsSummaries(): void
    {
        $n = Support::sanitized() ? 5000 : 50000;
        $rows = self::reports($n);
        $out = Support::engine()->evaluateBatch($rows, summary: true);
        $this->assertCount($n, $out);
        $this->assertSame([], array_filter($out, fn ($d) => isset($d['error'])));
        $this->assertGreaterThan(1, count(array_count_values(array_column($out, 'level'))));
        foreach ([0, 1, intdiv($n, 2) + 3, $n - 1] as $i) {
            $full = Support::engine()->evaluate($rows[$i]);
            $this->assertSame(self::SUMMARY_KEYS, array_keys($out[$i]), "row $i");
            $this->assertSame($full['level'], $out[$i]['level'], "row $i");
            $this->assertSame(array_column($full['allowed_sanctions'], 'code'), $out[$i]['allowed_types'], "row $i");
            $officials = array_values(array_unique(array_column($full['competent_officials'], 'official')));
            $summary = $out[$i]['officials'];
            sort($officials);
            sort($summary);
            $this->assertSame($officials, $summary, "row $i");
        }
    }

    /**
     * evaluateBatch sends 1,000 rows per C call: the answers are those of one
     * call over all rows, and a refused row's index counts from the first row
     * of the whole list, in every part.
     */
    public function testABatchOfManyPartsAnswersAsOneCall(): void
    {
        $rows = self::reports(2500);
        foreach ([0, 999, 1000, 1999, 2000, 2499] as $i) {
            $rows[$i]['acts'][0]['act_date'] = '2025-02-30';
        }
        foreach ([false, true] as $summary) {
            $out = Support::engine()->evaluateBatch($rows, summary: $summary);
            $one = json_decode(Support::engine()->callJson('EvaluateBatch', json_encode($rows),
                \Netra\Engine::FORMAT_JSON_ARRAY | \Netra\Engine::JSON_EMIT_DEFAULTS | \Netra\Engine::JSON_COMPACT
                | ($summary ? \Netra\Engine::ANSWER_SUMMARY : 0)), true);
            $this->assertCount(2500, $out);
            $this->assertSame($one, $out);
            $this->assertSame([0, 999, 1000, 1999, 2000, 2499],
                array_keys(array_filter($out, fn ($d) => isset($d['error']))));
            $this->assertSame(2000, $out[2000]['index']);
        }
        $audits = Support::engine()->auditBatch(array_fill(0, 1001, ['colour' => 'red']));
        $this->assertSame([0, 1000], [$audits[0]['index'], $audits[1000]['index']]);
    }

    /**
     * Summary rows share what they have in common (the shared form): 5,000
     * rows take under half the memory of the same answers decoded one by one,
     * and are the same arrays.
     */
    public function testSummaryRowsShareTheirDecodedAnswers(): void
    {
        $rows = self::reports(5000);
        $engine = Support::engine();
        $before = memory_get_usage();
        $shared = $engine->evaluateBatch($rows, summary: true);
        $sharedBytes = memory_get_usage() - $before;
        $before = memory_get_usage();
        $plain = json_decode($engine->callJson('EvaluateBatch', json_encode($rows), \Netra\Engine::FORMAT_JSON_ARRAY
            | \Netra\Engine::JSON_EMIT_DEFAULTS | \Netra\Engine::JSON_COMPACT | \Netra\Engine::ANSWER_SUMMARY), true);
        $plainBytes = memory_get_usage() - $before;
        $this->assertSame($plain, $shared);
        $this->assertLessThan($plainBytes / 2, $sharedBytes, "shared $sharedBytes bytes, decoded one by one $plainBytes");
    }
}
