package org.losslandscape.pipeline.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Keskar et al.'s figure 3 for several pairs of minima: one column per pair, the loss along the
 * line {@code (1 - t) theta_a + t theta_b} on top and the accuracy below, training set solid and
 * test set dashed, with vertical lines at t = 0 and t = 1 labelled with the two models' names.
 */
public final class InterpolationFigure {

  private static final Color TRAIN = new Color(0x00, 0x72, 0xB2);
  private static final Color TEST = new Color(0xD5, 0x5E, 0x00);
  private static final Color END_LINE = new Color(0x60, 0x60, 0x60);

  private InterpolationFigure() {}

  /**
   * One pair of models.
   *
   * @param from the model at t = 0
   * @param to the model at t = 1
   * @param t the path parameter, increasing, holding 0 and 1
   * @param trainLoss loss on the training set at each t
   * @param testLoss loss on the test set at each t
   * @param trainAccuracy accuracy on the training set at each t
   * @param testAccuracy accuracy on the test set at each t
   * @param trainLabel legend text of the training curves, e.g. "train (60,000)"
   * @param testLabel legend text of the test curves
   */
  public record Pair(
      String from,
      String to,
      double[] t,
      double[] trainLoss,
      double[] testLoss,
      double[] trainAccuracy,
      double[] testAccuracy,
      String trainLabel,
      String testLabel) {

    public Pair {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      for (double[] values : List.of(trainLoss, testLoss, trainAccuracy, testAccuracy)) {
        if (values.length != t.length) {
          throw new IllegalArgumentException(
              "every curve needs one value per t (" + t.length + "), got " + values.length);
        }
      }
    }
  }

  /**
   * The figure: a title above one column per pair, each {@code panelWidth} wide, with a loss chart
   * and an accuracy chart of {@code panelHeight} each.
   *
   * @param logLoss logarithmic loss axis (the loss far outside [0, 1] is often orders of magnitude
   *     above the minima's)
   */
  public static BufferedImage render(
      String title, List<Pair> pairs, boolean logLoss, int panelWidth, int panelHeight) {
    Objects.requireNonNull(title, "title");
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("an interpolation figure needs at least one pair");
    }
    XChartStyling.checkSize(panelWidth, panelHeight);
    Headless.ensure();
    int titleHeight = 70;
    BufferedImage figure =
        new BufferedImage(
            pairs.size() * panelWidth, titleHeight + 2 * panelHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = figure.createGraphics();
    try {
      FigureStyle style = FigureStyle.defaults();
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(style.background());
      g.fillRect(0, 0, figure.getWidth(), figure.getHeight());
      g.setColor(style.foreground());
      Font font = style.figureTitle();
      FontMetrics metrics = g.getFontMetrics(font);
      while (metrics.stringWidth(title) > figure.getWidth() - 40 && font.getSize2D() > 12) {
        font = font.deriveFont(font.getSize2D() - 1);
        metrics = g.getFontMetrics(font);
      }
      g.setFont(font);
      g.drawString(
          title, (figure.getWidth() - metrics.stringWidth(title)) / 2, titleHeight / 2 + 10);
      for (int k = 0; k < pairs.size(); k++) {
        Pair p = pairs.get(k);
        g.drawImage(
            chart(
                p,
                p.from() + " (t = 0) → " + p.to() + " (t = 1)",
                "loss (mean cross-entropy, nats" + (logLoss ? ", log scale" : "") + ")",
                p.trainLoss(),
                p.testLoss(),
                logLoss,
                panelWidth,
                panelHeight),
            k * panelWidth,
            titleHeight,
            null);
        g.drawImage(
            chart(
                p,
                "accuracy along the same line",
                "accuracy (fraction correct)",
                p.trainAccuracy(),
                p.testAccuracy(),
                false,
                panelWidth,
                panelHeight),
            k * panelWidth,
            titleHeight + panelHeight,
            null);
      }
    } finally {
      g.dispose();
    }
    return figure;
  }

  private static BufferedImage chart(
      Pair p,
      String title,
      String yTitle,
      double[] train,
      double[] test,
      boolean logY,
      int width,
      int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle("t  (weights (1 − t) θ_a + t θ_b; θ_a at t = 0, θ_b at t = 1)")
            .yAxisTitle(yTitle)
            .build();
    FigureStyle style = FigureStyle.defaults();
    XChartStyling.apply(chart.getStyler(), style);
    chart.getStyler().setChartTitleFont(style.panelTitle().deriveFont(Font.BOLD, 17f));
    chart.getStyler().setPlotGridVerticalLinesVisible(true);
    chart.getStyler().setXAxisTickLabelsFormattingFunction(ColorScale::formatValue);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setMarkerSize(5);
    chart.getStyler().setAnnotationLineColor(END_LINE);
    chart
        .getStyler()
        .setAnnotationLineStroke(
            new BasicStroke(
                1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0));
    chart.getStyler().setAnnotationTextFont(style.caption().deriveFont(Font.BOLD));
    chart.getStyler().setAnnotationTextFontColor(style.foreground());

    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] values : List.of(train, test)) {
      for (double v : values) {
        if (Double.isFinite(v) && (!logY || v > 0)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("no finite value to plot in '" + title + "'");
    }
    // Room above the curves for the two names, in the axis's own scale.
    double top;
    double labelY;
    if (logY) {
      double span = Math.log10(hi) - Math.log10(lo);
      span = span > 0 ? span : 1;
      top = Math.pow(10, Math.log10(hi) + 0.22 * span);
      labelY = Math.pow(10, Math.log10(hi) + 0.12 * span);
    } else {
      double span = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1e-3);
      top = hi + 0.22 * span;
      labelY = hi + 0.12 * span;
    }
    chart.getStyler().setYAxisMax(top);
    if (!logY && lo >= 0 && lo < 0.3 * hi) {
      chart.getStyler().setYAxisMin(0.0);
    }

    XYSeries trainSeries = chart.addSeries(p.trainLabel(), p.t(), finiteOrGap(train));
    trainSeries.setLineColor(TRAIN);
    trainSeries.setMarkerColor(TRAIN);
    trainSeries.setMarker(SeriesMarkers.CIRCLE);
    trainSeries.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    XYSeries testSeries = chart.addSeries(p.testLabel(), p.t(), finiteOrGap(test));
    testSeries.setLineColor(TEST);
    testSeries.setMarkerColor(TEST);
    testSeries.setMarker(SeriesMarkers.NONE);
    testSeries.setLineStyle(
        new BasicStroke(
            2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {10f, 6f}, 0));

    Map<String, double[]> curves = new LinkedHashMap<>();
    curves.put(p.trainLabel(), train);
    curves.put(p.testLabel(), test);
    SliceLinePlot.addTickSpacingBreaker(chart, p.t(), curves);
    chart.addAnnotation(new AnnotationLine(0, true, false));
    chart.addAnnotation(new AnnotationLine(1, true, false));
    chart.addAnnotation(new AnnotationText(p.from(), 0, labelY, false));
    chart.addAnnotation(new AnnotationText(p.to(), 1, labelY, false));
    return BitmapEncoder.getBufferedImage(chart);
  }

  /** XChart draws NaN as a gap; infinities would wreck the axis range. */
  private static double[] finiteOrGap(double[] values) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      if (!Double.isFinite(out[i])) {
        out[i] = Double.NaN;
      }
    }
    return out;
  }
}
