<?php
declare(strict_types=1);

namespace Netra;

/** Status INTERNAL (13) of the C ABI (netra_status NETRA_INTERNAL). */
final class InternalException extends NetraException
{
}
