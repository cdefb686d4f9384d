<?php
// ctest php_preload: run with ffi.preload (a copy of netra.ffi.h whose FFI_LIB is
// the built library) and opcache.preload=preload.php, without NETRA_LIBRARY and
// without requiring the autoloader: the engine must come from the preloaded
// scope "NETRA" and the classes from the preload, as in a PHP-FPM worker.
declare(strict_types=1);

if (getenv('NETRA_LIBRARY') !== false) {
    fwrite(STDERR, "NETRA_LIBRARY must not be set for this check\n");
    exit(1);
}
if (!class_exists('Netra\Engine', false)) {
    fwrite(STDERR, "Netra\\Engine was not preloaded\n");
    exit(1);
}
FFI::scope('NETRA');  // throws if the declarations were not preloaded
$netra = Netra\Engine::shared();
$request = json_decode(file_get_contents(__DIR__ . '/../../../examples/absence_15_days_2025.json'), true);
$level = $netra->evaluate($request)['level'];
echo "preloaded engine: level $level\n";
exit($level === 'SEDANG' ? 0 : 1);
