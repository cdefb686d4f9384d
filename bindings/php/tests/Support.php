<?php
declare(strict_types=1);

namespace Netra\Tests;

use Netra\Engine;

/** What the tests share: paths, one engine, the bad-input catalogue reader. */
final class Support
{
    private static ?Engine $engine = null;

    public static function root(): string
    {
        $dir = getenv('NETRA_SOURCE_DIR');
        return ($dir !== false && $dir !== '') ? $dir : dirname(__DIR__, 3);
    }

    public static function path(string $relative): string
    {
        return self::root() . '/' . $relative;
    }

    public static function json(string $relative): array
    {
        return json_decode(file_get_contents(self::path($relative)), true, 512, JSON_THROW_ON_ERROR);
    }

    /** The `netra` command, or null. */
    public static function cli(): ?string
    {
        $cli = getenv('NETRA_CLI');
        return ($cli !== false && $cli !== '' && is_executable($cli)) ? $cli : null;
    }

    /** Whether the library is built with sanitizers (ctest sets NETRA_SANITIZED=1): slower, so smaller batches. */
    public static function sanitized(): bool
    {
        return getenv('NETRA_SANITIZED') === '1';
    }

    /** The engine of the tests (the library from NETRA_LIBRARY, the embedded law). */
    public static function engine(): Engine
    {
        return self::$engine ??= new Engine();
    }

    /**
     * The cases of a file of tests/bad_input/hosts (format: its README.md):
     * list of ['name', 'code', 'messages', 'call', 'as', 'input', 'line'].
     */
    public static function cases(string $file): array
    {
        $path = self::path('tests/bad_input/hosts/' . $file);
        $lines = explode("\n", file_get_contents($path));
        $cases = [];
        $case = null;
        $inInput = false;
        foreach ($lines as $i => $line) {
            if (str_starts_with($line, '== ')) {
                if ($case !== null) {
                    $cases[] = self::finish($case);
                }
                $case = ['name' => substr($line, 3), 'code' => null, 'messages' => [], 'call' => null, 'as' => 'both',
                         'input' => [], 'line' => $i + 1, 'file' => $file];
                $inInput = false;
                continue;
            }
            if ($case === null) {
                continue;  // the file's comment
            }
            if ($inInput) {
                $case['input'][] = $line;
                continue;
            }
            if ($line === 'input:') {
                $inInput = true;
            } elseif (preg_match('/^(code|message|call|as): (.*)$/', $line, $m)) {
                if ($m[1] === 'message') {
                    $case['messages'][] = $m[2];
                } else {
                    $case[$m[1]] = $m[2];
                }
            } elseif (trim($line) !== '' && !str_starts_with($line, '#')) {
                throw new \RuntimeException("$path:" . ($i + 1) . ": unknown line: $line");
            }
        }
        if ($case !== null) {
            $cases[] = self::finish($case);
        }
        return $cases;
    }

    private static function finish(array $case): array
    {
        $text = rtrim(implode("\n", $case['input']), "\n");
        $text = preg_replace_callback('/\{\{(pad|rep) (\d+)\|(.*?)\}\}(?=[^}]|$)/s', static function (array $m): string {
            return $m[1] === 'pad' ? str_repeat($m[3], (int) $m[2]) : implode(',', array_fill(0, (int) $m[2], $m[3]));
        }, $text);
        $text = preg_replace_callback('/\\\\x([0-9a-fA-F]{2})/', static fn (array $m): string => chr(hexdec($m[1])), $text);
        $case['input'] = $text;
        return $case;
    }
}
