package org.losslandscape.pipeline.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/**
 * Bar charts of a sharpness measure as small multiples: one panel per radius (e.g. "ε = 0.1"), each
 * with its own y axis and one bar per configuration, with optional error bars, under a title and a
 * subtitle that wrap instead of being cut off.
 *
 * <p>One panel per radius rather than one shared axis: sharpness grows roughly with the square of
 * the radius, so on a shared linear axis the small radii are flat lines next to the large one, and
 * a log axis cannot show error bars that reach zero or below (a 95% interval of a quantity that is
 * often near zero) nor a sharpness of exactly zero (a radius smaller than the grid spacing). What a
 * reader compares is the configurations at one radius, and whether their order changes from one
 * radius to the next; own axes show both.
 */
public final class SharpnessBarChart {

  /** Gap around the text block and between panels, in pixels. */
  private static final int MARGIN = 14;

  /** Smallest panel that still holds a title, two axes and a few bars. */
  private static final int MIN_PANEL_WIDTH = 260;

  private static final int MIN_PANEL_HEIGHT = 220;

  private SharpnessBarChart() {}

  /**
   * Renders the chart without a subtitle; see {@link #render(String, String, List, List,
   * double[][], double[][], String, int, int)}.
   */
  public static BufferedImage render(
      String title,
      List<String> configNames,
      List<String> panelLabels,
      double[][] mean,
      double[][] errorHalfWidth,
      String yAxisTitle,
      int width,
      int height) {
    return render(
        title, "", configNames, panelLabels, mean, errorHalfWidth, yAxisTitle, width, height);
  }

  /**
   * Renders the chart.
   *
   * @param title chart title, e.g. the definition of the measure; wrapped to the image width
   * @param subtitle one line on what the bars and error bars are (empty for none); wrapped too
   * @param configNames one name per configuration (the bars of every panel)
   * @param panelLabels one label per panel, e.g. "ε = 0.1", in increasing radius
   * @param mean bar heights, {@code mean[config][panel]}, finite
   * @param errorHalfWidth half-widths of the error bars in the same layout (finite, >= 0), or null
   *     for none
   * @param yAxisTitle what the bars measure, with its unit, e.g. "loss increase (nats)"
   * @param width image width in pixels
   * @param height image height in pixels
   */
  public static BufferedImage render(
      String title,
      String subtitle,
      List<String> configNames,
      List<String> panelLabels,
      double[][] mean,
      double[][] errorHalfWidth,
      String yAxisTitle,
      int width,
      int height) {
    return render(
        title,
        subtitle,
        "configuration",
        configNames,
        panelLabels,
        mean,
        errorHalfWidth,
        yAxisTitle,
        null,
        width,
        height);
  }

  /**
   * The angle of the bars' labels: none when they fit side by side, else the smallest of 25, 45, 60
   * and 90 degrees at which their widths, so tilted, fit the panel (XChart drops labels it finds
   * crowded: 11 measures' names at 25 degrees lost one).
   */
  static int labelRotation(double labelsWidth, int panelWidth) {
    if (labelsWidth <= panelWidth) {
      return 0;
    }
    if (labelsWidth * Math.cos(Math.toRadians(25)) <= panelWidth) {
      return 25;
    }
    for (int angle : new int[] {45, 60}) {
      if (labelsWidth * Math.cos(Math.toRadians(angle)) <= 0.8 * panelWidth) {
        return angle;
      }
    }
    return 90;
  }

  /**
   * As {@link #render(String, String, List, List, double[][], double[][], String, int, int)}, with
   * the bars' axis titled {@code xAxisTitle} (what the bars are) instead of "configuration", and
   * every panel on the y range {@code yRange} ({@code {min, max}}) when it is not null: one shared
   * scale for quantities that are compared across panels.
   */
  public static BufferedImage render(
      String title,
      String subtitle,
      String xAxisTitle,
      List<String> configNames,
      List<String> panelLabels,
      double[][] mean,
      double[][] errorHalfWidth,
      String yAxisTitle,
      double[] yRange,
      int width,
      int height) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subtitle, "subtitle");
    Objects.requireNonNull(configNames, "configNames");
    Objects.requireNonNull(panelLabels, "panelLabels");
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(yAxisTitle, "yAxisTitle");
    XChartStyling.checkSize(width, height);
    if (configNames.isEmpty() || panelLabels.isEmpty()) {
      throw new IllegalArgumentException(
          "need at least one configuration and one panel, got "
              + configNames.size()
              + " and "
              + panelLabels.size());
    }
    if (panelLabels.stream().distinct().count() != panelLabels.size()) {
      throw new IllegalArgumentException("panel labels must be distinct, got " + panelLabels);
    }
    if (configNames.stream().distinct().count() != configNames.size()) {
      throw new IllegalArgumentException(
          "configuration names must be distinct, got " + configNames);
    }
    checkMatrix("mean", mean, configNames.size(), panelLabels.size(), false);
    if (errorHalfWidth != null) {
      checkMatrix("errorHalfWidth", errorHalfWidth, configNames.size(), panelLabels.size(), true);
    }

    FigureStyle style = FigureStyle.defaults();
    Font titleFont = style.panelTitle().deriveFont(Font.BOLD, 22f);
    Font subtitleFont = style.axisTitle();
    BufferedImage image = Canvas.newImage(width, height);
    Graphics2D g = Canvas.graphics(image, style);
    try {
      double textWidth = width - 2.0 * MARGIN;
      List<String> titleLines = Canvas.wrap(g, titleFont, title, textWidth);
      List<String> subtitleLines =
          subtitle.isBlank() ? List.of() : Canvas.wrap(g, subtitleFont, subtitle, textWidth);
      int top = drawCentredLines(g, style, titleFont, titleLines, width, MARGIN);
      top = drawCentredLines(g, style, subtitleFont, subtitleLines, width, top + 2);
      top += MARGIN / 2;

      int panels = panelLabels.size();
      // At most three panels a row, rows as even as possible: 4 radii make a 2 x 2 grid.
      int rows = (panels + 2) / 3;
      int cols = (panels + rows - 1) / rows;
      int panelWidth = width / cols;
      int panelHeight = (height - top) / rows;
      if (panelWidth < MIN_PANEL_WIDTH || panelHeight < MIN_PANEL_HEIGHT) {
        throw new IllegalArgumentException(
            "a "
                + width
                + "x"
                + height
                + " image is too small for "
                + panels
                + " sharpness panels; give each at least "
                + MIN_PANEL_WIDTH
                + "x"
                + MIN_PANEL_HEIGHT
                + " pixels below the title");
      }
      int labelRotation = labelRotation(labelsWidth(g, style, configNames), panelWidth);
      Color[] colors = XChartStyling.sequentialColors(panels);
      for (int p = 0; p < panels; p++) {
        int row = p / cols;
        // The x axis is titled only where no panel sits below.
        boolean bottomRow = row == rows - 1 || p + cols >= panels;
        double[] heights = column(mean, p);
        double[] errors = errorHalfWidth == null ? null : column(errorHalfWidth, p);
        CategoryChart chart =
            panel(
                panelLabels.get(p),
                xAxisTitle,
                configNames,
                heights,
                errors,
                yAxisTitle,
                yRange,
                colors[p],
                bottomRow,
                labelRotation,
                panelWidth,
                panelHeight);
        Graphics2D panelGraphics =
            (Graphics2D)
                g.create((p % cols) * panelWidth, top + row * panelHeight, panelWidth, panelHeight);
        try {
          chart.paint(panelGraphics, panelWidth, panelHeight);
          if (allZero(heights, errors)) {
            // Bars of height zero draw nothing; say so rather than leave an empty-looking panel.
            panelGraphics.setColor(style.foreground());
            Canvas.text(
                panelGraphics,
                style.caption(),
                "0 for every configuration",
                panelWidth / 2.0,
                panelHeight / 2.0,
                0.5,
                0.5);
          }
        } finally {
          panelGraphics.dispose();
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static CategoryChart panel(
      String label,
      String xAxisTitle,
      List<String> configNames,
      double[] heights,
      double[] errors,
      String yAxisTitle,
      double[] yRange,
      Color color,
      boolean showXAxisTitle,
      int labelRotation,
      int width,
      int height) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(width)
            .height(height)
            .title(label)
            .xAxisTitle(xAxisTitle)
            .yAxisTitle(yAxisTitle)
            .build();
    XChartStyling.apply(chart.getStyler(), FigureStyle.defaults());
    chart.getStyler().setChartTitleFont(FigureStyle.defaults().axisTitle().deriveFont(Font.BOLD));
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisTitleVisible(showXAxisTitle);
    chart.getStyler().setAvailableSpaceFill(0.6);
    chart.getStyler().setErrorBarsColor(Color.BLACK);
    chart.getStyler().setSeriesColors(new Color[] {color});
    if (labelRotation > 0) {
      chart.getStyler().setXAxisLabelRotation(labelRotation);
    }
    // Every bar keeps its label: XChart otherwise drops labels it finds crowded.
    chart.getStyler().setXAxisTickMarkSpacingHint(10);
    if (yRange != null) {
      chart.getStyler().setYAxisMin(yRange[0]);
      chart.getStyler().setYAxisMax(yRange[1]);
    }
    if (allZero(heights, errors)) {
      // XChart centres a flat series on its axis; keep 0 at the bottom like every other panel.
      chart.getStyler().setYAxisMin(0.0);
      chart.getStyler().setYAxisMax(1.0);
    }
    List<Double> values = new ArrayList<>();
    List<Double> halfWidths = new ArrayList<>();
    for (int c = 0; c < heights.length; c++) {
      values.add(heights[c]);
      halfWidths.add(errors == null ? 0.0 : errors[c]);
    }
    CategorySeries series =
        errors == null
            ? chart.addSeries(label, configNames, values)
            : chart.addSeries(label, configNames, values, halfWidths);
    series.setFillColor(color);
    return chart;
  }

  /** Width a panel needs for its y axis and its bar labels side by side, in pixels. */
  private static double labelsWidth(Graphics2D g, FigureStyle style, List<String> configNames) {
    FontMetrics metrics = g.getFontMetrics(style.tickLabel());
    double labels = 0;
    for (String name : configNames) {
      labels += metrics.stringWidth(name) + 2 * metrics.charWidth('m');
    }
    // Y axis title, tick labels and padding take about this much on the left.
    return labels + 110;
  }

  /** Draws lines centred from {@code top}; returns the y just below the last one. */
  private static int drawCentredLines(
      Graphics2D g, FigureStyle style, Font font, List<String> lines, int width, int top) {
    g.setColor(style.foreground());
    double lineHeight = g.getFontMetrics(font).getHeight();
    double y = top;
    for (String line : lines) {
      Canvas.text(g, font, line, width / 2.0, y, 0.5, 0);
      y += lineHeight;
    }
    return (int) Math.ceil(y);
  }

  private static boolean allZero(double[] heights, double[] errors) {
    for (int c = 0; c < heights.length; c++) {
      if (heights[c] != 0 || (errors != null && errors[c] != 0)) {
        return false;
      }
    }
    return true;
  }

  private static double[] column(double[][] values, int panel) {
    double[] column = new double[values.length];
    for (int c = 0; c < values.length; c++) {
      column[c] = values[c][panel];
    }
    return column;
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
            name + "[" + r + "] needs one value per panel (" + cols + ")");
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
