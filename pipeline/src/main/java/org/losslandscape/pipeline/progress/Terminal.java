package org.losslandscape.pipeline.progress;

import java.io.PrintWriter;

/**
 * What this process knows about the terminal it runs in, from {@link System#console()} (non-null
 * only when standard input and output are both a terminal) and the environment ({@code TERM=dumb}
 * marks a terminal that cannot redraw a line; {@code COLUMNS} its width).
 *
 * @param interactive a person is watching a terminal that can redraw a line
 * @param columns its width in characters (80 when unknown)
 */
public record Terminal(boolean interactive, int columns) {

  /** The width assumed when the environment does not say. */
  public static final int DEFAULT_COLUMNS = 80;

  /** The terminal of this process. */
  public static Terminal detect() {
    return of(System.console() != null, System.getenv("TERM"), System.getenv("COLUMNS"));
  }

  /** The terminal these facts describe (the pure part of {@link #detect}, for tests). */
  static Terminal of(boolean console, String term, String columns) {
    int width = DEFAULT_COLUMNS;
    if (columns != null) {
      try {
        width = Math.max(20, Integer.parseInt(columns.strip()));
      } catch (NumberFormatException e) {
        width = DEFAULT_COLUMNS;
      }
    }
    return new Terminal(console && !"dumb".equals(term), width);
  }

  /**
   * Where a bar is drawn: the console itself when there is one (so that a redirected standard
   * error, a log file, never receives a bar), standard error otherwise.
   */
  public static PrintWriter barOutput() {
    return System.console() != null ? System.console().writer() : new PrintWriter(System.err, true);
  }
}
