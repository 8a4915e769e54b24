package org.losslandscape.models.sharpness;

import java.util.Locale;

/**
 * Which average-case sharpness {@code E[L(w + e)] - L(w)} is measured: the distribution of the
 * Gaussian perturbation e.
 */
public sealed interface AverageCaseDefinition {

  /** Per-coordinate standard deviation of e at {@code theta}. */
  double[] noiseScale(double[] theta);

  /** A one-line statement of the definition with its parameters, for result files. */
  String describe();

  /**
   * {@code e ~ N(0, sigma^2 I)} on every parameter. Not invariant to ReLU rescaling.
   *
   * @param sigma the standard deviation
   */
  record Isotropic(double sigma) implements AverageCaseDefinition {
    public Isotropic {
      requirePositive(sigma);
    }

    @Override
    public double[] noiseScale(double[] theta) {
      double[] scale = new double[theta.length];
      java.util.Arrays.fill(scale, sigma);
      return scale;
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "E[L(w+e)] - L(w), e ~ N(0, %s^2 I)", sigma);
    }
  }

  /**
   * {@code e_i ~ N(0, sigma^2 w_i^2)} on every parameter (biases by |b_i|): a relative
   * perturbation, invariant to per-neuron ReLU rescaling.
   *
   * @param sigma the standard deviation relative to |w_i|
   */
  record ElementScaled(double sigma) implements AverageCaseDefinition {
    public ElementScaled {
      requirePositive(sigma);
    }

    @Override
    public double[] noiseScale(double[] theta) {
      double[] scale = new double[theta.length];
      for (int k = 0; k < theta.length; k++) {
        scale[k] = sigma * Math.abs(theta[k]);
      }
      return scale;
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "E[L(w+e)] - L(w), e_i ~ N(0, (%s |w_i|)^2)", sigma);
    }
  }

  private static void requirePositive(double sigma) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be positive, got " + sigma);
    }
  }
}
