package org.losslandscape.pipeline.plot;

import java.awt.Color;

/**
 * A continuous colour map from [0, 1] to colours, linear in RGB between evenly spaced anchors.
 *
 * <p>{@link #viridis()} is the perceptually uniform map of matplotlib (van der Walt and Smith),
 * sampled at 20 evenly spaced points; its lightness rises monotonically, so "darker" always reads
 * as "lower loss", also in grey-scale print and for colour-blind readers.
 */
public final class ColorMap {

  /** Viridis sampled at t = k/19, k = 0..19, as 0xRRGGBB. */
  private static final int[] VIRIDIS_ANCHORS = {
    0x440154, 0x481568, 0x482677, 0x453781, 0x3F4788, 0x39558C, 0x32648E, 0x2D718E,
    0x287D8E, 0x238A8D, 0x1F968B, 0x20A386, 0x29AF7F, 0x3CBC75, 0x56C667, 0x75D054,
    0x95D840, 0xBADE28, 0xDDE318, 0xFDE725
  };

  /** Neutral grey for values that have no colour (NaN, infinities): not on the viridis curve. */
  private static final Color MISSING = new Color(0xB0, 0xB0, 0xB0);

  private final int[] anchors;
  private final String name;

  private ColorMap(String name, int[] anchors) {
    this.name = name;
    this.anchors = anchors.clone();
  }

  /** The viridis colour map. */
  public static ColorMap viridis() {
    return new ColorMap("viridis", VIRIDIS_ANCHORS);
  }

  /** Name of the map, e.g. "viridis". */
  public String name() {
    return name;
  }

  /** The colour used for missing values (NaN or infinite), a neutral grey. */
  public Color missingColor() {
    return MISSING;
  }

  /**
   * The colour at position {@code t}.
   *
   * @param t position in [0, 1]; 0 is the low end (dark purple for viridis)
   * @throws IllegalArgumentException when t is NaN or outside [0, 1]
   */
  public Color at(double t) {
    return new Color(rgbAt(t));
  }

  /** Like {@link #at(double)} but returns packed 0xRRGGBB, for filling pixel buffers quickly. */
  public int rgbAt(double t) {
    if (!(t >= 0.0 && t <= 1.0)) {
      throw new IllegalArgumentException(
          "colour map position must be in [0, 1], got "
              + t
              + "; normalize the value with a ColorScale first");
    }
    double position = t * (anchors.length - 1);
    int lower = Math.min((int) Math.floor(position), anchors.length - 2);
    double fraction = position - lower;
    int a = anchors[lower];
    int b = anchors[lower + 1];
    int r = mix((a >> 16) & 0xFF, (b >> 16) & 0xFF, fraction);
    int g = mix((a >> 8) & 0xFF, (b >> 8) & 0xFF, fraction);
    int bl = mix(a & 0xFF, b & 0xFF, fraction);
    return (r << 16) | (g << 8) | bl;
  }

  private static int mix(int from, int to, double fraction) {
    return (int) Math.round(from + (to - from) * fraction);
  }

  @Override
  public String toString() {
    return "ColorMap[" + name + "]";
  }
}
