package org.losslandscape.pipeline.config;

import java.util.Objects;

/**
 * Two recipes whose minima are joined by a straight line: {@code from} at t = 0, {@code to} at t =
 * 1.
 *
 * @param from the recipe at t = 0
 * @param to the recipe at t = 1
 */
public record RecipePair(String from, String to) {

  public RecipePair {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.equals(to)) {
      throw new IllegalArgumentException(
          "an interpolation pair needs two different recipes, got " + from + ":" + to);
    }
  }

  /** Parses {@code FROM:TO}. */
  public static RecipePair parse(String text) {
    String[] parts = text.strip().split(":", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException(
          "an interpolation pair is written FROM:TO, e.g. high_lr_small_batch:high_lr_large_batch,"
              + " got '"
              + text
              + "'");
    }
    return new RecipePair(parts[0].strip(), parts[1].strip());
  }

  /** {@code from:to}, as parsed. */
  public String label() {
    return from + ":" + to;
  }
}
