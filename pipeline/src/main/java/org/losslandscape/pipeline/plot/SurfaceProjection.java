package org.losslandscape.pipeline.plot;

import java.awt.geom.Point2D;

/**
 * Where a point of a surface lands in the image of a 3-D panel: an orthographic camera looking at
 * the axes box from a fixed azimuth and elevation, scaled to fit the panel.
 *
 * <p>The box spans the alpha and beta ranges of the data horizontally (each mapped to [-0.5, 0.5])
 * and the colour scale vertically (mapped to [0, boxHeight]), so heights share the colour scale:
 * values above its max are drawn at the top of the box, non-finite values too.
 */
public final class SurfaceProjection {

  private final double cosAz;
  private final double sinAz;
  private final double cosEl;
  private final double sinEl;
  private final double alphaMin;
  private final double alphaMax;
  private final double betaMin;
  private final double betaMax;
  private final double boxHeight;
  private final ColorScale scale;
  private final double pixelsPerUnit;
  private final double offsetX;
  private final double offsetY;

  private SurfaceProjection(
      double azimuthRad,
      double elevationRad,
      SurfaceData data,
      double boxHeight,
      ColorScale scale,
      double pixelsPerUnit,
      double offsetX,
      double offsetY) {
    this.cosAz = Math.cos(azimuthRad);
    this.sinAz = Math.sin(azimuthRad);
    this.cosEl = Math.cos(elevationRad);
    this.sinEl = Math.sin(elevationRad);
    this.alphaMin = data.alpha()[0];
    this.alphaMax = data.alpha()[data.alphaCount() - 1];
    this.betaMin = data.beta()[0];
    this.betaMax = data.beta()[data.betaCount() - 1];
    this.boxHeight = boxHeight;
    this.scale = scale;
    this.pixelsPerUnit = pixelsPerUnit;
    this.offsetX = offsetX;
    this.offsetY = offsetY;
  }

  /** A projection whose box fits the rectangle (left, top, width, height), centred. */
  static SurfaceProjection fitted(
      double azimuthRad,
      double elevationRad,
      SurfaceData data,
      double boxHeight,
      ColorScale scale,
      double left,
      double top,
      double width,
      double height) {
    SurfaceProjection unit =
        new SurfaceProjection(azimuthRad, elevationRad, data, boxHeight, scale, 1, 0, 0);
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (double x : new double[] {-0.5, 0.5}) {
      for (double y : new double[] {-0.5, 0.5}) {
        for (double z : new double[] {0, boxHeight}) {
          Point2D.Double p = unit.boxToScreen(x, y, z);
          minX = Math.min(minX, p.x);
          maxX = Math.max(maxX, p.x);
          minY = Math.min(minY, p.y);
          maxY = Math.max(maxY, p.y);
        }
      }
    }
    double ppu = Math.min(width / (maxX - minX), height / (maxY - minY));
    double offsetX = left + width / 2 - ppu * (minX + maxX) / 2;
    double offsetY = top + height / 2 - ppu * (minY + maxY) / 2;
    return new SurfaceProjection(
        azimuthRad, elevationRad, data, boxHeight, scale, ppu, offsetX, offsetY);
  }

  /**
   * The pixel where the surface point (alpha, beta, value) is drawn. Values outside the colour
   * scale are clamped to the box; non-finite values are drawn at the top.
   */
  public Point2D.Double toScreen(double alpha, double beta, double value) {
    return boxToScreen(boxX(alpha), boxY(beta), boxZ(value));
  }

  /** Pixels per unit of box width; the box is one unit wide and deep. */
  public double pixelsPerUnit() {
    return pixelsPerUnit;
  }

  double boxX(double alpha) {
    return (alpha - alphaMin) / (alphaMax - alphaMin) - 0.5;
  }

  double boxY(double beta) {
    return (beta - betaMin) / (betaMax - betaMin) - 0.5;
  }

  double boxZ(double value) {
    double t = scale.normalize(value);
    return boxHeight * (Double.isNaN(t) ? 1.0 : t);
  }

  double boxHeight() {
    return boxHeight;
  }

  /** Screen position of a box point, in pixels (y grows downwards). */
  Point2D.Double boxToScreen(double x, double y, double z) {
    double right = -sinAz * x + cosAz * y;
    double up = -sinEl * cosAz * x - sinEl * sinAz * y + cosEl * z;
    return new Point2D.Double(offsetX + pixelsPerUnit * right, offsetY - pixelsPerUnit * up);
  }

  /**
   * How near the camera a floor point is; larger is nearer. The painter's algorithm orders the
   * cells of a height field by this horizontal depth alone: under an orthographic camera looking
   * down, a cell can only hide cells that are further away horizontally, whatever their heights.
   */
  double horizontalDepth(double x, double y) {
    return cosAz * x + sinAz * y;
  }

  /**
   * Component of the eye direction along the box x axis (sign says which side faces the camera).
   */
  double eyeX() {
    return cosEl * cosAz;
  }

  /** Component of the eye direction along the vertical box axis. */
  double eyeZ() {
    return sinEl;
  }

  /** Component of the eye direction along the box y axis. */
  double eyeY() {
    return cosEl * sinAz;
  }
}
