package org.losslandscape.models.sharpness;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.landscape.LandscapeGrid;

/**
 * Slice sharpness: for each radius eps, the largest loss increase over the centre within distance
 * eps of it on the slice plane (in direction units), {@code S(eps) = max_{sqrt(a^2 + b^2) <= eps}
 * L(a, b) - L(0, 0)}: the 2-D cousin of the quantity SAM minimizes.
 *
 * <p>The value is the maximum over the disk found by {@link DiskMaximum} on the plane itself
 * ({@link #onDisk}), so it does not depend on the grid's size; the maximum over the grid's points
 * in the disk is kept beside it ({@link Value#gridValue}), and is the value when only a grid is at
 * hand ({@link #of}). Several radii are reported because orderings between models can cross as eps
 * grows. Non-finite losses inside the disk make the value infinite (it reaches a diverged region).
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
   * @param value max loss in the disk minus the centre loss (>= 0)
   * @param points how many grid points fell inside the disk (1 means only the centre)
   * @param gridValue the same maximum over those grid points only
   */
  public record Value(double epsilon, double value, int points, double gridValue) {}

  /**
   * The sharpness at each radius of {@code disk} (the disk maxima of the slice whose grid is {@code
   * grid}), with the grid's own values beside them.
   */
  public static SliceSharpness onDisk(LandscapeGrid grid, List<DiskMaximum.Result> disk) {
    return onDisk(
        grid,
        disk.stream().map(DiskMaximum.Result::epsilon).toList(),
        disk.stream().mapToDouble(DiskMaximum.Result::increase).toArray());
  }

  /** As {@link #onDisk(LandscapeGrid, List)}, from the disk maxima's increases at {@code radii}. */
  public static SliceSharpness onDisk(LandscapeGrid grid, List<Double> radii, double[] increases) {
    if (increases.length != radii.size()) {
      throw new IllegalArgumentException(
          "need one disk maximum per radius, got " + increases.length + " for " + radii);
    }
    SliceSharpness onGrid = of(grid, radii);
    List<Value> out = new ArrayList<>();
    for (int k = 0; k < radii.size(); k++) {
      Value g = onGrid.values().get(k);
      // The disk holds the grid's points too: the larger of the two is the better lower bound.
      double value = Math.max(increases[k], g.value());
      out.add(new Value(g.epsilon(), value, g.points(), g.value()));
    }
    return new SliceSharpness(out);
  }

  /** The sharpness of {@code grid} at each of {@code epsilons}, over the grid's points only. */
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
      out.add(new Value(eps, max - centre, points, max - centre));
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
