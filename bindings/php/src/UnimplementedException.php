<?php
declare(strict_types=1);

namespace Netra;

/** Status UNIMPLEMENTED (12) of the C ABI (netra_status NETRA_UNIMPLEMENTED). */
final class UnimplementedException extends NetraException
{
}
