package org.losslandscape.pipeline.plot;

import java.awt.Color;
import java.awt.Point;
import java.awt.image.BufferedImage;

/** Test helpers that read rendered images back: colour distances and the inverse colour map. */
final class Pixels {

  private static final int SAMPLES = 1000;

  private Pixels() {}

  /** Euclidean RGB distance between two packed colours. */
  static double distance(int rgbA, int rgbB) {
    int dr = ((rgbA >> 16) & 0xFF) - ((rgbB >> 16) & 0xFF);
    int dg = ((rgbA >> 8) & 0xFF) - ((rgbB >> 8) & 0xFF);
    int db = (rgbA & 0xFF) - (rgbB & 0xFF);
    return Math.sqrt(dr * dr + dg * dg + db * db);
  }

  /** A colour-map position and how far the pixel colour is from the map there. */
  record MapMatch(double t, double distance) {}

  /** The position on the map nearest to {@code rgb}, by brute force over 1001 samples. */
  static MapMatch nearestOnMap(ColorMap map, int rgb) {
    return nearestOnMap(map, rgb, null);
  }

  private static MapMatch nearestOnMap(
      ColorMap map, int rgb, java.util.Map<Integer, MapMatch> cache) {
    if (cache != null) {
      MapMatch known = cache.get(rgb & 0xFFFFFF);
      if (known != null) {
        return known;
      }
    }
    double bestT = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int k = 0; k <= SAMPLES; k++) {
      double t = k / (double) SAMPLES;
      double d = distance(map.rgbAt(t), rgb & 0xFFFFFF);
      if (d < bestDistance) {
        bestDistance = d;
        bestT = t;
      }
    }
    MapMatch match = new MapMatch(bestT, bestDistance);
    if (cache != null) {
      cache.put(rgb & 0xFFFFFF, match);
    }
    return match;
  }

  /**
   * The pixel with the lowest colour-map position among pixels within {@code tolerance} of the map.
   */
  static Point lowestMapPixel(
      BufferedImage image, ColorMap map, java.awt.Rectangle region, double tolerance) {
    Point best = null;
    double bestT = Double.POSITIVE_INFINITY;
    // Rendered images hold few distinct colours, so caching makes the search cheap.
    java.util.Map<Integer, MapMatch> cache = new java.util.HashMap<>();
    for (int y = region.y; y < region.y + region.height; y++) {
      for (int x = region.x; x < region.x + region.width; x++) {
        MapMatch match = nearestOnMap(map, image.getRGB(x, y), cache);
        if (match.distance() <= tolerance && match.t() < bestT) {
          bestT = match.t();
          best = new Point(x, y);
        }
      }
    }
    return best;
  }

  /** Number of pixels in the image that differ from {@code background}. */
  static int countNot(BufferedImage image, Color background) {
    int count = 0;
    int bg = background.getRGB() & 0xFFFFFF;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != bg) {
          count++;
        }
      }
    }
    return count;
  }

  /** Whether some pixel of the region is within {@code tolerance} of {@code color}. */
  static boolean contains(
      BufferedImage image, java.awt.Rectangle region, Color color, double tolerance) {
    int rgb = color.getRGB() & 0xFFFFFF;
    for (int y = region.y; y < region.y + region.height; y++) {
      for (int x = region.x; x < region.x + region.width; x++) {
        if (distance(image.getRGB(x, y) & 0xFFFFFF, rgb) <= tolerance) {
          return true;
        }
      }
    }
    return false;
  }
}
