package id.netra;

/** Status ABORTED (10) of the C ABI (netra_status NETRA_ABORTED). */
public final class AbortedException extends NetraException {
  private static final long serialVersionUID = 1L;

  public AbortedException(String message) {
    super(10, message);
  }

  AbortedException(String message, Throwable cause) {
    super(10, message, cause);
  }
}
