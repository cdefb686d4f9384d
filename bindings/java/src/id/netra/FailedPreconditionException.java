package id.netra;

/** Status FAILED_PRECONDITION (9) of the C ABI (netra_status NETRA_FAILED_PRECONDITION). */
public final class FailedPreconditionException extends NetraException {
  private static final long serialVersionUID = 1L;

  public FailedPreconditionException(String message) {
    super(9, message);
  }

  FailedPreconditionException(String message, Throwable cause) {
    super(9, message, cause);
  }
}
