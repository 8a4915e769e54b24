package org.losslandscape.pipeline.io;

/**
 * A write failed because the disk (or the user's quota) is full.
 *
 * <p>Kept apart from other {@link ResultsException}s because it is not a matter of one file: the
 * caches, which shrug off other write failures (a cache that cannot be written only costs work next
 * time), stop the run on it, since everything after would fail the same way.
 */
public class DiskFullException extends ResultsException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line, user-facing message and the underlying cause. */
  public DiskFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
