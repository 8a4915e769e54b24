package org.losslandscape.models.directions;

import java.util.Locale;

/** How a random Gaussian direction is scaled to the weights it perturbs (Li et al. 2018). */
public enum Normalization {
  /**
   * Each filter (for a dense layer: one neuron, i.e. one <em>column</em> of an {@code [in, out]}
   * kernel) is rescaled to the norm of the same column of the weights. Makes slices comparable
   * across networks and invariant to rescaling a whole ReLU layer; not to rescaling each neuron by
   * its own factor, since the next layer's columns mix rows scaled differently.
   */
  FILTER,
  /** Each weight tensor as a whole is rescaled to the norm of the matching weight tensor. */
  LAYER,
  /** The raw draw: layers with large norms dominate and the picture depends on the weight scale. */
  NONE,
  /**
   * Every entry of the draw is multiplied by the magnitude of its weight, {@code d_i = z_i |w_i|}:
   * a relative perturbation. The only mode invariant to per-neuron ReLU rescaling (each neuron's
   * incoming weights times c, its outgoing weights times 1/c), because each entry follows its own
   * weight.
   */
  ELEMENT;

  /** Parses {@code filter}, {@code layer}, {@code none} or {@code element}. */
  public static Normalization parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown normalization '" + text + "' (use filter, layer, none or element)");
    }
  }

  /** The lower-case name used on the command line and in result files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
