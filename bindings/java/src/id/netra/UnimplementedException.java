package id.netra;

/** Status UNIMPLEMENTED (12) of the C ABI (netra_status NETRA_UNIMPLEMENTED). */
public final class UnimplementedException extends NetraException {
  private static final long serialVersionUID = 1L;

  public UnimplementedException(String message) {
    super(12, message);
  }

  UnimplementedException(String message, Throwable cause) {
    super(12, message, cause);
  }
}
