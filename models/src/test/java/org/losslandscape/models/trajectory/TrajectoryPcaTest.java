package org.losslandscape.models.trajectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.mlp.MlpArchitecture;
import org.losslandscape.models.mlp.ParameterLayout;
import org.losslandscape.models.mlp.Parameters;
import org.losslandscape.models.testing.ReferencePca;

/**
 * The trajectory PCA against an independent decomposition of the full covariance matrix, on a path
 * in a known plane, and against the defining property of principal components.
 */
class TrajectoryPcaTest {

  /** 3-2-2: 14 parameters, small enough for the p x p reference. */
  private static final MlpArchitecture TINY = new MlpArchitecture(3, List.of(2), 2);

  private static final ParameterLayout LAYOUT = new ParameterLayout(TINY);

  @Test
  void equalsAnIndependentEigenDecompositionOfTheCovariance() {
    List<Parameters> path = randomWalk(7, 11);
    Parameters centre = path.get(path.size() - 1);
    TrajectoryPlane plane = TrajectoryPca.fit(path, centre);

    double[][] offsets = offsets(path, centre);
    ReferencePca reference = ReferencePca.of(offsets);
    double total = 0;
    for (double v : reference.variances()) {
      total += v;
    }
    double[][] projections = {plane.xCoordinates(), plane.yCoordinates()};
    for (int j = 0; j < 2; j++) {
      assertThat(plane.explainedVarianceRatios()[j])
          .as("explained variance ratio %d", j)
          .isCloseTo(reference.variances()[j] / total, within(1e-10));
      double[] u = plane.component(j);
      double[] expected = reference.components()[j];
      double alignment = dot(u, expected);
      assertThat(Math.abs(alignment)).as("|<u%d, reference>|", j).isCloseTo(1.0, within(1e-9));
      double sign = Math.signum(alignment);
      for (int k = 0; k < path.size(); k++) {
        assertThat(projections[j][k])
            .as("projection of checkpoint %d on component %d", k, j)
            .isCloseTo(sign * dot(offsets[k], expected), within(1e-9));
      }
    }
    assertThat(dot(plane.component(0), plane.component(1))).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void aPathInAKnownPlaneIsRecoveredWithAllItsVarianceAndExactCoordinates() {
    // Two orthonormal directions with entries +-0.5 spread over kernels and biases, a centre on a
    // 1/16 grid, integer coordinates: every checkpoint is exact in float, so nothing is rounded.
    double[] e1 = new double[LAYOUT.dimension()];
    double[] e2 = new double[LAYOUT.dimension()];
    int[] support = {0, 5, 7, 12};
    double[] signs2 = {1, -1, 1, -1};
    for (int s = 0; s < 4; s++) {
      e1[support[s]] = 0.5;
      e2[support[s]] = 0.5 * signs2[s];
    }
    // Centred coordinates (-4,-2,0,2,4) and (2,-2,-1,0,1): uncorrelated, variances 40 and 10.
    double[] a = {-8, -6, -4, -2, 0};
    double[] b = {1, -3, -2, -1, 0};
    Random random = new Random(3);
    double[] centre = new double[LAYOUT.dimension()];
    for (int i = 0; i < centre.length; i++) {
      centre[i] = (random.nextInt(65) - 32) / 16.0;
    }
    List<Parameters> path = new ArrayList<>();
    for (int k = 0; k < a.length; k++) {
      double[] point = centre.clone();
      for (int i = 0; i < point.length; i++) {
        point[i] += a[k] * e1[i] + b[k] * e2[i];
      }
      path.add(LAYOUT.unflatten(point));
    }

    TrajectoryPlane plane = TrajectoryPca.fit(path, LAYOUT.unflatten(centre));

    assertThat(plane.explainedVarianceRatios()[0]).isCloseTo(0.8, within(1e-12));
    assertThat(plane.explainedVarianceRatios()[1]).isCloseTo(0.2, within(1e-12));
    // Signs: the start (first checkpoint) has coordinates >= 0, so x = -a and y = b.
    double[] expectedX = {8, 6, 4, 2, 0};
    double[] expectedY = {1, -3, -2, -1, 0};
    for (int k = 0; k < a.length; k++) {
      assertThat(plane.xCoordinates()[k]).isCloseTo(expectedX[k], within(1e-12));
      assertThat(plane.yCoordinates()[k]).isCloseTo(expectedY[k], within(1e-12));
    }
    double[] u1 = plane.component(0);
    double[] u2 = plane.component(1);
    for (int i = 0; i < u1.length; i++) {
      assertThat(u1[i]).isCloseTo(-e1[i], within(1e-12));
      assertThat(u2[i]).isCloseTo(e2[i], within(1e-12));
    }
    // The final weights are the origin of the plane.
    assertThat(plane.xCoordinates()[4]).isZero();
    assertThat(plane.yCoordinates()[4]).isZero();
  }

  @Test
  void theWindowHoldsThePathWithTheMarginToSpare() {
    List<Parameters> path = randomWalk(6, 2);
    TrajectoryPlane plane = TrajectoryPca.fit(path, path.get(5));
    PlaneWindow window = plane.window(0.25);
    double maxX = 0;
    double maxY = 0;
    for (int k = 0; k < 6; k++) {
      maxX = Math.max(maxX, Math.abs(plane.xCoordinates()[k]));
      maxY = Math.max(maxY, Math.abs(plane.yCoordinates()[k]));
    }
    assertThat(window.xHalfWidth()).isCloseTo(1.25 * maxX, within(1e-12));
    assertThat(window.yHalfWidth()).isCloseTo(1.25 * maxY, within(1e-12));
    // The scaled directions reach the window's edges at grid coordinate 1.
    assertThat(plane.directions(window).d1().norm()).isCloseTo(1.25 * maxX, within(1e-5 * maxX));
    assertThat(plane.directions(window).d2().norm()).isCloseTo(1.25 * maxY, within(1e-5 * maxY));
    assertThat(plane.directions(window).spec()).isNull();
    assertThatThrownBy(() -> plane.window(-0.1)).hasMessageStartingWith("trajectory margin");
  }

  @Test
  void refusesPathsThatDoNotSpanAPlane() {
    List<Parameters> path = randomWalk(4, 5);
    assertThatThrownBy(() -> TrajectoryPca.fit(path.subList(0, 2), path.get(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 3 checkpoints");

    // Checkpoints on one line through the final weights: one direction only.
    double[] centre = LAYOUT.flatten(path.get(0));
    double[] step = LAYOUT.flatten(path.get(1));
    List<Parameters> line = new ArrayList<>();
    for (int k = 3; k >= 0; k--) {
      double[] point = centre.clone();
      for (int i = 0; i < point.length; i++) {
        point[i] += k * 0.25 * (step[i] - centre[i]);
      }
      line.add(LAYOUT.unflatten(point));
    }
    assertThatThrownBy(() -> TrajectoryPca.fit(line, line.get(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("span fewer than two directions");

    Parameters other =
        new ParameterLayout(new MlpArchitecture(3, List.of(3), 2))
            .unflatten(new double[3 * 3 + 3 + 3 * 2 + 2]);
    List<Parameters> mixed = new ArrayList<>(path);
    mixed.set(1, other);
    assertThatThrownBy(() -> TrajectoryPca.fit(mixed, path.get(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3-3-2");
  }

  /**
   * What makes them principal: no other plane captures more of the centred offsets' variance than
   * the top two components' share, and their ratios are ordered shares of the total.
   */
  @Property(tries = 60)
  void noOtherPlaneCapturesMoreVariance(
      @ForAll @IntRange(min = 3, max = 9) int checkpoints,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    List<Parameters> path = randomWalk(checkpoints, seed);
    Parameters centre = path.get(checkpoints - 1);
    TrajectoryPlane plane = TrajectoryPca.fit(path, centre);
    double[] ratios = plane.explainedVarianceRatios();
    assertThat(ratios[0]).isGreaterThanOrEqualTo(ratios[1]);
    assertThat(ratios[1]).isGreaterThan(0);
    assertThat(ratios[0] + ratios[1]).isLessThanOrEqualTo(1 + 1e-12);

    double[][] centred = centred(offsets(path, centre));
    double total = 0;
    for (double[] row : centred) {
      total += dot(row, row);
    }
    Random random = new Random(seed);
    for (int trial = 0; trial < 20; trial++) {
      double[] w1 = gaussian(random);
      double[] w2 = gaussian(random);
      normalize(w1);
      double overlap = dot(w1, w2);
      for (int i = 0; i < w2.length; i++) {
        w2[i] -= overlap * w1[i];
      }
      normalize(w2);
      double captured = 0;
      for (double[] row : centred) {
        captured += Math.pow(dot(row, w1), 2) + Math.pow(dot(row, w2), 2);
      }
      assertThat(captured / total).isLessThanOrEqualTo(ratios[0] + ratios[1] + 1e-9);
    }
    // The PCA's own plane captures exactly its share.
    double own = 0;
    for (double[] row : centred) {
      own += Math.pow(dot(row, plane.component(0)), 2) + Math.pow(dot(row, plane.component(1)), 2);
    }
    assertThat(own / total).isCloseTo(ratios[0] + ratios[1], within(1e-9));
  }

  /**
   * Moving the whole path and its centre by one vector changes no offset, so nothing of the PCA may
   * change (up to float rounding of the moved weights).
   */
  @Property(tries = 40)
  void translatingPathAndCentreTogetherChangesNothing(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    List<Parameters> path = randomWalk(6, seed);
    double[] shift = gaussian(new Random(seed + 1));
    List<Parameters> moved = new ArrayList<>();
    for (Parameters p : path) {
      double[] flat = LAYOUT.flatten(p);
      for (int i = 0; i < flat.length; i++) {
        flat[i] += shift[i];
      }
      moved.add(LAYOUT.unflatten(flat));
    }
    TrajectoryPlane before = TrajectoryPca.fit(path, path.get(5));
    TrajectoryPlane after = TrajectoryPca.fit(moved, moved.get(5));
    for (int j = 0; j < 2; j++) {
      assertThat(after.explainedVarianceRatios()[j])
          .isCloseTo(before.explainedVarianceRatios()[j], within(1e-4));
    }
    for (int k = 0; k < 6; k++) {
      assertThat(after.xCoordinates()[k]).isCloseTo(before.xCoordinates()[k], within(1e-4));
    }
  }

  /** A random walk of {@code length} steps from a random start; the last point is the centre. */
  static List<Parameters> randomWalk(int length, long seed) {
    Random random = new Random(seed);
    double[] point = gaussian(random);
    List<Parameters> path = new ArrayList<>();
    for (int k = 0; k < length; k++) {
      path.add(LAYOUT.unflatten(point));
      double[] step = gaussian(random);
      for (int i = 0; i < point.length; i++) {
        point[i] += 0.5 * step[i];
      }
    }
    return path;
  }

  private static double[][] offsets(List<Parameters> path, Parameters centre) {
    double[] c = LAYOUT.flatten(centre);
    double[][] out = new double[path.size()][];
    for (int k = 0; k < path.size(); k++) {
      out[k] = LAYOUT.flatten(path.get(k));
      for (int i = 0; i < c.length; i++) {
        out[k][i] -= c[i];
      }
    }
    return out;
  }

  private static double[][] centred(double[][] rows) {
    double[] mean = new double[rows[0].length];
    for (double[] row : rows) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += row[i] / rows.length;
      }
    }
    double[][] out = new double[rows.length][mean.length];
    for (int k = 0; k < rows.length; k++) {
      for (int i = 0; i < mean.length; i++) {
        out[k][i] = rows[k][i] - mean[i];
      }
    }
    return out;
  }

  private static double[] gaussian(Random random) {
    double[] v = new double[LAYOUT.dimension()];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  private static void normalize(double[] v) {
    double norm = Math.sqrt(dot(v, v));
    for (int i = 0; i < v.length; i++) {
      v[i] /= norm;
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
