package org.losslandscape.pipeline.config;

/**
 * Whether and how each recipe's training trajectory is kept and drawn (Li et al. 2018, section 7):
 * checkpoints of the first seed's run, the top two principal components of their offsets from the
 * final weights, and the loss on the plane they span.
 *
 * @param checkpoints evenly spaced checkpoints per run, the initial and final weights included; 0
 *     turns the feature off
 * @param margin fraction of the projected path's extent added on every side of the evaluated window
 */
public record TrajectorySettings(int checkpoints, double margin) {

  /** The number of checkpoints when the feature is turned on without a count. */
  public static final int DEFAULT_CHECKPOINTS = 21;

  /** The margin around the path. */
  public static final double DEFAULT_MARGIN = 0.25;

  public TrajectorySettings {
    if (checkpoints != 0 && checkpoints < 3) {
      throw new IllegalArgumentException(
          "trajectory checkpoints must be 0 (off) or at least 3 (two principal directions need"
              + " three points), got "
              + checkpoints);
    }
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new IllegalArgumentException(
          "trajectory margin must be a finite fraction >= 0, got " + margin);
    }
  }

  /** Off: no checkpoints kept, nothing drawn. */
  public static TrajectorySettings defaults() {
    return new TrajectorySettings(0, DEFAULT_MARGIN);
  }

  /** On with {@code checkpoints} checkpoints and the default margin. */
  public static TrajectorySettings on(int checkpoints) {
    return new TrajectorySettings(checkpoints, DEFAULT_MARGIN);
  }

  /** True when trajectories are kept and drawn. */
  public boolean enabled() {
    return checkpoints > 0;
  }
}
