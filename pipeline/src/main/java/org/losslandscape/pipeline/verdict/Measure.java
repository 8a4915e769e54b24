package org.losslandscape.pipeline.verdict;

import java.util.Objects;

/**
 * One sharpness measure the verdict compares recipes by. Larger means sharper for every measure.
 *
 * @param key a stable machine-readable name, e.g. {@code slice_sharpness@0.5}
 * @param label a short human-readable name for tables and figure titles
 * @param definition what it is, in one line, with its settings
 */
public record Measure(String key, String label, String definition) {

  public Measure {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(definition, "definition");
  }

  /** Slice sharpness at radius {@code epsilon} (each run's mean over its direction pairs). */
  public static Measure sliceSharpness(double epsilon, String normalization) {
    return new Measure(
        "slice_sharpness@" + epsilon,
        "slice S(" + epsilon + ")",
        "max of L(a, b) - L(0, 0) over the disk of radius "
            + epsilon
            + " on a 2-D slice along "
            + normalization
            + "-normalized directions (searched on the plane, not on the grid's points), mean"
            + " over direction pairs");
  }

  /** The largest Hessian eigenvalue (Lanczos). */
  public static Measure lambdaMax() {
    return new Measure(
        "lambda_max",
        "λ_max",
        "largest eigenvalue of the Hessian of the mean training loss on the landscape samples"
            + " (Lanczos on Hessian-vector products)");
  }

  /** The Hessian's trace (Hutchinson). */
  public static Measure hessianTrace(int probes) {
    return new Measure(
        "hessian_trace",
        "Hessian trace",
        "trace of the Hessian by Hutchinson's estimator, mean over "
            + probes
            + " Rademacher probes");
  }

  /** SAM's worst-case sharpness in an L2 ball of radius {@code rho}. */
  public static Measure sam(double rho) {
    return new Measure(
        "worst_case_l2@" + rho,
        "SAM ρ=" + rho,
        "max over ||e||_2 <= " + rho + " of L(w + e) - L(w), by projected gradient ascent");
  }

  /** m-sharpness of SAM's ball: the mean over batches of m samples of each batch's worst case. */
  public static Measure mSam(double rho, int m) {
    return new Measure(
        "m_sharpness_l2@" + rho + "/m" + m,
        "SAM ρ=" + rho + ", m=" + m,
        "mean over batches of "
            + m
            + " samples of max over ||e||_2 <= "
            + rho
            + " of L_batch(w + e) - L_batch(w)");
  }

  /** m-sharpness of ASAM's adaptive ball. */
  public static Measure mAsam(double rho, double eta, int m) {
    return new Measure(
        "m_sharpness_adaptive@" + rho + "/m" + m,
        "ASAM ρ=" + rho + ", m=" + m,
        "mean over batches of "
            + m
            + " samples of max over ||e / (|w| + "
            + eta
            + ")||_2 <= "
            + rho
            + " of L_batch(w + e) - L_batch(w)");
  }

  /** ASAM's adaptive worst-case sharpness. */
  public static Measure asam(double rho, double eta) {
    return new Measure(
        "worst_case_adaptive@" + rho,
        "ASAM ρ=" + rho,
        "max over ||e / (|w| + "
            + eta
            + ")||_2 <= "
            + rho
            + " (weights; biases unscaled) of L(w + e) - L(w), by projected gradient ascent");
  }

  /** Keskar et al.'s box sharpness phi. */
  public static Measure keskar(double epsilon) {
    return new Measure(
        "keskar_phi@" + epsilon,
        "Keskar φ ε=" + epsilon,
        "100 (max over |e_i| <= "
            + epsilon
            + " (|w_i| + 1) of L(w + e) - L(w)) / (1 + L(w)), by projected gradient ascent");
  }

  /** Average-case sharpness under isotropic Gaussian noise. */
  public static Measure averageIsotropic(double sigma) {
    return new Measure(
        "average_isotropic@" + sigma,
        "average σ=" + sigma,
        "E[L(w + e)] - L(w), e ~ N(0, " + sigma + "^2 I), Monte Carlo");
  }

  /** Average-case sharpness under |w|-scaled Gaussian noise. */
  public static Measure averageElementScaled(double sigma) {
    return new Measure(
        "average_element@" + sigma,
        "average " + sigma + "|w|",
        "E[L(w + e)] - L(w), e_i ~ N(0, (" + sigma + " |w_i|)^2), Monte Carlo");
  }

  /**
   * The unit of the values of the measure with this {@code key}, for axis titles: curvature is a
   * loss per squared weight step, Keskar's phi a percentage, every other measure a loss increase.
   */
  public static String unitOf(String key) {
    if (key.equals("lambda_max") || key.equals("hessian_trace")) {
      return "nats per unit² of weight";
    }
    if (key.startsWith("keskar_phi@")) {
      return "% of 1 + L(w)";
    }
    return "nats of loss increase";
  }
}
