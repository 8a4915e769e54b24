package org.losslandscape.models.sharpness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.losslandscape.models.landscape.PlaneFunction;

/**
 * The largest value of a function of the slice plane, f(a, b), on and inside circles of given radii
 * around the origin: slice sharpness {@code S(eps) = max_{a^2 + b^2 <= eps^2} L(a, b) - L(0, 0)}
 * taken on the plane itself rather than on the points of a grid, so that it does not depend on the
 * grid's size (on a 31-point grid over [-1, 1] the 0.1-disk holds only 8 neighbours of the centre,
 * and S(0.1) is a finite difference of the grid's spacing).
 *
 * <p>Search, for every radius eps at once: {@link #BOUNDARY_ANGLES} points on the circle and {@link
 * #INNER_ANGLES} on the circle of radius eps/2, beside any points whose values are known (the
 * slice's grid); then from the {@link #STARTS} best points inside each disk that lie apart (so that
 * each peak of a wavy slice gets its own search) a pattern search in polar coordinates (radius +-
 * dr, angle +- dtheta, the radius kept within [0, eps]), moving to the best neighbour while one is
 * better and halving both steps otherwise, for {@link #ROUNDS} rounds. Every answer is the value at
 * a point of the disk, so it can fall short of the maximum but never exceed it; on smooth wavy
 * slices with their grid it is within 1e-3 of a very fine search (see the tests). The radii are
 * searched side by side so that one call of the function evaluates the first scan of every radius,
 * and one call each round's neighbours of every radius, so an evaluator that batches its points
 * gets whole batches; a point the search visits again is not evaluated again.
 */
public final class DiskMaximum {

  /** Angles on the disk's boundary in the first scan. */
  static final int BOUNDARY_ANGLES = 24;

  /** Angles on the half-radius circle in the first scan. */
  static final int INNER_ANGLES = 12;

  /** Starts refined by the pattern search. */
  static final int STARTS = 3;

  /** Pattern-search rounds per start. */
  static final int ROUNDS = 8;

  /**
   * One radius's answer.
   *
   * @param epsilon the radius
   * @param increase the largest f inside the disk minus f(0, 0) (infinite if a point is not finite)
   * @param a where the largest value was found
   * @param b where the largest value was found
   * @param evaluations points of the plane the search visited for this radius (a point visited
   *     again is not evaluated again)
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
    return of(f, epsilons, List.of());
  }

  /**
   * As {@link #of(PlaneFunction, List)}, with points whose values are known already ({@code {a, b,
   * f(a, b)}}, e.g. the slice's grid): they cost nothing, count as candidates, and the searches may
   * start from them, so that on a large disk every peak the grid resolves gets a search.
   */
  public static List<Result> of(PlaneFunction f, List<Double> epsilons, List<double[]> known) {
    SliceSharpness.checkRadii(epsilons);
    int radii = epsilons.size();
    // The first call: the centre, then the two circles of every radius.
    List<double[]> scan = new ArrayList<>();
    scan.add(new double[] {0, 0});
    for (double eps : epsilons) {
      for (int j = 0; j < BOUNDARY_ANGLES; j++) {
        double t = 2 * Math.PI * j / BOUNDARY_ANGLES;
        scan.add(new double[] {eps * Math.cos(t), eps * Math.sin(t)});
      }
      for (int j = 0; j < INNER_ANGLES; j++) {
        double t = 2 * Math.PI * (j + 0.5) / INNER_ANGLES;
        scan.add(new double[] {eps / 2 * Math.cos(t), eps / 2 * Math.sin(t)});
      }
    }
    Memo memo = new Memo(f);
    List<Point> seen = new ArrayList<>(memo.evaluate(scan));
    double centre = seen.get(0).value();
    for (double[] k : known) {
      seen.add(new Point(k[0], k[1], k[2]));
    }

    // The pattern search's state per (radius, start): r, theta, dr, dtheta, value.
    List<double[]> state = new ArrayList<>();
    List<Integer> radiusOf = new ArrayList<>();
    for (int e = 0; e < radii; e++) {
      double eps = epsilons.get(e);
      List<Point> starts = starts(seen, eps);
      for (Point p : starts) {
        state.add(
            new double[] {
              p.radius(), Math.atan2(p.b(), p.a()), eps / 4, Math.PI / BOUNDARY_ANGLES, p.value()
            });
        radiusOf.add(e);
      }
    }
    int[] searched = new int[radii];
    for (int round = 0; round < ROUNDS; round++) {
      List<double[]> neighbours = new ArrayList<>();
      for (int k = 0; k < state.size(); k++) {
        double[] s = state.get(k);
        double eps = epsilons.get(radiusOf.get(k));
        for (double[] step : new double[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
          double r = Math.min(eps, Math.max(0, s[0] + step[0] * s[2]));
          double t = s[1] + step[1] * s[3];
          neighbours.add(new double[] {r * Math.cos(t), r * Math.sin(t)});
        }
        searched[radiusOf.get(k)] += 4;
      }
      List<Point> values = memo.evaluate(neighbours);
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

    List<Result> results = new ArrayList<>();
    for (int e = 0; e < radii; e++) {
      double eps = epsilons.get(e);
      Point best = seen.get(0);
      boolean infinite = false;
      for (Point p : seen) {
        if (inside(p, eps)) {
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
              BOUNDARY_ANGLES + INNER_ANGLES + searched[e]));
    }
    return results;
  }

  /**
   * The best {@link #STARTS} points inside the disk that lie apart (at least eps/4 from each
   * other), so that two peaks of a wavy slice each get a search rather than one peak two.
   */
  private static List<Point> starts(List<Point> seen, double eps) {
    List<Point> best =
        seen.stream()
            .filter(p -> inside(p, eps) && Double.isFinite(p.value()))
            .sorted(Comparator.comparingDouble(Point::value).reversed())
            .toList();
    List<Point> out = new ArrayList<>();
    for (Point p : best) {
      if (out.size() == STARTS) {
        break;
      }
      if (out.stream().allMatch(q -> Math.hypot(p.a() - q.a(), p.b() - q.b()) >= eps / 4)) {
        out.add(p);
      }
    }
    return out;
  }

  private static boolean inside(Point p, double eps) {
    return p.radius() <= eps * (1 + 1e-12);
  }

  /**
   * The function with every point it was asked for remembered: a pattern search on the disk's edge
   * proposes its own point again (the outward step is clamped to the circle) and steps back onto
   * points it came from, a third of all points on a bowl. A point is evaluated once; its value is
   * the one the function gave, so the search takes the same path as without the memo.
   */
  private static final class Memo {
    private final PlaneFunction f;
    private final Map<Key, Double> values = new HashMap<>();

    Memo(PlaneFunction f) {
      this.f = f;
    }

    /** A point as the function sees it; {@code -0.0} and {@code 0.0} are one point. */
    private record Key(double a, double b) {
      static Key of(double a, double b) {
        return new Key(a + 0.0, b + 0.0);
      }
    }

    List<Point> evaluate(List<double[]> points) {
      // New points once each, in the order asked, so the function sees the same batches.
      List<Key> fresh = new ArrayList<>(new LinkedHashSet<>(keys(points)));
      fresh.removeIf(values::containsKey);
      if (!fresh.isEmpty()) {
        double[] a = new double[fresh.size()];
        double[] b = new double[fresh.size()];
        for (int i = 0; i < a.length; i++) {
          a[i] = fresh.get(i).a();
          b[i] = fresh.get(i).b();
        }
        double[] v = f.at(a, b);
        for (int i = 0; i < a.length; i++) {
          values.put(fresh.get(i), v[i]);
        }
      }
      List<Point> out = new ArrayList<>();
      for (double[] p : points) {
        out.add(new Point(p[0], p[1], values.get(Key.of(p[0], p[1]))));
      }
      return out;
    }

    private static List<Key> keys(List<double[]> points) {
      return points.stream().map(p -> Key.of(p[0], p[1])).toList();
    }
  }
}
