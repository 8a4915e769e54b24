package org.losslandscape.models.network;

/**
 * Which statistics batch norm uses when a trained network is evaluated (in a landscape, a measure,
 * an evaluation). Training always uses each minibatch's statistics. The choice changes the surface:
 * with {@link #FROZEN} a perturbation of the weights before a batch-norm layer shifts its input
 * away from the stored statistics and the loss rises faster; {@link #BATCH} and {@link #RECOMPUTE}
 * re-centre every layer at every point, which hides the scale of the weights before it (as Li et
 * al. note, batch norm makes the loss invariant to that scale).
 */
public enum BatchNormMode {
  /** The moving statistics stored with the minimum (Keras' inference mode). */
  FROZEN("frozen"),
  /**
   * The statistics of the samples being evaluated, computed in the same pass, batch by batch of
   * {@link #EVALUATED_BATCH} samples (so a number does not depend on how an evaluator chunks its
   * work).
   */
  BATCH("batch"),
  /**
   * Statistics re-estimated at every evaluated point from a fixed set of calibration samples, then
   * applied to the evaluated samples.
   */
  RECOMPUTE("recompute");

  /** The samples each batch of {@link #BATCH} takes its statistics from (the last may be fewer). */
  public static final int EVALUATED_BATCH = 128;

  /**
   * How many samples an evaluator may put in one pass of {@code network}: {@code preferred}, or
   * {@link #EVALUATED_BATCH} when the network's statistics are those of each batch.
   */
  public static int samplesPerPass(Network network, int preferred) {
    return network.batchNormMode() == BATCH && !network.stateSpecs().isEmpty()
        ? EVALUATED_BATCH
        : preferred;
  }

  private final String key;

  BatchNormMode(String key) {
    this.key = key;
  }

  /** The name on the command line and in results. */
  public String key() {
    return key;
  }
}
