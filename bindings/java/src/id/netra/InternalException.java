package id.netra;

/** Status INTERNAL (13) of the C ABI (netra_status NETRA_INTERNAL). */
public final class InternalException extends NetraException {
  private static final long serialVersionUID = 1L;

  public InternalException(String message) {
    super(13, message);
  }

  InternalException(String message, Throwable cause) {
    super(13, message, cause);
  }
}
