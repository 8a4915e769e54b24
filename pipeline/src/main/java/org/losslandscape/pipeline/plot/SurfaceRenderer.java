package org.losslandscape.pipeline.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Draws a surface as a 3-D mesh seen by an orthographic camera: grid cells (two flat triangles
 * each) filled by the colour of their mean value and painted back to front, thin mesh lines, a
 * darker outline along the edge of the grid, an axes box with back panes and tick labels on alpha,
 * beta and the value axis, and a title.
 *
 * <p>The vertical axis follows the colour scale (log when the scale is), so panels drawn with one
 * scale share both heights and colours. Values above the scale's max are drawn at the top of the
 * box and a caption says so; non-finite values are drawn grey at the top.
 *
 * <p>Where the surface rises towards the camera faster than the line of sight (typically the near
 * corner of a steep bowl), the camera sees the surface's outer face, exactly as it would see the
 * outside of a real bowl: the painter's order matches a z-buffer there (see the tests). That face
 * keeps the colour of its values, as in matplotlib and MATLAB, so it reads correctly against the
 * colour bar; the outline along the grid's edge shows where the rim is and the outer face begins.
 */
public final class SurfaceRenderer implements PanelRenderer {

  /** Box height relative to its width: low enough that the bottom of a bowl stays visible. */
  private static final double BOX_HEIGHT = 0.55;

  private static final Color PANE = new Color(0xF3, 0xF3, 0xF3);
  private static final Color PANE_EDGE = new Color(0xB8, 0xB8, 0xB8);
  private static final Color GRID = new Color(0xD9, 0xD9, 0xD9);
  private static final Color MESH = new Color(0, 0, 0, 70);

  /** The edge of the grid: darker than the mesh, so a rim seen from outside reads as an edge. */
  private static final Color RIM = new Color(0, 0, 0, 150);

  /** Mesh lines closer than this many pixels are thinned out. */
  private static final double MIN_MESH_SPACING = 8;

  private final FigureStyle style;
  private final ColorMap colorMap;
  private final String valueLabel;
  private final double azimuthRad;
  private final double elevationRad;

  /** Default look: viridis, value axis "loss (nats)", camera at azimuth -60°, elevation 40°. */
  public SurfaceRenderer() {
    this(FigureStyle.defaults(), ColorMap.viridis(), "loss (nats)", -60, 40);
  }

  /**
   * A renderer with an explicit look.
   *
   * @param style fonts and colours
   * @param colorMap colours of the quads
   * @param valueLabel title of the vertical axis and the colour bar, with its unit, e.g. "loss
   *     (nats)"
   * @param azimuthDegrees camera direction around the vertical axis (finite)
   * @param elevationDegrees camera height above the floor, in (0, 90) exclusive
   */
  public SurfaceRenderer(
      FigureStyle style,
      ColorMap colorMap,
      String valueLabel,
      double azimuthDegrees,
      double elevationDegrees) {
    this.style = Objects.requireNonNull(style, "style");
    this.colorMap = Objects.requireNonNull(colorMap, "colorMap");
    this.valueLabel = Objects.requireNonNull(valueLabel, "valueLabel");
    if (!Double.isFinite(azimuthDegrees)) {
      throw new IllegalArgumentException("azimuth must be finite, got " + azimuthDegrees);
    }
    if (!(elevationDegrees > 0 && elevationDegrees < 90)) {
      throw new IllegalArgumentException(
          "elevation must be strictly between 0 and 90 degrees "
              + "(the surface is seen from above), got "
              + elevationDegrees);
    }
    this.azimuthRad = Math.toRadians(azimuthDegrees);
    this.elevationRad = Math.toRadians(elevationDegrees);
  }

  @Override
  public ColorBar colorBar(ColorScale scale) {
    return new ColorBar(scale, colorMap, ColorBar.labelFor(valueLabel, scale), style);
  }

  /**
   * Where points of {@code data} land when the panel is drawn into {@code area} with {@link
   * #drawPanel}; a pure function of its arguments.
   */
  public SurfaceProjection projection(Rectangle area, SurfaceData data, ColorScale scale) {
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(scale, "scale");
    double tick = style.tickLabel().getSize();
    double top = area.y + style.panelTitle().getSize() * 2.2;
    double bottom = area.y + area.height - style.caption().getSize() * 1.8 - tick * 3.2;
    // The value axis and its title sit left of the box, so the left margin is the wider one.
    double left = tick * 6;
    double right = tick * 4.6;
    double width = area.width - left - right;
    double height = bottom - top;
    if (width < 50 || height < 50) {
      throw new IllegalArgumentException(
          "panel area "
              + area.width
              + "x"
              + area.height
              + " is too small for a 3-D surface; give it at least 300x300 pixels");
    }
    return SurfaceProjection.fitted(
        azimuthRad, elevationRad, data, BOX_HEIGHT, scale, area.x + left, top, width, height);
  }

  @Override
  public void drawPanel(Graphics2D g, Rectangle area, SurfaceData data, ColorScale scale) {
    Objects.requireNonNull(g, "g");
    SurfaceProjection projection = projection(area, data, scale);
    Shape savedClip = g.getClip();
    g.clip(area);
    try {
      Canvas.smooth(g);
      drawTitle(g, area, data.title());
      drawBackPanes(g, projection, data, scale);
      drawQuads(g, projection, data, scale);
      drawAxes(g, projection, data, scale);
      drawCaption(g, area, data, scale);
    } finally {
      g.setClip(savedClip);
    }
  }

  private void drawTitle(Graphics2D g, Rectangle area, String title) {
    g.setColor(style.foreground());
    Canvas.text(
        g,
        style.panelTitle(),
        title,
        area.getCenterX(),
        area.y + style.panelTitle().getSize() * 0.4,
        0.5,
        0);
  }

  private double frontX(SurfaceProjection p) {
    return p.eyeX() >= 0 ? 0.5 : -0.5;
  }

  private double frontY(SurfaceProjection p) {
    return p.eyeY() >= 0 ? 0.5 : -0.5;
  }

  private void drawBackPanes(
      Graphics2D g, SurfaceProjection p, SurfaceData data, ColorScale scale) {
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

  private void drawQuads(Graphics2D g, SurfaceProjection p, SurfaceData data, ColorScale scale) {
    int n = data.alphaCount();
    int m = data.betaCount();
    double[] alpha = data.alpha();
    double[] beta = data.beta();
    double[][] t = new double[n][m];
    Point2D.Double[][] screen = new Point2D.Double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double value = data.valueAt(i, j);
        t[i][j] = scale.normalize(value);
        screen[i][j] = p.toScreen(alpha[i], beta[j], value);
      }
    }
    List<int[]> cells = new ArrayList<>((n - 1) * (m - 1));
    for (int i = 0; i < n - 1; i++) {
      for (int j = 0; j < m - 1; j++) {
        cells.add(new int[] {i, j});
      }
    }
    cells.sort(
        Comparator.comparingDouble(
            c ->
                p.horizontalDepth(
                    (p.boxX(alpha[c[0]]) + p.boxX(alpha[c[0] + 1])) / 2,
                    (p.boxY(beta[c[1]]) + p.boxY(beta[c[1] + 1])) / 2)));

    int alphaStride = meshStride(p.pixelsPerUnit() / (n - 1));
    int betaStride = meshStride(p.pixelsPerUnit() / (m - 1));
    BasicStroke seam = new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    BasicStroke meshStroke = new BasicStroke(0.7f);
    BasicStroke rimStroke = new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    for (int[] cell : cells) {
      int i = cell[0];
      int j = cell[1];
      Point2D.Double c00 = screen[i][j];
      Point2D.Double c10 = screen[i + 1][j];
      Point2D.Double c11 = screen[i + 1][j + 1];
      Point2D.Double c01 = screen[i][j + 1];
      double mean = (t[i][j] + t[i + 1][j] + t[i + 1][j + 1] + t[i][j + 1]) / 4;
      Color fill = Double.isNaN(mean) ? colorMap.missingColor() : colorMap.at(mean);
      // The cell is two flat triangles split along its c00-c11 diagonal, so a cell that folds
      // over on screen (a crest, or a rim seen from outside) is drawn as the surface it is; the
      // triangle on the far side of the diagonal goes first.
      double x0 = p.boxX(alpha[i]);
      double x1 = p.boxX(alpha[i + 1]);
      double y0 = p.boxY(beta[j]);
      double y1 = p.boxY(beta[j + 1]);
      boolean belowIsNearer =
          p.horizontalDepth((x0 + 2 * x1) / 3, (2 * y0 + y1) / 3)
              > p.horizontalDepth((2 * x0 + x1) / 3, (y0 + 2 * y1) / 3);
      // Each triangle owns two edges of the cell: the edge along alpha at beta[j] and the one
      // along beta at alpha[i + 1] (below), the other two (above). Lines are drawn right after
      // their triangle, so the nearer triangle of a folded cell covers them as it should.
      boolean meshAtBetaJ = j % betaStride == 0;
      boolean meshAtBetaJ1 = (j + 1) % betaStride == 0 || j + 1 == m - 1;
      boolean meshAtAlphaI = i % alphaStride == 0;
      boolean meshAtAlphaI1 = (i + 1) % alphaStride == 0 || i + 1 == n - 1;
      Runnable below =
          () -> {
            fillTriangle(g, fill, seam, c00, c10, c11);
            drawEdge(g, c00, c10, meshAtBetaJ, j == 0, meshStroke, rimStroke);
            drawEdge(g, c10, c11, meshAtAlphaI1, i + 1 == n - 1, meshStroke, rimStroke);
          };
      Runnable above =
          () -> {
            fillTriangle(g, fill, seam, c00, c11, c01);
            drawEdge(g, c11, c01, meshAtBetaJ1, j + 1 == m - 1, meshStroke, rimStroke);
            drawEdge(g, c01, c00, meshAtAlphaI, i == 0, meshStroke, rimStroke);
          };
      if (belowIsNearer) {
        above.run();
        below.run();
      } else {
        below.run();
        above.run();
      }
    }
  }

  private static void fillTriangle(
      Graphics2D g,
      Color fill,
      BasicStroke seam,
      Point2D.Double a,
      Point2D.Double b,
      Point2D.Double c) {
    Path2D.Double triangle = triangle(a, b, c);
    g.setColor(fill);
    g.fill(triangle);
    // Stroking the outline in the fill colour closes the hairline seams that anti-aliasing leaves
    // between neighbouring triangles.
    g.setStroke(seam);
    g.draw(triangle);
  }

  /** A grid line along one edge of a cell: the darker rim on the grid's edge, else mesh or none. */
  private static void drawEdge(
      Graphics2D g,
      Point2D.Double from,
      Point2D.Double to,
      boolean mesh,
      boolean rim,
      BasicStroke meshStroke,
      BasicStroke rimStroke) {
    if (rim) {
      g.setColor(RIM);
      g.setStroke(rimStroke);
      g.draw(new Line2D.Double(from, to));
    } else if (mesh) {
      g.setColor(MESH);
      g.setStroke(meshStroke);
      g.draw(new Line2D.Double(from, to));
    }
  }

  private static Path2D.Double triangle(Point2D.Double a, Point2D.Double b, Point2D.Double c) {
    Path2D.Double path = new Path2D.Double();
    path.moveTo(a.x, a.y);
    path.lineTo(b.x, b.y);
    path.lineTo(c.x, c.y);
    path.closePath();
    return path;
  }

  private static int meshStride(double pixelsPerCell) {
    return Math.max(1, (int) Math.ceil(MIN_MESH_SPACING / pixelsPerCell));
  }

  private void drawAxes(Graphics2D g, SurfaceProjection p, SurfaceData data, ColorScale scale) {
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

  private void drawCaption(Graphics2D g, Rectangle area, SurfaceData data, ColorScale scale) {
    List<String> notes = new ArrayList<>();
    boolean clipped = data.anyAbove(scale);
    boolean missing = data.anyNonFinite();
    if (clipped) {
      notes.add("values above " + scale.format(scale.max()) + " drawn at the top");
    }
    if (missing) {
      notes.add("grey: diverged (NaN/∞), drawn at the top");
    }
    if (!notes.isEmpty()) {
      g.setColor(style.foreground());
      Canvas.text(
          g,
          style.caption(),
          String.join("; ", notes),
          area.getCenterX(),
          area.y + area.height - style.caption().getSize() * 0.4,
          0.5,
          1);
    }
  }
}
