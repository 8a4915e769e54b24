package org.losslandscape.models.landscape;

/**
 * The square grid of slice coordinates: {@code size} evenly spaced values from {@code min} to
 * {@code max} on both axes. The origin must be a grid point, so that the centre of every landscape
 * is exactly the trained loss and sharpness radii are measured from the trained weights.
 *
 * @param size points per axis, odd and >= 3
 * @param min smallest coordinate, in direction units (<= 0)
 * @param max largest coordinate, in direction units (>= 0)
 */
public record GridSpec(int size, double min, double max) {

  public GridSpec {
    if (size < 3 || size % 2 == 0) {
      throw new IllegalArgumentException("grid size must be an odd integer >= 3, got " + size);
    }
    if (!(min < max) || Double.isInfinite(min) || Double.isInfinite(max)) {
      throw new IllegalArgumentException(
          "grid range needs min < max, both finite, got " + min + ":" + max);
    }
    double origin = -min * (size - 1) / (max - min);
    if (min > 0 || max < 0 || Math.abs(origin - Math.rint(origin)) > 1e-9) {
      throw new IllegalArgumentException(
          "grid range "
              + min
              + ":"
              + max
              + " with "
              + size
              + " points does not put the trained weights (0) on a grid point; use a range"
              + " symmetric about 0, e.g. -1:1");
    }
  }

  /**
   * The coordinates, {@code coords[i] = min + i (max - min) / (size - 1)}, with the origin exactly
   * 0.
   */
  public double[] coordinates() {
    double[] c = new double[size];
    for (int i = 0; i < size; i++) {
      c[i] = min + i * (max - min) / (size - 1);
    }
    c[centreIndex()] = 0.0; // min + i*step can round to 1e-17 instead of 0
    return c;
  }

  /** Index of the origin on each axis. */
  public int centreIndex() {
    return (int) Math.rint(-min * (size - 1) / (max - min));
  }

  /** Distance between neighbouring grid points. */
  public double spacing() {
    return (max - min) / (size - 1);
  }
}
