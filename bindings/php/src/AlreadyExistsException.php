<?php
declare(strict_types=1);

namespace Netra;

/** Status ALREADY_EXISTS (6) of the C ABI (netra_status NETRA_ALREADY_EXISTS). */
final class AlreadyExistsException extends NetraException
{
}
