<?php
declare(strict_types=1);

namespace Netra;

/** Status INVALID_ARGUMENT (3) of the C ABI (netra_status NETRA_INVALID_ARGUMENT). */
final class InvalidArgumentException extends NetraException
{
}
