package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Tests of {@link MarchingSquares#isoSegments}. */
class MarchingSquaresTest {

  private static final double[] UNIT = {0, 1};

  @Test
  void straightLevelLineThroughOneCell() {
    // z = x on the unit cell: the level 0.25 is the vertical line x = 0.25.
    double[][] z = {{0, 0}, {1, 1}};
    List<Segment> segments = MarchingSquares.isoSegments(UNIT, UNIT, z, 0.25);
    assertThat(segments).hasSize(1);
    Segment s = segments.get(0);
    assertThat(s.x1()).isEqualTo(0.25);
    assertThat(s.x2()).isEqualTo(0.25);
    assertThat(List.of(s.y1(), s.y2())).containsExactlyInAnyOrder(0.0, 1.0);
  }

  @Test
  void saddleWithCentreInsideJoinsTheHighDiagonal() {
    // High corners (0,0) and (1,1); the centre mean 0.5 counts as inside for level 0.5, so the
    // high corners stay connected and the two low corners are cut off.
    double[][] z = {{1, 0}, {0, 1}};
    List<Segment> segments = MarchingSquares.isoSegments(UNIT, UNIT, z, 0.5);
    assertThat(segments)
        .containsExactlyInAnyOrder(new Segment(0.5, 0, 1, 0.5), new Segment(0.5, 1, 0, 0.5));
  }

  @Test
  void saddleWithCentreOutsideJoinsTheLowDiagonal() {
    double[][] z = {{1, 0}, {0, 1}};
    List<Segment> segments = MarchingSquares.isoSegments(UNIT, UNIT, z, 0.6);
    assertThat(segments).hasSize(2);
    assertThat(segments)
        .anySatisfy(
            s -> assertThat(endpoints(s)).containsExactlyInAnyOrder(key(0, 0.4), key(0.4, 0)));
    assertThat(segments)
        .anySatisfy(
            s -> assertThat(endpoints(s)).containsExactlyInAnyOrder(key(1, 0.6), key(0.6, 1)));
  }

  @Test
  void flatFieldHasNoSegmentsEvenAtItsOwnLevel() {
    double[][] z = {{3, 3, 3}, {3, 3, 3}, {3, 3, 3}};
    double[] axis = {0, 1, 2};
    assertThat(MarchingSquares.isoSegments(axis, axis, z, 3)).isEmpty();
    assertThat(MarchingSquares.isoSegments(axis, axis, z, 2)).isEmpty();
    assertThat(MarchingSquares.isoSegments(axis, axis, z, 4)).isEmpty();
  }

  @Test
  void levelEqualToCornerValuesGivesFiniteSegments() {
    double[][] z = {{0, 1, 2}, {1, 1, 1}, {2, 1, 0}};
    double[] axis = {0, 1, 2};
    List<Segment> segments = MarchingSquares.isoSegments(axis, axis, z, 1);
    assertThat(segments).isNotEmpty();
    for (Segment s : segments) {
      for (double v : new double[] {s.x1(), s.y1(), s.x2(), s.y2()}) {
        assertThat(v).isFinite().isBetween(0.0, 2.0);
      }
    }
  }

  @Test
  void cellsWithNonFiniteCornersAreSkipped() {
    double[][] z = {{0, 0, 0}, {1, Double.NaN, 1}, {2, 2, 2}};
    double[] axis = {0, 1, 2};
    List<Segment> segments = MarchingSquares.isoSegments(axis, axis, z, 0.5);
    // Only the cells without the NaN would be crossed, and all four touch it.
    assertThat(segments).isEmpty();
    assertThat(MarchingSquares.isoSegments(axis, axis, z, 1.5)).isEmpty();
  }

  @Test
  void radialFieldGivesCirclesOfTheLevelRadius() {
    int n = 41;
    double[] axis = Surfaces.axis(-1, 1, n);
    double spacing = axis[1] - axis[0];
    double[][] z = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        z[i][j] = Math.hypot(axis[i], axis[j]);
      }
    }
    for (double r : new double[] {0.3, 0.55, 0.9}) {
      List<Segment> segments = MarchingSquares.isoSegments(axis, axis, z, r);
      double length = 0;
      for (Segment s : segments) {
        assertThat(Math.hypot(s.x1(), s.y1())).isCloseTo(r, within(spacing / 4));
        assertThat(Math.hypot(s.x2(), s.y2())).isCloseTo(r, within(spacing / 4));
        length += s.length();
      }
      assertThat(length)
          .as("circumference at r = %s", r)
          .isCloseTo(2 * Math.PI * r, within(0.02 * 2 * Math.PI * r));
    }
  }

  @Test
  void paraboloidLevelsAreCirclesOfRadiusSqrtLevel() {
    SurfaceData paraboloid = Surfaces.paraboloid(51);
    double spacing = 2.0 / 50;
    for (double level : new double[] {0.1, 0.5}) {
      for (Segment s :
          MarchingSquares.isoSegments(
              paraboloid.alpha(), paraboloid.beta(), paraboloid.z(), level)) {
        assertThat(Math.hypot(s.x1(), s.y1())).isCloseTo(Math.sqrt(level), within(spacing));
      }
    }
  }

  @Property(tries = 200)
  void interiorEndpointsPairUpIntoUnbrokenLines(@ForAll("fields") double[][] z) {
    double[] x = Surfaces.axis(0, 1, z.length);
    double[] y = Surfaces.axis(0, 2, z[0].length);
    Map<List<Double>, Integer> count = new HashMap<>();
    for (Segment s : MarchingSquares.isoSegments(x, y, z, 0.5)) {
      for (List<Double> end : endpoints(s)) {
        count.merge(end, 1, Integer::sum);
      }
    }
    count.forEach(
        (point, times) -> {
          boolean onBoundary =
              point.get(0) == 0 || point.get(0) == 1 || point.get(1) == 0 || point.get(1) == 2;
          if (!onBoundary) {
            assertThat(times).as("endpoint %s", point).isEven();
          }
        });
  }

  @Provide
  Arbitrary<double[][]> fields() {
    return Arbitraries.doubles()
        .between(0, 1)
        .array(double[].class)
        .ofSize(5)
        .array(double[][].class)
        .ofMinSize(2)
        .ofMaxSize(7);
  }

  @Test
  void rejectsMismatchedShapesAndNonFiniteLevels() {
    assertThatThrownBy(() -> MarchingSquares.isoSegments(UNIT, UNIT, new double[][] {{1, 2}}, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one row per x");
    assertThatThrownBy(
            () ->
                MarchingSquares.isoSegments(
                    UNIT, UNIT, new double[][] {{1, 2}, {3, 4}}, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThatThrownBy(
            () -> MarchingSquares.isoSegments(new double[] {0}, UNIT, new double[][] {{1, 2}}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2x2");
  }

  private static List<List<Double>> endpoints(Segment s) {
    return List.of(key(s.x1(), s.y1()), key(s.x2(), s.y2()));
  }

  private static List<Double> key(double x, double y) {
    return List.of(x, y);
  }
}
