package org.losslandscape.models.sharpness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The largest value of a function of the slice plane, f(a, b), on and inside circles of given radii
 * around the origin: slice sharpness {@code S(eps) = max_{a^2 + b^2 <= eps^2} L(a, b) - L(0, 0)}
 * taken on the plane itself rather than on the points of a grid, so that it does not depend on the
 * grid's size (on a 31-point grid over [-1, 1] the 0.1-disk holds only 8 neighbours of the centre,
 * and S(0.1) is a finite difference of the grid's spacing).
 *
 * <p>Search, per radius eps (smallest first, every point evaluated for a smaller radius reused):
 * {@link #BOUNDARY_ANGLES} points on the circle and {@link #INNER_ANGLES} on the circle of radius
 * eps/2; then from the two best points inside the disk a pattern search in polar coordinates
 * (radius +- dr, angle +- dtheta, the radius kept within [0, eps]), moving to the best neighbour
 * while one is better and halving both steps otherwise, for {@link #ROUNDS} rounds. A smooth slice
 * is then within 1e-3 of the maximum over a very fine grid (see the tests). The points of a round
 * are evaluated together, so an evaluator can batch them.
 */
public final class DiskMaximum {

  /** Angles on the disk's boundary in the first scan. */
  static final int BOUNDARY_ANGLES = 24;

  /** Angles on the half-radius circle in the first scan. */
  static final int INNER_ANGLES = 12;

  /** Starts refined by the pattern search. */
  static final int STARTS = 2;

  /** Pattern-search rounds per start. */
  static final int ROUNDS = 10;

  /** f at many points of the plane at once. */
  @FunctionalInterface
  public interface PlaneFunction {
    /** f(a[i], b[i]) for every i. */
    double[] at(double[] a, double[] b);
  }

  /**
   * One radius's answer.
   *
   * @param epsilon the radius
   * @param increase the largest f inside the disk minus f(0, 0) (infinite if a point is not finite)
   * @param a where the largest value was found
   * @param b where the largest value was found
   * @param evaluations points of the plane evaluated for this radius
   */
  public record Result(double epsilon, double increase, double a, double b, int evaluations) {}

  private record Point(double a, double b, double value) {
    double radius() {
      return Math.hypot(a, b);
    }
  }

  private DiskMaximum() {}

  /** The maximum inside each disk of radius {@code epsilons[i]}, in the order given. */
  public static List<Result> of(PlaneFunction f, List<Double> epsilons) {
    SliceSharpness.checkRadii(epsilons);
    List<Point> seen = new ArrayList<>();
    double centre = f.at(new double[] {0}, new double[] {0})[0];
    seen.add(new Point(0, 0, centre));
    List<Double> ascending = epsilons.stream().sorted().toList();
    List<Result> results = new ArrayList<>();
    for (double eps : ascending) {
      int before = seen.size();
      // The first scan: the boundary and the half-radius circle.
      List<double[]> scan = new ArrayList<>();
      for (int j = 0; j < BOUNDARY_ANGLES; j++) {
        double t = 2 * Math.PI * j / BOUNDARY_ANGLES;
        scan.add(new double[] {eps * Math.cos(t), eps * Math.sin(t)});
      }
      for (int j = 0; j < INNER_ANGLES; j++) {
        double t = 2 * Math.PI * (j + 0.5) / INNER_ANGLES;
        scan.add(new double[] {eps / 2 * Math.cos(t), eps / 2 * Math.sin(t)});
      }
      seen.addAll(evaluate(f, scan));
      // Refine the best starts inside this disk.
      List<Point> starts =
          seen.stream()
              .filter(p -> p.radius() <= eps * (1 + 1e-12))
              .sorted(Comparator.comparingDouble(Point::value).reversed())
              .limit(STARTS)
              .toList();
      List<double[]> state = new ArrayList<>(); // r, theta, dr, dtheta, value
      for (Point p : starts) {
        state.add(
            new double[] {
              p.radius(), Math.atan2(p.b(), p.a()), eps / 4, Math.PI / BOUNDARY_ANGLES, p.value()
            });
      }
      for (int round = 0; round < ROUNDS; round++) {
        List<double[]> neighbours = new ArrayList<>();
        for (double[] s : state) {
          for (double[] step : new double[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
            double r = Math.min(eps, Math.max(0, s[0] + step[0] * s[2]));
            double t = s[1] + step[1] * s[3];
            neighbours.add(new double[] {r * Math.cos(t), r * Math.sin(t)});
          }
        }
        List<Point> values = evaluate(f, neighbours);
        seen.addAll(values);
        for (int k = 0; k < state.size(); k++) {
          double[] s = state.get(k);
          Point best = null;
          for (int n = 0; n < 4; n++) {
            Point p = values.get(4 * k + n);
            if (p.value() > s[4] && (best == null || p.value() > best.value())) {
              best = p;
            }
          }
          if (best != null) {
            s[0] = best.radius();
            s[1] = Math.atan2(best.b(), best.a());
            s[4] = best.value();
          } else {
            s[2] /= 2;
            s[3] /= 2;
          }
        }
      }
      Point best = seen.get(0);
      boolean infinite = false;
      for (Point p : seen) {
        if (p.radius() <= eps * (1 + 1e-12)) {
          if (!Double.isFinite(p.value())) {
            infinite = true;
          } else if (p.value() > best.value()) {
            best = p;
          }
        }
      }
      results.add(
          new Result(
              eps,
              infinite ? Double.POSITIVE_INFINITY : best.value() - centre,
              best.a(),
              best.b(),
              seen.size() - before));
    }
    List<Result> ordered = new ArrayList<>();
    for (double eps : epsilons) {
      ordered.add(results.stream().filter(r -> r.epsilon() == eps).findFirst().orElseThrow());
    }
    return ordered;
  }

  private static List<Point> evaluate(PlaneFunction f, List<double[]> points) {
    double[] a = new double[points.size()];
    double[] b = new double[points.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = points.get(i)[0];
      b[i] = points.get(i)[1];
    }
    double[] v = f.at(a, b);
    List<Point> out = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      out.add(new Point(a[i], b[i], v[i]));
    }
    return out;
  }
}
