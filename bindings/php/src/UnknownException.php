<?php
declare(strict_types=1);

namespace Netra;

/** Status UNKNOWN (2) of the C ABI (netra_status NETRA_UNKNOWN). */
final class UnknownException extends NetraException
{
}
