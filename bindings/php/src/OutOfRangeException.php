<?php
declare(strict_types=1);

namespace Netra;

/** Status OUT_OF_RANGE (11) of the C ABI (netra_status NETRA_OUT_OF_RANGE). */
final class OutOfRangeException extends NetraException
{
}
