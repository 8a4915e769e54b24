package org.losslandscape.models.sharpness;

import java.util.Random;
import org.losslandscape.models.curvature.Objective;
import org.losslandscape.models.statistics.MeanInterval;

/**
 * Average-case sharpness {@code E[L(w + e)] - L(w)} for a Gaussian perturbation e, estimated by
 * Monte Carlo with a 95% interval over the samples.
 *
 * <p>Sample {@code s} draws {@code z_s ~ N(0, I)} from the seeded generator, one coordinate after
 * another in parameter order, and perturbs by {@code e = noiseScale * z_s}; with the same seed the
 * same z is used for every model, so differences between models are not draw noise.
 *
 * @param definition what was measured
 * @param centreLoss L(w)
 * @param increase mean and 95% interval of the per-sample increase
 * @param perSample the per-sample increase {@code L(w + e) - L(w)} (antithetic: the pair's mean
 *     minus L(w)), in draw order
 * @param settings the settings used
 */
public record AverageCaseSharpness(
    AverageCaseDefinition definition,
    double centreLoss,
    MeanInterval increase,
    double[] perSample,
    MonteCarloSettings settings) {

  /** Loss evaluations used: one for the centre, one or two per sample. */
  public int evaluations() {
    return 1 + perSample.length * (settings.antithetic() ? 2 : 1);
  }

  /** Estimates {@code definition}'s expectation at {@code theta} for {@code loss}. */
  public static AverageCaseSharpness measure(
      Objective loss,
      double[] theta,
      AverageCaseDefinition definition,
      MonteCarloSettings settings) {
    if (theta.length != loss.dimension()) {
      throw new IllegalArgumentException(
          "theta has " + theta.length + " entries, the loss takes " + loss.dimension());
    }
    double[] scale = definition.noiseScale(theta);
    double centre = loss.value(theta);
    Random random = new Random(settings.seed());
    double[] increases = new double[settings.samples()];
    for (int s = 0; s < increases.length; s++) {
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      for (int k = 0; k < theta.length; k++) {
        double e = scale[k] * random.nextGaussian();
        plus[k] += e;
        minus[k] -= e;
      }
      double value = loss.value(plus);
      if (settings.antithetic()) {
        value = (value + loss.value(minus)) / 2;
      }
      increases[s] = value - centre;
    }
    return new AverageCaseSharpness(
        definition, centre, MeanInterval.of(increases), increases, settings);
  }
}
