package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figure legend: every series named once, wrapped inside the figure, never cut off. */
class ChartGridTest {

  @Test
  void aLongLegendWrapsIntoRowsThatFitTheFigure() {
    List<String> names =
        List.of(
            "high_lr_small_batch",
            "high_lr_large_batch",
            "low_lr_large_batch",
            "sam_high_lr_large_batch",
            "sam_low_lr_large_batch",
            "asam_low_lr_large_batch");
    List<int[]> rows = ChartGrid.legendLayout(names, 900);

    assertThat(rows).hasSizeGreaterThan(1);
    assertThat(rows.get(0)[0]).isZero();
    assertThat(rows.get(rows.size() - 1)[1]).isEqualTo(names.size());
    for (int r = 1; r < rows.size(); r++) {
      assertThat(rows.get(r)[0]).isEqualTo(rows.get(r - 1)[1]);
    }
    assertThat(ChartGrid.legendLayout(names, 100_000)).hasSize(1);
  }

  @Test
  void theLegendIsDrawnOnceAboveThePanelsInTheSeriesColours() {
    Map<String, double[][]> series = new LinkedHashMap<>();
    series.put("first", new double[][] {{0, 1}, {0, 1}});
    series.put("second", new double[][] {{0, 1}, {1, 0}});
    ChartGrid.Panel panel = new ChartGrid.Panel("panel", "x (units)", "y (units)", series);

    BufferedImage image = ChartGrid.render("title", List.of(panel, panel), 2, 600, 400);

    int top = 70 + 34; // title, then one legend row, then the panels
    assertThat(image.getHeight()).isEqualTo(top + 400);
    Color[] colours = XChartStyling.qualitativeColors(2);
    for (Color c : colours) {
      assertThat(countOf(image, c, 70, top)).as("legend swatch %s", c).isPositive();
    }
  }

  @Test
  void sharedAxesAreWidenedToRoundBounds() {
    assertThat(ChartGrid.niceBounds(-4.282, 84.1)).containsExactly(-10.0, 90.0);
    assertThat(ChartGrid.niceBounds(0.0123, 0.0871)).containsExactly(0.01, 0.09);
    assertThat(ChartGrid.niceBounds(0.0, 1.0)).containsExactly(0.0, 1.0);
    assertThat(ChartGrid.niceBounds(2.0, 2.0)).containsExactly(2.0, 2.0);
  }

  private static int countOf(BufferedImage image, Color colour, int fromY, int toY) {
    int n = 0;
    for (int y = fromY; y < toY; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += image.getRGB(x, y) == colour.getRGB() ? 1 : 0;
      }
    }
    return n;
  }
}
