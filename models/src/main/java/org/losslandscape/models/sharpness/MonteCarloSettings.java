package org.losslandscape.models.sharpness;

/**
 * How {@link AverageCaseSharpness} samples perturbations.
 *
 * @param samples independent draws z ~ N(0, I)
 * @param antithetic also evaluate {@code -e} for every {@code e} and average the pair: same
 *     expectation (e and -e are equally likely), but the first-order term {@code g . e}, which
 *     dominates the variance near a minimum that is not exactly stationary, cancels. Costs two loss
 *     evaluations per sample.
 * @param seed seeds the draws; the same seed gives the same z for every model of one architecture
 */
public record MonteCarloSettings(int samples, boolean antithetic, long seed) {

  public MonteCarloSettings {
    if (samples < 2) {
      throw new IllegalArgumentException(
          "an interval needs at least 2 Monte Carlo samples, got " + samples);
    }
  }
}
