package org.losslandscape.pipeline.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.landscape.GridSpec;
import org.losslandscape.models.landscape.LandscapeEvaluator;
import org.losslandscape.models.landscape.LandscapeGrid;
import org.losslandscape.models.sharpness.SharpnessReport;
import org.losslandscape.models.sharpness.SliceSharpness;
import org.losslandscape.pipeline.config.MeasureSettings;
import org.losslandscape.pipeline.config.RunId;
import org.losslandscape.pipeline.config.SliceSettings;

/**
 * The slice measure on slices whose loss is known in closed form: two bowls, {@code 0.3 + a^2 + 4
 * b^2} and {@code 0.3 + 2 a^2 + b^2}, peak on the circle of radius eps at 4 eps^2 and 2 eps^2; the
 * measure finds those on the plane, keeps each grid's own maximum beside them, averages over the
 * pairs, and closes every plane it opened.
 */
class SliceMeasureTest {

  private static final MeasureSetup SETUP =
      new MeasureSetup(
          SliceSettings.defaults(), MeasureSettings.defaults().withSelected(java.util.Set.of()));

  private static final GridSpec GRID = new GridSpec(11, -1, 1);

  private static final DoubleBinaryOperator STEEP_ALONG_B = (a, b) -> 0.3 + a * a + 4 * b * b;
  private static final DoubleBinaryOperator STEEP_ALONG_A = (a, b) -> 0.3 + 2 * a * a + b * b;

  /** The slice of {@code f}: its grid, and its plane counting how often it is opened and closed. */
  private static ModelSlice slice(
      DoubleBinaryOperator f, AtomicInteger opened, AtomicInteger closed) {
    double[] c = GRID.coordinates();
    double[][] loss = new double[c.length][c.length];
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        loss[i][j] = f.applyAsDouble(c[i], c[j]);
      }
    }
    LandscapeGrid grid = new LandscapeGrid(GRID, loss, new double[c.length][c.length], 1);
    return new ModelSlice(
        grid,
        () -> {
          opened.incrementAndGet();
          return new LandscapeEvaluator.PlaneSlice() {
            @Override
            public double[] at(double[] a, double[] b) {
              double[] v = new double[a.length];
              for (int i = 0; i < v.length; i++) {
                v[i] = f.applyAsDouble(a[i], b[i]);
              }
              return v;
            }

            @Override
            public void close() {
              closed.incrementAndGet();
            }
          };
        });
  }

  @Test
  void theDiskMaximaOfEachPairAndTheirMeanFollowTheBowls() {
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    List<ModelSlice> slices =
        List.of(slice(STEEP_ALONG_B, opened, closed), slice(STEEP_ALONG_A, opened, closed));

    SharpnessReport report =
        Measures.SLICE.compute(MeasureInput.ofSlices(new RunId("r", 1, 0), null, slices), SETUP);

    List<Double> radii = SETUP.slice().radii();
    assertThat(report.entries()).extracting(SharpnessReport.Entry::epsilon).isEqualTo(radii);
    SliceSharpness onGridB = SliceSharpness.of(slices.get(0).grid(), radii);
    SliceSharpness onGridA = SliceSharpness.of(slices.get(1).grid(), radii);
    for (int k = 0; k < radii.size(); k++) {
      double eps = radii.get(k);
      SharpnessReport.Entry e = report.at(eps);
      assertThat(e.perPair()[0]).isCloseTo(4 * eps * eps, within(1e-6 * eps * eps));
      assertThat(e.perPair()[1]).isCloseTo(2 * eps * eps, within(1e-6 * eps * eps));
      assertThat(e.interval().mean()).isCloseTo(3 * eps * eps, within(1e-6 * eps * eps));
      // The grid's own maxima stay beside the disk's, which are never below them.
      assertThat(e.perPairGrid())
          .containsExactly(onGridB.values().get(k).value(), onGridA.values().get(k).value());
      assertThat(e.perPair()[0]).isGreaterThanOrEqualTo(e.perPairGrid()[0]);
      assertThat(e.perPair()[1]).isGreaterThanOrEqualTo(e.perPairGrid()[1]);
    }
    assertThat(opened).hasValue(2);
    assertThat(closed).hasValue(2);
    // The verdict's values are the means over pairs.
    assertThat(Measures.SLICE.values(report, SETUP).values())
        .containsExactlyElementsOf(
            radii.stream().map(eps -> report.at(eps).interval().mean()).toList());
  }

  @Test
  void withoutSlicesItSaysWhatIsMissing() {
    assertThatThrownBy(
            () ->
                Measures.SLICE.compute(
                    MeasureInput.ofSlices(new RunId("r", 1, 0), null, List.of()), SETUP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs its slices");
  }
}
