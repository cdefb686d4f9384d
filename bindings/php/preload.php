<?php
// opcache.preload script for PHP-FPM (README.md, "PHP-FPM: one engine per worker"):
// preloads the package's classes and, unless ffi.preload already did, loads the FFI
// declarations of netra.ffi.h as the scope "NETRA" (its FFI_LIB, libnetra.so.1 on
// the default library path, is opened once in the master), so that Netra\Engine in
// a worker finds the library with FFI::scope('NETRA') under the default
// ffi.enable=preload. PHP refuses FFI::load() here when opcache.preload_user is
// set (a master running as root): use ffi.preload=.../netra.ffi.h then.
// NETRA_FFI_HEADER may name another copy of netra.ffi.h (one whose FFI_LIB is an
// absolute path, say).
declare(strict_types=1);

try {
    FFI::scope('NETRA');
} catch (FFI\Exception) {
    $header = getenv('NETRA_FFI_HEADER');
    FFI::load(($header !== false && $header !== '') ? $header : __DIR__ . '/netra.ffi.h');
}

require_once __DIR__ . '/autoload.php';
foreach (glob(__DIR__ . '/src/*.php') as $file) {
    class_exists('Netra\\' . basename($file, '.php'));
}
