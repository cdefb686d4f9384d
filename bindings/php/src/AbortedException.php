<?php
declare(strict_types=1);

namespace Netra;

/** Status ABORTED (10) of the C ABI (netra_status NETRA_ABORTED). */
final class AbortedException extends NetraException
{
}
