package org.losslandscape.models.interpolation;

import java.util.TreeSet;

/**
 * The values of {@code t} at which the line {@code (1 - t) theta_a + t theta_b} is evaluated:
 * {@code points} evenly spaced values from {@code from} to {@code to}, plus 0 and 1 when the
 * spacing misses them, so that both minima themselves are always on the curve.
 *
 * @param from smallest t, <= 0 (Keskar et al. use -1, Goodfellow et al. -0.5)
 * @param to largest t, >= 1
 * @param points evenly spaced values, >= 3
 */
public record InterpolationRange(double from, double to, int points) {

  /** Snap distance, relative to the range, within which a value counts as exactly 0 or 1. */
  private static final double SNAP = 1e-9;

  public InterpolationRange {
    if (!Double.isFinite(from) || !Double.isFinite(to) || from > 0 || to < 1) {
      throw new IllegalArgumentException(
          "interpolation range must be finite and include both minima (from <= 0, to >= 1), got "
              + from
              + ":"
              + to);
    }
    if (points < 3) {
      throw new IllegalArgumentException("interpolation points must be >= 3, got " + points);
    }
  }

  /** {@code [-0.5, 1.5]} in steps of 0.05 (41 points; 0 and 1 among them). */
  public static InterpolationRange defaults() {
    return new InterpolationRange(-0.5, 1.5, 41);
  }

  /**
   * The values in increasing order: {@code from + i (to - from) / (points - 1)}, with values within
   * rounding of 0 and 1 made exact, and 0 and 1 added when the spacing does not hit them.
   */
  public double[] values() {
    TreeSet<Double> values = new TreeSet<>();
    double span = to - from;
    for (int i = 0; i < points; i++) {
      double t = i == points - 1 ? to : from + i * span / (points - 1);
      if (Math.abs(t) <= SNAP * span) {
        t = 0.0;
      } else if (Math.abs(t - 1) <= SNAP * span) {
        t = 1.0;
      }
      values.add(t);
    }
    values.add(0.0);
    values.add(1.0);
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
