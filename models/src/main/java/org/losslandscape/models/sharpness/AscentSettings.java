package org.losslandscape.models.sharpness;

/**
 * How {@link PerturbationAscent} searches a region for the largest loss.
 *
 * @param steps iterations per start (one gradient evaluation each)
 * @param restarts starts: the first at the centre (so its first step is SAM's one-step ascent), the
 *     others at random boundary points
 * @param initialStep the step length eta at the start as a multiple of the region's radius (the
 *     ball's rho, the box's half width); APGD halves it at checkpoints where the search stalls
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
   * Andriushchenko et al.'s (2023) setting: 20 APGD iterations, a start at the centre (the gradient
   * direction) and one at a random boundary point, a first step of twice the radius (APGD's 2 eps),
   * seed 0.
   */
  public static AscentSettings defaults() {
    return new AscentSettings(20, 2, 2.0, 0);
  }
}
