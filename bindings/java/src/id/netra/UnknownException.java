package id.netra;

/** Status UNKNOWN (2) of the C ABI (netra_status NETRA_UNKNOWN). */
public final class UnknownException extends NetraException {
  private static final long serialVersionUID = 1L;

  public UnknownException(String message) {
    super(2, message);
  }

  UnknownException(String message, Throwable cause) {
    super(2, message, cause);
  }
}
