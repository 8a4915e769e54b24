package org.losslandscape.models.trajectory;

import org.losslandscape.models.data.LabeledData;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.landscape.LandscapeGrid;

/**
 * The loss on a trajectory plane around the final weights: {@code L(x, y) = Loss(theta_final + x u1
 * + y u2)} on an odd grid over a window that holds the projected path, so the centre point is the
 * final weights themselves.
 *
 * <p>The principal directions are not filter-normalized (they are unit vectors of the path's own
 * geometry), and the window is usually much wider along the first than along the second; the grid
 * is evaluated in window units ({@link PlaneWindow}, {@link TrajectoryPlane#directions}) and read
 * back in plane coordinates by {@link #xAxis()} and {@link #yAxis()}.
 *
 * @param plane the trajectory's plane and projected path
 * @param window the rectangle evaluated
 * @param grid {@code loss[i][j]} at plane point ({@code xAxis()[i]}, {@code yAxis()[j]}), grid
 *     coordinates -1..1
 */
public record TrajectorySurface(TrajectoryPlane plane, PlaneWindow window, LandscapeGrid grid) {

  /**
   * Evaluates the loss on the plane of {@code plane}.
   *
   * @param margin fraction of the path's extent added on every side (see {@link
   *     TrajectoryPlane#window})
   * @param gridSize points per axis, odd >= 3
   * @param evaluator any landscape evaluator (they agree to float rounding)
   * @param samples the examples every point is evaluated on
   * @param progress told after each grid row
   */
  public static TrajectorySurface evaluate(
      TrajectoryPlane plane,
      double margin,
      int gridSize,
      LandscapeEvaluator evaluator,
      LabeledData samples,
      LandscapeEvaluator.RowProgress progress) {
    PlaneWindow window = plane.window(margin);
    LandscapeGrid grid =
        evaluator.evaluate(
            plane.centre(),
            plane.directions(window),
            new GridSpec(gridSize, -1, 1),
            samples,
            progress);
    return new TrajectorySurface(plane, window, grid);
  }

  /** The grid's coordinates along the first principal direction, in weight-space distance. */
  public double[] xAxis() {
    return scaled(grid.spec().coordinates(), window.xHalfWidth());
  }

  /** The grid's coordinates along the second principal direction, in weight-space distance. */
  public double[] yAxis() {
    return scaled(grid.spec().coordinates(), window.yHalfWidth());
  }

  /** The loss at (0, 0): the final weights. */
  public double centreLoss() {
    return grid.centreLoss();
  }

  private static double[] scaled(double[] coordinates, double halfWidth) {
    double[] out = new double[coordinates.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = coordinates[i] * halfWidth;
    }
    return out;
  }
}
