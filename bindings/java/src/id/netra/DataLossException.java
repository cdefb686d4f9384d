package id.netra;

/** Status DATA_LOSS (15) of the C ABI (netra_status NETRA_DATA_LOSS). */
public final class DataLossException extends NetraException {
  private static final long serialVersionUID = 1L;

  public DataLossException(String message) {
    super(15, message);
  }

  DataLossException(String message, Throwable cause) {
    super(15, message, cause);
  }
}
