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

  /**
   * 20 steps, 3 restarts, first step the full radius, seed 0: within 1% of the exact maximum of
   * quadratics in SAM's regime (see the tests).
   */
  public static AscentSettings defaults() {
    return new AscentSettings(20, 3, 1.0, 0);
  }

  /**
   * 10 steps, 1 restart (11 gradient evaluations), for studies that measure many models. On the
   * default 784-128-64-10 net after two epochs (lr 0.1 / batch 32 and lr 0.01 / batch 1024), each
   * variant (L2 rho 0.05 and 0.5, ASAM rho 0.5 and 2, Keskar eps 1e-3 and 5e-4) came within 1.6% of
   * {@link #defaults()} (most within 0.7%); the difference came from the steps, since the random
   * restarts never found a higher point than the one started at the weights.
   */
  public static AscentSettings quick() {
    return new AscentSettings(10, 1, 1.0, 0);
  }
}
