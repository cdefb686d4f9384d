<?php
declare(strict_types=1);

namespace Netra;

/** Status FAILED_PRECONDITION (9) of the C ABI (netra_status NETRA_FAILED_PRECONDITION). */
final class FailedPreconditionException extends NetraException
{
}
