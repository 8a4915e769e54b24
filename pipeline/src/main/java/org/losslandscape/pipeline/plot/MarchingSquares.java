package org.losslandscape.pipeline.plot;

import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Iso-lines of a gridded field by marching squares, in data coordinates: the geometry behind the
 * contour panels' lines, kept apart from how they are drawn.
 */
public final class MarchingSquares {

  private MarchingSquares() {}

  /**
   * The iso-line {@code z = level} of a gridded field, by marching squares: one or two straight
   * segments per grid cell that the level crosses, in data coordinates.
   *
   * <p>A corner counts as "inside" when its value is {@code >= level}, so a level equal to corner
   * values never divides by zero, and a flat field gives no segments. A saddle cell (inside corners
   * on one diagonal only) is resolved by the mean of its four corners: when the mean is inside, the
   * inside corners are joined through the centre. Cells with a non-finite corner are skipped. A
   * crossing on an edge shared by two cells is computed identically for both, so the segments join
   * into continuous polylines.
   *
   * @param x first-axis coordinates, {@code z.length} of them
   * @param y second-axis coordinates, {@code z[i].length} of them
   * @param z values, {@code z[i][j]} at (x[i], y[j])
   * @param level finite iso-value
   */
  public static List<Segment> isoSegments(double[] x, double[] y, double[][] z, double level) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(z, "z");
    if (x.length < 2 || y.length < 2) {
      throw new IllegalArgumentException(
          "marching squares needs at least a 2x2 grid, got " + x.length + "x" + y.length);
    }
    if (z.length != x.length) {
      throw new IllegalArgumentException(
          "z needs one row per x (" + x.length + "), got " + z.length);
    }
    for (int i = 0; i < z.length; i++) {
      if (z[i] == null || z[i].length != y.length) {
        throw new IllegalArgumentException("z[" + i + "] needs one value per y (" + y.length + ")");
      }
    }
    if (!Double.isFinite(level)) {
      throw new IllegalArgumentException("iso-level must be finite, got " + level);
    }
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i + 1 < x.length; i++) {
      for (int j = 0; j + 1 < y.length; j++) {
        addCellSegments(x, y, z, level, i, j, segments);
      }
    }
    return segments;
  }

  private static void addCellSegments(
      double[] x, double[] y, double[][] z, double level, int i, int j, List<Segment> out) {
    double v00 = z[i][j];
    double v10 = z[i + 1][j];
    double v11 = z[i + 1][j + 1];
    double v01 = z[i][j + 1];
    if (!(Double.isFinite(v00)
        && Double.isFinite(v10)
        && Double.isFinite(v11)
        && Double.isFinite(v01))) {
      return;
    }
    boolean in00 = v00 >= level;
    boolean in10 = v10 >= level;
    boolean in11 = v11 >= level;
    boolean in01 = v01 >= level;
    // Edges in cyclic order: bottom (00-10), right (10-11), top (01-11), left (00-01).
    Point2D.Double bottom =
        in00 != in10 ? crossing(x[i], y[j], v00, x[i + 1], y[j], v10, level) : null;
    Point2D.Double right =
        in10 != in11 ? crossing(x[i + 1], y[j], v10, x[i + 1], y[j + 1], v11, level) : null;
    Point2D.Double top =
        in01 != in11 ? crossing(x[i], y[j + 1], v01, x[i + 1], y[j + 1], v11, level) : null;
    Point2D.Double left =
        in00 != in01 ? crossing(x[i], y[j], v00, x[i], y[j + 1], v01, level) : null;

    if (bottom != null && right != null && top != null && left != null) {
      boolean centreIn = (v00 + v10 + v11 + v01) / 4 >= level;
      boolean diagonal0011In = in00;
      if (centreIn == diagonal0011In) {
        // Corners 00 and 11 are joined through the centre: cut off corners 10 and 01.
        out.add(segment(bottom, right));
        out.add(segment(top, left));
      } else {
        // Corners 10 and 01 are joined through the centre: cut off corners 00 and 11.
        out.add(segment(left, bottom));
        out.add(segment(right, top));
      }
      return;
    }
    List<Point2D.Double> ends = new ArrayList<>(2);
    for (Point2D.Double p : Arrays.asList(bottom, right, top, left)) {
      if (p != null) {
        ends.add(p);
      }
    }
    if (ends.size() == 2) {
      out.add(segment(ends.get(0), ends.get(1)));
    }
  }

  /**
   * Where the level crosses the edge from a to b, with a always the lower grid index so that both
   * cells sharing the edge get bit-identical points.
   */
  private static Point2D.Double crossing(
      double xa, double ya, double va, double xb, double yb, double vb, double level) {
    // One end is >= level and the other < level, so vb != va.
    double t = (level - va) / (vb - va);
    return new Point2D.Double(xa + t * (xb - xa), ya + t * (yb - ya));
  }

  private static Segment segment(Point2D.Double a, Point2D.Double b) {
    return new Segment(a.x, a.y, b.x, b.y);
  }
}
