package org.losslandscape.pipeline.config;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.losslandscape.models.curvature.DensitySettings;
import org.losslandscape.models.curvature.EigenSettings;
import org.losslandscape.models.sharpness.AscentSettings;
import org.losslandscape.models.sharpness.MonteCarloSettings;

/**
 * Which measures beyond the slices a study computes, and how. Every measure is taken on the mean
 * training loss over the landscape samples (the slices' examples), with fixed seeds, so that
 * differences between models are not differences of random draws.
 *
 * @param selected the names of the measures to compute beyond the slices (the slices are always
 *     computed), as {@code --measures} gives them; the measures themselves are listed in {@code
 *     org.losslandscape.pipeline.measures.Measures}
 * @param eigen top Hessian eigenvalues: how many, tolerance, iteration cap
 * @param traceProbes Rademacher probes of Hutchinson's trace estimate
 * @param density stochastic Lanczos quadrature: probes, steps, grid
 * @param samRho radius of SAM's L2 ball
 * @param asamRho radius of ASAM's adaptive ball
 * @param asamEta ASAM's eta (T_w = |w| + eta)
 * @param keskarEpsilon Keskar's box half-width factor (box: |e_i| <= eps (|w_i| + 1))
 * @param ascent projected gradient ascent: steps and restarts per worst-case measure
 * @param isotropicSigma standard deviation of the plain Gaussian perturbation
 * @param elementSigma relative standard deviation of the |w|-scaled perturbation (sigma |w_i|)
 * @param monteCarlo draws of each average-case estimate
 * @param mSharpness m of SAM's and ASAM's m-sharpness (the mean of per-batch maxima over batches of
 *     m samples, Andriushchenko et al. use 128), beside the full-set values; 0 for none
 */
public record MeasureSettings(
    Set<String> selected,
    EigenSettings eigen,
    int traceProbes,
    DensitySettings density,
    double samRho,
    double asamRho,
    double asamEta,
    double keskarEpsilon,
    AscentSettings ascent,
    double isotropicSigma,
    double elementSigma,
    MonteCarloSettings monteCarlo,
    int mSharpness) {

  public MeasureSettings {
    selected = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(selected));
    Objects.requireNonNull(eigen, "eigen");
    Objects.requireNonNull(density, "density");
    Objects.requireNonNull(ascent, "ascent");
    Objects.requireNonNull(monteCarlo, "monteCarlo");
    if (traceProbes < 2) {
      throw new IllegalArgumentException(
          "the trace needs at least 2 probes for an interval, got " + traceProbes);
    }
    for (double v : new double[] {samRho, asamRho, keskarEpsilon, isotropicSigma, elementSigma}) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            "measure radii and noise scales must be positive, got " + v);
      }
    }
    if (mSharpness < 0) {
      throw new IllegalArgumentException(
          "m-sharpness batch size must be >= 1, or 0 for none, got " + mSharpness);
    }
    if (!(asamEta >= 0) || Double.isInfinite(asamEta)) {
      throw new IllegalArgumentException("ASAM's eta must be >= 0, got " + asamEta);
    }
  }

  /**
   * Slices only; when asked for: the top 3 eigenvalues (tolerance 1e-3, at most 100 iterations),
   * the trace from 30 probes, a density from 3 probes of 40 Lanczos steps, SAM at rho 0.05, ASAM at
   * rho 0.5 and eta 0.01, Keskar at eps 1e-3 (10 ascent steps, 1 restart), average-case at sigma
   * 0.01 and 0.1 |w| from 20 antithetic draws. The values follow the papers (SAM, ASAM, Keskar) and
   * the measurements of their costs in results/README.md, "Speed".
   */
  public static MeasureSettings defaults() {
    return new MeasureSettings(
        Set.of("hessian"),
        EigenSettings.defaults(),
        30,
        new DensitySettings(3, 40, 0, 400, 0.01),
        0.05,
        0.5,
        0.01,
        1e-3,
        AscentSettings.defaults(),
        0.01,
        0.1,
        new MonteCarloSettings(20, true, 0),
        0);
  }

  /** True when the measure called {@code name} is to be computed. */
  public boolean includes(String name) {
    return selected.contains(name);
  }

  /** The same settings computing the measures called {@code names} beyond the slices. */
  public MeasureSettings withSelected(Set<String> names) {
    return new MeasureSettings(
        names,
        eigen,
        traceProbes,
        density,
        samRho,
        asamRho,
        asamEta,
        keskarEpsilon,
        ascent,
        isotropicSigma,
        elementSigma,
        monteCarlo,
        mSharpness);
  }

  /** The same settings with m-sharpness at batch size {@code m} (0: none). */
  public MeasureSettings withMSharpness(int m) {
    return new MeasureSettings(
        selected,
        eigen,
        traceProbes,
        density,
        samRho,
        asamRho,
        asamEta,
        keskarEpsilon,
        ascent,
        isotropicSigma,
        elementSigma,
        monteCarlo,
        m);
  }
}
