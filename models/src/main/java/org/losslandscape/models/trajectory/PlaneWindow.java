package org.losslandscape.models.trajectory;

/**
 * A rectangle of a trajectory plane centred on the final weights: {@code [-xHalfWidth, xHalfWidth]
 * x [-yHalfWidth, yHalfWidth]} in the plane's coordinates (distances in weight space along the unit
 * principal directions).
 *
 * @param xHalfWidth half-width along the first principal direction, > 0
 * @param yHalfWidth half-width along the second principal direction, > 0
 */
public record PlaneWindow(double xHalfWidth, double yHalfWidth) {

  public PlaneWindow {
    if (!(xHalfWidth > 0 && yHalfWidth > 0)
        || Double.isInfinite(xHalfWidth)
        || Double.isInfinite(yHalfWidth)) {
      throw new IllegalArgumentException(
          "a trajectory window needs finite half-widths > 0, got "
              + xHalfWidth
              + " and "
              + yHalfWidth);
    }
  }
}
