package org.losslandscape.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.losslandscape.pipeline.summary.SummarySchema;

class PageDataTest {

  @Provide
  Arbitrary<double[][]> grids() {
    Arbitrary<Double> value =
        Arbitraries.oneOf(
            Arbitraries.doubles().between(-10, 100),
            Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY));
    return Arbitraries.integers()
        .between(1, 7)
        .flatMap(n -> value.array(double[].class).ofSize(n).array(double[][].class).ofSize(n));
  }

  /** Plotly takes z as rows along y: element [j][i] must be the loss at (alpha_i, beta_j). */
  @Property(tries = 200)
  void rowsAlongBetaHoldTheLossAtAlphaIBetaJ(@ForAll("grids") double[][] grid) {
    List<List<Double>> rows = PageData.rowsAlongBeta(grid);
    assertThat(rows).hasSize(grid.length);
    for (int i = 0; i < grid.length; i++) {
      for (int j = 0; j < grid.length; j++) {
        Double shown = rows.get(j).get(i);
        if (Double.isFinite(grid[i][j])) {
          assertThat(shown).isEqualTo(grid[i][j]);
        } else {
          assertThat(shown).as("a non-finite point is a gap, not a number").isNull();
        }
      }
    }
  }

  @Example
  void theSyntheticFolderHasAValidSummary() throws Exception {
    Path dir = SyntheticResults.write(Files.createTempDirectory("synthetic"));
    SummarySchema.assertValid(dir.resolve("summary.json"));
  }

  @Example
  void theDataOfTheSyntheticFolder() throws Exception {
    Path dir = SyntheticResults.write(Files.createTempDirectory("synthetic"));
    PageData data = PageData.of(ReportContent.read(ResultsFolder.open(dir)));
    // The bowl 0.25 + a^2 + b^2 / 4 on [-1, 1]^2, from a float32 file.
    assertThat(data.zRange().min()).isEqualTo(0.25);
    assertThat(data.zRange().max()).isEqualTo(1.5);
    assertThat(data.surfaces()).hasSize(1);
    PageData.SurfacePlot s = data.surfaces().get(0);
    assertThat(s.coordinates()).containsExactly(-1, -0.5, 0, 0.5, 1);
    assertThat(s.centreLoss()).isEqualTo(0.25);
    // alpha = 1 (i = 4), beta = 0 (j = 2): 0.25 + 1 = 1.25; alpha = 0, beta = 1: 0.25 + 0.25.
    assertThat(s.lossAlongBeta().get(2).get(4)).isEqualTo(1.25);
    assertThat(s.lossAlongBeta().get(4).get(2)).isEqualTo(0.5);
    assertThat(data.colours()).containsExactly(PageData.colour(0), PageData.colour(1));
    // The diverged recipe has a curve but no slice; its NaN loss is a gap.
    assertThat(data.curves()).hasSize(2);
    assertThat(data.curves().get(1).loss()).containsExactly((Double) null);
    // Sharpness: +infinity at 1.0 is a missing bar, not a bar of height 0.
    PageData.SharpnessSeries series = data.sharpness().series().get(0);
    assertThat(data.sharpness().radii()).containsExactly("0.5", "1.0");
    assertThat(series.mean()).containsExactly(0.1875, null);
    assertThat(series.low()).containsExactly(0.125, null);
    assertThat(data.sharpness().series()).hasSize(1);
  }
}
