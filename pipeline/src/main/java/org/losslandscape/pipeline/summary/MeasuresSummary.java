package org.losslandscape.pipeline.summary;

import java.util.List;

/**
 * The measures beyond the slices of one run (the recipe's first seed), each with the settings that
 * produced it. Sections that were not asked for are absent.
 *
 * @param loss the mean training loss on the measure samples at the trained weights
 * @param hessian top eigenvalues, trace and the edge-of-stability ratio
 * @param spectrum the eigenvalue density's settings and its file
 * @param worstCase SAM, ASAM and Keskar sharpness
 * @param averageCase Gaussian-perturbation sharpness
 */
public record MeasuresSummary(
    double loss, Hessian hessian, Spectrum spectrum, WorstCase worstCase, AverageCase averageCase) {

  /**
   * Curvature.
   *
   * @param topEigenvalues the largest eigenvalues, largest first, with how each estimate ended
   * @param iterations Lanczos iterations (Hessian-vector products) used
   * @param trace Hutchinson's trace estimate with its 95% interval over probes
   * @param traceProbes Rademacher probes
   * @param edgeOfStability learning rate x lambda_max / 2: gradient descent cannot stay where this
   *     exceeds 1 (Cohen et al. 2021)
   */
  public record Hessian(
      List<Eigenvalue> topEigenvalues,
      int iterations,
      IntervalSummary trace,
      int traceProbes,
      Double edgeOfStability) {}

  /**
   * One eigenvalue estimate.
   *
   * @param value the Ritz value
   * @param status {@code converged}, {@code exact} or {@code not_converged}
   * @param convergedAtIteration the iteration after which it stayed within tolerance (-1: never)
   * @param residualNorm ||H y - value y|| for the unit Ritz vector y
   */
  public record Eigenvalue(
      double value, String status, int convergedAtIteration, double residualNorm) {}

  /**
   * The spectral density (stochastic Lanczos quadrature).
   *
   * @param probes random probes
   * @param lanczosSteps Lanczos steps per probe
   * @param sigma width of the Gaussian on each node
   * @param trace the trace implied by the quadrature, with its interval over probes
   * @param file the density curve, [2, grid points]: eigenvalue, density
   */
  public record Spectrum(
      int probes, int lanczosSteps, double sigma, IntervalSummary trace, String file) {}

  /**
   * Worst-case sharpness.
   *
   * @param sam SAM's L2 ball
   * @param asam ASAM's adaptive ball
   * @param keskar Keskar's box (value is phi, in percent)
   * @param mSharpness SAM's and ASAM's m-sharpness, when computed (else null)
   */
  public record WorstCase(Ascent sam, Ascent asam, Ascent keskar, MSharpness mSharpness) {

    /** The three full-set searches, without m-sharpness. */
    public WorstCase(Ascent sam, Ascent asam, Ascent keskar) {
      this(sam, asam, keskar, null);
    }
  }

  /**
   * m-sharpness: the mean over batches of m samples of each batch's worst-case increase.
   *
   * @param m samples per batch
   * @param batches full batches measured
   * @param sam SAM's L2 ball: mean and 95% interval over batches
   * @param asam ASAM's adaptive ball: the same
   * @param convergedBatches batches whose SAM and ASAM searches both converged
   */
  public record MSharpness(
      int m, int batches, IntervalSummary sam, IntervalSummary asam, int convergedBatches) {}

  /**
   * One worst-case search.
   *
   * @param definition what is maximized, with its radius
   * @param value the largest increase found (Keskar: phi)
   * @param oneStepValue the same after SAM's single normalized-gradient step
   * @param steps gradient steps per restart
   * @param restarts restarts
   * @param evaluations loss-and-gradient evaluations used
   * @param quarterValues the value after each quarter of the iterations (the last is {@code value})
   * @param converged whether the last quarter raised the increase by at most 1%
   */
  public record Ascent(
      String definition,
      double value,
      double oneStepValue,
      int steps,
      int restarts,
      int evaluations,
      double[] quarterValues,
      boolean converged) {}

  /**
   * Average-case sharpness.
   *
   * @param isotropic e ~ N(0, sigma^2 I)
   * @param elementScaled e_i ~ N(0, (sigma |w_i|)^2)
   */
  public record AverageCase(MonteCarlo isotropic, MonteCarlo elementScaled) {}

  /**
   * One Monte Carlo estimate.
   *
   * @param definition what is estimated
   * @param increase mean loss increase with its 95% interval over draws
   * @param samples draws
   * @param antithetic whether each draw was paired with its negative
   */
  public record MonteCarlo(
      String definition, IntervalSummary increase, int samples, boolean antithetic) {}
}
