package id.netra;

/** Status UNAVAILABLE (14) of the C ABI (netra_status NETRA_UNAVAILABLE). */
public final class UnavailableException extends NetraException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message) {
    super(14, message);
  }

  UnavailableException(String message, Throwable cause) {
    super(14, message, cause);
  }
}
