package id.netra;

/** Status OUT_OF_RANGE (11) of the C ABI (netra_status NETRA_OUT_OF_RANGE). */
public final class OutOfRangeException extends NetraException {
  private static final long serialVersionUID = 1L;

  public OutOfRangeException(String message) {
    super(11, message);
  }

  OutOfRangeException(String message, Throwable cause) {
    super(11, message, cause);
  }
}
