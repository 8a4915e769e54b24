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
  void everyRadiusGetsItsOwnPanelWhereItsTallestBarIsTall() {
    // Sharpness grows about as the radius squared: on one shared axis the ε = 0.1 bars were
    // two pixels tall next to ε = 1.
    double[][] mean = {{0.01, 0.05, 2.0}, {0.03, 0.2, 5.7}};
    int height = 700;
    BufferedImage image =
        SharpnessBarChart.render(
            "sharpness", CONFIGS, GROUPS, mean, null, "loss increase (nats)", 1200, height);
    for (Color color : XChartStyling.sequentialColors(GROUPS.size())) {
      assertThat(tallestRunOf(image, color)).as("bar colour %s", color).isGreaterThan(height / 3);
    }
  }

  @Test
  void longTitleAndSubtitleWrapInsteadOfRunningOffTheImage() {
    String title =
        "Slice sharpness S(ε) = max of L(α, β) − L(0, 0) over √(α² + β²) ≤ ε, a title that is"
            + " much longer than the image is wide";
    String subtitle =
        "Bars: mean ± 95% interval over direction pairs of one training seed (training noise"
            + " not included); one panel per ε, each with its own y axis";
    int width = 900;
    BufferedImage image =
        SharpnessBarChart.render(
            title, subtitle, CONFIGS, GROUPS, MEAN, ERRORS, "loss increase (nats)", width, 700);
    Rectangle titleBand = new Rectangle(0, 0, width, 60);
    Rectangle leftEdge = new Rectangle(0, 0, 8, 60);
    Rectangle rightEdge = new Rectangle(width - 8, 0, 8, 60);
    Color text = FigureStyle.defaults().foreground();
    assertThat(Pixels.contains(image, titleBand, text, 60)).isTrue();
    assertThat(Pixels.contains(image, leftEdge, text, 200)).isFalse();
    assertThat(Pixels.contains(image, rightEdge, text, 200)).isFalse();
  }

  @Test
  void panelWhereEverySharpnessIsZeroSaysSo() {
    // A radius below the grid spacing holds only the centre: sharpness exactly 0 everywhere, and
    // bars of height 0 draw nothing.
    double[][] zeroFirst = {{0, 0.4, 1.2}, {0, 1.1, 3.0}};
    double[][] errors = {{0, 0.05, 0.2}, {0, 0.1, 0.4}};
    Rectangle firstPanelCentre = new Rectangle(75, 220, 150, 100);
    Color text = FigureStyle.defaults().foreground();
    BufferedImage zero =
        SharpnessBarChart.render("sharpness", CONFIGS, GROUPS, zeroFirst, errors, "y", 900, 500);
    assertThat(Pixels.contains(zero, firstPanelCentre, text, 80)).isTrue();
    BufferedImage nonZero =
        SharpnessBarChart.render("sharpness", CONFIGS, GROUPS, MEAN, null, "y", 900, 500);
    assertThat(Pixels.contains(nonZero, firstPanelCentre, text, 80)).isFalse();
  }

  /** The longest vertical run of pixels within 1 of {@code color}, over all columns. */
  private static int tallestRunOf(BufferedImage image, Color color) {
    int rgb = color.getRGB() & 0xFFFFFF;
    int tallest = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      int run = 0;
      for (int y = 0; y < image.getHeight(); y++) {
        run = Pixels.distance(image.getRGB(x, y) & 0xFFFFFF, rgb) <= 1 ? run + 1 : 0;
        tallest = Math.max(tallest, run);
      }
    }
    return tallest;
  }

  @Test
  void barChartWithoutErrorBarsRenders() {
    BufferedImage image =
        SharpnessBarChart.render(
            "sharpness", CONFIGS, GROUPS, MEAN, null, "slice sharpness", 900, 400);
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(Pixels.countNot(image, Color.WHITE)).isGreaterThan(900 * 400 / 20);
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
    assertThatThrownBy(
            () -> SharpnessBarChart.render("s", CONFIGS, GROUPS, MEAN, null, "y", 400, 300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small");
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

  /** Bar labels stay flat when they fit, and tilt only as far as they need to fit the panel. */
  @Test
  void barLabelsTiltOnlyAsFarAsTheyNeed() {
    assertThat(SharpnessBarChart.labelRotation(500, 600)).isZero();
    assertThat(SharpnessBarChart.labelRotation(620, 600)).isEqualTo(25);
    assertThat(SharpnessBarChart.labelRotation(700, 600)).isEqualTo(60);
    // 11 measures' names in a third of an 1800-pixel figure: only upright labels fit.
    assertThat(SharpnessBarChart.labelRotation(1400, 600)).isEqualTo(90);
  }
}
