package org.losslandscape.pipeline.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/**
 * Grouped bar chart of a sharpness measure: one group of bars per configuration, one bar per radius
 * (e.g. "ε = 0.1"), coloured along viridis in radius order, with optional error bars.
 */
public final class SharpnessBarChart {

  private SharpnessBarChart() {}

  /**
   * Renders the chart.
   *
   * @param title chart title
   * @param configNames one name per configuration (the x categories)
   * @param groupLabels one label per bar within a group, e.g. "ε = 0.1"; shown in the legend
   * @param mean bar heights, {@code mean[config][group]}, finite
   * @param errorHalfWidth half-widths of the error bars in the same layout (finite, >= 0), or null
   *     for none
   * @param yAxisTitle what the bars measure, naming the variant, e.g. "slice sharpness"
   * @param width image width in pixels
   * @param height image height in pixels
   */
  public static BufferedImage render(
      String title,
      List<String> configNames,
      List<String> groupLabels,
      double[][] mean,
      double[][] errorHalfWidth,
      String yAxisTitle,
      int width,
      int height) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(configNames, "configNames");
    Objects.requireNonNull(groupLabels, "groupLabels");
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(yAxisTitle, "yAxisTitle");
    XChartStyling.checkSize(width, height);
    if (configNames.isEmpty() || groupLabels.isEmpty()) {
      throw new IllegalArgumentException(
          "need at least one configuration and one group, got "
              + configNames.size()
              + " and "
              + groupLabels.size());
    }
    if (groupLabels.stream().distinct().count() != groupLabels.size()) {
      throw new IllegalArgumentException("group labels must be distinct, got " + groupLabels);
    }
    checkMatrix("mean", mean, configNames.size(), groupLabels.size(), false);
    if (errorHalfWidth != null) {
      checkMatrix("errorHalfWidth", errorHalfWidth, configNames.size(), groupLabels.size(), true);
    }
    Headless.ensure();
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle("configuration")
            .yAxisTitle(yAxisTitle)
            .build();
    XChartStyling.apply(chart.getStyler(), FigureStyle.defaults());
    chart.getStyler().setSeriesColors(XChartStyling.sequentialColors(groupLabels.size()));
    chart.getStyler().setAvailableSpaceFill(0.8);
    chart.getStyler().setErrorBarsColor(java.awt.Color.BLACK);
    for (int g = 0; g < groupLabels.size(); g++) {
      List<Double> heights = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      for (int c = 0; c < configNames.size(); c++) {
        heights.add(mean[c][g]);
        errors.add(errorHalfWidth == null ? 0.0 : errorHalfWidth[c][g]);
      }
      CategorySeries series =
          errorHalfWidth == null
              ? chart.addSeries(groupLabels.get(g), configNames, heights)
              : chart.addSeries(groupLabels.get(g), configNames, heights, errors);
      series.setFillColor(chart.getStyler().getSeriesColors()[g]);
    }
    return BitmapEncoder.getBufferedImage(chart);
  }

  private static void checkMatrix(
      String name, double[][] values, int rows, int cols, boolean nonNegative) {
    if (values.length != rows) {
      throw new IllegalArgumentException(
          name + " needs one row per configuration (" + rows + "), got " + values.length);
    }
    for (int r = 0; r < rows; r++) {
      if (values[r] == null || values[r].length != cols) {
        throw new IllegalArgumentException(
            name + "[" + r + "] needs one value per group (" + cols + ")");
      }
      for (int c = 0; c < cols; c++) {
        double v = values[r][c];
        if (!Double.isFinite(v) || (nonNegative && v < 0)) {
          throw new IllegalArgumentException(
              name
                  + "["
                  + r
                  + "]["
                  + c
                  + "] must be finite"
                  + (nonNegative ? " and >= 0" : "")
                  + ", got "
                  + v);
        }
      }
    }
  }
}
