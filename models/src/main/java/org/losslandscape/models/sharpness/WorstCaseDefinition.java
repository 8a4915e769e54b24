package org.losslandscape.models.sharpness;

import java.util.Locale;

/**
 * Which worst-case sharpness is measured: the region around the weights w over which the loss
 * increase is maximized, and the number reported. Every result names its definition.
 */
public sealed interface WorstCaseDefinition {

  /** The region around {@code theta}; {@code weightMask[k]} is true for kernel entries. */
  PerturbationRegion region(double[] theta, boolean[] weightMask);

  /** The reported number, from the loss increase found and the loss at the weights. */
  double headline(double increase, double centreLoss);

  /** A one-line statement of the definition with its parameters, for result files. */
  String describe();

  /**
   * SAM's sharpness (Foret et al. 2021): {@code max_{||e||_2 <= rho} L(w + e) - L(w)} over all
   * parameters. Not invariant to ReLU rescaling.
   *
   * @param rho the ball's radius (0.05 in SAM)
   */
  record L2Ball(double rho) implements WorstCaseDefinition {
    public L2Ball {
      requirePositive("rho", rho);
    }

    @Override
    public PerturbationRegion region(double[] theta, boolean[] weightMask) {
      double[] ones = new double[theta.length];
      java.util.Arrays.fill(ones, 1);
      return new PerturbationRegion.ScaledBall(rho, ones);
    }

    @Override
    public double headline(double increase, double centreLoss) {
      return increase;
    }

    @Override
    public String describe() {
      return String.format(Locale.ROOT, "max_{||e||_2 <= %s} L(w+e) - L(w) (SAM, L2 ball)", rho);
    }
  }

  /**
   * ASAM's adaptive sharpness (Kwon et al. 2021): {@code max_{||T_w^-1 e||_2 <= rho} L(w + e) -
   * L(w)} with {@code T_w = diag(|w| + eta)} on the weights. The biases follow {@code biasScale}.
   *
   * @param rho the ball's radius in scaled coordinates
   * @param eta added to |w| so that zero weights can move (0.01 in the authors' code)
   * @param biasScale how bias entries are scaled
   */
  record AdaptiveBall(double rho, double eta, BiasScale biasScale) implements WorstCaseDefinition {

    /**
     * How ASAM's {@code T_w} treats bias entries.
     *
     * <p>Only {@link #ADAPTIVE} makes the measure invariant to per-neuron ReLU rescaling (as eta
     * goes to 0): that rescaling multiplies a neuron's bias by the same factor as its incoming
     * weights, which a fixed bias scale does not follow.
     */
    public enum BiasScale {
      /** {@code T = 1} on biases, as in the authors' code (only "weight" tensors are scaled). */
      IDENTITY,
      /** {@code T = |b| + eta} on biases too, like the weights. */
      ADAPTIVE
    }

    public AdaptiveBall {
      requirePositive("rho", rho);
      if (!(eta >= 0) || Double.isInfinite(eta)) {
        throw new IllegalArgumentException("eta must be >= 0, got " + eta);
      }
    }

    /** ASAM as published: eta 0.01, identity on biases. */
    public static AdaptiveBall asam(double rho) {
      return new AdaptiveBall(rho, 0.01, BiasScale.IDENTITY);
    }

    @Override
    public PerturbationRegion region(double[] theta, boolean[] weightMask) {
      double[] scale = new double[theta.length];
      for (int k = 0; k < theta.length; k++) {
        boolean adaptive = weightMask[k] || biasScale == BiasScale.ADAPTIVE;
        scale[k] = adaptive ? Math.abs(theta[k]) + eta : 1;
      }
      return new PerturbationRegion.ScaledBall(rho, scale);
    }

    @Override
    public double headline(double increase, double centreLoss) {
      return increase;
    }

    @Override
    public String describe() {
      return String.format(
          Locale.ROOT,
          "max_{||e / (|w| + %s)||_2 <= %s} L(w+e) - L(w) (ASAM adaptive ball; biases: %s)",
          eta,
          rho,
          biasScale == BiasScale.IDENTITY ? "unscaled" : "scaled by |b| + eta");
    }
  }

  /**
   * Keskar et al. 2017's eps-sharpness (Metric 2.1): the box {@code |e_i| <= eps (|w_i| + 1)} over
   * all parameters, reported as {@code phi = 100 (max L(w + e) - L(w)) / (1 + L(w))}.
   *
   * @param epsilon the box's relative size (1e-3 and 5e-4 in the paper)
   */
  record KeskarBox(double epsilon) implements WorstCaseDefinition {
    public KeskarBox {
      requirePositive("epsilon", epsilon);
    }

    @Override
    public PerturbationRegion region(double[] theta, boolean[] weightMask) {
      double[] halfWidth = new double[theta.length];
      for (int k = 0; k < theta.length; k++) {
        halfWidth[k] = epsilon * (Math.abs(theta[k]) + 1);
      }
      return new PerturbationRegion.Box(halfWidth);
    }

    /** Keskar's phi: the increase as a percentage of {@code 1 + L(w)}. */
    @Override
    public double headline(double increase, double centreLoss) {
      return 100 * increase / (1 + centreLoss);
    }

    @Override
    public String describe() {
      return String.format(
          Locale.ROOT,
          "phi = 100 (max_{|e_i| <= %s (|w_i| + 1)} L(w+e) - L(w)) / (1 + L(w)) (Keskar box)",
          epsilon);
    }
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
