package org.losslandscape.pipeline.io;

import java.nio.file.Path;

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

  /**
   * The one line a cache gives when the disk fills up while it keeps {@code what} ("the trained
   * weights", "a finished slice") in {@code cacheRoot}.
   */
  public static DiskFullException inCache(String what, Path cacheRoot, Throwable e) {
    return new DiskFullException(
        "Cannot keep "
            + what
            + " in the cache "
            + cacheRoot.toAbsolutePath()
            + ": the disk is full ("
            + WriteFailures.NO_SPACE
            + "); free some space or use another --cache-dir and run the same command again"
            + " (the entries already there are whole).",
        e);
  }
}
