package org.losslandscape.pipeline.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Draws a surface from above: the field filled by bilinear interpolation of the colour-scale
 * positions, iso-lines by marching squares at fixed levels (labelled where there is room), axes
 * alpha and beta with ticks, a marker at (0, 0) where the trained weights sit, and a title.
 *
 * <p>The levels are the same for every panel drawn with the same scale, so panels compare line for
 * line. In a log scale both the fill and the iso-lines interpolate in log10(value).
 */
public final class ContourRenderer implements PanelRenderer {

  private static final Color LIGHT_ISO_LINE = new Color(255, 255, 255, 200);
  private static final Color DARK_ISO_LINE = new Color(0, 0, 0, 150);

  /** Relative luminance above which a light iso-line would vanish into the field. */
  private static final double BRIGHT_FIELD = 0.42;

  private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 215);
  private static final String ALPHA_TITLE = "α  (along d₁)";
  private static final String BETA_TITLE = "β  (along d₂)";

  private final FigureStyle style;
  private final ColorMap colorMap;
  private final String valueLabel;
  private final double[] levels;

  /** Default look: viridis, values called "loss (nats)", levels from the scale's ticks. */
  public ContourRenderer() {
    this(FigureStyle.defaults(), ColorMap.viridis(), "loss (nats)", null);
  }

  /**
   * A renderer with an explicit look.
   *
   * @param style fonts and colours
   * @param colorMap colours of the field
   * @param valueLabel what the values are, with their unit, for the colour bar, e.g. "loss (nats)"
   * @param levels iso-line values (finite), or null for {@link #defaultLevels(ColorScale)}
   */
  public ContourRenderer(FigureStyle style, ColorMap colorMap, String valueLabel, double[] levels) {
    this.style = Objects.requireNonNull(style, "style");
    this.colorMap = Objects.requireNonNull(colorMap, "colorMap");
    this.valueLabel = Objects.requireNonNull(valueLabel, "valueLabel");
    if (levels != null) {
      for (double level : levels) {
        if (!Double.isFinite(level)) {
          throw new IllegalArgumentException("contour levels must be finite, got " + level);
        }
      }
    }
    this.levels = levels == null ? null : levels.clone();
  }

  /**
   * The iso-line levels used when none are given: the scale's nice ticks (about 12; 1-2-5 per
   * decade on a log scale), so every line can be labelled with a round number.
   */
  public static double[] defaultLevels(ColorScale scale) {
    return scale.ticks(12);
  }

  /** The levels this renderer draws with {@code scale}. */
  public double[] levels(ColorScale scale) {
    return levels == null ? defaultLevels(scale) : levels.clone();
  }

  @Override
  public ColorBar colorBar(ColorScale scale) {
    return new ColorBar(scale, colorMap, ColorBar.labelFor(valueLabel, scale), style);
  }

  /**
   * The iso-line {@code z = level} of a gridded field, by marching squares: one or two straight
   * segments per grid cell that the level crosses, in data coordinates.
   *
   * <p>A corner counts as "inside" when its value is {@code >= level}, so a level equal to corner
   * values never divides by zero, and a flat field gives no segments. A saddle cell (inside corners
   * on one diagonal only) is resolved by the mean of its four corners: when the mean is inside, the
   * inside corners are joined through the centre. Cells with a non-finite corner are skipped. A
   * crossing on an edge shared by two cells is computed identically for both, so the segments join
   * into continuous polylines.
   *
   * @param x first-axis coordinates, {@code z.length} of them
   * @param y second-axis coordinates, {@code z[i].length} of them
   * @param z values, {@code z[i][j]} at (x[i], y[j])
   * @param level finite iso-value
   */
  public static List<Segment> isoSegments(double[] x, double[] y, double[][] z, double level) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(z, "z");
    if (x.length < 2 || y.length < 2) {
      throw new IllegalArgumentException(
          "marching squares needs at least a 2x2 grid, got " + x.length + "x" + y.length);
    }
    if (z.length != x.length) {
      throw new IllegalArgumentException(
          "z needs one row per x (" + x.length + "), got " + z.length);
    }
    for (int i = 0; i < z.length; i++) {
      if (z[i] == null || z[i].length != y.length) {
        throw new IllegalArgumentException("z[" + i + "] needs one value per y (" + y.length + ")");
      }
    }
    if (!Double.isFinite(level)) {
      throw new IllegalArgumentException("iso-level must be finite, got " + level);
    }
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i + 1 < x.length; i++) {
      for (int j = 0; j + 1 < y.length; j++) {
        addCellSegments(x, y, z, level, i, j, segments);
      }
    }
    return segments;
  }

  private static void addCellSegments(
      double[] x, double[] y, double[][] z, double level, int i, int j, List<Segment> out) {
    double v00 = z[i][j];
    double v10 = z[i + 1][j];
    double v11 = z[i + 1][j + 1];
    double v01 = z[i][j + 1];
    if (!(Double.isFinite(v00)
        && Double.isFinite(v10)
        && Double.isFinite(v11)
        && Double.isFinite(v01))) {
      return;
    }
    boolean in00 = v00 >= level;
    boolean in10 = v10 >= level;
    boolean in11 = v11 >= level;
    boolean in01 = v01 >= level;
    // Edges in cyclic order: bottom (00-10), right (10-11), top (01-11), left (00-01).
    Point2D.Double bottom =
        in00 != in10 ? crossing(x[i], y[j], v00, x[i + 1], y[j], v10, level) : null;
    Point2D.Double right =
        in10 != in11 ? crossing(x[i + 1], y[j], v10, x[i + 1], y[j + 1], v11, level) : null;
    Point2D.Double top =
        in01 != in11 ? crossing(x[i], y[j + 1], v01, x[i + 1], y[j + 1], v11, level) : null;
    Point2D.Double left =
        in00 != in01 ? crossing(x[i], y[j], v00, x[i], y[j + 1], v01, level) : null;

    if (bottom != null && right != null && top != null && left != null) {
      boolean centreIn = (v00 + v10 + v11 + v01) / 4 >= level;
      boolean diagonal0011In = in00;
      if (centreIn == diagonal0011In) {
        // Corners 00 and 11 are joined through the centre: cut off corners 10 and 01.
        out.add(segment(bottom, right));
        out.add(segment(top, left));
      } else {
        // Corners 10 and 01 are joined through the centre: cut off corners 00 and 11.
        out.add(segment(left, bottom));
        out.add(segment(right, top));
      }
      return;
    }
    List<Point2D.Double> ends = new ArrayList<>(2);
    for (Point2D.Double p : Arrays.asList(bottom, right, top, left)) {
      if (p != null) {
        ends.add(p);
      }
    }
    if (ends.size() == 2) {
      out.add(segment(ends.get(0), ends.get(1)));
    }
  }

  /**
   * Where the level crosses the edge from a to b, with a always the lower grid index so that both
   * cells sharing the edge get bit-identical points.
   */
  private static Point2D.Double crossing(
      double xa, double ya, double va, double xb, double yb, double vb, double level) {
    // One end is >= level and the other < level, so vb != va.
    double t = (level - va) / (vb - va);
    return new Point2D.Double(xa + t * (xb - xa), ya + t * (yb - ya));
  }

  private static Segment segment(Point2D.Double a, Point2D.Double b) {
    return new Segment(a.x, a.y, b.x, b.y);
  }

  /**
   * Where points land when the panel is drawn into {@code area} with {@link #drawPanel}; a pure
   * function of its arguments.
   */
  public PlaneProjection projection(Rectangle area, SurfaceData data) {
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(data, "data");
    double tick = style.tickLabel().getSize();
    double axis = style.axisTitle().getSize();
    double top = area.y + style.panelTitle().getSize() * 2.2;
    double bottom =
        area.y + area.height - style.caption().getSize() * 1.9 - tick * 1.9 - axis * 1.7;
    double left = area.x + tick * 3.4 + axis * 1.8;
    double right = area.x + area.width - tick * 1.6;
    if (right - left < 50 || bottom - top < 50) {
      throw new IllegalArgumentException(
          "panel area "
              + area.width
              + "x"
              + area.height
              + " is too small for a contour plot; give it at least 300x300 pixels");
    }
    double[] alpha = data.alpha();
    double[] beta = data.beta();
    return new PlaneProjection(
        alpha[0],
        alpha[alpha.length - 1],
        beta[0],
        beta[beta.length - 1],
        new Rectangle2D.Double(left, top, right - left, bottom - top));
  }

  @Override
  public void drawPanel(Graphics2D g, Rectangle area, SurfaceData data, ColorScale scale) {
    Objects.requireNonNull(g, "g");
    Objects.requireNonNull(scale, "scale");
    PlaneProjection projection = projection(area, data);
    Shape savedClip = g.getClip();
    g.clip(area);
    try {
      Canvas.smooth(g);
      g.setColor(style.foreground());
      Canvas.text(
          g,
          style.panelTitle(),
          data.title(),
          area.getCenterX(),
          area.y + style.panelTitle().getSize() * 0.4,
          0.5,
          0);
      drawField(g, projection, data, scale);
      drawIsoLines(g, projection, data, scale);
      drawAxes(g, projection, data);
      drawCaption(g, area, data, scale);
    } finally {
      g.setClip(savedClip);
    }
  }

  private void drawField(Graphics2D g, PlaneProjection p, SurfaceData data, ColorScale scale) {
    Rectangle2D.Double plot = p.plotBounds();
    int width = (int) plot.width;
    int height = (int) plot.height;
    double[] alpha = data.alpha();
    double[] beta = data.beta();
    double[][] t = new double[data.alphaCount()][data.betaCount()];
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < t[i].length; j++) {
        t[i][j] = scale.normalize(data.valueAt(i, j));
      }
    }
    int[] column = new int[width];
    double[] columnFraction = new double[width];
    for (int px = 0; px < width; px++) {
      double a = p.toData(plot.x + px + 0.5, 0).x;
      column[px] = cellIndex(alpha, a);
      columnFraction[px] = fraction(alpha, column[px], a);
    }
    BufferedImage field = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int missing = colorMap.missingColor().getRGB() & 0xFFFFFF;
    for (int py = 0; py < height; py++) {
      double b = p.toData(0, plot.y + py + 0.5).y;
      int j = cellIndex(beta, b);
      double fb = fraction(beta, j, b);
      for (int px = 0; px < width; px++) {
        int i = column[px];
        double fa = columnFraction[px];
        double value =
            (1 - fa) * (1 - fb) * t[i][j]
                + fa * (1 - fb) * t[i + 1][j]
                + fa * fb * t[i + 1][j + 1]
                + (1 - fa) * fb * t[i][j + 1];
        field.setRGB(
            px,
            py,
            Double.isNaN(value) ? missing : colorMap.rgbAt(Math.max(0, Math.min(1, value))));
      }
    }
    g.drawImage(field, (int) plot.x, (int) plot.y, null);
  }

  /** Index i of the cell [axis[i], axis[i+1]] holding v, clamped to the grid. */
  private static int cellIndex(double[] axis, double v) {
    int found = Arrays.binarySearch(axis, v);
    int i = found >= 0 ? found : -found - 2;
    return Math.max(0, Math.min(axis.length - 2, i));
  }

  private static double fraction(double[] axis, int i, double v) {
    double f = (v - axis[i]) / (axis[i + 1] - axis[i]);
    return Math.max(0, Math.min(1, f));
  }

  private void drawIsoLines(Graphics2D g, PlaneProjection p, SurfaceData data, ColorScale scale) {
    double[] alpha = data.alpha();
    double[] beta = data.beta();
    double[][] z = data.z();
    if (scale.log()) {
      for (double[] row : z) {
        for (int j = 0; j < row.length; j++) {
          row[j] = row[j] > 0 ? Math.log10(row[j]) : Double.NaN;
        }
      }
    }
    Rectangle2D.Double plot = p.plotBounds();
    Point2D.Double origin = p.toScreen(0, 0);
    boolean originInside = plot.contains(origin);
    List<Rectangle2D> taken = new ArrayList<>();
    if (originInside) {
      taken.add(new Rectangle2D.Double(origin.x - 10, origin.y - 10, 20, 20));
    }
    Shape savedClip = g.getClip();
    g.clip(plot);
    g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    List<Runnable> labels = new ArrayList<>();
    for (double level : levels(scale)) {
      if (scale.log() && level <= 0) {
        continue;
      }
      double scaledLevel = scale.log() ? Math.log10(level) : level;
      List<Segment> segments = isoSegments(alpha, beta, z, scaledLevel);
      g.setColor(isoLineColor(scale.normalize(level)));
      List<Line2D.Double> lines = new ArrayList<>(segments.size());
      for (Segment s : segments) {
        Line2D.Double line =
            new Line2D.Double(p.toScreen(s.x1(), s.y1()), p.toScreen(s.x2(), s.y2()));
        lines.add(line);
        g.draw(line);
      }
      Rectangle2D label = placeLabel(g, lines, scale.format(level), plot, taken);
      if (label != null) {
        taken.add(label);
        String text = scale.format(level);
        labels.add(() -> drawLabel(g, label, text));
      }
    }
    // Labels go on top of all lines so a later level cannot cross an earlier label.
    labels.forEach(Runnable::run);
    g.setClip(savedClip);
    if (originInside) {
      drawMinimumMarker(g, origin.x, origin.y);
    }
  }

  /**
   * A line colour that contrasts with the field around the level: white on dark, black on light.
   */
  private Color isoLineColor(double t) {
    int rgb = colorMap.rgbAt(t);
    double luminance =
        0.2126 * linear((rgb >> 16) & 0xFF)
            + 0.7152 * linear((rgb >> 8) & 0xFF)
            + 0.0722 * linear(rgb & 0xFF);
    return luminance > BRIGHT_FIELD ? DARK_ISO_LINE : LIGHT_ISO_LINE;
  }

  /** sRGB channel (0..255) to linear light (0..1). */
  static double linear(int channel) {
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  /**
   * Picks the segment midpoint whose label box fits inside the plot, overlaps no other label and
   * lies furthest from the other labels and the frame, so labels spread out instead of piling up.
   */
  private Rectangle2D placeLabel(
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

  private void drawLabel(Graphics2D g, Rectangle2D box, String text) {
    g.setColor(LABEL_BACKGROUND);
    g.fill(
        new RoundRectangle2D.Double(box.getX(), box.getY(), box.getWidth(), box.getHeight(), 8, 8));
    g.setColor(style.foreground());
    Canvas.text(g, style.tickLabel(), text, box.getCenterX(), box.getCenterY(), 0.5, 0.5);
  }

  private void drawMinimumMarker(Graphics2D g, double x, double y) {
    Ellipse2D.Double dot = new Ellipse2D.Double(x - 6, y - 6, 12, 12);
    g.setColor(Color.WHITE);
    g.fill(dot);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(2f));
    g.draw(dot);
  }

  private void drawAxes(Graphics2D g, PlaneProjection p, SurfaceData data) {
    Rectangle2D.Double plot = p.plotBounds();
    double[] alpha = data.alpha();
    double[] beta = data.beta();
    g.setColor(style.foreground());
    g.setStroke(new BasicStroke(1.2f));
    g.draw(plot);
    Font font = style.tickLabel();
    double tickLength = 6;
    for (double v : ColorScale.linearTicks(alpha[0], alpha[alpha.length - 1], 5)) {
      double x = p.toScreen(v, beta[0]).x;
      g.draw(new Line2D.Double(x, plot.getMaxY(), x, plot.getMaxY() + tickLength));
      Canvas.text(g, font, ColorScale.formatValue(v), x, plot.getMaxY() + tickLength + 3, 0.5, 0);
    }
    double widest = 0;
    for (double v : ColorScale.linearTicks(beta[0], beta[beta.length - 1], 5)) {
      double y = p.toScreen(alpha[0], v).y;
      g.draw(new Line2D.Double(plot.x - tickLength, y, plot.x, y));
      Rectangle2D box =
          Canvas.text(g, font, ColorScale.formatValue(v), plot.x - tickLength - 4, y, 1, 0.5);
      widest = Math.max(widest, box.getWidth());
    }
    double tickHeight = Canvas.size(g, font, "0").getHeight();
    Canvas.text(
        g,
        style.axisTitle(),
        ALPHA_TITLE,
        plot.getCenterX(),
        plot.getMaxY() + tickLength + 3 + tickHeight + 4,
        0.5,
        0);
    Canvas.textUpwards(
        g,
        style.axisTitle(),
        BETA_TITLE,
        plot.x - tickLength - 4 - widest - 6 - style.axisTitle().getSize() * 0.6,
        plot.getCenterY());
  }

  private void drawCaption(Graphics2D g, Rectangle area, SurfaceData data, ColorScale scale) {
    boolean clipped = data.anyAbove(scale);
    boolean missing = data.anyNonFinite();
    double[] alpha = data.alpha();
    double[] beta = data.beta();
    boolean originInside =
        alpha[0] <= 0 && 0 <= alpha[alpha.length - 1] && beta[0] <= 0 && 0 <= beta[beta.length - 1];
    List<String> notes = new ArrayList<>();
    if (originInside) {
      notes.add("trained weights (0, 0)");
    }
    if (clipped) {
      notes.add("above " + scale.format(scale.max()) + ": top colour");
    }
    if (missing) {
      notes.add("grey: diverged (NaN/∞)");
    }
    if (notes.isEmpty()) {
      return;
    }
    String note = String.join("; ", notes);
    Font font = style.caption();
    Rectangle2D size = Canvas.size(g, font, note);
    double markerSpace = originInside ? 20 : 0;
    double left = area.getCenterX() - (size.getWidth() + markerSpace) / 2;
    double baselineY = area.y + area.height - font.getSize() * 0.4;
    double centreY = baselineY - size.getHeight() / 2;
    if (originInside) {
      drawMinimumMarker(g, left + 7, centreY);
    }
    g.setColor(style.foreground());
    Canvas.text(g, font, note, left + markerSpace, baselineY, 0, 1);
  }
}
