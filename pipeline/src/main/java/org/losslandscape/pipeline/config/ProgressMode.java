package org.losslandscape.pipeline.config;

import java.util.Locale;

/**
 * How a run shows its progress: a live bar redrawn in place, or a log line every few seconds. A bar
 * only makes sense on an interactive terminal; in a log file or CI output its carriage returns are
 * noise, so {@link #AUTO} picks the bar there and the log lines everywhere else.
 */
public enum ProgressMode {
  /** The bar on an interactive terminal, log lines otherwise. */
  AUTO,
  /** Always the bar. */
  BAR,
  /** Always the periodic log lines. */
  LOG;

  /** The mode a word names: {@code auto}, {@code bar} or {@code log}. */
  public static ProgressMode parse(String word) {
    for (ProgressMode m : values()) {
      if (m.label().equals(word)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown progress display '" + word + "': use auto, bar or log");
  }

  /** The lower-case word for this mode. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * What to show: {@link #BAR} or {@link #LOG}. {@link #AUTO} becomes the bar exactly when {@code
   * interactiveTerminal} is true.
   */
  public ProgressMode resolve(boolean interactiveTerminal) {
    if (this == AUTO) {
      return interactiveTerminal ? BAR : LOG;
    }
    return this;
  }
}
