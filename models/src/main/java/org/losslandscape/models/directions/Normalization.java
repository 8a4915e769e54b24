package org.losslandscape.models.directions;

import java.util.Locale;

/** How a random Gaussian direction is scaled to the weights it perturbs (Li et al. 2018). */
public enum Normalization {
  /**
   * Each filter (for a dense layer: one neuron, i.e. one <em>column</em> of an {@code [in, out]}
   * kernel) is rescaled to the norm of the same column of the weights. Makes slices comparable
   * across networks and invariant to ReLU rescaling.
   */
  FILTER,
  /** Each weight tensor as a whole is rescaled to the norm of the matching weight tensor. */
  LAYER,
  /** The raw draw: layers with large norms dominate and the picture depends on the weight scale. */
  NONE;

  /** Parses {@code filter}, {@code layer} or {@code none}. */
  public static Normalization parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown normalization '" + text + "' (use filter, layer or none)");
    }
  }

  /** The lower-case name used on the command line and in result files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
