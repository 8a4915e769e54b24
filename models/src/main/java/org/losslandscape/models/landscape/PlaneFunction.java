package org.losslandscape.models.landscape;

/**
 * A function of the slice plane, f(a, b), evaluated at many points at once. A landscape evaluator
 * offers its slice as one ({@link LandscapeEvaluator.PlaneSlice}); the sharpness searches take one,
 * so the type lives here with the slices it describes and the searches depend on it, not the other
 * way round.
 */
@FunctionalInterface
public interface PlaneFunction {
  /** f(a[i], b[i]) for every i. */
  double[] at(double[] a, double[] b);
}
