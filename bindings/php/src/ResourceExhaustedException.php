<?php
declare(strict_types=1);

namespace Netra;

/** Status RESOURCE_EXHAUSTED (8) of the C ABI (netra_status NETRA_RESOURCE_EXHAUSTED). */
final class ResourceExhaustedException extends NetraException
{
}
