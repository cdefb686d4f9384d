<?php
declare(strict_types=1);

namespace Netra;

/** Status UNAVAILABLE (14) of the C ABI (netra_status NETRA_UNAVAILABLE). */
final class UnavailableException extends NetraException
{
}
