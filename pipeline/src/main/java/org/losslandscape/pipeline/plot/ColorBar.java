package org.losslandscape.pipeline.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A vertical colour bar: the colour map from the scale's min (bottom) to max (top), tick labels on
 * the right, and a label reading upwards further right.
 *
 * @param scale value-to-position mapping shared with the panels it explains
 * @param colorMap colours along the bar
 * @param label what the colours mean, with their unit, e.g. "loss (nats), log scale"
 * @param style fonts and colours
 */
public record ColorBar(ColorScale scale, ColorMap colorMap, String label, FigureStyle style) {

  /** Checks that nothing is null. */
  public ColorBar {
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(colorMap, "colorMap");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(style, "style");
  }

  /** A viridis bar in the default style. */
  public ColorBar(ColorScale scale, String label) {
    this(scale, ColorMap.viridis(), label, FigureStyle.defaults());
  }

  /**
   * The bar label for values called {@code valueLabel} (with their unit, e.g. "loss (nats)") on
   * {@code scale}: a log scale says so, since its tick spacing alone is easy to misread.
   */
  public static String labelFor(String valueLabel, ColorScale scale) {
    return valueLabel + (scale.log() ? ", log scale" : "");
  }

  /** The width, in pixels, that {@link #draw} needs for the bar, its tick labels and label. */
  public int preferredWidth() {
    int tick = style.tickLabel().getSize();
    return padding()
        + barWidth()
        + tick / 2
        + (int) Math.round(tick * 3.6)
        + tick
        + style.axisTitle().getSize()
        + padding();
  }

  private int padding() {
    return Math.max(6, style.tickLabel().getSize() / 2);
  }

  private int barWidth() {
    return (int) Math.round(style.tickLabel().getSize() * 1.4);
  }

  /**
   * Draws the bar into {@code area}: the bar spans the area's height less room for the end tick
   * labels. Ticks whose labels would overlap their neighbour's are drawn without a label.
   */
  public void draw(Graphics2D g, Rectangle area) {
    Objects.requireNonNull(g, "g");
    Objects.requireNonNull(area, "area");
    int tickSize = style.tickLabel().getSize();
    int left = area.x + padding();
    int top = area.y + tickSize;
    int height = area.height - 2 * tickSize;
    int width = barWidth();
    if (height < 10 || area.width < width + padding()) {
      throw new IllegalArgumentException(
          "colour bar area "
              + area.width
              + "x"
              + area.height
              + " is too small; give it at least "
              + preferredWidth()
              + "x"
              + (2 * tickSize + 10));
    }
    g.drawImage(gradient(width, height), left, top, null);
    g.setColor(style.foreground());
    g.setStroke(new BasicStroke(1f));
    g.draw(new Rectangle2D.Double(left, top, width, height));

    double[] ticks = scale.ticks(Math.max(2, Math.min(12, height / (3 * tickSize))));
    double labelX = left + width + tickSize / 2.0;
    double lastLabelY = Double.POSITIVE_INFINITY;
    double widest = 0;
    for (double tick : ticks) {
      double y = top + (1 - scale.normalize(tick)) * height;
      g.draw(new Line2D.Double(left + width - 5, y, left + width + 4, y));
      if (lastLabelY - y >= tickSize * 1.25) {
        Rectangle2D box = Canvas.text(g, style.tickLabel(), scale.format(tick), labelX, y, 0, 0.5);
        widest = Math.max(widest, box.getWidth());
        lastLabelY = y;
      }
    }
    double labelCentreX = labelX + widest + tickSize * 0.5 + style.axisTitle().getSize() * 0.6;
    Canvas.textUpwards(g, style.axisTitle(), label, labelCentreX, top + height / 2.0);
  }

  private BufferedImage gradient(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int row = 0; row < height; row++) {
      double t = height == 1 ? 0.5 : 1.0 - row / (double) (height - 1);
      int rgb = colorMap.rgbAt(t);
      for (int col = 0; col < width; col++) {
        image.setRGB(col, row, rgb);
      }
    }
    return image;
  }
}
