<?php
// PHPUnit bootstrap: the plain autoloader (no Composer) and the test helpers.
// The tests need NETRA_LIBRARY (the built libnetra.so; ctest `php` sets it);
// NETRA_CLI (the `netra` command) for the byte-for-byte and 50,000-row tests.
declare(strict_types=1);

require dirname(__DIR__) . '/autoload.php';
require __DIR__ . '/Support.php';

if (getenv('NETRA_LIBRARY') === false || getenv('NETRA_LIBRARY') === '') {
    fwrite(STDERR, "NETRA_LIBRARY is not set: run the tests with ctest -R '^php$', or set it to build/libnetra.so\n");
    exit(1);
}
