package org.losslandscape.models.directions;

import java.util.Locale;

/**
 * What a direction does to the biases (and any other rank-1 parameter). Every slice must say which
 * rule it used: they give different pictures.
 */
public enum BiasRule {
  /** Biases are not perturbed: {@code d = 0} (Li et al.'s {@code ignore=biasbn}; the default). */
  ZERO,
  /**
   * Biases get their Gaussian draw, normalized as the direction's normalization says: as one vector
   * to the bias's norm for {@link Normalization#FILTER} and {@link Normalization#LAYER}, raw for
   * {@link Normalization#NONE}, entry by entry ({@code z_i |b_i|}) for {@link
   * Normalization#ELEMENT}.
   */
  GAUSSIAN,
  /**
   * The bias direction is the bias itself, {@code d = b}, whatever the normalization: what Li et
   * al.'s code does when biases are not ignored.
   */
  LI;

  /** Parses {@code zero}, {@code gaussian} or {@code li}. */
  public static BiasRule parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown bias rule '" + text + "' (use zero, gaussian or li)");
    }
  }

  /** The lower-case name used on the command line and in result files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
