package id.netra;

/**
 * An error from netra: the base of one subclass per status of the C ABI
 * (include/netra/netra.h, {@code netra_status}: the codes of absl::StatusCode).
 *
 * <p>{@link #code()} is the status number (3 for INVALID_ARGUMENT), {@link
 * #statusName()} its name, and {@link #getMessage()} exactly the C ABI's message,
 * which names the field and the value in the words of the {@code netra} command, e.g.
 * {@code acts[0].act_date: "2025-02-30" is not a date (no such day)}.
 *
 * <p>A legal answer (no level, missing facts, CANNOT_ASSESS) is never an exception:
 * it is the returned answer. Unchecked, like the PHP and Python bindings' errors.
 */
public class NetraException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private static final String[] NAMES = {
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
    "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
    "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
  };

  private final int code;

  protected NetraException(int code, String message) {
    super(message);
    this.code = code;
  }

  protected NetraException(int code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The status code of the C ABI (1-16). */
  public int code() {
    return code;
  }

  /** The status name, "INVALID_ARGUMENT"; "UNKNOWN_STATUS" for a code outside the enum. */
  public String statusName() {
    return code > 0 && code < NAMES.length ? NAMES[code] : "UNKNOWN_STATUS";
  }

  /** The exception of a status code with its message: that status's subclass, or NetraException for a code outside the enum. */
  public static NetraException of(int code, String message) {
    switch (code) {
      case 1: return new CancelledException(message);
      case 2: return new UnknownException(message);
      case 3: return new InvalidArgumentException(message);
      case 4: return new DeadlineExceededException(message);
      case 5: return new NotFoundException(message);
      case 6: return new AlreadyExistsException(message);
      case 7: return new PermissionDeniedException(message);
      case 8: return new ResourceExhaustedException(message);
      case 9: return new FailedPreconditionException(message);
      case 10: return new AbortedException(message);
      case 11: return new OutOfRangeException(message);
      case 12: return new UnimplementedException(message);
      case 13: return new InternalException(message);
      case 14: return new UnavailableException(message);
      case 15: return new DataLossException(message);
      case 16: return new UnauthenticatedException(message);
      default: return new NetraException(code, message);
    }
  }
}
