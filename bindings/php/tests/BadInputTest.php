<?php
declare(strict_types=1);

namespace Netra\Tests;

use Netra\Engine;
use Netra\NetraException;
use PHPUnit\Framework\TestCase;

/** The catalogue tests/bad_input/hosts/{bindings,php}.cases through Netra\Engine. */
final class BadInputTest extends TestCase
{
    public static function sharedCases(): array
    {
        $out = [];
        foreach (Support::cases('bindings.cases') as $case) {
            $out[$case['file'] . ':' . $case['line'] . ' ' . $case['name']] = [$case];
        }
        return $out;
    }

    public static function phpCases(): array
    {
        $out = [];
        foreach (Support::cases('php.cases') as $case) {
            $out[$case['file'] . ':' . $case['line'] . ' ' . $case['name']] = [$case];
        }
        return $out;
    }

    /** @dataProvider sharedCases */
    public function testSharedCase(array $case): void
    {
        $netra = Support::engine();
        $forms = $case['as'] === 'json' ? ['json'] : ['json', 'array'];
        foreach ($forms as $form) {
            $this->expectRefusal($case, $form, function () use ($netra, $case, $form) {
                $text = $case['input'];
                $value = $form === 'array' ? json_decode($text, true, 512, JSON_THROW_ON_ERROR) : null;
                $call = $case['call'];
                if ($call === 'engine') {
                    $options = json_decode($text, true, 512, JSON_THROW_ON_ERROR);
                    return new Engine($options);
                }
                if (str_starts_with($call, 'method ')) {
                    $method = substr($call, 7);
                    return $form === 'json' ? $netra->callJson($method, $text) : $netra->call($method, $value);
                }
                if ($call === 'evaluate_batch_array') {
                    return $netra->callJson('EvaluateBatch', $text, Engine::FORMAT_JSON_ARRAY);
                }
                $method = str_replace('_', '', ucwords($call, '_'));
                if ($form === 'json') {
                    return $netra->callJson($method, $text);
                }
                return $netra->{lcfirst($method)}($value);
            });
        }
    }

    /** @dataProvider phpCases */
    public function testPhpCase(array $case): void
    {
        $netra = Support::engine();
        $this->expectRefusal($case, 'php', function () use ($netra, $case) {
            $value = eval('return ' . $case['input'] . ';');
            return match ($case['call']) {
                'evaluate' => $netra->evaluate($value),
                'evaluate_batch' => $netra->evaluateBatch($value),
                'construct' => new Engine($value),
                default => throw new \RuntimeException('unknown call ' . $case['call']),
            };
        });
    }

    private function expectRefusal(array $case, string $form, callable $call): void
    {
        $where = "{$case['file']}:{$case['line']} ({$form})";
        $reference = Support::json('examples/absence_15_days_2025.json');
        $before = Support::engine()->evaluate($reference);
        try {
            $call();
            $this->fail("$where: no exception");
        } catch (NetraException $e) {
            $this->assertSame($case['code'], $e->statusName(), "$where: {$e->getMessage()}");
            $expected = 'Netra\\' . str_replace('_', '', ucwords(strtolower($case['code']), '_')) . 'Exception';
            $this->assertSame($expected, get_class($e), $where);
            foreach ($case['messages'] as $fragment) {
                $this->assertStringContainsString($fragment, $e->getMessage(), $where);
            }
        }
        $this->assertSame($before, Support::engine()->evaluate($reference), "$where: the engine answers differently after the refusal");
    }
}
