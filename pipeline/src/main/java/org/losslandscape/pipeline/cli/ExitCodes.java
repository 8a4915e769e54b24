package org.losslandscape.pipeline.cli;

/** Process exit codes, as documented in {@code --help} and the README. */
public final class ExitCodes {

  /** Everything ran and every configuration trained. */
  public static final int OK = 0;

  /** Missing or corrupt data, unwritable output, or another runtime failure. */
  public static final int FAILED = 1;

  /** Impossible or contradictory options. */
  public static final int USAGE = 2;

  /** {@code --require-gpu} was given and no GPU is usable. */
  public static final int NO_GPU = 3;

  /** The study finished but at least one configuration diverged (its results are marked). */
  public static final int DIVERGED = 4;

  /**
   * Stopped by SIGTERM (128 + 15; Ctrl-C's SIGINT gives 130): set by the JVM, not returned by the
   * tool, which only removes its temporary files and says how to resume.
   */
  public static final int TERMINATED = 143;

  private ExitCodes() {}
}
