package org.losslandscape.models.sharpness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.junit.jupiter.api.Test;

class SliceSharpnessTest {

    /** L(a, b) = 1 + k (a^2 + b^2): within radius eps the max is at a grid point of largest radius <= eps. */
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
        assertThat(s.at(0.1)).isCloseTo(3 * 0.01, within(1e-12));          // (0.1, 0)
        assertThat(s.at(0.25)).isCloseTo(3 * (0.04 + 0.01), within(1e-12)); // (0.2, 0.1): r^2 = 0.05 <= 0.0625
        assertThat(s.at(0.5)).isCloseTo(3 * 0.25, within(1e-12));          // (0.5, 0), (0.4, 0.3)
        assertThat(s.at(1.0)).isCloseTo(3 * 1.0, within(1e-12));
        assertThat(s.values().get(0).points()).isEqualTo(5); // centre and its 4 neighbours
    }

    @Test
    void sharpnessIsMonotoneInEpsAndScalesWithCurvature() {
        GridSpec spec = new GridSpec(31, -1, 1);
        SliceSharpness flat = SliceSharpness.of(paraboloid(spec, 1), List.of(0.1, 0.25, 0.5, 1.0));
        SliceSharpness sharp = SliceSharpness.of(paraboloid(spec, 10), List.of(0.1, 0.25, 0.5, 1.0));
        for (int e = 0; e < 4; e++) {
            assertThat(sharp.values().get(e).value()).isCloseTo(10 * flat.values().get(e).value(), within(1e-9));
            if (e > 0) {
                assertThat(flat.values().get(e).value()).isGreaterThanOrEqualTo(flat.values().get(e - 1).value());
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
    void meanIntervalUsesStudentT() {
        MeanInterval m = MeanInterval.of(new double[] {1, 2, 3});
        // mean 2, sd 1, se 1/sqrt(3), t(2) = 4.303
        assertThat(m.mean()).isEqualTo(2);
        assertThat(m.halfWidth()).isCloseTo(4.303 / Math.sqrt(3), within(1e-9));
        assertThat(MeanInterval.of(new double[] {5}).halfWidth()).isZero();
        assertThat(m.separatedFrom(MeanInterval.of(new double[] {10, 11, 12}))).isTrue();
        assertThat(m.separatedFrom(MeanInterval.of(new double[] {2, 3, 4}))).isFalse();
    }
}
