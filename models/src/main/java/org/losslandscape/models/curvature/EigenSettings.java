package org.losslandscape.models.curvature;

/**
 * How the top eigenvalues are searched for by {@link TopEigenvalues#estimate}.
 *
 * @param count how many of the largest eigenvalues to report (at least 1)
 * @param relativeTolerance stop once each of them changed by less than this fraction between two
 *     consecutive Lanczos steps (1e-3 by default, PyHessian's rule)
 * @param maxIterations cap on Lanczos steps, i.e. on Hessian-vector products (100 by default)
 * @param seed seeds the Gaussian start vector
 */
public record EigenSettings(int count, double relativeTolerance, int maxIterations, long seed) {

  public EigenSettings {
    if (count < 1) {
      throw new IllegalArgumentException("need at least one eigenvalue, got " + count);
    }
    if (!(relativeTolerance > 0 && relativeTolerance < 1)) {
      throw new IllegalArgumentException(
          "relative tolerance must be in (0, 1), got " + relativeTolerance);
    }
    if (maxIterations < count + 1) {
      throw new IllegalArgumentException(
          "the iteration cap must exceed the number of eigenvalues, got "
              + maxIterations
              + " for "
              + count);
    }
  }

  /** The top 3, tolerance 1e-3, at most 100 iterations, seed 0. */
  public static EigenSettings defaults() {
    return new EigenSettings(3, 1e-3, 100, 0);
  }
}
