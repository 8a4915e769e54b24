package org.losslandscape.pipeline.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Composes several surfaces into one image: panels in a grid of rows x cols under an overall title,
 * every panel drawn with the same colour scale (and, for contours, the same levels), and one colour
 * bar at the right for the whole figure.
 */
public final class PanelFigure {

  /** Figures are at least this wide, so four panels stay legible on a printed page or a slide. */
  public static final int MIN_WIDTH = 1600;

  private static final int MIN_PANEL_WIDTH = 520;
  private static final double PANEL_ASPECT = 0.92;

  private PanelFigure() {}

  /**
   * A figure of {@code panels} with values called "loss (nats)" (mean cross-entropy, natural log)
   * in the default style; see {@link #grid(String, List, int, ColorScale, PanelRenderer)}.
   */
  public static BufferedImage grid(
      String title, List<SurfaceData> panels, int cols, ColorScale scale, PanelKind kind) {
    return grid(title, panels, cols, scale, kind, "loss (nats)");
  }

  /**
   * A figure of {@code panels} drawn as {@code kind}, with colour bar and value axis called {@code
   * valueLabel} with its unit (e.g. "loss (nats)").
   */
  public static BufferedImage grid(
      String title,
      List<SurfaceData> panels,
      int cols,
      ColorScale scale,
      PanelKind kind,
      String valueLabel) {
    Objects.requireNonNull(kind, "kind");
    PanelRenderer renderer =
        switch (kind) {
          case SURFACE_3D ->
              new SurfaceRenderer(FigureStyle.defaults(), ColorMap.viridis(), valueLabel, -60, 40);
          case CONTOUR ->
              new ContourRenderer(FigureStyle.defaults(), ColorMap.viridis(), valueLabel, null);
        };
    return grid(title, panels, cols, scale, renderer);
  }

  /**
   * A figure with panels drawn by {@code renderer}, sized automatically: panels at least 520 px
   * wide and the whole figure at least {@link #MIN_WIDTH} px wide.
   *
   * @param title overall title
   * @param panels surfaces, drawn row by row
   * @param cols panels per row, 1 to panels.size()
   * @param scale the one colour scale used by every panel
   * @param renderer draws each panel and supplies the shared colour bar
   */
  public static BufferedImage grid(
      String title, List<SurfaceData> panels, int cols, ColorScale scale, PanelRenderer renderer) {
    Objects.requireNonNull(renderer, "renderer");
    Objects.requireNonNull(scale, "scale");
    int barWidth = renderer.colorBar(scale).preferredWidth();
    int safeCols = Math.max(1, cols);
    int panelWidth =
        Math.max(MIN_PANEL_WIDTH, (int) Math.ceil((MIN_WIDTH - barWidth) / (double) safeCols));
    int panelHeight = (int) Math.round(panelWidth * PANEL_ASPECT);
    return grid(title, panels, cols, scale, renderer, panelWidth, panelHeight);
  }

  /**
   * A figure with explicit panel size in pixels; the image is {@code cols * panelWidth + colour
   * bar} wide.
   */
  public static BufferedImage grid(
      String title,
      List<SurfaceData> panels,
      int cols,
      ColorScale scale,
      PanelRenderer renderer,
      int panelWidth,
      int panelHeight) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(panels, "panels");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(renderer, "renderer");
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("a panel figure needs at least one panel");
    }
    if (cols < 1 || cols > panels.size()) {
      throw new IllegalArgumentException(
          "cols must be between 1 and the number of panels (" + panels.size() + "), got " + cols);
    }
    if (panelWidth < 300 || panelHeight < 300) {
      throw new IllegalArgumentException(
          "panels must be at least 300x300 pixels, got " + panelWidth + "x" + panelHeight);
    }
    ColorBar bar = renderer.colorBar(scale);
    FigureStyle style = bar.style();
    int rows = (panels.size() + cols - 1) / cols;
    int titleHeight = (int) Math.round(style.figureTitle().getSize() * 2.4);
    int barWidth = bar.preferredWidth() + style.tickLabel().getSize();
    int width = cols * panelWidth + barWidth;
    int height = titleHeight + rows * panelHeight;
    BufferedImage image = Canvas.newImage(width, height);
    Graphics2D g = Canvas.graphics(image, style);
    try {
      g.setColor(style.foreground());
      // A long title is shrunk to fit and kept inside the image rather than cut at its edges.
      double margin = style.figureTitle().getSize();
      Font titleFont = Canvas.fitting(g, style.figureTitle(), title, width - 2 * margin);
      double titleWidth = g.getFontMetrics(titleFont).stringWidth(title);
      double centre =
          Math.max(
              margin + titleWidth / 2,
              Math.min((cols * panelWidth) / 2.0, width - margin - titleWidth / 2));
      Canvas.text(g, titleFont, title, centre, style.figureTitle().getSize() * 0.6, 0.5, 0);
      for (int k = 0; k < panels.size(); k++) {
        int row = k / cols;
        int col = k % cols;
        Rectangle area =
            new Rectangle(
                col * panelWidth, titleHeight + row * panelHeight, panelWidth, panelHeight);
        renderer.drawPanel(g, area, panels.get(k), scale);
      }
      int panelsHeight = rows * panelHeight;
      int barHeight =
          (int) Math.round(Math.min(panelsHeight * 0.8, Math.max(300, panelsHeight * 0.6)));
      bar.draw(
          g,
          new Rectangle(
              cols * panelWidth,
              titleHeight + (panelsHeight - barHeight) / 2,
              barWidth,
              barHeight));
    } finally {
      g.dispose();
    }
    return image;
  }
}
