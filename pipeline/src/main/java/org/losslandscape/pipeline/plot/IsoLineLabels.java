package org.losslandscape.pipeline.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;

/**
 * The level labels of a contour panel: where each goes (on its line, clear of the other labels and
 * the frame) and how it is drawn (on a light rounded box).
 */
final class IsoLineLabels {

  private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 215);

  private final FigureStyle style;

  /** Labels in {@code style}'s tick-label font. */
  IsoLineLabels(FigureStyle style) {
    this.style = style;
  }

  /**
   * Picks the segment midpoint whose label box fits inside the plot, overlaps no other label and
   * lies furthest from the other labels and the frame, so labels spread out instead of piling up.
   */
  Rectangle2D place(
      Graphics2D g,
      List<Line2D.Double> lines,
      String text,
      Rectangle2D.Double plot,
      List<Rectangle2D> taken) {
    Rectangle2D size = Canvas.size(g, style.tickLabel(), text);
    double boxWidth = size.getWidth() + 8;
    double boxHeight = size.getHeight() + 2;
    double totalLength = 0;
    for (Line2D.Double line : lines) {
      totalLength += line.getP1().distance(line.getP2());
    }
    // A tiny closed loop would vanish under its own label.
    if (totalLength < 3 * boxWidth) {
      return null;
    }
    int stride = Math.max(1, lines.size() / 400);
    Rectangle2D best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < lines.size(); k += stride) {
      Line2D.Double line = lines.get(k);
      double cx = (line.x1 + line.x2) / 2;
      double cy = (line.y1 + line.y2) / 2;
      Rectangle2D.Double box =
          new Rectangle2D.Double(cx - boxWidth / 2, cy - boxHeight / 2, boxWidth, boxHeight);
      if (!plot.contains(box.x - 4, box.y - 4)
          || !plot.contains(box.getMaxX() + 4, box.getMaxY() + 4)) {
        continue;
      }
      double score = Math.min(cx - plot.x, plot.getMaxX() - cx);
      score = Math.min(score, Math.min(cy - plot.y, plot.getMaxY() - cy)) * 2;
      boolean overlaps = false;
      for (Rectangle2D other : taken) {
        Rectangle2D grown =
            new Rectangle2D.Double(
                other.getX() - 6, other.getY() - 6, other.getWidth() + 12, other.getHeight() + 12);
        if (grown.intersects(box)) {
          overlaps = true;
          break;
        }
        score = Math.min(score, Point2D.distance(cx, cy, other.getCenterX(), other.getCenterY()));
      }
      if (!overlaps && score > bestScore) {
        bestScore = score;
        best = box;
      }
    }
    return best;
  }

  /** Draws {@code text} in the box {@link #place} chose. */
  void draw(Graphics2D g, Rectangle2D box, String text) {
    g.setColor(LABEL_BACKGROUND);
    g.fill(
        new RoundRectangle2D.Double(box.getX(), box.getY(), box.getWidth(), box.getHeight(), 8, 8));
    g.setColor(style.foreground());
    Canvas.text(g, style.tickLabel(), text, box.getCenterX(), box.getCenterY(), 0.5, 0.5);
  }
}
