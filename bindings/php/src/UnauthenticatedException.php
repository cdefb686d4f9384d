<?php
declare(strict_types=1);

namespace Netra;

/** Status UNAUTHENTICATED (16) of the C ABI (netra_status NETRA_UNAUTHENTICATED). */
final class UnauthenticatedException extends NetraException
{
}
