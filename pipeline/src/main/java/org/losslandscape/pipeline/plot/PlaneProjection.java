package org.losslandscape.pipeline.plot;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;

/**
 * Where a point (alpha, beta) lands in the image of a 2-D (contour) panel: alpha grows to the
 * right, beta upwards, by default with one scale for both so distances along d1 and d2 look alike.
 */
public final class PlaneProjection {

  private final double alphaMin;
  private final double alphaRange;
  private final double betaMin;
  private final double betaRange;
  private final Rectangle2D.Double plot;

  PlaneProjection(
      double alphaMin,
      double alphaMax,
      double betaMin,
      double betaMax,
      Rectangle2D.Double available) {
    this(alphaMin, alphaMax, betaMin, betaMax, available, true);
  }

  /**
   * @param equalScale one scale for both axes (the plot is centred in {@code available}); false
   *     stretches each axis over the whole available width or height
   */
  PlaneProjection(
      double alphaMin,
      double alphaMax,
      double betaMin,
      double betaMax,
      Rectangle2D.Double available,
      boolean equalScale) {
    this.alphaMin = alphaMin;
    this.alphaRange = alphaMax - alphaMin;
    this.betaMin = betaMin;
    this.betaRange = betaMax - betaMin;
    double pixelsPerUnit = Math.min(available.width / alphaRange, available.height / betaRange);
    double width = Math.floor(equalScale ? pixelsPerUnit * alphaRange : available.width);
    double height = Math.floor(equalScale ? pixelsPerUnit * betaRange : available.height);
    // Whole-pixel bounds so the filled field image lines up with the axes frame.
    this.plot =
        new Rectangle2D.Double(
            Math.round(available.x + (available.width - width) / 2),
            Math.round(available.y + (available.height - height) / 2),
            width,
            height);
  }

  /** The pixel where (alpha, beta) is drawn (y grows downwards). */
  public Point2D.Double toScreen(double alpha, double beta) {
    return new Point2D.Double(
        plot.x + (alpha - alphaMin) * plot.width / alphaRange,
        plot.y + plot.height - (beta - betaMin) * plot.height / betaRange);
  }

  /** The (alpha, beta) drawn at pixel position (x, y); the inverse of {@link #toScreen}. */
  public Point2D.Double toData(double x, double y) {
    return new Point2D.Double(
        alphaMin + (x - plot.x) * alphaRange / plot.width,
        betaMin + (plot.y + plot.height - y) * betaRange / plot.height);
  }

  /** The framed plot area in pixels. */
  public Rectangle2D.Double plotBounds() {
    return (Rectangle2D.Double) plot.clone();
  }
}
