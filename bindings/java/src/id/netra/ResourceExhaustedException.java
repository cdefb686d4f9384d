package id.netra;

/** Status RESOURCE_EXHAUSTED (8) of the C ABI (netra_status NETRA_RESOURCE_EXHAUSTED). */
public final class ResourceExhaustedException extends NetraException {
  private static final long serialVersionUID = 1L;

  public ResourceExhaustedException(String message) {
    super(8, message);
  }

  ResourceExhaustedException(String message, Throwable cause) {
    super(8, message, cause);
  }
}
