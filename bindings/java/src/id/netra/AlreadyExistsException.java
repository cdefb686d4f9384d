package id.netra;

/** Status ALREADY_EXISTS (6) of the C ABI (netra_status NETRA_ALREADY_EXISTS). */
public final class AlreadyExistsException extends NetraException {
  private static final long serialVersionUID = 1L;

  public AlreadyExistsException(String message) {
    super(6, message);
  }

  AlreadyExistsException(String message, Throwable cause) {
    super(6, message, cause);
  }
}
