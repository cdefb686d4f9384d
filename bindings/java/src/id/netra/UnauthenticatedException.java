package id.netra;

/** Status UNAUTHENTICATED (16) of the C ABI (netra_status NETRA_UNAUTHENTICATED). */
public final class UnauthenticatedException extends NetraException {
  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String message) {
    super(16, message);
  }

  UnauthenticatedException(String message, Throwable cause) {
    super(16, message, cause);
  }
}
