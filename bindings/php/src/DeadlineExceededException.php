<?php
declare(strict_types=1);

namespace Netra;

/** Status DEADLINE_EXCEEDED (4) of the C ABI (netra_status NETRA_DEADLINE_EXCEEDED). */
final class DeadlineExceededException extends NetraException
{
}
