<?php
declare(strict_types=1);

namespace Netra\Tests;

use Netra\Engine;
use Netra\FailedPreconditionException;
use Netra\InvalidArgumentException;
use Netra\NetraException;
use PHPUnit\Framework\TestCase;

/** Every call of Netra\Engine against the built libnetra.so. */
final class EngineTest extends TestCase
{
    private const ABSENCE = 'examples/absence_15_days_2025.json';
    private const TEACHER = 'examples/neutrality_teacher_likes_candidate_post_pilkada_2024.json';

    public function testTheLibraryIsTheAbiVersionOfThisBinding(): void
    {
        $netra = Support::engine();
        $this->assertSame(Engine::ABI_VERSION, $netra->abiVersion());
        $this->assertMatchesRegularExpression('/^\d+\.\d+\.\d+/', $netra->version());
    }

    public function testTheSanitizerRuntimeIsLiveInTheSanitizedBuild(): void
    {
        if (!Support::sanitized()) {
            $this->markTestSkipped('not the sanitized build (NETRA_SANITIZED unset)');
        }
        Support::engine();
        $maps = file_get_contents('/proc/self/maps');
        $this->assertStringContainsString('libasan', $maps);
        $this->assertStringContainsString('libnetra', $maps);
    }

    public function testAnExplicitLibraryPathIsUsed(): void
    {
        $netra = new Engine(['library' => getenv('NETRA_LIBRARY')]);
        $this->assertSame('SEDANG', $netra->evaluate(Support::json(self::ABSENCE))['level']);
    }

    public function testFifteenDaysAbsentInARegencyIsSedangWithS2T(): void
    {
        $d = Support::engine()->evaluate(Support::json(self::ABSENCE));
        $this->assertSame('SANCTION', $d['outcome']);
        $this->assertSame('SEDANG', $d['level']);
        $this->assertSame(['S2T'], array_column($d['allowed_sanctions'], 'code'));
        $this->assertSame(7, $d['allowed_sanctions'][0]['siasn_jenis_hukuman_id']);
        $this->assertSame(['OFFICIAL_ADMINISTRATOR', 'PPK'], array_column($d['competent_officials'], 'official'));
        $this->assertSame('OPTIONAL', $d['procedure']['team']);
        $this->assertStringContainsString('pp94.absence.cumulative_14_16_days', implode("\n", $d['acts'][0]['explanation']));
    }

    public function testTheTeacherWhoLikedACandidatePostIsBeratHandledByBkn(): void
    {
        $d = Support::engine()->evaluate(Support::json(self::TEACHER));
        $this->assertSame('BERAT', $d['level']);
        $this->assertSame(['B1', 'B2', 'B3'], array_column($d['allowed_sanctions'], 'code'));
        $this->assertSame('BKN', $d['handling']['body']);
        $this->assertStringContainsString('skb2022.disiplin.d06_social_media_interaction_calon',
            implode("\n", $d['acts'][0]['explanation']));
    }

    public function testTheSameActBeforeThePairsWereDeterminedIsAnEthicsMatter(): void
    {
        $request = Support::json(self::TEACHER);
        $request['acts'][0]['act_date'] = '2024-08-01';
        $d = Support::engine()->evaluate($request);
        $this->assertSame('ETHICS', $d['regime']);
        $this->assertContains('MORAL_TERTUTUP', array_column($d['allowed_sanctions'], 'code'));
    }

    public function testEveryScalarAndListKeyIsPresentAtItsDefault(): void
    {
        $d = Support::engine()->evaluate(Support::json(self::ABSENCE));
        // Without EMIT_DEFAULTS these would be undefined indexes.
        $this->assertSame([], $d['missing_facts']);
        $this->assertSame([], $d['warnings']);
        $this->assertSame('', $d['acts'][0]['act_id']);
        $this->assertFalse($d['acts'][0]['salary_stop']);
        $this->assertFalse($d['allowed_sanctions'][0]['permanent']);
    }

    public function testMissingFactsIsAnAnswerNotAnException(): void
    {
        $d = Support::engine()->evaluate(Support::json('examples/missing_facts_impact_and_consecutive_run.json'));
        $this->assertSame('MISSING_FACTS', $d['outcome']);
        $this->assertNotSame([], $d['missing_facts']);
    }

    public function testAnEmptyArrayInARequestMeansNotSet(): void
    {
        $request = Support::json(self::ABSENCE);
        $request['settings'] = [];
        $request['acts'][0]['prior_sanctions'] = [];
        $this->assertSame(Support::engine()->evaluate(Support::json(self::ABSENCE)), Support::engine()->evaluate($request));
    }

    public function testAnObjectRequestIsTheSameAsAnArray(): void
    {
        $object = json_decode(file_get_contents(Support::path(self::ABSENCE)));
        $this->assertSame(Support::engine()->evaluate(Support::json(self::ABSENCE)), Support::engine()->evaluate($object));
    }

    public function testARequestSettingOverridesTheDefault(): void
    {
        // Decree row D03: sedang by default, berat with skb_d03_level=BERAT.
        $request = Support::json(self::TEACHER);
        $request['acts'][0]['norm'] = 'neutrality.approach_party_as_bakal_calon';
        $request['acts'][0]['act_date'] = '2024-07-01';
        $request['acts'][0]['neutrality']['on_cltn'] = false;
        $this->assertSame('SEDANG', Support::engine()->evaluate($request)['level']);
        $request['settings'] = ['skb_d03_level' => 'BERAT'];
        $d = Support::engine()->evaluate($request);
        $this->assertSame('BERAT', $d['level']);
        $this->assertSame('BERAT', array_column($d['settings_used'], 'value', 'name')['skb_d03_level']);
    }

    public function testTheJsonIsWhatTheCommandPrints(): void
    {
        $cli = Support::cli();
        if ($cli === null) {
            $this->markTestSkipped('NETRA_CLI is not set');
        }
        foreach ([self::ABSENCE, self::TEACHER, 'examples/jpt_madya_abuse_of_authority_central.json'] as $file) {
            $expected = shell_exec(escapeshellarg($cli) . ' evaluate ' . escapeshellarg(Support::path($file)));
            $this->assertSame($expected, Support::engine()->evaluateJson(file_get_contents(Support::path($file))),
                $file);
        }
    }

    public function testTheJsonMethodTakesFlags(): void
    {
        $json = file_get_contents(Support::path(self::ABSENCE));
        $compact = Support::engine()->evaluateJson($json, Engine::JSON_COMPACT);
        $this->assertStringNotContainsString("\n", $compact);
        $this->assertSame(json_decode(Support::engine()->evaluateJson($json), true), json_decode($compact, true));
        $all = json_decode(Support::engine()->evaluateJson($json, Engine::JSON_EMIT_DEFAULTS), true);
        $this->assertSame(Support::engine()->evaluate(Support::json(self::ABSENCE)), $all);
    }

    public function testAHostSettingAppliesToEveryCall(): void
    {
        $netra = new Engine(['settings' => ['skb_d08_level' => 'SEDANG', 'repeat_may_cross_level' => false]]);
        $d = $netra->evaluate(Support::json(self::ABSENCE));
        $used = array_column($d['settings_used'], 'value', 'name');
        $this->assertSame('SEDANG', $used['skb_d08_level']);
        $this->assertSame('false', $used['repeat_may_cross_level']);
    }

    public function testAHostLawFileIsLoaded(): void
    {
        // The embedded law's own file, given again by path, replaces itself: the same answers.
        $netra = new Engine(['law_files' => [Support::path('law/pp94_2021.textproto')]]);
        $this->assertSame(Support::engine()->evaluate(Support::json(self::ABSENCE))['level'],
            $netra->evaluate(Support::json(self::ABSENCE))['level']);
    }

    public function testSharedIsOneEnginePerProcessForTheSameOptions(): void
    {
        $this->assertSame(Engine::shared(), Engine::shared());
        $this->assertNotSame(Engine::shared(), Engine::shared(['settings' => ['skb_d03_level' => 'BERAT']]));
    }

    public function testAnEngineIsNotCloned(): void
    {
        $this->expectException(FailedPreconditionException::class);
        $copy = clone Support::engine();
        unset($copy);
    }

    public function testAuditOfADecisionWithinTheLaw(): void
    {
        $lines = file(Support::path('examples/audit_neutrality_decisions_2024.jsonl'), FILE_IGNORE_NEW_LINES);
        $f = Support::engine()->audit(json_decode($lines[0], true));
        $this->assertSame('BKD-2024-001', $f['case_id']);
        $this->assertSame('WITHIN_LAW', $f['verdict']);
        $this->assertSame('BERAT', $f['determination']['level']);
    }

    public function testAuditBatchAnswersEveryCaseInOrderAsTheSingleCalls(): void
    {
        $lines = file(Support::path('examples/audit_neutrality_decisions_2024.jsonl'), FILE_IGNORE_NEW_LINES);
        $cases = array_map(fn ($l) => json_decode($l, true), $lines);
        $batch = Support::engine()->auditBatch($cases);
        $this->assertCount(count($cases), $batch);
        $refused = 0;
        foreach ($cases as $i => $case) {
            try {
                $this->assertSame(Support::engine()->audit($case), $batch[$i], "case $i");
            } catch (InvalidArgumentException $e) {
                // The example file holds a case with a bad date: an error item in the batch.
                $this->assertSame(['index' => $i, 'code' => 'INVALID_ARGUMENT', 'error' => $e->getMessage()], $batch[$i]);
                $refused++;
            }
        }
        $this->assertSame(1, $refused);
        $verdicts = array_column(array_filter($batch, fn ($f) => !isset($f['error'])), 'verdict');
        $this->assertContains('WITHIN_LAW', $verdicts);
        $this->assertGreaterThan(1, count(array_unique($verdicts)));
        $out = Support::engine()->auditBatchJsonLines(implode("\n", $lines) . "\n");
        $lines = array_map(fn ($l) => json_decode($l, true), explode("\n", rtrim($out, "\n")));
        $this->assertCount(count($cases), $lines);
        foreach ($batch as $i => $f) {
            $this->assertSame($f['verdict'] ?? 'refused', $lines[$i]['verdict'] ?? (isset($lines[$i]['error']) ? 'refused' : 'WITHIN_LAW'), "line $i");
        }
    }

    public function testRulesListsTheRuleTableAndFiltersByDate(): void
    {
        $all = Support::engine()->rules();
        $ids = array_column($all['rules'], 'id');
        $this->assertContains('pp94.absence.cumulative_14_16_days', $ids);
        $before = Support::engine()->rules(['as_of' => '2021-01-01']);
        $this->assertLessThan(count($all['rules']), count($before['rules']));
    }

    public function testElectionsListsPemiluAndPilkada2024(): void
    {
        $ids = array_column(Support::engine()->elections()['elections'], 'id');
        $this->assertContains('pilkada2024', $ids);
        $this->assertContains('pemilu2024', $ids);
    }

    public function testWorkingDaysAddCountAndAsk(): void
    {
        $netra = Support::engine();
        // 7 working days from 2025-06-30 (a Monday): 1-4 July, 7-9 July.
        $this->assertSame('2025-07-09', $netra->workingDays(['add' => ['from' => '2025-06-30', 'days' => 7]])['date']);
        $this->assertSame(5, $netra->workingDays(['count' => ['from' => '2025-06-29', 'to' => '2025-07-04']])['count']);
        $sunday = $netra->workingDays(['is_working_day' => '2025-07-06']);
        $this->assertFalse($sunday['working_day']);
        // 17 August is a national holiday (law/calendar/).
        $this->assertFalse($netra->workingDays(['is_working_day' => '2026-08-17'])['working_day']);
        $this->assertTrue($netra->workingDays(['is_working_day' => '2025-07-07'])['working_day']);
        // An agency that works on Saturdays.
        $six = $netra->workingDays(['calendar' => ['working_weekdays' => 63], 'add' => ['from' => '2025-06-30', 'days' => 7]]);
        $this->assertSame('2025-07-08', $six['date']);
    }

    public function testAYearWithoutHolidayDataIsAnErrorNotAnEmptyYear(): void
    {
        try {
            Support::engine()->workingDays(['is_working_day' => '2040-01-02']);
            $this->fail('no exception');
        } catch (FailedPreconditionException $e) {
            $this->assertSame(9, $e->getCode());
            $this->assertSame('FAILED_PRECONDITION', $e->statusName());
            $this->assertStringContainsString('no holiday data for 2040', $e->getMessage());
        }
    }

    public function testReplayCaseGivesTheStateOnADate(): void
    {
        $case = Support::json('examples/case_disciplinary_absence_2024.json');
        $s = Support::engine()->replayCase(['case' => $case, 'as_of' => '2024-09-30']);
        $this->assertSame('BKPSDM-2024-DISC-031', $s['case_id']);
        $this->assertSame('FINAL', $s['status']);
        $this->assertSame('S2T', $s['sanction']['sanction_type']);
        $this->assertSame((string) count($case['events']), $s['events']);  // int64: a string in JSON
        $this->assertNotSame([], $s['deadlines']);
    }

    public function testOverdueAcrossCases(): void
    {
        $case = Support::json('examples/case_neutrality_pilkada_2024.json');
        $r = Support::engine()->overdue(['cases' => [$case], 'as_of' => '2026-01-01']);
        $this->assertArrayHasKey('items', $r);
        $this->assertSame([], $r['failures']);
    }

    public function testPactProgressOverTheSyntheticRoster(): void
    {
        $roster = file_get_contents(Support::path('examples/roster_synthetic_500.csv'));
        $nips = array_slice(array_map(fn ($l) => explode(',', $l)[0], array_slice(explode("\n", trim($roster)), 1)), 0, 3);
        $events = [];
        foreach ($nips as $nip) {
            $events[] = ['type' => 'PACT_ISSUED', 'date' => '2024-09-02', 'nip' => $nip,
                         'template_id' => 'pakta_netralitas.pilkada2024.v1'];
        }
        $events[] = ['type' => 'PACT_SIGNED', 'date' => '2024-09-05', 'nip' => $nips[0], 'signer_nip' => $nips[0],
                     'method' => 'INDIVIDUAL'];
        $p = Support::engine()->pactProgress(['roster' => ['csv' => $roster], 'election' => 'pilkada2024',
            'events' => $events, 'as_of' => '2024-09-30', 'max_not_signed' => 5]);
        $total = $p['progress']['total'];
        $this->assertSame('3', $total['issued']);
        $this->assertSame('1', $total['signed_on_time']);
        // Everyone on the roster but the non-ASN staff (the agency has not opted them in).
        $asn = count(array_filter(array_slice(explode("\n", trim($roster)), 1), fn ($l) => explode(',', $l)[2] !== 'NON_ASN'));
        $this->assertSame(481, $asn);
        $this->assertSame((string) $asn, $total['must_sign']);
        // Those issued a pact who have not signed (at most max_not_signed).
        $notSigned = $p['progress']['not_signed_nips'];
        sort($notSigned);
        $expected = [$nips[1], $nips[2]];
        sort($expected);
        $this->assertSame($expected, $notSigned);
    }

    public function testASiasnExportIsAuditedAndItsPactsCounted(): void
    {
        $dir = Support::path('examples/siasn_synthetic');
        $events = array_map(fn ($l) => json_decode($l, true), file($dir . '/pakta.jsonl', FILE_IGNORE_NEW_LINES));
        $r = Support::engine()->siasnReport([
            'records' => [
                'pegawai' => ['json' => file_get_contents($dir . '/pegawai.json')],
                'hukdis' => ['json' => file_get_contents($dir . '/rw-hukdis.json')],
                'jabatan' => ['json' => file_get_contents($dir . '/rw-jabatan.json')],
                'facts' => json_decode(file_get_contents($dir . '/facts.json'), true),
            ],
            'election' => 'pilkada2024', 'as_of' => '2024-10-01', 'pact_events' => $events]);
        $this->assertSame('59', $r['employees']);
        $this->assertSame([], $r['refusals']);
        $this->assertSame('9', $r['audit_summary']['cases']);
        $this->assertSame('59', $r['pact_progress']['total']['issued']);
        // A row netra cannot map is a refusal naming its table, row, field and value.
        $m = Support::engine()->fromSiasn(['pegawai' => ['csv' => "id,nipBaru,nama\nA1,12345,X\n"]]);
        $this->assertSame('pegawai', $m['refusals'][0]['table']);
        $this->assertStringStartsWith('nipBaru: not a valid NIP (has 5 digits', $m['refusals'][0]['reason']);
    }

    public function testCallByNameIsTheNamedMethod(): void
    {
        $this->assertSame(Support::engine()->evaluate(Support::json(self::ABSENCE)),
            Support::engine()->call('Evaluate', Support::json(self::ABSENCE)));
        $this->assertSame(Engine::METHODS, array_slice(explode(', ', self::methodsFromError()), 0, count(Engine::METHODS)));
    }

    private static function methodsFromError(): string
    {
        try {
            Support::engine()->call('NoSuchMethod');
        } catch (NetraException $e) {
            preg_match('/\((.*)\)$/', $e->getMessage(), $m);
            return $m[1];
        }
        return '';
    }

    public function testProtobufBinaryRoundTripsThroughCallJson(): void
    {
        // FORMAT_PROTO: the empty request is the empty message; Elections answers with bytes.
        $bytes = Support::engine()->callJson('Elections', '', Engine::FORMAT_PROTO);
        $this->assertGreaterThan(100, strlen($bytes));
        $this->assertStringContainsString('pilkada2024', $bytes);
    }
}
