<?php
declare(strict_types=1);

namespace Netra\Tests;

use PHPUnit\Framework\TestCase;

/** netra.ffi.h declares what include/netra/netra.h declares, with the same parameters. */
final class HeaderTest extends TestCase
{
    /** @return array<string, string> function name => normalised declaration */
    private static function functions(string $text): array
    {
        $text = preg_replace('#/\*.*?\*/#s', '', $text);
        $text = preg_replace('#//[^\n]*#', '', $text);
        $text = preg_replace('/^#.*$/m', '', $text);
        $text = str_replace('netra_status ', 'int ', $text);  // the enum is an int for PHP's FFI
        preg_match_all('/([A-Za-z_][\w\s\*]*?\b(netra_\w+)\s*\(([^)]*)\))\s*;/', $text, $m, PREG_SET_ORDER);
        $out = [];
        foreach ($m as $f) {
            $out[$f[2]] = preg_replace('/\s+/', ' ', preg_replace('/\s*([*(),])\s*/', '$1', trim($f[1])));
        }
        return $out;
    }

    public function testEveryFunctionOfTheHeaderIsDeclaredAlike(): void
    {
        $c = self::functions(file_get_contents(Support::path('include/netra/netra.h')));
        $php = self::functions(file_get_contents(dirname(__DIR__) . '/netra.ffi.h'));
        $this->assertGreaterThanOrEqual(20, count($c));
        $this->assertSame($c, $php);
    }
}
