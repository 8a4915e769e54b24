package org.losslandscape.models.sharpness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeGrid;

class SliceSharpnessTest {

  /**
   * L(a, b) = 1 + k (a^2 + b^2): within radius eps the max is at a grid point of largest radius <=
   * eps.
   */
  private static LandscapeGrid paraboloid(GridSpec spec, double k) {
    double[] c = spec.coordinates();
    double[][] loss = new double[c.length][c.length];
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        loss[i][j] = 1 + k * (c[i] * c[i] + c[j] * c[j]);
      }
    }
    return new LandscapeGrid(spec, loss, new double[c.length][c.length], 1);
  }

  @Test
  void paraboloidSharpnessIsCurvatureTimesTheLargestGridRadiusInsideTheBall() {
    GridSpec spec = new GridSpec(21, -1, 1); // spacing 0.1
    SliceSharpness s = SliceSharpness.of(paraboloid(spec, 3), List.of(0.1, 0.25, 0.5, 1.0));
    assertThat(s.at(0.1)).isCloseTo(3 * 0.01, within(1e-12)); // (0.1, 0)
    assertThat(s.at(0.25))
        .isCloseTo(3 * (0.04 + 0.01), within(1e-12)); // (0.2, 0.1): r^2 = 0.05 <= 0.0625
    assertThat(s.at(0.5)).isCloseTo(3 * 0.25, within(1e-12)); // (0.5, 0), (0.4, 0.3)
    assertThat(s.at(1.0)).isCloseTo(3 * 1.0, within(1e-12));
    assertThat(s.values().get(0).points()).isEqualTo(5); // centre and its 4 neighbours
  }

  @Test
  void sharpnessIsMonotoneInEpsAndScalesWithCurvature() {
    GridSpec spec = new GridSpec(31, -1, 1);
    SliceSharpness flat = SliceSharpness.of(paraboloid(spec, 1), List.of(0.1, 0.25, 0.5, 1.0));
    SliceSharpness sharp = SliceSharpness.of(paraboloid(spec, 10), List.of(0.1, 0.25, 0.5, 1.0));
    for (int e = 0; e < 4; e++) {
      assertThat(sharp.values().get(e).value())
          .isCloseTo(10 * flat.values().get(e).value(), within(1e-9));
      if (e > 0) {
        assertThat(flat.values().get(e).value())
            .isGreaterThanOrEqualTo(flat.values().get(e - 1).value());
      }
    }
  }

  @Test
  void aDivergedPointInsideTheBallMakesItInfinite() {
    GridSpec spec = new GridSpec(5, -1, 1);
    LandscapeGrid g = paraboloid(spec, 1);
    g.loss()[0][0] = Double.NaN; // corner (-1, -1), radius 1.41
    SliceSharpness s = SliceSharpness.of(g, List.of(1.0, 1.5));
    assertThat(s.at(1.0)).isCloseTo(1.0, within(1e-12));
    assertThat(s.at(1.5)).isInfinite();
    assertThatThrownBy(() -> SliceSharpness.of(g, List.of(0.0))).hasMessageContaining("positive");
  }

  @Test
  void aBumpInsideTheBallCountsEvenWhenTheRimIsLower() {
    GridSpec spec = new GridSpec(21, -1, 1);
    LandscapeGrid g = paraboloid(spec, 1);
    g.loss()[12][11] = 9; // (0.2, 0.1): radius 0.224
    SliceSharpness s = SliceSharpness.of(g, List.of(0.2, 0.25, 1.0));
    assertThat(s.at(0.2)).isCloseTo(0.04, within(1e-12)); // the bump is outside radius 0.2
    assertThat(s.at(0.25)).isCloseTo(8, within(1e-12));
    assertThat(s.at(1.0)).isCloseTo(8, within(1e-12));
  }

  @net.jqwik.api.Property(tries = 60)
  void equalsABruteForceReferenceOnRandomGrids(
      @net.jqwik.api.ForAll("grids") double[][] loss,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = 0.01, max = 1.5)
          double eps) {
    int n = loss.length;
    GridSpec spec = new GridSpec(n, -1, 1);
    LandscapeGrid g = new LandscapeGrid(spec, loss, new double[n][n], 1);
    SliceSharpness.Value v = SliceSharpness.of(g, List.of(eps)).values().get(0);
    double centre = loss[n / 2][n / 2];
    double max = Double.NEGATIVE_INFINITY;
    int points = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double a = -1 + 2.0 * i / (n - 1);
        double b = -1 + 2.0 * j / (n - 1);
        if (a * a + b * b <= eps * eps * (1 + 1e-12)) {
          max = Math.max(max, loss[i][j]);
          points++;
        }
      }
    }
    assertThat(v.value()).isCloseTo(max - centre, within(1e-12)).isGreaterThanOrEqualTo(0);
    assertThat(v.points()).isEqualTo(points);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<double[][]> grids() {
    return net.jqwik.api.Arbitraries.integers()
        .between(1, 6)
        .flatMap(
            half -> {
              int n = 2 * half + 1;
              return net.jqwik.api.Arbitraries.doubles()
                  .between(0, 10)
                  .array(double[].class)
                  .ofSize(n)
                  .array(double[][].class)
                  .ofSize(n);
            });
  }

  @Test
  void gridsMustHoldTheOriginExactly() {
    assertThatThrownBy(() -> new GridSpec(5, 0.5, 1.5))
        .hasMessageContaining("does not put the trained weights");
    assertThatThrownBy(() -> new GridSpec(5, -1, 2))
        .hasMessageContaining("does not put the trained weights");
    GridSpec asymmetric = new GridSpec(7, -1, 2); // spacing 0.5, origin at index 2
    assertThat(asymmetric.centreIndex()).isEqualTo(2);
    assertThat(asymmetric.coordinates()[2]).isEqualTo(0.0);
    assertThat(new GridSpec(31, -1, 1).coordinates()[15]).isEqualTo(0.0);
  }
}
