package org.losslandscape.pipeline.plot;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** Applies the house fonts and colours to XChart charts, so they match the hand-drawn figures. */
final class XChartStyling {

  private XChartStyling() {}

  static void apply(AxesChartStyler styler, FigureStyle style) {
    styler.setBaseFont(style.tickLabel());
    styler.setChartTitleFont(style.panelTitle().deriveFont(Font.BOLD, 22f));
    styler.setAxisTitleFont(style.axisTitle());
    styler.setAxisTickLabelsFont(style.tickLabel());
    styler.setLegendFont(style.tickLabel());
    styler.setAnnotationTextFont(style.caption());
    styler.setChartBackgroundColor(style.background());
    styler.setPlotBackgroundColor(style.background());
    styler.setChartFontColor(style.foreground());
    styler.setAxisTickLabelsColor(style.foreground());
    styler.setPlotBorderColor(new Color(0x80, 0x80, 0x80));
    styler.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
    styler.setLegendBorderColor(new Color(0xB0, 0xB0, 0xB0));
    styler.setChartPadding(14);
    styler.setAxisTitlePadding(10);
    styler.setAxisTickPadding(6);
    styler.setLegendPadding(10);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setPlotGridVerticalLinesVisible(false);
    styler.setYAxisTickLabelsFormattingFunction(ColorScale::formatValue);
    styler.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
    // Wider spacing hints than XChart's defaults give fewer, rounder tick values.
    styler.setXAxisTickMarkSpacingHint(110);
    styler.setYAxisTickMarkSpacingHint(70);
  }

  /**
   * {@code count} distinct colours for unordered series (train vs test, d1 vs d2): the
   * colour-blind-safe palette of Okabe and Ito, repeated when there are more than seven series.
   */
  static Color[] qualitativeColors(int count) {
    int[] palette = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x000000};
    Color[] colors = new Color[count];
    for (int k = 0; k < count; k++) {
      colors[k] = new Color(palette[k % palette.length]);
    }
    return colors;
  }

  /** {@code count} colours along viridis, avoiding its palest end so thin lines stay visible. */
  static Color[] sequentialColors(int count) {
    ColorMap viridis = ColorMap.viridis();
    Color[] colors = new Color[count];
    for (int k = 0; k < count; k++) {
      colors[k] = viridis.at(count == 1 ? 0.35 : 0.05 + 0.8 * k / (count - 1));
    }
    return colors;
  }

  static void checkSize(int width, int height) {
    if (width < 200 || height < 150 || (long) width * height > 100_000_000L) {
      throw new IllegalArgumentException(
          "chart size must be at least 200x150 and below 100 "
              + "megapixels, got "
              + width
              + "x"
              + height);
    }
  }
}
