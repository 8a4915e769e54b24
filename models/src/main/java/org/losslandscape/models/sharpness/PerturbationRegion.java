package org.losslandscape.models.sharpness;

import java.util.Random;

/**
 * The set a worst-case perturbation {@code e} of the parameters ranges over. Both kinds are written
 * in scaled coordinates {@code u}, {@code e = scale * u} entry by entry, where the region becomes a
 * plain Euclidean ball or the unit cube; {@link PerturbationAscent} steps and projects in those
 * coordinates.
 */
public sealed interface PerturbationRegion {

  /** Per-coordinate factor from scaled coordinates u to the perturbation e (a copy). */
  double[] scale();

  /**
   * The steepest-ascent unit step in scaled coordinates, given {@code d}, the gradient of the loss
   * with respect to u ({@code scale * g}, non-zero): {@code d / ||d||_2} for the ball and {@code
   * sign(d)} for the box (steepest in the max-norm).
   */
  double[] ascentDirection(double[] d);

  /** Length of a unit step in scaled coordinates: the radius for the ball, 1 for the box. */
  double stepUnit();

  /** Moves {@code u} (scaled coordinates) to the nearest point of the region, in place. */
  void project(double[] u);

  /**
   * A random point on the region's boundary in scaled coordinates, for restarts: a uniformly random
   * direction at the full radius for the ball, a uniformly random vertex for the box.
   */
  double[] randomBoundaryPoint(Random random);

  /** A uniformly distributed random point of the region, in scaled coordinates. */
  double[] randomInteriorPoint(Random random);

  /** Number of coordinates. */
  default int dimension() {
    return scale().length;
  }

  /** The perturbation {@code e = scale * u}. */
  default double[] perturbation(double[] u) {
    double[] s = scale();
    double[] e = new double[u.length];
    for (int k = 0; k < e.length; k++) {
      e[k] = s[k] * u[k];
    }
    return e;
  }

  /**
   * {@code { e : ||e / scale||_2 <= radius }} (entry-wise division): the L2 ball of SAM when every
   * scale is 1, ASAM's adaptive ball {@code ||T_w^-1 e|| <= rho} when the scales are {@code |w| +
   * eta}. A zero scale freezes its coordinate.
   *
   * @param radius the ball's radius in scaled coordinates (rho)
   * @param scale per-coordinate scale, each >= 0
   */
  record ScaledBall(double radius, double[] scale) implements PerturbationRegion {
    public ScaledBall {
      if (!(radius > 0) || Double.isInfinite(radius)) {
        throw new IllegalArgumentException("the ball's radius must be positive, got " + radius);
      }
      scale = requireNonNegative(scale);
    }

    @Override
    public double[] scale() {
      return scale.clone();
    }

    @Override
    public double[] ascentDirection(double[] d) {
      double length = Math.sqrt(squaredNorm(d));
      double[] unit = new double[d.length];
      for (int k = 0; k < d.length; k++) {
        unit[k] = d[k] / length;
      }
      return unit;
    }

    @Override
    public double stepUnit() {
      return radius;
    }

    @Override
    public void project(double[] u) {
      double norm = Math.sqrt(squaredNorm(u));
      if (norm > radius) {
        for (int k = 0; k < u.length; k++) {
          u[k] *= radius / norm;
        }
      }
    }

    @Override
    public double[] randomBoundaryPoint(Random random) {
      return randomDirection(random, radius);
    }

    /** Uniform in the ball: a uniform direction at radius {@code rho * U^(1/n)}. */
    @Override
    public double[] randomInteriorPoint(Random random) {
      double[] direction = randomDirection(random, 1);
      double r = radius * Math.pow(random.nextDouble(), 1.0 / direction.length);
      for (int k = 0; k < direction.length; k++) {
        direction[k] *= r;
      }
      return direction;
    }

    private double[] randomDirection(Random random, double length) {
      double[] u = new double[scale.length];
      for (int k = 0; k < u.length; k++) {
        u[k] = random.nextGaussian();
      }
      double norm = Math.sqrt(squaredNorm(u));
      for (int k = 0; k < u.length; k++) {
        u[k] *= length / norm;
      }
      return u;
    }
  }

  /**
   * {@code { e : |e_i| <= halfWidth_i }}: Keskar et al.'s box.
   *
   * @param halfWidth per-coordinate half width, each >= 0
   */
  record Box(double[] halfWidth) implements PerturbationRegion {
    public Box {
      halfWidth = requireNonNegative(halfWidth);
    }

    @Override
    public double[] halfWidth() {
      return halfWidth.clone();
    }

    @Override
    public double[] scale() {
      return halfWidth.clone();
    }

    @Override
    public double[] ascentDirection(double[] d) {
      double[] sign = new double[d.length];
      for (int k = 0; k < d.length; k++) {
        sign[k] = Math.signum(d[k]);
      }
      return sign;
    }

    @Override
    public double stepUnit() {
      return 1;
    }

    @Override
    public void project(double[] u) {
      for (int k = 0; k < u.length; k++) {
        u[k] = Math.max(-1, Math.min(1, u[k]));
      }
    }

    @Override
    public double[] randomBoundaryPoint(Random random) {
      double[] u = new double[halfWidth.length];
      for (int k = 0; k < u.length; k++) {
        u[k] = random.nextBoolean() ? 1 : -1;
      }
      return u;
    }

    @Override
    public double[] randomInteriorPoint(Random random) {
      double[] u = new double[halfWidth.length];
      for (int k = 0; k < u.length; k++) {
        u[k] = 2 * random.nextDouble() - 1;
      }
      return u;
    }
  }

  private static double squaredNorm(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x * x;
    }
    return sum;
  }

  private static double[] requireNonNegative(double[] values) {
    for (double v : values) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("perturbation scales must be finite and >= 0, got " + v);
      }
    }
    return values.clone();
  }
}
