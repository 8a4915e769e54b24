package org.losslandscape.pipeline.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;
import java.util.Objects;

/**
 * Draws a training trajectory over the contour map of its plane (Li et al. 2018, figure 9): the
 * filled, labelled contours of the loss, then the checkpoints in training order joined by a white
 * line with a dark halo (visible on every colour of the map), the start marked with a triangle and
 * the end (the final weights, at the origin) with a ring, each labelled with its step.
 *
 * <p>Each panel has its own axis titles (they carry that run's explained variance), and each axis
 * is stretched over the panel: a trajectory's first component usually spans several times the range
 * of its second, and one scale for both would leave a thin strip.
 */
public final class TrajectoryRenderer implements PanelRenderer {

  private static final Color START = new Color(0xD5, 0x5E, 0x00);
  private static final Color HALO = new Color(0, 0, 0, 170);
  private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 225);

  /**
   * One panel.
   *
   * @param surface the loss on the plane, axes in plane coordinates
   * @param pathX the checkpoints' coordinates along the first axis, in training order
   * @param pathY the checkpoints' coordinates along the second axis
   * @param xTitle the first axis's title, with its unit
   * @param yTitle the second axis's title, with its unit
   * @param startLabel the label of the first checkpoint, e.g. "start (step 0)"
   * @param endLabel the label of the last checkpoint, e.g. "end (step 18750)"
   */
  public record Panel(
      SurfaceData surface,
      double[] pathX,
      double[] pathY,
      String xTitle,
      String yTitle,
      String startLabel,
      String endLabel) {

    public Panel {
      Objects.requireNonNull(surface, "surface");
      if (pathX.length != pathY.length || pathX.length < 2) {
        throw new IllegalArgumentException(
            "a path needs at least 2 points with both coordinates, got "
                + pathX.length
                + " and "
                + pathY.length);
      }
      pathX = pathX.clone();
      pathY = pathY.clone();
    }
  }

  private final List<Panel> panels;
  private final ContourRenderer contour;

  /**
   * A renderer for {@code panels}: {@link #drawPanel} is handed one of their surfaces and draws
   * that panel's path on it.
   */
  public TrajectoryRenderer(List<Panel> panels, String valueLabel) {
    this.panels = List.copyOf(panels);
    this.contour =
        new ContourRenderer(FigureStyle.defaults(), ColorMap.viridis(), valueLabel, null);
  }

  /** The surfaces of the panels, in order, to hand to {@link PanelFigure}. */
  public List<SurfaceData> surfaces() {
    return panels.stream().map(Panel::surface).toList();
  }

  @Override
  public ColorBar colorBar(ColorScale scale) {
    return contour.colorBar(scale);
  }

  @Override
  public void drawPanel(Graphics2D g, Rectangle area, SurfaceData data, ColorScale scale) {
    Panel panel =
        panels.stream()
            .filter(p -> p.surface().equals(data))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no trajectory for panel " + data.title()));
    ContourRenderer axes = contour.withAxes(panel.xTitle(), panel.yTitle(), false);
    axes.drawPanel(g, area, data, scale);
    drawPath(g, axes.projection(area, data), panel);
  }

  /** The pixel of every checkpoint when {@code panel} is drawn into {@code area}. */
  public Point2D.Double[] pathPixels(Rectangle area, Panel panel) {
    PlaneProjection projection =
        contour.withAxes(panel.xTitle(), panel.yTitle(), false).projection(area, panel.surface());
    Point2D.Double[] out = new Point2D.Double[panel.pathX().length];
    for (int k = 0; k < out.length; k++) {
      out[k] = projection.toScreen(panel.pathX()[k], panel.pathY()[k]);
    }
    return out;
  }

  private void drawPath(Graphics2D g, PlaneProjection projection, Panel panel) {
    Rectangle2D.Double plot = projection.plotBounds();
    double[] x = panel.pathX();
    double[] y = panel.pathY();
    Path2D.Double line = new Path2D.Double();
    Point2D.Double[] points = new Point2D.Double[x.length];
    for (int k = 0; k < x.length; k++) {
      points[k] = projection.toScreen(x[k], y[k]);
      if (k == 0) {
        line.moveTo(points[k].x, points[k].y);
      } else {
        line.lineTo(points[k].x, points[k].y);
      }
    }
    Shape savedClip = g.getClip();
    g.clip(plot);
    try {
      Canvas.smooth(g);
      g.setStroke(new BasicStroke(5.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.setColor(HALO);
      g.draw(line);
      g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.setColor(Color.WHITE);
      g.draw(line);
      g.setStroke(new BasicStroke(1.3f));
      for (int k = 1; k < points.length - 1; k++) {
        Ellipse2D.Double dot = new Ellipse2D.Double(points[k].x - 4, points[k].y - 4, 8, 8);
        g.setColor(Color.WHITE);
        g.fill(dot);
        g.setColor(Color.BLACK);
        g.draw(dot);
      }
      Point2D.Double start = points[0];
      Path2D.Double triangle = new Path2D.Double();
      triangle.moveTo(start.x, start.y - 10);
      triangle.lineTo(start.x + 9, start.y + 6);
      triangle.lineTo(start.x - 9, start.y + 6);
      triangle.closePath();
      g.setColor(START);
      g.fill(triangle);
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(1.8f));
      g.draw(triangle);
      Point2D.Double end = points[points.length - 1];
      Ellipse2D.Double ring = new Ellipse2D.Double(end.x - 9, end.y - 9, 18, 18);
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(4f));
      g.draw(ring);
      g.setColor(START);
      g.setStroke(new BasicStroke(2.2f));
      g.draw(ring);
      label(g, plot, panel.startLabel(), start);
      label(g, plot, panel.endLabel(), end);
    } finally {
      g.setClip(savedClip);
    }
  }

  /**
   * A boxed label beside {@code at}: to the right when there is room inside the plot, else to the
   * left; below the point when it is near the top.
   */
  private static void label(Graphics2D g, Rectangle2D.Double plot, String text, Point2D.Double at) {
    FigureStyle style = FigureStyle.defaults();
    Rectangle2D size = Canvas.size(g, style.caption(), text);
    double w = size.getWidth() + 10;
    double h = size.getHeight() + 4;
    double left = at.x + 14 + w <= plot.getMaxX() - 2 ? at.x + 14 : at.x - 14 - w;
    left = Math.max(plot.x + 2, left);
    double top = at.y - h - 8 >= plot.y + 2 ? at.y - h - 8 : at.y + 10;
    g.setColor(LABEL_BACKGROUND);
    g.fill(new RoundRectangle2D.Double(left, top, w, h, 8, 8));
    g.setColor(style.foreground());
    Canvas.text(g, style.caption(), text, left + 5, top + 2, 0, 0);
  }
}
