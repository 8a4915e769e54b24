package org.losslandscape.pipeline.plot;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line plot of one or more curves over a shared x, e.g. the loss along d1 and along d2 through the
 * minimum, train and test, or Keskar's interpolation between two minima. Also serves for training
 * curves (x = epoch or step).
 */
public final class SliceLinePlot {

  /** Name of the invisible helper series; a user series of this name is refused. */
  private static final String TICK_SPACING_BREAKER = "\u0000tick-spacing";

  private SliceLinePlot() {}

  /**
   * Renders the curves on a linear y axis; see {@link #render(String, String, String, double[],
   * Map, boolean, int, int)}.
   */
  public static BufferedImage render(
      String title,
      String xTitle,
      String yTitle,
      double[] x,
      Map<String, double[]> series,
      int width,
      int height) {
    return render(title, xTitle, yTitle, x, series, false, width, height);
  }

  /**
   * Renders the curves.
   *
   * @param title chart title
   * @param xTitle x axis title
   * @param yTitle y axis title
   * @param x shared x coordinates, finite
   * @param series curves by legend name, in legend order (use a LinkedHashMap), each as long as x;
   *     non-finite values (diverged points) leave a gap
   * @param logY whether the y axis is logarithmic (then every finite value must be > 0)
   * @param width image width in pixels
   * @param height image height in pixels
   */
  public static BufferedImage render(
      String title,
      String xTitle,
      String yTitle,
      double[] x,
      Map<String, double[]> series,
      boolean logY,
      int width,
      int height) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(xTitle, "xTitle");
    Objects.requireNonNull(yTitle, "yTitle");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(series, "series");
    XChartStyling.checkSize(width, height);
    if (x.length < 2) {
      throw new IllegalArgumentException("need at least 2 x values, got " + x.length);
    }
    for (double v : x) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("x values must be finite, got " + v);
      }
    }
    if (series.isEmpty()) {
      throw new IllegalArgumentException("need at least one series to plot");
    }
    for (Map.Entry<String, double[]> entry : series.entrySet()) {
      if (entry.getKey() == null || entry.getKey().equals(TICK_SPACING_BREAKER)) {
        throw new IllegalArgumentException("series names must be non-null and ordinary text");
      }
      double[] y = entry.getValue();
      if (y == null || y.length != x.length) {
        throw new IllegalArgumentException(
            "series '"
                + entry.getKey()
                + "' needs "
                + x.length
                + " values (one per x), got "
                + (y == null ? "null" : y.length));
      }
      boolean anyFinite = false;
      for (double v : y) {
        anyFinite |= Double.isFinite(v);
        if (logY && Double.isFinite(v) && v <= 0) {
          throw new IllegalArgumentException(
              "series '"
                  + entry.getKey()
                  + "' has value "
                  + v
                  + " <= 0, impossible on a log y axis; use a linear axis");
        }
      }
      if (!anyFinite) {
        throw new IllegalArgumentException(
            "series '" + entry.getKey() + "' has no finite value to plot");
      }
    }
    Headless.ensure();
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    XChartStyling.apply(chart.getStyler(), FigureStyle.defaults());
    chart.getStyler().setPlotGridVerticalLinesVisible(true);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setXAxisTickLabelsFormattingFunction(ColorScale::formatValue);
    chart.getStyler().setMarkerSize(6);
    chart.getStyler().setSeriesColors(XChartStyling.qualitativeColors(series.size()));
    for (Map.Entry<String, double[]> entry : series.entrySet()) {
      double[] y = entry.getValue().clone();
      for (int i = 0; i < y.length; i++) {
        // XChart draws NaN as a gap in the line, but infinities would wreck the axis range.
        if (!Double.isFinite(y[i])) {
          y[i] = Double.NaN;
        }
      }
      XYSeries s = chart.addSeries(entry.getKey(), x.clone(), y);
      s.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    addTickSpacingBreaker(chart, x, series);
    return BitmapEncoder.getBufferedImage(chart);
  }

  /**
   * XChart puts x ticks on every k-th data point when all x values are equally spaced, which gives
   * labels such as -0.867 on a 31-point grid. One invisible point between the first two x values
   * breaks the equal spacing, so XChart picks round 1-2-5 steps instead. The point repeats the
   * first plotted value, so it cannot change the axis ranges.
   */
  static void addTickSpacingBreaker(XYChart chart, double[] x, Map<String, double[]> series) {
    double y = Double.NaN;
    for (double[] values : series.values()) {
      for (double v : values) {
        if (Double.isFinite(v)) {
          y = v;
          break;
        }
      }
      if (!Double.isNaN(y)) {
        break;
      }
    }
    double between = Math.min(x[0], x[1]) + Math.abs(x[1] - x[0]) / 3;
    XYSeries breaker =
        chart.addSeries(TICK_SPACING_BREAKER, new double[] {between}, new double[] {y});
    breaker.setMarker(SeriesMarkers.NONE);
    breaker.setLineStyle(SeriesLines.NONE);
    breaker.setShowInLegend(false);
  }
}
