package org.losslandscape.pipeline.plot;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Small drawing helpers shared by the renderers: image creation and aligned text. */
final class Canvas {

  private Canvas() {}

  /** A white-filled RGB image and its anti-aliased graphics; the caller disposes the graphics. */
  static BufferedImage newImage(int width, int height) {
    Headless.ensure();
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + "x" + height);
    }
    if ((long) width * height > 100_000_000L) {
      throw new IllegalArgumentException(
          "image of "
              + width
              + "x"
              + height
              + " pixels is too large; keep it below 100 megapixels");
    }
    return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
  }

  static Graphics2D graphics(BufferedImage image, FigureStyle style) {
    Graphics2D g = image.createGraphics();
    smooth(g);
    g.setColor(style.background());
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    return g;
  }

  static void smooth(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
  }

  /** Width and height of {@code text} in {@code font} (height = ascent + descent). */
  static Rectangle2D.Double size(Graphics2D g, Font font, String text) {
    FontMetrics metrics = g.getFontMetrics(font);
    return new Rectangle2D.Double(
        0, 0, metrics.stringWidth(text), metrics.getAscent() + metrics.getDescent());
  }

  /**
   * Draws {@code text} so that the point (x, y) sits at the fraction (hAlign, vAlign) of its box:
   * (0, 0) is the top-left corner, (0.5, 0.5) the centre. Returns the box drawn into.
   */
  static Rectangle2D.Double text(
      Graphics2D g, Font font, String text, double x, double y, double hAlign, double vAlign) {
    FontMetrics metrics = g.getFontMetrics(font);
    double width = metrics.stringWidth(text);
    double height = metrics.getAscent() + metrics.getDescent();
    double left = x - hAlign * width;
    double top = y - vAlign * height;
    Font previous = g.getFont();
    g.setFont(font);
    g.drawString(text, (float) left, (float) (top + metrics.getAscent()));
    g.setFont(previous);
    return new Rectangle2D.Double(left, top, width, height);
  }

  /**
   * {@code font}, shrunk point by point (not below 10) until {@code text} fits in {@code maxWidth}.
   */
  static Font fitting(Graphics2D g, Font font, String text, double maxWidth) {
    Font fitted = font;
    while (fitted.getSize2D() > 10 && g.getFontMetrics(fitted).stringWidth(text) > maxWidth) {
      fitted = fitted.deriveFont(fitted.getSize2D() - 1);
    }
    return fitted;
  }

  /**
   * {@code text} broken at spaces into lines no wider than {@code maxWidth} in {@code font}. A
   * single word wider than that stays on its own line (it is never cut); callers that must fit it
   * can shrink the font with {@link #fitting}.
   */
  static List<String> wrap(Graphics2D g, Font font, String text, double maxWidth) {
    FontMetrics metrics = g.getFontMetrics(font);
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split(" +")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (line.length() > 0 && metrics.stringWidth(candidate) > maxWidth) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * Draws {@code text} rotated a quarter turn anticlockwise (reading upwards), centred at (x, y).
   */
  static void textUpwards(Graphics2D g, Font font, String text, double x, double y) {
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    g.rotate(-Math.PI / 2);
    text(g, font, text, 0, 0, 0.5, 0.5);
    g.setTransform(saved);
  }
}
