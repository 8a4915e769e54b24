package org.losslandscape.pipeline.data;

/**
 * The data set is missing, unreadable or malformed.
 *
 * <p>The message is a single line meant for the user (the CLI prints only the message): it names
 * the file or folder involved and says what to do about it.
 */
public class DataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line, user-facing message. */
  public DataException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line, user-facing message and the underlying cause. */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
