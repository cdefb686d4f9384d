<?php
declare(strict_types=1);

namespace Netra;

/**
 * An error from netra: the base of one subclass per status of the C ABI
 * (include/netra/netra.h, netra_status, the codes of absl::StatusCode).
 *
 * getCode() is the status number (3 for INVALID_ARGUMENT), statusName() its
 * name, and getMessage() exactly the message of the C ABI, which names the
 * field and the value in the words of the `netra` command, e.g.
 * `acts[0].act_date: "2025-02-30" is not a date (no such day)`.
 *
 * A legal answer (no level, missing facts, CANNOT_ASSESS) is never an
 * exception: it is the returned array.
 *
 *   try { $netra->evaluate($request); }
 *   catch (Netra\InvalidArgumentException $e) { ... 400, $e->getMessage() ... }
 *   catch (Netra\NetraException $e) { ... any other status ... }
 */
class NetraException extends \RuntimeException
{
    /** Status names by code, as netra_status_name() gives them. */
    public const STATUS_NAMES = [
        1 => 'CANCELLED',
        2 => 'UNKNOWN',
        3 => 'INVALID_ARGUMENT',
        4 => 'DEADLINE_EXCEEDED',
        5 => 'NOT_FOUND',
        6 => 'ALREADY_EXISTS',
        7 => 'PERMISSION_DENIED',
        8 => 'RESOURCE_EXHAUSTED',
        9 => 'FAILED_PRECONDITION',
        10 => 'ABORTED',
        11 => 'OUT_OF_RANGE',
        12 => 'UNIMPLEMENTED',
        13 => 'INTERNAL',
        14 => 'UNAVAILABLE',
        15 => 'DATA_LOSS',
        16 => 'UNAUTHENTICATED',
    ];

    private const CLASSES = [
        1 => CancelledException::class,
        2 => UnknownException::class,
        3 => InvalidArgumentException::class,
        4 => DeadlineExceededException::class,
        5 => NotFoundException::class,
        6 => AlreadyExistsException::class,
        7 => PermissionDeniedException::class,
        8 => ResourceExhaustedException::class,
        9 => FailedPreconditionException::class,
        10 => AbortedException::class,
        11 => OutOfRangeException::class,
        12 => UnimplementedException::class,
        13 => InternalException::class,
        14 => UnavailableException::class,
        15 => DataLossException::class,
        16 => UnauthenticatedException::class,
    ];

    /**
     * The exception for a status code of the C ABI with its message: the
     * subclass of that status, or NetraException itself (code kept) for a
     * code outside the enum.
     */
    public static function fromStatus(int $code, string $message, ?\Throwable $previous = null): self
    {
        $class = self::CLASSES[$code] ?? self::class;
        return new $class($message, $code, $previous);
    }

    /** The status name: "INVALID_ARGUMENT", or "UNKNOWN_STATUS" for a code outside the enum. */
    public function statusName(): string
    {
        return self::STATUS_NAMES[$this->getCode()] ?? 'UNKNOWN_STATUS';
    }
}
