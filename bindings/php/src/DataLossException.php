<?php
declare(strict_types=1);

namespace Netra;

/** Status DATA_LOSS (15) of the C ABI (netra_status NETRA_DATA_LOSS). */
final class DataLossException extends NetraException
{
}
