package org.losslandscape.models.curvature;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The largest eigenvalues of a symmetric operator (the top of the Hessian spectrum: lambda_max and
 * its neighbours) by Lanczos with full reorthogonalization, one operator application per step.
 *
 * <p>After each step the Ritz values of the Lanczos matrix are recomputed; the run stops when each
 * of the {@code count} largest changed by less than the relative tolerance since the previous step
 * (the largest Ritz values increase monotonically towards the true ones), when the Krylov space is
 * exhausted (then they are exact), or at the iteration cap. Every value also carries its residual
 * norm {@code ||H y - theta y||}, a certificate that an eigenvalue lies within that distance.
 *
 * @param estimates one per requested eigenvalue, largest first (fewer if the operator is smaller)
 * @param iterations Lanczos steps taken, i.e. operator applications (Hessian-vector products)
 * @param settings the settings used
 */
public record TopEigenvalues(List<Estimate> estimates, int iterations, EigenSettings settings) {

  public TopEigenvalues {
    estimates = List.copyOf(estimates);
  }

  /** How one eigenvalue estimate ended. */
  public enum Status {
    /** The relative change between two consecutive steps fell below the tolerance. */
    CONVERGED,
    /** The Krylov space was exhausted: the value is an exact eigenvalue up to rounding. */
    EXACT,
    /** The iteration cap was reached first. */
    NOT_CONVERGED
  }

  /**
   * One eigenvalue estimate.
   *
   * @param value the Ritz value
   * @param status how the estimate ended
   * @param convergedAtIteration the step after which the tolerance was met for good (-1 if never)
   * @param lastRelativeChange relative change over the last step
   * @param residualNorm {@code ||H y - value y||} for the unit Ritz vector y
   */
  public record Estimate(
      double value,
      Status status,
      int convergedAtIteration,
      double lastRelativeChange,
      double residualNorm) {}

  /** The estimated eigenvalues, largest first. */
  public double[] values() {
    return estimates.stream().mapToDouble(Estimate::value).toArray();
  }

  /** The largest eigenvalue estimate (lambda_max). */
  public double max() {
    return estimates.get(0).value();
  }

  /** True when every estimate converged or is exact. */
  public boolean allConverged() {
    return estimates.stream().allMatch(e -> e.status() != Status.NOT_CONVERGED);
  }

  /** Estimates the {@code settings.count()} largest eigenvalues of {@code operator}. */
  public static TopEigenvalues estimate(SymmetricOperator operator, EigenSettings settings) {
    Lanczos lanczos =
        new Lanczos(operator, Vectors.gaussian(new Random(settings.seed()), operator.dimension()));
    int count = Math.min(settings.count(), operator.dimension());
    double[] previous = null;
    double[] change = new double[count];
    java.util.Arrays.fill(change, Double.POSITIVE_INFINITY);
    int[] settledSince = new int[count];
    java.util.Arrays.fill(settledSince, -1);
    TridiagonalEigen ritz = null;
    while (lanczos.steps() < settings.maxIterations() && lanczos.step()) {
      ritz = lanczos.ritz();
      double[] top = largest(ritz.values(), count);
      if (previous != null) {
        for (int i = 0; i < count; i++) {
          if (Double.isNaN(top[i]) || Double.isNaN(previous[i])) {
            continue; // not enough Ritz values yet for this rank
          }
          change[i] =
              Math.abs(top[i] - previous[i]) / Math.max(Math.abs(top[i]), Double.MIN_NORMAL);
          if (change[i] >= settings.relativeTolerance()) {
            settledSince[i] = -1;
          } else if (settledSince[i] < 0) {
            settledSince[i] = lanczos.steps();
          }
        }
      }
      previous = top;
      if (lanczos.exhausted() || allBelow(change, settings.relativeTolerance())) {
        break;
      }
    }
    List<Estimate> estimates = new ArrayList<>();
    int n = ritz.size();
    for (int i = 0; i < Math.min(count, n); i++) {
      int j = n - 1 - i; // Ritz values are ascending
      Status status =
          lanczos.exhausted()
              ? Status.EXACT
              : change[i] < settings.relativeTolerance() ? Status.CONVERGED : Status.NOT_CONVERGED;
      estimates.add(
          new Estimate(
              ritz.values()[j],
              status,
              status == Status.CONVERGED ? settledSince[i] : -1,
              change[i],
              lanczos.residualNorm(ritz, j)));
    }
    return new TopEigenvalues(estimates, lanczos.steps(), settings);
  }

  /**
   * The {@code count} largest of the ascending {@code values}, largest first; NaN where missing.
   */
  private static double[] largest(double[] ascending, int count) {
    double[] top = new double[count];
    for (int i = 0; i < count; i++) {
      int j = ascending.length - 1 - i;
      top[i] = j >= 0 ? ascending[j] : Double.NaN;
    }
    return top;
  }

  private static boolean allBelow(double[] values, double bound) {
    for (double v : values) {
      if (!(v < bound)) {
        return false;
      }
    }
    return true;
  }
}
