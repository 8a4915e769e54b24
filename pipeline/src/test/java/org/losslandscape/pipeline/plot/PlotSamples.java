package org.losslandscape.pipeline.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throw-away demo: writes one PNG of every figure type, from synthetic landscapes, so a person can
 * look at them. Run with the test classpath; the output folder is the first argument (default
 * /tmp/plot-samples).
 */
public final class PlotSamples {

  private PlotSamples() {}

  /** Synthetic landscape 0.3 + k (a² + b²) + 0.1 sin terms on a n x n grid over [-1, 1]². */
  static SurfaceData landscape(String title, double k, int n) {
    double[] axis = new double[n];
    for (int i = 0; i < n; i++) {
      axis[i] = -1 + 2.0 * i / (n - 1);
    }
    double[][] z = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double a = axis[i];
        double b = axis[j];
        z[i][j] =
            0.3
                + k * (a * a + 0.6 * b * b)
                + 0.1 * Math.sin(5 * a) * Math.sin(4 * b) * (a * a + b * b);
      }
    }
    return new SurfaceData(title, axis, axis, z);
  }

  /** Writes the samples. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "/tmp/plot-samples");
    Files.createDirectories(out);
    List<SurfaceData> panels = new ArrayList<>();
    for (double k : new double[] {0.5, 2, 8, 30}) {
      panels.add(landscape("k = " + ColorScale.formatValue(k), k, 41));
    }
    ColorScale log = ColorScale.shared(panels, true);
    ColorScale linear = ColorScale.shared(panels, false);

    write(out, "surface-single.png", new SurfaceRenderer().render(panels.get(1), log, 900, 760));
    write(out, "contour-single.png", new ContourRenderer().render(panels.get(1), log, 900, 760));
    write(
        out,
        "surface-grid-log.png",
        PanelFigure.grid(
            "Loss surfaces, k = 0.5 … 30 (shared log scale)",
            panels,
            2,
            log,
            PanelKind.SURFACE_3D,
            "training loss"));
    write(
        out,
        "contour-grid-log.png",
        PanelFigure.grid(
            "Loss contours, k = 0.5 … 30 (shared log scale)",
            panels,
            2,
            log,
            PanelKind.CONTOUR,
            "training loss"));
    write(
        out,
        "contour-grid-linear.png",
        PanelFigure.grid(
            "Loss contours (shared linear scale)",
            panels,
            4,
            linear,
            PanelKind.CONTOUR,
            "training loss"));
    write(
        out,
        "surface-grid-linear.png",
        PanelFigure.grid(
            "Loss surfaces (shared linear scale)",
            panels,
            4,
            linear,
            PanelKind.SURFACE_3D,
            "training loss"));

    SurfaceData diverged = withHoles(panels.get(3));
    ColorScale clippedScale = new ColorScale(0.2, 10, true);
    write(
        out, "surface-clipped.png", new SurfaceRenderer().render(diverged, clippedScale, 900, 760));
    write(
        out, "contour-clipped.png", new ContourRenderer().render(diverged, clippedScale, 900, 760));
    writeXCharts(out);
  }

  private static void writeXCharts(Path out) throws IOException {
    Class<?> bars = null;
    try {
      bars = Class.forName("org.losslandscape.pipeline.plot.SharpnessBarChart");
    } catch (ClassNotFoundException e) {
      return;
    }
    List<String> configs =
        List.of("lr 0.1 / bs 32", "lr 0.1 / bs 512", "lr 0.01 / bs 32", "lr 0.01 / bs 512");
    List<String> groups = List.of("ε = 0.1", "ε = 0.25", "ε = 0.5", "ε = 1");
    double[][] mean = {
      {0.01, 0.05, 0.2, 0.9}, {0.02, 0.1, 0.5, 2.2}, {0.015, 0.08, 0.35, 1.4}, {0.03, 0.2, 0.9, 3.5}
    };
    double[][] err = {
      {0.005, 0.01, 0.05, 0.2},
      {0.01, 0.03, 0.1, 0.4},
      {0.005, 0.02, 0.08, 0.3},
      {0.01, 0.05, 0.2, 0.6}
    };
    write(
        out,
        "sharpness-bars.png",
        SharpnessBarChart.render(
            "Slice sharpness by configuration",
            configs,
            groups,
            mean,
            err,
            "slice sharpness  L(α,β) − L(0,0)",
            1200,
            700));
    double[] x = new double[41];
    Map<String, double[]> series = new LinkedHashMap<>();
    double[] train = new double[41];
    double[] test = new double[41];
    for (int i = 0; i < 41; i++) {
      x[i] = -1 + i / 20.0;
      train[i] = 0.3 + 2 * x[i] * x[i];
      test[i] = 0.45 + 2.3 * x[i] * x[i] + 0.05 * x[i];
    }
    series.put("train, along d₁", train);
    series.put("test, along d₁", test);
    write(
        out,
        "slice-lines.png",
        SliceLinePlot.render(
            "Loss along d₁ through the minimum", "α", "loss", x, series, 1000, 650));
  }

  private static SurfaceData withHoles(SurfaceData data) {
    double[][] z = data.z();
    z[z.length - 1][z[0].length - 1] = Double.NaN;
    z[z.length - 2][z[0].length - 1] = Double.POSITIVE_INFINITY;
    z[0][0] = Double.NaN;
    return new SurfaceData(data.title() + " with diverged corners", data.alpha(), data.beta(), z);
  }

  private static void write(Path dir, String name, java.awt.image.BufferedImage image)
      throws IOException {
    Files.write(dir.resolve(name), PngEncoding.toBytes(image));
    System.out.println(dir.resolve(name) + " " + image.getWidth() + "x" + image.getHeight());
  }
}
