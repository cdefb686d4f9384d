package id.netra;

/** Status PERMISSION_DENIED (7) of the C ABI (netra_status NETRA_PERMISSION_DENIED). */
public final class PermissionDeniedException extends NetraException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(7, message);
  }

  PermissionDeniedException(String message, Throwable cause) {
    super(7, message, cause);
  }
}
