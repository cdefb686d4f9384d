package id.netra;

/** Status INVALID_ARGUMENT (3) of the C ABI (netra_status NETRA_INVALID_ARGUMENT). */
public final class InvalidArgumentException extends NetraException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(3, message);
  }

  InvalidArgumentException(String message, Throwable cause) {
    super(3, message, cause);
  }
}
