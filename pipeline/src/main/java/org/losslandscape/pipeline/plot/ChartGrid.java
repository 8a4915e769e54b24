package org.losslandscape.pipeline.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XY charts in a grid, one panel per measure or recipe (e.g. every run's sharpness against its
 * generalization gap, or each recipe's Hessian spectrum), with one colour per series name across
 * all panels. Points or lines; optionally one log y axis and one set of axis ranges for all panels,
 * so that panels compare at a glance.
 */
public final class ChartGrid {

  private ChartGrid() {}

  /**
   * One panel.
   *
   * @param title panel title (e.g. the measure and its correlation with the gap)
   * @param xTitle x axis title, with units
   * @param yTitle y axis title, with units
   * @param series points by series name, in legend order; each value is {x[], y[]} of equal length
   */
  public record Panel(String title, String xTitle, String yTitle, Map<String, double[][]> series) {
    public Panel {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(series, "series");
    }
  }

  /**
   * How the panels are drawn.
   *
   * @param lines connect each series' points (in order) instead of drawing markers
   * @param logY a logarithmic y axis (values below {@code 1e-6} of the largest are drawn at that
   *     floor)
   * @param sharedAxes one x range and one y range for every panel
   */
  public record Style(boolean lines, boolean logY, boolean sharedAxes) {
    /** Markers, linear axes, each panel its own ranges. */
    public static final Style SCATTER = new Style(false, false, false);
  }

  /**
   * Renders the panels, {@code columns} per row, each {@code panelWidth x panelHeight}, under a
   * figure title. Non-finite points are left out (the panel title should say how many).
   */
  public static BufferedImage render(
      String title, List<Panel> panels, int columns, int panelWidth, int panelHeight) {
    return render(title, panels, Style.SCATTER, columns, panelWidth, panelHeight);
  }

  /** As {@link #render(String, List, int, int, int)}, drawn in {@code style}. */
  public static BufferedImage render(
      String title, List<Panel> panels, Style style, int columns, int panelWidth, int panelHeight) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("need at least one panel");
    }
    XChartStyling.checkSize(panelWidth, panelHeight);
    Headless.ensure();
    List<String> names =
        panels.stream().flatMap(p -> p.series().keySet().stream()).distinct().toList();
    double[] range = range(panels, style.logY());
    Color[] colors = XChartStyling.qualitativeColors(names.size());
    int rows = (panels.size() + columns - 1) / columns;
    int width = columns * panelWidth;
    // One legend for the figure, under its title: every panel shows the same series in the same
    // colours, and a legend per panel runs out of room (and into the next panel) with many series.
    List<int[]> legendRows = legendLayout(names, width);
    int titleHeight = 70 + legendRows.size() * LEGEND_ROW_HEIGHT;
    BufferedImage figure =
        new BufferedImage(width, titleHeight + rows * panelHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = figure.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      FigureStyle look = FigureStyle.defaults();
      g.setColor(look.background());
      g.fillRect(0, 0, figure.getWidth(), figure.getHeight());
      g.setColor(look.foreground());
      Font font = look.panelTitle().deriveFont(Font.BOLD, 26f);
      FontMetrics metrics = g.getFontMetrics(font);
      while (metrics.stringWidth(title) > figure.getWidth() - 40 && font.getSize2D() > 12) {
        font = font.deriveFont(font.getSize2D() - 1);
        metrics = g.getFontMetrics(font);
      }
      g.setFont(font);
      g.drawString(title, (figure.getWidth() - metrics.stringWidth(title)) / 2, 45);
      drawLegend(g, names, colors, style, legendRows, width, 70);
      for (int k = 0; k < panels.size(); k++) {
        BufferedImage panel =
            panel(panels.get(k), names, colors, style, range, panelWidth, panelHeight);
        g.drawImage(
            panel, (k % columns) * panelWidth, titleHeight + (k / columns) * panelHeight, null);
      }
    } finally {
      g.dispose();
    }
    return figure;
  }

  /** {xmin, xmax, ymin, ymax} over every finite point of every panel (ymin > 0 on a log axis). */
  private static double[] range(List<Panel> panels, boolean logY) {
    double[] r = {
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (Panel p : panels) {
      for (double[][] xy : p.series().values()) {
        for (int i = 0; i < xy[0].length; i++) {
          if (Double.isFinite(xy[0][i]) && Double.isFinite(xy[1][i])) {
            r[0] = Math.min(r[0], xy[0][i]);
            r[1] = Math.max(r[1], xy[0][i]);
            r[2] = Math.min(r[2], xy[1][i]);
            r[3] = Math.max(r[3], xy[1][i]);
          }
        }
      }
    }
    if (logY) {
      r[2] = Math.max(r[2], r[3] * 1e-6);
    }
    // Round the shared x range (and a linear y range) out to a nice step, so that every panel gets
    // the same round ticks: with bounds such as -4.282 the chart library picks odd ticks for some
    // panels and round ones for others.
    double[] x = niceBounds(r[0], r[1]);
    r[0] = x[0];
    r[1] = x[1];
    if (!logY) {
      double[] y = niceBounds(r[2], r[3]);
      r[2] = y[0];
      r[3] = y[1];
    }
    return r;
  }

  /** {@code [lo, hi]} widened to multiples of a 1, 2 or 5 x 10^k step of about a tenth of it. */
  static double[] niceBounds(double lo, double hi) {
    if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      return new double[] {lo, hi};
    }
    double raw = (hi - lo) / 10;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude;
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * magnitude >= raw) {
        step = m * magnitude;
        break;
      }
    }
    return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
  }

  private static BufferedImage panel(
      Panel p,
      List<String> names,
      Color[] colors,
      Style style,
      double[] range,
      int width,
      int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(p.title())
            .xAxisTitle(p.xTitle())
            .yAxisTitle(p.yTitle())
            .build();
    XChartStyling.apply(chart.getStyler(), FigureStyle.defaults());
    chart
        .getStyler()
        .setChartTitleFont(FigureStyle.defaults().panelTitle().deriveFont(Font.BOLD, 17f));
    chart
        .getStyler()
        .setDefaultSeriesRenderStyle(
            style.lines()
                ? XYSeries.XYSeriesRenderStyle.Line
                : XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setYAxisLogarithmic(style.logY());
    if (style.sharedAxes() && range[0] < range[1] && range[2] < range[3]) {
      chart.getStyler().setXAxisMin(range[0]);
      chart.getStyler().setXAxisMax(range[1]);
      chart.getStyler().setYAxisMin(range[2]);
      chart.getStyler().setYAxisMax(range[3]);
    }
    chart.getStyler().setPlotGridVerticalLinesVisible(true);
    chart.getStyler().setXAxisTickLabelsFormattingFunction(ColorScale::formatValue);
    chart.getStyler().setMarkerSize(11);
    chart.getStyler().setLegendVisible(false);
    boolean any = false;
    for (Map.Entry<String, double[][]> e : p.series().entrySet()) {
      double[] x = e.getValue()[0];
      double[] y = e.getValue()[1];
      int n = 0;
      for (int i = 0; i < x.length; i++) {
        n += Double.isFinite(x[i]) && Double.isFinite(y[i]) ? 1 : 0;
      }
      if (n == 0) {
        continue;
      }
      double[] fx = new double[n];
      double[] fy = new double[n];
      int j = 0;
      for (int i = 0; i < x.length; i++) {
        if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
          fx[j] = x[i];
          fy[j++] = style.logY() ? Math.max(y[i], range[2]) : y[i];
        }
      }
      XYSeries s = chart.addSeries(e.getKey(), fx, fy);
      Color color = colors[names.indexOf(e.getKey())];
      if (style.lines()) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new java.awt.BasicStroke(2.5f));
      } else {
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
      }
      any = true;
    }
    if (!any) {
      chart
          .addSeries("no finite value", new double[] {0}, new double[] {0})
          .setMarker(SeriesMarkers.NONE);
    }
    return BitmapEncoder.getBufferedImage(chart);
  }

  private static final int LEGEND_ROW_HEIGHT = 34;
  private static final Font LEGEND_FONT = FigureStyle.defaults().panelTitle().deriveFont(20f);
  private static final int LEGEND_SWATCH = 30;
  private static final int LEGEND_GAP = 36;

  /**
   * The figure legend's rows as {first, end} indices into {@code names}: entries fill a row left to
   * right and wrap before one would cross the figure's edge.
   */
  static List<int[]> legendLayout(List<String> names, int width) {
    Headless.ensure();
    FontMetrics metrics;
    Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      scratch.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      metrics = scratch.getFontMetrics(LEGEND_FONT);
    } finally {
      scratch.dispose();
    }
    List<int[]> rows = new java.util.ArrayList<>();
    int start = 0;
    int used = 0;
    for (int i = 0; i < names.size(); i++) {
      int entry = entryWidth(metrics, names.get(i));
      if (i > start && used + LEGEND_GAP + entry > width - 40) {
        rows.add(new int[] {start, i});
        start = i;
        used = 0;
      }
      used += (i > start ? LEGEND_GAP : 0) + entry;
    }
    if (!names.isEmpty()) {
      rows.add(new int[] {start, names.size()});
    }
    return rows;
  }

  private static int entryWidth(FontMetrics metrics, String name) {
    return LEGEND_SWATCH + 8 + metrics.stringWidth(name);
  }

  /** Draws the legend rows centred, starting at {@code top}. */
  private static void drawLegend(
      Graphics2D g,
      List<String> names,
      Color[] colors,
      Style style,
      List<int[]> rows,
      int width,
      int top) {
    g.setFont(LEGEND_FONT);
    FontMetrics metrics = g.getFontMetrics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    for (int r = 0; r < rows.size(); r++) {
      int[] row = rows.get(r);
      int rowWidth = 0;
      for (int i = row[0]; i < row[1]; i++) {
        rowWidth += (i > row[0] ? LEGEND_GAP : 0) + entryWidth(metrics, names.get(i));
      }
      int x = (width - rowWidth) / 2;
      int middle = top + r * LEGEND_ROW_HEIGHT + LEGEND_ROW_HEIGHT / 2;
      for (int i = row[0]; i < row[1]; i++) {
        g.setColor(colors[i]);
        if (style.lines()) {
          g.setStroke(new java.awt.BasicStroke(3f));
          g.drawLine(x, middle, x + LEGEND_SWATCH, middle);
        } else {
          g.fillOval(x + LEGEND_SWATCH / 2 - 7, middle - 7, 14, 14);
        }
        g.setColor(FigureStyle.defaults().foreground());
        g.drawString(names.get(i), x + LEGEND_SWATCH + 8, middle + metrics.getAscent() / 2 - 2);
        x += entryWidth(metrics, names.get(i)) + LEGEND_GAP;
      }
    }
  }
}
