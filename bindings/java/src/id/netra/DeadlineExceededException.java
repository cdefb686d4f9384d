package id.netra;

/** Status DEADLINE_EXCEEDED (4) of the C ABI (netra_status NETRA_DEADLINE_EXCEEDED). */
public final class DeadlineExceededException extends NetraException {
  private static final long serialVersionUID = 1L;

  public DeadlineExceededException(String message) {
    super(4, message);
  }

  DeadlineExceededException(String message, Throwable cause) {
    super(4, message, cause);
  }
}
