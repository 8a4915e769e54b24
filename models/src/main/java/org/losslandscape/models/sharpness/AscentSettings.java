package org.losslandscape.models.sharpness;

/**
 * How {@link PerturbationAscent} searches a region for the largest loss.
 *
 * @param steps gradient evaluations per restart after the starting point
 * @param restarts independent searches: the first starts at the centre (so its first step is SAM's
 *     one-step ascent), the others at random boundary points
 * @param initialStep length of the first step as a fraction of the region's radius (the ball's rho,
 *     the box's half width); it halves after every step that would lower the loss
 * @param seed seeds the random restarts
 */
public record AscentSettings(int steps, int restarts, double initialStep, long seed) {

  public AscentSettings {
    if (steps < 1 || restarts < 1) {
      throw new IllegalArgumentException(
          "need at least one step and one restart, got " + steps + " and " + restarts);
    }
    if (!(initialStep > 0) || Double.isInfinite(initialStep)) {
      throw new IllegalArgumentException(
          "the initial step must be a positive fraction of the radius, got " + initialStep);
    }
  }

  /** 20 steps, 3 restarts, first step the full radius, seed 0. */
  public static AscentSettings defaults() {
    return new AscentSettings(20, 3, 1.0, 0);
  }
}
