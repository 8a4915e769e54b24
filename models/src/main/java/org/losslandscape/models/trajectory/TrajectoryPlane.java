package org.losslandscape.models.trajectory;

import org.losslandscape.models.directions.DirectionPair;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.mlp.Parameters;

/**
 * The plane of a training trajectory's top two principal components, anchored at the final weights,
 * and the path projected onto it (see {@link TrajectoryPca}). Immutable: the arrays are copied on
 * the way in and out.
 */
public final class TrajectoryPlane {

  private final Parameters centre;
  private final double[] first;
  private final double[] second;
  private final double[] explainedVarianceRatios;
  private final double[] xs;
  private final double[] ys;

  /**
   * @param centre the final weights, at (0, 0)
   * @param first the first principal direction, a unit vector in {@link ParameterLayout} order
   * @param second the second one, orthogonal to the first
   * @param explainedVarianceRatios the two directions' shares of the offsets' total variance
   * @param xs every checkpoint's coordinate along {@code first}, in path order
   * @param ys every checkpoint's coordinate along {@code second}
   */
  TrajectoryPlane(
      Parameters centre,
      double[] first,
      double[] second,
      double[] explainedVarianceRatios,
      double[] xs,
      double[] ys) {
    this.centre = centre;
    this.first = first.clone();
    this.second = second.clone();
    this.explainedVarianceRatios = explainedVarianceRatios.clone();
    this.xs = xs.clone();
    this.ys = ys.clone();
  }

  /** The final weights: the point (0, 0) of the plane. */
  public Parameters centre() {
    return centre;
  }

  /** Principal direction {@code k} (0 or 1) as a unit vector in {@link ParameterLayout} order. */
  public double[] component(int k) {
    return (k == 0 ? first : second).clone();
  }

  /** Principal direction {@code k} (0 or 1) as named tensors (float32, unit norm). */
  public Parameters componentAsParameters(int k) {
    return new ParameterLayout(centre.architecture()).unflatten(k == 0 ? first : second);
  }

  /** The two directions' shares of the total variance of the centred offsets, first first. */
  public double[] explainedVarianceRatios() {
    return explainedVarianceRatios.clone();
  }

  /** Li's {@code proj_xcoord}: each checkpoint's coordinate along the first direction. */
  public double[] xCoordinates() {
    return xs.clone();
  }

  /** Li's {@code proj_ycoord}: each checkpoint's coordinate along the second direction. */
  public double[] yCoordinates() {
    return ys.clone();
  }

  /** Number of checkpoints on the path. */
  public int pathLength() {
    return xs.length;
  }

  /**
   * The smallest window centred on the final weights that holds the whole projected path with
   * {@code margin} to spare: half-widths {@code (1 + margin) max_k |x_k|} and {@code (1 + margin)
   * max_k |y_k|}.
   *
   * @param margin the fraction added beyond the path's furthest point, >= 0
   */
  public PlaneWindow window(double margin) {
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new IllegalArgumentException(
          "trajectory margin must be a finite fraction >= 0, got " + margin);
    }
    return new PlaneWindow((1 + margin) * maxAbs(xs), (1 + margin) * maxAbs(ys));
  }

  /**
   * The plane's directions scaled to {@code window}: {@code d1 = xHalfWidth u1}, {@code d2 =
   * yHalfWidth u2}, so that grid coordinates -1..1 cover the window and grid point (a, b) is the
   * plane's point (a xHalfWidth, b yHalfWidth).
   */
  public DirectionPair directions(PlaneWindow window) {
    return new DirectionPair(
        scaled(first, window.xHalfWidth()), scaled(second, window.yHalfWidth()));
  }

  private Parameters scaled(double[] unit, double length) {
    double[] d = new double[unit.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = length * unit[i];
    }
    return new ParameterLayout(centre.architecture()).unflatten(d);
  }

  private static double maxAbs(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
