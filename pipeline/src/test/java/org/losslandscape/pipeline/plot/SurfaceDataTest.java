package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SurfaceDataTest {

  private static final double[] AXIS = {-1, 0, 1};

  @Test
  void copiesArraysInAndOut() {
    double[] alpha = AXIS.clone();
    double[][] z = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    SurfaceData data = new SurfaceData("t", alpha, AXIS, z);
    alpha[0] = 99;
    z[1][1] = 99;
    data.z()[2][2] = 99;
    data.alpha()[1] = 99;
    assertThat(data.alpha()).containsExactly(-1, 0, 1);
    assertThat(data.valueAt(1, 1)).isEqualTo(5);
    assertThat(data.valueAt(2, 2)).isEqualTo(9);
  }

  @Test
  void firstIndexIsAlpha() {
    SurfaceData data =
        new SurfaceData(
            "t",
            new double[] {0, 1},
            new double[] {0, 1, 2},
            new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertThat(data.alphaCount()).isEqualTo(2);
    assertThat(data.betaCount()).isEqualTo(3);
    assertThat(data.valueAt(1, 2)).isEqualTo(6);
  }

  @Test
  void rangesSkipNonFiniteValues() {
    SurfaceData data =
        new SurfaceData(
            "t",
            new double[] {0, 1},
            new double[] {0, 1},
            new double[][] {{Double.NaN, -2}, {0.5, Double.POSITIVE_INFINITY}});
    assertThat(data.finiteMin()).isEqualTo(-2);
    assertThat(data.finiteMax()).isEqualTo(0.5);
    assertThat(data.smallestPositive()).isEqualTo(0.5);
  }

  @Test
  void equalityIsByContent() {
    SurfaceData a =
        new SurfaceData("t", AXIS, AXIS, new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
    SurfaceData b = new SurfaceData("t", AXIS.clone(), AXIS.clone(), a.z());
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }

  @Test
  void rejectsBadShapes() {
    assertThatThrownBy(
            () -> new SurfaceData("t", new double[] {0}, AXIS, new double[][] {{1, 2, 3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2");
    assertThatThrownBy(() -> new SurfaceData("t", new double[] {0, 0, 1}, AXIS, new double[3][3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> new SurfaceData("t", AXIS, AXIS, new double[2][3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one row per alpha");
    assertThatThrownBy(
            () -> new SurfaceData("t", AXIS, AXIS, new double[][] {{1, 2, 3}, {1, 2}, {1, 2, 3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("z[1]");
    assertThatThrownBy(
            () -> new SurfaceData("t", new double[] {0, Double.NaN}, AXIS, new double[2][3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
  }
}
