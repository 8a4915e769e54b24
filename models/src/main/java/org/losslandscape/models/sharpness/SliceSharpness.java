package org.losslandscape.models.sharpness;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.landscape.LandscapeGrid;

/**
 * Slice sharpness: for each radius eps, the largest loss increase over the centre among the grid
 * points within distance eps of it (in direction units), {@code S(eps) = max_{sqrt(a^2 + b^2) <=
 * eps} L(a, b) - L(0, 0)}.
 *
 * <p>This is the 2-D, grid-restricted cousin of the quantity SAM minimizes. Several radii are
 * reported because orderings between models can cross as eps grows. Non-finite losses inside the
 * ball make the value infinite (the ball reaches a diverged region).
 *
 * @param values one value per requested radius, in the order requested
 */
public record SliceSharpness(List<Value> values) {

  /** Small slack so that grid points lying exactly on the circle count despite rounding. */
  private static final double ON_CIRCLE = 1e-9;

  public SliceSharpness {
    values = List.copyOf(values);
  }

  /**
   * Sharpness at one radius.
   *
   * @param epsilon the radius
   * @param value max loss in the ball minus the centre loss (>= 0)
   * @param points how many grid points fell inside the ball (1 means only the centre)
   */
  public record Value(double epsilon, double value, int points) {}

  /** Computes the sharpness of {@code grid} at each of {@code epsilons}. */
  public static SliceSharpness of(LandscapeGrid grid, List<Double> epsilons) {
    double[] c = grid.spec().coordinates();
    if (c[grid.spec().centreIndex()] != 0.0) {
      throw new IllegalArgumentException(
          "slice sharpness needs the trained weights (0, 0) on the grid");
    }
    checkRadii(epsilons);
    double centre = grid.centreLoss();
    List<Value> out = new ArrayList<>();
    for (double eps : epsilons) {
      double max = centre;
      int points = 0;
      for (int i = 0; i < c.length; i++) {
        for (int j = 0; j < c.length; j++) {
          if (Math.hypot(c[i], c[j]) <= eps + ON_CIRCLE) {
            points++;
            double v = grid.loss()[i][j];
            max = Double.isFinite(v) ? Math.max(max, v) : Double.POSITIVE_INFINITY;
          }
        }
      }
      out.add(new Value(eps, max - centre, points));
    }
    return new SliceSharpness(out);
  }

  /** Refuses an empty list and radii that are not positive finite numbers. */
  public static void checkRadii(List<Double> epsilons) {
    if (epsilons.isEmpty()) {
      throw new IllegalArgumentException("at least one sharpness radius is needed");
    }
    for (double eps : epsilons) {
      if (!(eps > 0) || Double.isInfinite(eps)) {
        throw new IllegalArgumentException("sharpness radii must be positive numbers, got " + eps);
      }
    }
    if (epsilons.stream().distinct().count() < epsilons.size()) {
      throw new IllegalArgumentException("sharpness radii must be distinct, got " + epsilons);
    }
  }

  /** The value at {@code epsilon}, which must be one of the radii computed. */
  public double at(double epsilon) {
    for (Value v : values) {
      if (v.epsilon() == epsilon) {
        return v.value();
      }
    }
    throw new IllegalArgumentException("sharpness was not computed at eps " + epsilon);
  }
}
