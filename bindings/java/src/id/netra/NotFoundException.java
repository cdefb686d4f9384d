package id.netra;

/** Status NOT_FOUND (5) of the C ABI (netra_status NETRA_NOT_FOUND). */
public final class NotFoundException extends NetraException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(5, message);
  }

  NotFoundException(String message, Throwable cause) {
    super(5, message, cause);
  }
}
