<?php
// A PSR-4 autoloader for Netra\ without Composer (what the tests and examples
// use; composer.json declares the same mapping for Composer hosts).
declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'Netra\\')) {
        $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, 6)) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
