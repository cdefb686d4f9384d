<?php
declare(strict_types=1);

namespace Netra;

/** Status NOT_FOUND (5) of the C ABI (netra_status NETRA_NOT_FOUND). */
final class NotFoundException extends NetraException
{
}
