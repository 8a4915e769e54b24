package org.losslandscape.pipeline.io;

/**
 * A result file could not be written or read back.
 *
 * <p>The message is a single line meant for the user (the CLI prints only the message), so it names
 * the file or folder involved and, where possible, what to do about it.
 */
public class ResultsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line, user-facing message. */
  public ResultsException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line, user-facing message and the underlying cause. */
  public ResultsException(String message, Throwable cause) {
    super(message, cause);
  }
}
