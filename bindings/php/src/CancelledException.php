<?php
declare(strict_types=1);

namespace Netra;

/** Status CANCELLED (1) of the C ABI (netra_status NETRA_CANCELLED). */
final class CancelledException extends NetraException
{
}
