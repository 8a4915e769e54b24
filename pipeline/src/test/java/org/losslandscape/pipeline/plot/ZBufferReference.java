package org.losslandscape.pipeline.plot;

import java.awt.geom.Point2D;
import java.util.Arrays;

/**
 * A slow, independent answer to "which cell of the surface does the camera see at this pixel":
 * every cell is split into two triangles, rasterized at pixel centres, and the point nearest the
 * eye (largest component along the eye direction) wins, as a z-buffer does. Tests compare the
 * painter's algorithm of {@link SurfaceRenderer} against it.
 */
final class ZBufferReference {

  /** Pixel without any cell. */
  static final int NONE = -1;

  private final int width;
  private final int height;
  private final int betaCells;
  private final int[] cell;

  private ZBufferReference(int width, int height, int betaCells, int[] cell) {
    this.width = width;
    this.height = height;
    this.betaCells = betaCells;
    this.cell = cell;
  }

  /** Rasterizes {@code data} as {@code projection} draws it into a width x height image. */
  static ZBufferReference of(
      SurfaceData data, SurfaceProjection projection, int width, int height) {
    int n = data.alphaCount();
    int m = data.betaCount();
    double[][][] box = new double[n][m][];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        box[i][j] =
            new double[] {
              projection.boxX(data.alpha()[i]),
              projection.boxY(data.beta()[j]),
              projection.boxZ(data.valueAt(i, j))
            };
      }
    }
    int[] cell = new int[width * height];
    double[] nearest = new double[width * height];
    Arrays.fill(cell, NONE);
    Arrays.fill(nearest, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n - 1; i++) {
      for (int j = 0; j < m - 1; j++) {
        int id = i * (m - 1) + j;
        double[][] lower = {box[i][j], box[i + 1][j], box[i + 1][j + 1]};
        double[][] upper = {box[i][j], box[i + 1][j + 1], box[i][j + 1]};
        for (double[][] triangle : new double[][][] {lower, upper}) {
          rasterize(triangle, id, projection, width, height, cell, nearest);
        }
      }
    }
    return new ZBufferReference(width, height, m - 1, cell);
  }

  private static void rasterize(
      double[][] triangle,
      int id,
      SurfaceProjection p,
      int width,
      int height,
      int[] cell,
      double[] nearest) {
    double[] sx = new double[3];
    double[] sy = new double[3];
    double[] toEye = new double[3];
    for (int k = 0; k < 3; k++) {
      double[] v = triangle[k];
      Point2D.Double s = p.boxToScreen(v[0], v[1], v[2]);
      sx[k] = s.x;
      sy[k] = s.y;
      toEye[k] = p.eyeX() * v[0] + p.eyeY() * v[1] + p.eyeZ() * v[2];
    }
    double area = (sy[1] - sy[2]) * (sx[0] - sx[2]) + (sx[2] - sx[1]) * (sy[0] - sy[2]);
    if (Math.abs(area) < 1e-12) {
      return; // seen edge-on: covers no pixel centre
    }
    int x0 = Math.max(0, (int) Math.floor(Math.min(sx[0], Math.min(sx[1], sx[2]))));
    int x1 = Math.min(width - 1, (int) Math.ceil(Math.max(sx[0], Math.max(sx[1], sx[2]))));
    int y0 = Math.max(0, (int) Math.floor(Math.min(sy[0], Math.min(sy[1], sy[2]))));
    int y1 = Math.min(height - 1, (int) Math.ceil(Math.max(sy[0], Math.max(sy[1], sy[2]))));
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double px = x + 0.5;
        double py = y + 0.5;
        double w0 = ((sy[1] - sy[2]) * (px - sx[2]) + (sx[2] - sx[1]) * (py - sy[2])) / area;
        double w1 = ((sy[2] - sy[0]) * (px - sx[2]) + (sx[0] - sx[2]) * (py - sy[2])) / area;
        double w2 = 1 - w0 - w1;
        if (w0 < 0 || w1 < 0 || w2 < 0) {
          continue;
        }
        double depth = w0 * toEye[0] + w1 * toEye[1] + w2 * toEye[2];
        if (depth > nearest[y * width + x]) {
          nearest[y * width + x] = depth;
          cell[y * width + x] = id;
        }
      }
    }
  }

  /** The visible cell's alpha index at pixel (x, y), or {@link #NONE}. */
  int alphaIndex(int x, int y) {
    int id = cell[y * width + x];
    return id == NONE ? NONE : id / betaCells;
  }

  /** The visible cell's beta index at pixel (x, y), or {@link #NONE}. */
  int betaIndex(int x, int y) {
    int id = cell[y * width + x];
    return id == NONE ? NONE : id % betaCells;
  }

  /**
   * Whether the same cell is visible in the whole (2r+1)² square around (x, y): such pixels are
   * clear of cell edges, mesh lines and anti-aliased borders.
   */
  boolean interior(int x, int y, int r) {
    int id = cell[y * width + x];
    if (id == NONE || x < r || y < r || x + r >= width || y + r >= height) {
      return false;
    }
    for (int dy = -r; dy <= r; dy++) {
      for (int dx = -r; dx <= r; dx++) {
        if (cell[(y + dy) * width + x + dx] != id) {
          return false;
        }
      }
    }
    return true;
  }
}
