package org.losslandscape.models.device;

/**
 * Thrown when {@code --require-gpu} is set but no GPU is usable. The message is one line and says
 * which condition failed; the CLI maps this exception to exit code {@link #EXIT_CODE}.
 */
public final class GpuUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The process exit code the CLI uses for this failure. */
  public static final int EXIT_CODE = 3;

  /**
   * Creates the exception.
   *
   * @param message one-line explanation
   */
  public GpuUnavailableException(String message) {
    super(message);
  }
}
