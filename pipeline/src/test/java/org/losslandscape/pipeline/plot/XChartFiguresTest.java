package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XChartFiguresTest {

  private static final List<String> CONFIGS = List.of("small batch", "large batch");
  private static final List<String> GROUPS = List.of("ε = 0.1", "ε = 0.5", "ε = 1");
  private static final double[][] MEAN = {{0.1, 0.4, 1.2}, {0.3, 1.1, 3.0}};
  private static final double[][] ERRORS = {{0.02, 0.05, 0.2}, {0.05, 0.1, 0.4}};

  @Test
  void barChartHasRequestedSizeAndOneColourPerRadius() {
    BufferedImage image =
        SharpnessBarChart.render(
            "sharpness", CONFIGS, GROUPS, MEAN, ERRORS, "slice sharpness", 1000, 600);
    assertThat(image.getWidth()).isEqualTo(1000);
    assertThat(image.getHeight()).isEqualTo(600);
    Rectangle all = new Rectangle(0, 0, 1000, 600);
    for (Color color : XChartStyling.sequentialColors(GROUPS.size())) {
      assertThat(Pixels.contains(image, all, color, 1)).as("bar colour %s", color).isTrue();
    }
    assertThat(Pixels.countNot(image, Color.WHITE)).isGreaterThan(1000 * 600 / 20);
  }

  @Test
  void barChartWithoutErrorBarsRenders() {
    BufferedImage image =
        SharpnessBarChart.render(
            "sharpness", CONFIGS, GROUPS, MEAN, null, "slice sharpness", 640, 400);
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(Pixels.countNot(image, Color.WHITE)).isGreaterThan(640 * 400 / 20);
  }

  @Test
  void barChartRejectsMismatchedOrNonFiniteData() {
    assertThatThrownBy(
            () ->
                SharpnessBarChart.render(
                    "s", CONFIGS, GROUPS, new double[][] {{1, 2, 3}}, null, "y", 640, 400))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one row per");
    assertThatThrownBy(
            () ->
                SharpnessBarChart.render(
                    "s",
                    CONFIGS,
                    GROUPS,
                    new double[][] {{1, 2, 3}, {1, Double.NaN, 3}},
                    null,
                    "y",
                    640,
                    400))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mean[1][1]");
    assertThatThrownBy(
            () ->
                SharpnessBarChart.render(
                    "s",
                    CONFIGS,
                    GROUPS,
                    MEAN,
                    new double[][] {{1, 2, 3}, {1, -2, 3}},
                    "y",
                    640,
                    400))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(">= 0");
    assertThatThrownBy(
            () ->
                SharpnessBarChart.render(
                    "s", CONFIGS, List.of("a", "a", "b"), MEAN, null, "y", 640, 400))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("distinct");
  }

  private static Map<String, double[]> curves(double[] x) {
    double[] train = new double[x.length];
    double[] test = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      train[i] = 0.3 + x[i] * x[i];
      test[i] = 0.5 + 1.2 * x[i] * x[i];
    }
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("train", train);
    series.put("test", test);
    return series;
  }

  @Test
  void linePlotHasRequestedSizeAndBothSeriesColours() {
    double[] x = Surfaces.axis(-1, 1, 31);
    BufferedImage image = SliceLinePlot.render("slice", "α", "loss", x, curves(x), 900, 600);
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(600);
    Rectangle all = new Rectangle(0, 0, 900, 600);
    for (Color color : XChartStyling.qualitativeColors(2)) {
      assertThat(Pixels.contains(image, all, color, 1)).as("line colour %s", color).isTrue();
    }
  }

  @Test
  void linePlotToleratesDivergedPointsAndLogAxis() {
    double[] x = Surfaces.axis(-1, 1, 11);
    Map<String, double[]> series = curves(x);
    series.get("test")[10] = Double.POSITIVE_INFINITY;
    series.get("train")[0] = Double.NaN;
    BufferedImage image = SliceLinePlot.render("slice", "α", "loss", x, series, true, 700, 500);
    assertThat(Pixels.countNot(image, Color.WHITE)).isGreaterThan(700 * 500 / 50);
  }

  @Test
  void linePlotRejectsBadSeries() {
    double[] x = Surfaces.axis(-1, 1, 5);
    assertThatThrownBy(
            () ->
                SliceLinePlot.render(
                    "s", "x", "y", x, Map.of("short", new double[] {1, 2}), 640, 400))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 5 values");
    assertThatThrownBy(
            () ->
                SliceLinePlot.render(
                    "s", "x", "y", x, Map.of("zero", new double[] {1, 0, 1, 2, 3}), true, 640, 400))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("log");
    assertThatThrownBy(
            () ->
                SliceLinePlot.render(
                    "s",
                    "x",
                    "y",
                    x,
                    Map.of(
                        "nan",
                        new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN}),
                    640,
                    400))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no finite value");
    assertThatThrownBy(() -> SliceLinePlot.render("s", "x", "y", x, Map.of(), 640, 400))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SliceLinePlot.render("s", "x", "y", x, curves(x), 10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 200x150");
  }
}
