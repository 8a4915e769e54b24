package org.losslandscape.pipeline.plot;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.util.ArrayList;
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
 * box and a caption says so; non-finite values are drawn grey at the top. The surface itself is
 * {@link SurfaceMesh}, the box around it {@link SurfaceAxesBox}.
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

  private final FigureStyle style;
  private final ColorMap colorMap;
  private final String valueLabel;
  private final double azimuthRad;
  private final double elevationRad;
  private final SurfaceMesh mesh;
  private final SurfaceAxesBox axes;

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
    this.mesh = new SurfaceMesh(this.colorMap);
    this.axes = new SurfaceAxesBox(this.style, this.valueLabel);
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
      axes.drawBackPanes(g, projection, data, scale);
      mesh.draw(g, projection, data, scale);
      axes.drawAxes(g, projection, data, scale);
      drawCaption(g, area, data, scale);
    } finally {
      g.setClip(savedClip);
    }
  }

  private void drawTitle(Graphics2D g, Rectangle area, String title) {
    g.setColor(style.foreground());
    // A long title (a long recipe name) is shrunk to the panel's width, not cut at its edges.
    Canvas.text(
        g,
        Canvas.fitting(g, style.panelTitle(), title, area.width - 16),
        title,
        area.getCenterX(),
        area.y + style.panelTitle().getSize() * 0.4,
        0.5,
        0);
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
