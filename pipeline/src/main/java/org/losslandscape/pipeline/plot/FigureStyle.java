package org.losslandscape.pipeline.plot;

import java.awt.Color;
import java.awt.Font;
import java.util.Objects;

/**
 * Fonts and colours shared by every figure, so panels drawn by different renderers match.
 *
 * <p>Fonts use the logical family "SansSerif", which the JDK maps to an installed font on any
 * headless Debian (DejaVu Sans there, which also has the Greek letters the axes use). Sizes are in
 * pixels of the rendered image.
 *
 * @param figureTitle font of the overall title of a multi-panel figure
 * @param panelTitle font of a panel's title
 * @param axisTitle font of axis titles and the colour bar label
 * @param tickLabel font of tick labels and contour labels
 * @param caption font of the small notes under a panel
 * @param background image background
 * @param foreground text, axes and tick colour
 */
public record FigureStyle(
    Font figureTitle,
    Font panelTitle,
    Font axisTitle,
    Font tickLabel,
    Font caption,
    Color background,
    Color foreground) {

  /** Checks that nothing is null. */
  public FigureStyle {
    Objects.requireNonNull(figureTitle, "figureTitle");
    Objects.requireNonNull(panelTitle, "panelTitle");
    Objects.requireNonNull(axisTitle, "axisTitle");
    Objects.requireNonNull(tickLabel, "tickLabel");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(foreground, "foreground");
  }

  /** The house style: 26/20/18/16/15 px SansSerif, black on white. */
  public static FigureStyle defaults() {
    return new FigureStyle(
        new Font(Font.SANS_SERIF, Font.BOLD, 26),
        new Font(Font.SANS_SERIF, Font.BOLD, 20),
        new Font(Font.SANS_SERIF, Font.PLAIN, 18),
        new Font(Font.SANS_SERIF, Font.PLAIN, 16),
        new Font(Font.SANS_SERIF, Font.PLAIN, 15),
        Color.WHITE,
        new Color(0x20, 0x20, 0x20));
  }
}
