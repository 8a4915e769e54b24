package org.losslandscape.pipeline.plot;

/**
 * A straight piece of an iso-line, from (x1, y1) to (x2, y2) in data coordinates.
 *
 * @param x1 first end, first axis (alpha)
 * @param y1 first end, second axis (beta)
 * @param x2 second end, first axis
 * @param y2 second end, second axis
 */
public record Segment(double x1, double y1, double x2, double y2) {

  /** Length in data units. */
  public double length() {
    return Math.hypot(x2 - x1, y2 - y1);
  }

  /** First coordinate of the midpoint. */
  public double midX() {
    return (x1 + x2) / 2;
  }

  /** Second coordinate of the midpoint. */
  public double midY() {
    return (y1 + y2) / 2;
  }
}
