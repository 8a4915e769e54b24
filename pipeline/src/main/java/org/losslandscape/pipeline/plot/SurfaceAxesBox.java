package org.losslandscape.pipeline.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The axes box of a 3-D panel: the back panes with their grid lines, drawn behind the surface, and
 * the floor axes alpha and beta and the value axis with their ticks and titles, drawn in front.
 */
final class SurfaceAxesBox {

  private static final Color PANE = new Color(0xF3, 0xF3, 0xF3);

  private static final Color PANE_EDGE = new Color(0xB8, 0xB8, 0xB8);

  private static final Color GRID = new Color(0xD9, 0xD9, 0xD9);

  private final FigureStyle style;
  private final String valueLabel;

  /** Axes in {@code style}, the value axis titled {@code valueLabel}. */
  SurfaceAxesBox(FigureStyle style, String valueLabel) {
    this.style = style;
    this.valueLabel = valueLabel;
  }

  private double frontX(SurfaceProjection p) {
    return p.eyeX() >= 0 ? 0.5 : -0.5;
  }

  private double frontY(SurfaceProjection p) {
    return p.eyeY() >= 0 ? 0.5 : -0.5;
  }

  /** The floor and the two back walls with their grid lines, behind everything else. */
  void drawBackPanes(Graphics2D g, SurfaceProjection p, SurfaceData data, ColorScale scale) {
    double h = p.boxHeight();
    double backX = -frontX(p);
    double backY = -frontY(p);
    double[] alphaTicks = boxTicks(data.alpha(), true, p);
    double[] betaTicks = boxTicks(data.beta(), false, p);
    double[] zTicks = Arrays.stream(scale.ticks(6)).map(p::boxZ).toArray();

    fillPane(g, p, new double[][] {{-0.5, -0.5, 0}, {0.5, -0.5, 0}, {0.5, 0.5, 0}, {-0.5, 0.5, 0}});
    fillPane(
        g,
        p,
        new double[][] {{backX, -0.5, 0}, {backX, 0.5, 0}, {backX, 0.5, h}, {backX, -0.5, h}});
    fillPane(
        g,
        p,
        new double[][] {{-0.5, backY, 0}, {0.5, backY, 0}, {0.5, backY, h}, {-0.5, backY, h}});

    g.setColor(GRID);
    g.setStroke(new BasicStroke(1f));
    for (double x : alphaTicks) {
      line(g, p, x, -0.5, 0, x, 0.5, 0);
      line(g, p, x, backY, 0, x, backY, h);
    }
    for (double y : betaTicks) {
      line(g, p, -0.5, y, 0, 0.5, y, 0);
      line(g, p, backX, y, 0, backX, y, h);
    }
    for (double z : zTicks) {
      line(g, p, backX, -0.5, z, backX, 0.5, z);
      line(g, p, -0.5, backY, z, 0.5, backY, z);
    }
  }

  private void fillPane(Graphics2D g, SurfaceProjection p, double[][] corners) {
    Path2D.Double pane = new Path2D.Double();
    for (int k = 0; k < corners.length; k++) {
      Point2D.Double s = p.boxToScreen(corners[k][0], corners[k][1], corners[k][2]);
      if (k == 0) {
        pane.moveTo(s.x, s.y);
      } else {
        pane.lineTo(s.x, s.y);
      }
    }
    pane.closePath();
    g.setColor(PANE);
    g.fill(pane);
    g.setColor(PANE_EDGE);
    g.setStroke(new BasicStroke(1f));
    g.draw(pane);
  }

  private static double[] boxTicks(double[] axis, boolean isAlpha, SurfaceProjection p) {
    double[] ticks = ColorScale.linearTicks(axis[0], axis[axis.length - 1], 5);
    return Arrays.stream(ticks).map(v -> isAlpha ? p.boxX(v) : p.boxY(v)).toArray();
  }

  private static void line(
      Graphics2D g,
      SurfaceProjection p,
      double x1,
      double y1,
      double z1,
      double x2,
      double y2,
      double z2) {
    Point2D.Double a = p.boxToScreen(x1, y1, z1);
    Point2D.Double b = p.boxToScreen(x2, y2, z2);
    g.draw(new Line2D.Double(a, b));
  }

  /** The floor axes and the value axis, with ticks, labels and titles. */
  void drawAxes(Graphics2D g, SurfaceProjection p, SurfaceData data, ColorScale scale) {
    double fx = frontX(p);
    double fy = frontY(p);
    double[] alpha = data.alpha();
    double[] beta = data.beta();
    double[] alphaTicks = ColorScale.linearTicks(alpha[0], alpha[alpha.length - 1], 5);
    double[] betaTicks = ColorScale.linearTicks(beta[0], beta[beta.length - 1], 5);

    g.setColor(style.foreground());
    g.setStroke(new BasicStroke(1.2f));
    // alpha runs along the front floor edge parallel to x, beta along the one parallel to y.
    List<Rectangle2D> labels = new ArrayList<>();
    labels.addAll(
        drawFloorAxis(
            g,
            p,
            alphaTicks,
            v -> new double[] {p.boxX(v), fy, 0},
            new double[] {0, fy, 0},
            "α",
            alpha));
    labels.addAll(
        drawFloorAxis(
            g,
            p,
            betaTicks,
            v -> new double[] {fx, p.boxY(v), 0},
            new double[] {fx, 0, 0},
            "β",
            beta));
    drawValueAxis(g, p, scale, labels);
  }

  /** Draws one floor axis and returns the boxes of its tick labels. */
  private List<Rectangle2D> drawFloorAxis(
      Graphics2D g,
      SurfaceProjection p,
      double[] ticks,
      java.util.function.DoubleFunction<double[]> boxPoint,
      double[] outward,
      String title,
      double[] axis) {
    double[] start = boxPoint.apply(axis[0]);
    double[] end = boxPoint.apply(axis[axis.length - 1]);
    line(g, p, start[0], start[1], start[2], end[0], end[1], end[2]);

    Point2D.Double origin = p.boxToScreen(0, 0, 0);
    Point2D.Double out = p.boxToScreen(outward[0], outward[1], outward[2]);
    double dx = out.x - origin.x;
    double dy = out.y - origin.y;
    double norm = Math.hypot(dx, dy);
    dx /= norm;
    dy /= norm;

    Font font = style.tickLabel();
    double widestExtent = 0;
    List<Rectangle2D> boxes = new ArrayList<>();
    for (double v : ticks) {
      double[] b = boxPoint.apply(v);
      Point2D.Double at = p.boxToScreen(b[0], b[1], b[2]);
      g.draw(new Line2D.Double(at.x, at.y, at.x + dx * 6, at.y + dy * 6));
      String text = ColorScale.formatValue(v);
      Rectangle2D size = Canvas.size(g, font, text);
      double extent = extentAlong(size, dx, dy);
      widestExtent = Math.max(widestExtent, extent);
      double gap = 9 + extent;
      boxes.add(Canvas.text(g, font, text, at.x + dx * gap, at.y + dy * gap, 0.5, 0.5));
    }
    double[] mid = boxPoint.apply((axis[0] + axis[axis.length - 1]) / 2);
    Point2D.Double at = p.boxToScreen(mid[0], mid[1], mid[2]);
    Rectangle2D titleSize = Canvas.size(g, style.axisTitle(), title);
    double gap = 9 + 2 * widestExtent + 6 + extentAlong(titleSize, dx, dy);
    Canvas.text(g, style.axisTitle(), title, at.x + dx * gap, at.y + dy * gap, 0.5, 0.5);
    return boxes;
  }

  /** Half the extent of a text box along the unit direction (dx, dy). */
  private static double extentAlong(Rectangle2D box, double dx, double dy) {
    return Math.abs(dx) * box.getWidth() / 2 + Math.abs(dy) * box.getHeight() / 2;
  }

  private void drawValueAxis(
      Graphics2D g, SurfaceProjection p, ColorScale scale, List<Rectangle2D> avoid) {
    double fx = frontX(p);
    double fy = frontY(p);
    // Of the two side corners (neither nearest nor furthest), put the value axis on the left one,
    // away from the colour bar.
    Point2D.Double sideA = p.boxToScreen(fx, -fy, 0);
    Point2D.Double sideB = p.boxToScreen(-fx, fy, 0);
    double cx = sideA.x <= sideB.x ? fx : -fx;
    double cy = sideA.x <= sideB.x ? -fy : fy;
    double h = p.boxHeight();
    line(g, p, cx, cy, 0, cx, cy, h);

    Font font = style.tickLabel();
    double minSpacing = font.getSize() * 1.3;
    double lastY = Double.POSITIVE_INFINITY;
    double widest = 0;
    for (double v : scale.ticks(6)) {
      Point2D.Double at = p.boxToScreen(cx, cy, p.boxZ(v));
      g.draw(new Line2D.Double(at.x - 6, at.y, at.x, at.y));
      String text = scale.format(v);
      Rectangle2D size = Canvas.size(g, font, text);
      Rectangle2D.Double box =
          new Rectangle2D.Double(
              at.x - 9 - size.getWidth(),
              at.y - size.getHeight() / 2,
              size.getWidth(),
              size.getHeight());
      boolean collides = avoid.stream().anyMatch(other -> other.intersects(box));
      if (lastY - at.y >= minSpacing && !collides) {
        Canvas.text(g, font, text, at.x - 9, at.y, 1, 0.5);
        widest = Math.max(widest, box.getWidth());
        lastY = at.y;
      }
    }
    Point2D.Double bottom = p.boxToScreen(cx, cy, 0);
    Point2D.Double top = p.boxToScreen(cx, cy, h);
    double titleX = bottom.x - 9 - widest - 8 - style.axisTitle().getSize() * 0.6;
    Canvas.textUpwards(g, style.axisTitle(), valueLabel, titleX, (bottom.y + top.y) / 2);
  }
}
