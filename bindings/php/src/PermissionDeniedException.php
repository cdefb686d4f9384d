<?php
declare(strict_types=1);

namespace Netra;

/** Status PERMISSION_DENIED (7) of the C ABI (netra_status NETRA_PERMISSION_DENIED). */
final class PermissionDeniedException extends NetraException
{
}
