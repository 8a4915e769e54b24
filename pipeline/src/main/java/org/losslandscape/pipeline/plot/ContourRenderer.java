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
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Draws a surface from above: the field filled by bilinear interpolation of the colour-scale
 * positions, iso-lines by marching squares at fixed levels (labelled where there is room), axes
 * alpha and beta with ticks, a marker at (0, 0) where the trained weights sit, and a title. The
 * lines come from {@link MarchingSquares}, their labels are placed by {@link IsoLineLabels}.
 *
 * <p>The levels are the same for every panel drawn with the same scale, so panels compare line for
 * line. In a log scale both the fill and the iso-lines interpolate in log10(value).
 */
public final class ContourRenderer implements PanelRenderer {

  private static final Color LIGHT_ISO_LINE = new Color(255, 255, 255, 200);
  private static final Color DARK_ISO_LINE = new Color(0, 0, 0, 150);

  /** Relative luminance above which a light iso-line would vanish into the field. */
  private static final double BRIGHT_FIELD = 0.42;

  private static final String ALPHA_TITLE = "α  (along d₁)";
  private static final String BETA_TITLE = "β  (along d₂)";

  private final FigureStyle style;
  private final ColorMap colorMap;
  private final String valueLabel;
  private final double[] levels;
  private final String alphaTitle;
  private final String betaTitle;
  private final boolean equalAspect;
  private final IsoLineLabels labels;

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
    this(style, colorMap, valueLabel, levels, ALPHA_TITLE, BETA_TITLE, true);
  }

  private ContourRenderer(
      FigureStyle style,
      ColorMap colorMap,
      String valueLabel,
      double[] levels,
      String alphaTitle,
      String betaTitle,
      boolean equalAspect) {
    this.alphaTitle = Objects.requireNonNull(alphaTitle, "alphaTitle");
    this.betaTitle = Objects.requireNonNull(betaTitle, "betaTitle");
    this.equalAspect = equalAspect;
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
    this.labels = new IsoLineLabels(this.style);
  }

  /**
   * This renderer with other axis titles and, when {@code equalAspect} is false, each axis
   * stretched to fill the panel (for planes whose two ranges differ a lot, such as a training
   * trajectory's principal components, where one scale for both would leave a thin strip).
   *
   * @param alphaTitle title of the horizontal (first) axis, with its unit
   * @param betaTitle title of the vertical (second) axis, with its unit
   * @param equalAspect one scale for both axes, so distances along both look alike
   */
  public ContourRenderer withAxes(String alphaTitle, String betaTitle, boolean equalAspect) {
    return new ContourRenderer(
        style, colorMap, valueLabel, levels, alphaTitle, betaTitle, equalAspect);
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
        new Rectangle2D.Double(left, top, right - left, bottom - top),
        equalAspect);
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
      // A long title (a long recipe name) is shrunk to the panel's width, not cut at its edges.
      Canvas.text(
          g,
          Canvas.fitting(g, style.panelTitle(), data.title(), area.width - 16),
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
    List<Runnable> drawing = new ArrayList<>();
    for (double level : levels(scale)) {
      if (scale.log() && level <= 0) {
        continue;
      }
      double scaledLevel = scale.log() ? Math.log10(level) : level;
      List<Segment> segments = MarchingSquares.isoSegments(alpha, beta, z, scaledLevel);
      g.setColor(isoLineColor(scale.normalize(level)));
      List<Line2D.Double> lines = new ArrayList<>(segments.size());
      for (Segment s : segments) {
        Line2D.Double line =
            new Line2D.Double(p.toScreen(s.x1(), s.y1()), p.toScreen(s.x2(), s.y2()));
        lines.add(line);
        g.draw(line);
      }
      Rectangle2D label = labels.place(g, lines, scale.format(level), plot, taken);
      if (label != null) {
        taken.add(label);
        String text = scale.format(level);
        drawing.add(() -> labels.draw(g, label, text));
      }
    }
    // Labels go on top of all lines so a later level cannot cross an earlier label.
    drawing.forEach(Runnable::run);
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
        alphaTitle,
        plot.getCenterX(),
        plot.getMaxY() + tickLength + 3 + tickHeight + 4,
        0.5,
        0);
    Canvas.textUpwards(
        g,
        style.axisTitle(),
        betaTitle,
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
