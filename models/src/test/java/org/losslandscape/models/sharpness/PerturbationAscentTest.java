package org.losslandscape.models.sharpness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.testing.JacobiEigen;

/**
 * The ascent on quadratics whose maxima over a ball or a box are known exactly (trust-region
 * secular equation; vertex enumeration). The properties run with fixed seeds so that a build is
 * repeatable; the rates quoted were measured over 1,000 (ball) and 300 (box) random instances.
 */
class PerturbationAscentTest {

  /**
   * SAM's regime: a near-stationary point (small gradient), a Hessian with outliers above a bulk
   * around 0, rho small next to the curvature scale. Default settings; 0 of 1,000 instances missed
   * 1% (worst 0.01%).
   */
  @Property(tries = 40, seed = "20261201")
  void withDefaultSettingsReachesTheMaximumOverAnL2BallWithinOnePercent(@ForAll long seed) {
    Random random = new Random(seed);
    int n = 20;
    double[] spectrum = new double[n];
    for (int i = 0; i < n; i++) {
      spectrum[i] = random.nextGaussian();
    }
    spectrum[0] = 10 + 10 * random.nextDouble();
    spectrum[1] = 5 * random.nextDouble();
    Quadratic f = quadratic(JacobiEigen.withEigenvalues(spectrum, seed), 0.1, random);
    double rho = 0.05 + 0.5 * random.nextDouble();
    double exact = ExactMaxima.overBall(f.a(), f.g(), rho);

    AscentResult result =
        PerturbationAscent.maximize(
            f, f.x0(), new PerturbationRegion.ScaledBall(rho, ones(n)), AscentSettings.defaults());

    assertThat(result.increase()).isCloseTo(exact, within(0.01 * Math.abs(exact)));
    assertFeasibleAndConsistent(f, result, rho);
  }

  /**
   * A hard regime: strongly indefinite curvature, a large gradient, a radius up to 3. Convergence
   * on the sphere is linear; 20 steps missed 1% in 37 of 1,000 instances, 100 steps in none (worst
   * 0.5%).
   */
  @Property(tries = 30, seed = "42")
  void withEnoughStepsReachesTheMaximumOfAnIndefiniteQuadraticOverABall(@ForAll long seed) {
    Random random = new Random(seed);
    int n = 8;
    double[] spectrum = new double[n];
    for (int i = 0; i < n; i++) {
      spectrum[i] = 4 * random.nextGaussian();
    }
    spectrum[0] = Math.abs(spectrum[0]) + 0.5; // some upward curvature
    Quadratic f = quadratic(JacobiEigen.withEigenvalues(spectrum, seed), 1, random);
    double rho = 0.1 + 2.9 * random.nextDouble();
    double exact = ExactMaxima.overBall(f.a(), f.g(), rho);

    AscentResult result =
        PerturbationAscent.maximize(
            f,
            f.x0(),
            new PerturbationRegion.ScaledBall(rho, ones(n)),
            new AscentSettings(100, 3, 1, 0));

    assertThat(result.increase()).isCloseTo(exact, within(0.01 * Math.abs(exact)));
    assertThat(result.increase()).isLessThanOrEqualTo(exact * (1 + 1e-9) + 1e-12);
    assertFeasibleAndConsistent(f, result, rho);
  }

  @Test
  void findsAnInteriorMaximumOfAConcaveQuadratic() {
    double[][] a = JacobiEigen.withEigenvalues(new double[] {-1, -2, -4, -0.5}, 3);
    double[] g = {0.1, -0.05, 0.2, 0.02};
    Quadratic f = new Quadratic(1.0, new double[4], g, a);
    double exact = ExactMaxima.overBall(a, g, 5);
    AscentResult result =
        PerturbationAscent.maximize(
            f,
            f.x0(),
            new PerturbationRegion.ScaledBall(5, ones(4)),
            new AscentSettings(60, 1, 1, 0));
    assertThat(norm(result.bestPerturbation())).isLessThan(1); // well inside the ball
    assertThat(result.increase()).isCloseTo(exact, within(0.01 * exact));
  }

  /** e = s * u with ||u|| <= rho: in u the quadratic has gradient s * g and Hessian S A S. */
  @Property(tries = 30, seed = "7")
  void reachesTheMaximumOverAScaledBallWithinOnePercent(@ForAll long seed) {
    Random random = new Random(seed);
    int n = 7;
    double[] spectrum = new double[n];
    for (int i = 0; i < n; i++) {
      spectrum[i] = 3 * random.nextGaussian();
    }
    spectrum[0] = Math.abs(spectrum[0]) + 0.5;
    Quadratic f = quadratic(JacobiEigen.withEigenvalues(spectrum, seed), 1, random);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = 0.05 + 2 * random.nextDouble();
    }
    s[n - 1] = 0; // a frozen coordinate
    double[][] scaledA = new double[n][n];
    double[] scaledG = new double[n];
    for (int i = 0; i < n; i++) {
      scaledG[i] = s[i] * f.g()[i];
      for (int j = 0; j < n; j++) {
        scaledA[i][j] = s[i] * f.a()[i][j] * s[j];
      }
    }
    double rho = 0.8;
    double exact = ExactMaxima.overBall(scaledA, scaledG, rho);

    AscentResult result =
        PerturbationAscent.maximize(
            f, f.x0(), new PerturbationRegion.ScaledBall(rho, s), new AscentSettings(100, 3, 1, 0));

    assertThat(result.increase()).isCloseTo(exact, within(0.01 * Math.abs(exact)));
    assertThat(result.bestPerturbation()[n - 1]).isZero();
    double scaledNorm = 0;
    for (int i = 0; i < n - 1; i++) {
      scaledNorm += Math.pow(result.bestPerturbation()[i] / s[i], 2);
    }
    assertThat(Math.sqrt(scaledNorm)).isLessThanOrEqualTo(rho * (1 + 1e-12));
  }

  /**
   * A convex quadratic over a box has its maximum at a vertex, and typically many vertices are
   * local maxima (for a diagonal A every one is): sign ascent finds one of them, and only restarts
   * search globally. On 4-D boxes 64 restarts missed 1% in 0 of 300 instances (3 restarts: 57).
   */
  @Property(tries = 40, seed = "11")
  void withRestartsReachesTheBestVertexOfAConvexQuadraticOverABoxWithinOnePercent(
      @ForAll long seed) {
    Random random = new Random(seed);
    int n = 4;
    double[] spectrum = new double[n];
    for (int i = 0; i < n; i++) {
      spectrum[i] = 3 * random.nextDouble(); // positive semidefinite
    }
    Quadratic f = quadratic(JacobiEigen.withEigenvalues(spectrum, seed), 1, random);
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      h[i] = 0.1 + random.nextDouble();
    }
    double exact = ExactMaxima.overBoxOfConvex(f.a(), f.g(), h);

    AscentResult result =
        PerturbationAscent.maximize(
            f, f.x0(), new PerturbationRegion.Box(h), new AscentSettings(20, 64, 1, seed));

    assertThat(result.increase()).isCloseTo(exact, within(0.01 * Math.abs(exact)));
    for (int i = 0; i < n; i++) {
      assertThat(Math.abs(result.bestPerturbation()[i])).isLessThanOrEqualTo(h[i] * (1 + 1e-12));
    }
  }

  /** Whatever vertex one restart ends at is a local maximum: the gradient points out of the box. */
  @Property(tries = 40, seed = "5")
  void aSingleRestartEndsAtAVertexWhereTheGradientPointsOutward(@ForAll long seed) {
    Random random = new Random(seed);
    int n = 10;
    double[] spectrum = new double[n];
    for (int i = 0; i < n; i++) {
      spectrum[i] = 3 * random.nextDouble();
    }
    Quadratic f = quadratic(JacobiEigen.withEigenvalues(spectrum, seed), 1, random);
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      h[i] = 0.1 + random.nextDouble();
    }
    AscentResult result =
        PerturbationAscent.maximize(
            f, f.x0(), new PerturbationRegion.Box(h), new AscentSettings(30, 1, 1, seed));
    double[] e = result.bestPerturbation();
    double[] x = f.x0().clone();
    for (int i = 0; i < n; i++) {
      x[i] += e[i];
    }
    double[] gradient = f.valueAndGradient(x).gradient();
    for (int i = 0; i < n; i++) {
      assertThat(Math.abs(e[i])).isCloseTo(h[i], within(1e-12));
      assertThat(Math.signum(e[i]) * gradient[i]).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void theFirstStepIsSamsOneStepAscentAndTheBudgetIsCounted() {
    double[][] a = JacobiEigen.withEigenvalues(new double[] {2, 1, -1}, 1);
    double[] g = {0.3, -0.4, 0.5};
    Quadratic f = new Quadratic(0.7, new double[] {1, 2, 3}, g, a);
    double rho = 0.05;
    AscentSettings settings = new AscentSettings(7, 4, 1, 3);
    AscentResult result =
        PerturbationAscent.maximize(
            f, f.x0(), new PerturbationRegion.ScaledBall(rho, ones(3)), settings);
    double[] samStep = new double[3];
    double gNorm = norm(g);
    for (int i = 0; i < 3; i++) {
      samStep[i] = rho * g[i] / gNorm; // e = rho g / ||g||
    }
    assertThat(result.firstStepIncrease()).isCloseTo(f.increase(samStep), within(1e-12));
    assertThat(result.increase()).isGreaterThanOrEqualTo(result.firstStepIncrease());
    assertThat(result.centreValue()).isEqualTo(0.7);
    // The centre, one start per further restart, one evaluation per step.
    assertThat(result.evaluations()).isEqualTo(1 + 3 + 4 * 7);
    assertThat(result.perRestartBest()).hasSize(4);
    assertThat(result.bestValue())
        .isEqualTo(java.util.Arrays.stream(result.perRestartBest()).max().orElseThrow());
  }

  @Property(tries = 20)
  void atAQuadraticMinimumTheMaximumOverTheBallIsRhoSquaredLambdaMaxOverTwo(@ForAll long seed) {
    // f(e) = e^T H e / 2 around a minimum (no gradient at the centre): the ball's maximum is on
    // the top eigenvector, rho^2 lambda_max / 2. The start at the centre cannot move; the random
    // start must find it.
    Random random = new Random(seed);
    int n = 8;
    double[] eigen = new double[n];
    for (int i = 0; i < n; i++) {
      eigen[i] = 0.1 + random.nextDouble();
    }
    eigen[0] = 2.5; // a clear top eigenvalue
    double[][] h = JacobiEigen.withEigenvalues(eigen, seed);
    Quadratic f = new Quadratic(0.4, new double[n], new double[n], h);
    double rho = 0.05;
    AscentResult result =
        PerturbationAscent.maximize(
            f, f.x0(), new PerturbationRegion.ScaledBall(rho, ones(n)), AscentSettings.defaults());
    double exact = rho * rho * 2.5 / 2;
    assertThat(result.increase()).isCloseTo(exact, within(1e-3 * exact));
    assertThat(result.converged()).isTrue();
    assertFeasibleAndConsistent(f, result, rho);
  }

  @Property(tries = 20)
  void doublingTheIterationsOfAConvergedSearchChangesItsValueByLessThanOnePercent(
      @ForAll long seed) {
    Random random = new Random(seed);
    double[][] a = JacobiEigen.withEigenvalues(new double[] {3, 1, 0.5, -1, -2}, seed);
    Quadratic f = quadratic(a, 0.05, random);
    PerturbationRegion ball = new PerturbationRegion.ScaledBall(0.1, ones(5));
    AscentResult base = PerturbationAscent.maximize(f, f.x0(), ball, AscentSettings.defaults());
    AscentResult doubled =
        PerturbationAscent.maximize(f, f.x0(), ball, new AscentSettings(40, 2, 2.0, 0));
    if (base.converged()) {
      assertThat(doubled.increase())
          .isCloseTo(base.increase(), within(0.01 * Math.abs(base.increase())));
    }
    assertThat(doubled.increase()).isGreaterThanOrEqualTo(base.increase() * (1 - 1e-12));
  }

  @Test
  void apgdChecksItsProgressAtItsScheduleOfCheckpoints() {
    // p = 0, 0.22, 0.41, 0.57, 0.70, 0.80, 0.87, 0.93, 0.99 of 20 iterations, rounded up.
    assertThat(PerturbationAscent.checkpoints(20)).containsExactly(5, 9, 12, 14, 16, 18, 19, 20);
    assertThat(PerturbationAscent.checkpoints(100)).containsExactly(22, 41, 57, 70, 80, 87, 93, 99);
  }

  @Test
  void aSearchStillClimbingInItsLastQuarterIsNotConverged() {
    // A linear increase along a direction the tiny first step only starts to follow: with four
    // iterations and a step of 1% of the radius every quarter raises f by about as much.
    double[] g = {1, 0, 0};
    Quadratic f = new Quadratic(0, new double[3], g, new double[3][3]);
    AscentResult result =
        PerturbationAscent.maximize(
            f,
            f.x0(),
            new PerturbationRegion.ScaledBall(1, ones(3)),
            new AscentSettings(4, 1, 0.01, 0));
    assertThat(result.converged()).isFalse();
    assertThat(result.quarterValues()).hasSize(4);
    assertThat(result.quarterValues()[3]).isEqualTo(result.bestValue());
    assertThat(result.quarterValues()).isSorted();
  }

  private static void assertFeasibleAndConsistent(Quadratic f, AscentResult result, double rho) {
    assertThat(norm(result.bestPerturbation())).isLessThanOrEqualTo(rho * (1 + 1e-12));
    assertThat(f.increase(result.bestPerturbation())).isCloseTo(result.increase(), within(1e-9));
  }

  private static Quadratic quadratic(double[][] a, double gradientScale, Random random) {
    int n = a.length;
    double[] g = new double[n];
    double[] x0 = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = gradientScale * random.nextGaussian();
      x0[i] = random.nextGaussian();
    }
    return new Quadratic(random.nextDouble(), x0, g, a);
  }

  static double[] ones(int n) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, 1);
    return v;
  }

  static double norm(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }
}
