package id.netra;

/** Status CANCELLED (1) of the C ABI (netra_status NETRA_CANCELLED). */
public final class CancelledException extends NetraException {
  private static final long serialVersionUID = 1L;

  public CancelledException(String message) {
    super(1, message);
  }

  CancelledException(String message, Throwable cause) {
    super(1, message, cause);
  }
}
