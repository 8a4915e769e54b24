package org.losslandscape.models.sharpness;

/**
 * The outcome of {@link PerturbationAscent#maximize}: the largest value found anywhere in the
 * region (a lower bound on the true maximum, since every evaluated point is feasible).
 *
 * @param centreValue the objective at the centre (e = 0)
 * @param bestValue the largest value evaluated, over all restarts
 * @param firstStepValue the value after the single normalized-gradient step from the centre: SAM's
 *     one-step estimate for a ball, the fast-gradient-sign vertex for a box
 * @param bestPerturbation the perturbation e at which {@code bestValue} was found
 * @param perRestartBest the best value of each restart, in order
 * @param evaluations value-and-gradient evaluations used, over all restarts
 * @param settings the settings used
 * @param quarterValues the best value over all starts after each quarter of the iterations (the
 *     last is {@code bestValue})
 */
public record AscentResult(
    double centreValue,
    double bestValue,
    double firstStepValue,
    double[] bestPerturbation,
    double[] perRestartBest,
    int evaluations,
    AscentSettings settings,
    double[] quarterValues) {

  /** The relative rise of the last quarter above which a search is not converged. */
  public static final double CONVERGED_WITHIN = 0.01;

  /** {@code bestValue - centreValue}: the worst-case increase found. */
  public double increase() {
    return bestValue - centreValue;
  }

  /**
   * Whether the last quarter of the iterations raised the increase by at most {@link
   * #CONVERGED_WITHIN} of it: a search still climbing at its end understates the maximum, and
   * understates sharp models the most.
   */
  public boolean converged() {
    double increase = increase();
    double beforeLastQuarter = quarterValues[2] - centreValue;
    return increase <= 0 || increase - beforeLastQuarter <= CONVERGED_WITHIN * increase;
  }

  /** {@code firstStepValue - centreValue}: the one-step estimate of the increase. */
  public double firstStepIncrease() {
    return firstStepValue - centreValue;
  }
}
