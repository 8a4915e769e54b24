package org.losslandscape.pipeline.plot;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Draws one surface as a figure panel. A panel never has its own colour bar, so a multi-panel
 * figure can show one shared bar; {@link #draw} and {@link #render} add the bar for a stand-alone
 * figure.
 */
public interface PanelRenderer {

  /** Draws {@code data} into {@code area} with colours (and heights) from {@code scale}. */
  void drawPanel(Graphics2D g, Rectangle area, SurfaceData data, ColorScale scale);

  /** The colour bar matching this renderer's colour map, label and style. */
  ColorBar colorBar(ColorScale scale);

  /** Draws the panel into the left of {@code area} and its colour bar at the right. */
  default void draw(Graphics2D g, Rectangle area, SurfaceData data, ColorScale scale) {
    Objects.requireNonNull(area, "area");
    ColorBar bar = colorBar(scale);
    int barWidth = bar.preferredWidth();
    Rectangle panel = new Rectangle(area.x, area.y, area.width - barWidth, area.height);
    if (panel.width < 200 || panel.height < 200) {
      throw new IllegalArgumentException(
          "area "
              + area.width
              + "x"
              + area.height
              + " is too small for a panel with colour bar; give it at least "
              + (200 + barWidth)
              + "x200 pixels");
    }
    drawPanel(g, panel, data, scale);
    int barTop = panel.y + panel.height / 8;
    bar.draw(
        g,
        new Rectangle(
            panel.x + panel.width, barTop, barWidth, panel.height - 2 * (panel.height / 8)));
  }

  /**
   * A stand-alone image of {@code data} with a colour bar, {@code width} x {@code height} pixels.
   */
  default BufferedImage render(SurfaceData data, ColorScale scale, int width, int height) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(scale, "scale");
    BufferedImage image = Canvas.newImage(width, height);
    Graphics2D g = Canvas.graphics(image, colorBar(scale).style());
    try {
      draw(g, new Rectangle(0, 0, width, height), data, scale);
    } finally {
      g.dispose();
    }
    return image;
  }
}
