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
 */
public record AscentResult(
    double centreValue,
    double bestValue,
    double firstStepValue,
    double[] bestPerturbation,
    double[] perRestartBest,
    int evaluations,
    AscentSettings settings) {

  /** {@code bestValue - centreValue}: the worst-case increase found. */
  public double increase() {
    return bestValue - centreValue;
  }

  /** {@code firstStepValue - centreValue}: the one-step estimate of the increase. */
  public double firstStepIncrease() {
    return firstStepValue - centreValue;
  }
}
