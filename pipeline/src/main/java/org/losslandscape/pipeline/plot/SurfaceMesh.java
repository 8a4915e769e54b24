package org.losslandscape.pipeline.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The surface of a 3-D panel: grid cells as two flat triangles each, filled by the colour of their
 * mean value and painted back to front, with thinned mesh lines and a darker rim along the grid's
 * edge.
 */
final class SurfaceMesh {

  private static final Color MESH = new Color(0, 0, 0, 70);

  /** The edge of the grid: darker than the mesh, so a rim seen from outside reads as an edge. */
  private static final Color RIM = new Color(0, 0, 0, 150);

  /** Mesh lines closer than this many pixels are thinned out. */
  private static final double MIN_MESH_SPACING = 8;

  private final ColorMap colorMap;

  /** A mesh coloured by {@code colorMap}. */
  SurfaceMesh(ColorMap colorMap) {
    this.colorMap = colorMap;
  }

  /** Draws {@code data}'s cells where {@code p} puts them, coloured by {@code scale}. */
  void draw(Graphics2D g, SurfaceProjection p, SurfaceData data, ColorScale scale) {
    int n = data.alphaCount();
    int m = data.betaCount();
    double[] alpha = data.alpha();
    double[] beta = data.beta();
    double[][] t = new double[n][m];
    Point2D.Double[][] screen = new Point2D.Double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double value = data.valueAt(i, j);
        t[i][j] = scale.normalize(value);
        screen[i][j] = p.toScreen(alpha[i], beta[j], value);
      }
    }
    List<int[]> cells = new ArrayList<>((n - 1) * (m - 1));
    for (int i = 0; i < n - 1; i++) {
      for (int j = 0; j < m - 1; j++) {
        cells.add(new int[] {i, j});
      }
    }
    cells.sort(
        Comparator.comparingDouble(
            c ->
                p.horizontalDepth(
                    (p.boxX(alpha[c[0]]) + p.boxX(alpha[c[0] + 1])) / 2,
                    (p.boxY(beta[c[1]]) + p.boxY(beta[c[1] + 1])) / 2)));

    int alphaStride = meshStride(p.pixelsPerUnit() / (n - 1));
    int betaStride = meshStride(p.pixelsPerUnit() / (m - 1));
    BasicStroke seam = new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    BasicStroke meshStroke = new BasicStroke(0.7f);
    BasicStroke rimStroke = new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    for (int[] cell : cells) {
      int i = cell[0];
      int j = cell[1];
      Point2D.Double c00 = screen[i][j];
      Point2D.Double c10 = screen[i + 1][j];
      Point2D.Double c11 = screen[i + 1][j + 1];
      Point2D.Double c01 = screen[i][j + 1];
      double mean = (t[i][j] + t[i + 1][j] + t[i + 1][j + 1] + t[i][j + 1]) / 4;
      Color fill = Double.isNaN(mean) ? colorMap.missingColor() : colorMap.at(mean);
      // The cell is two flat triangles split along its c00-c11 diagonal, so a cell that folds
      // over on screen (a crest, or a rim seen from outside) is drawn as the surface it is; the
      // triangle on the far side of the diagonal goes first.
      double x0 = p.boxX(alpha[i]);
      double x1 = p.boxX(alpha[i + 1]);
      double y0 = p.boxY(beta[j]);
      double y1 = p.boxY(beta[j + 1]);
      boolean belowIsNearer =
          p.horizontalDepth((x0 + 2 * x1) / 3, (2 * y0 + y1) / 3)
              > p.horizontalDepth((2 * x0 + x1) / 3, (y0 + 2 * y1) / 3);
      // Each triangle owns two edges of the cell: the edge along alpha at beta[j] and the one
      // along beta at alpha[i + 1] (below), the other two (above). Lines are drawn right after
      // their triangle, so the nearer triangle of a folded cell covers them as it should.
      boolean meshAtBetaJ = j % betaStride == 0;
      boolean meshAtBetaJ1 = (j + 1) % betaStride == 0 || j + 1 == m - 1;
      boolean meshAtAlphaI = i % alphaStride == 0;
      boolean meshAtAlphaI1 = (i + 1) % alphaStride == 0 || i + 1 == n - 1;
      Runnable below =
          () -> {
            fillTriangle(g, fill, seam, c00, c10, c11);
            drawEdge(g, c00, c10, meshAtBetaJ, j == 0, meshStroke, rimStroke);
            drawEdge(g, c10, c11, meshAtAlphaI1, i + 1 == n - 1, meshStroke, rimStroke);
          };
      Runnable above =
          () -> {
            fillTriangle(g, fill, seam, c00, c11, c01);
            drawEdge(g, c11, c01, meshAtBetaJ1, j + 1 == m - 1, meshStroke, rimStroke);
            drawEdge(g, c01, c00, meshAtAlphaI, i == 0, meshStroke, rimStroke);
          };
      if (belowIsNearer) {
        above.run();
        below.run();
      } else {
        below.run();
        above.run();
      }
    }
  }

  private static void fillTriangle(
      Graphics2D g,
      Color fill,
      BasicStroke seam,
      Point2D.Double a,
      Point2D.Double b,
      Point2D.Double c) {
    Path2D.Double triangle = triangle(a, b, c);
    g.setColor(fill);
    g.fill(triangle);
    // Stroking the outline in the fill colour closes the hairline seams that anti-aliasing leaves
    // between neighbouring triangles.
    g.setStroke(seam);
    g.draw(triangle);
  }

  /** A grid line along one edge of a cell: the darker rim on the grid's edge, else mesh or none. */
  private static void drawEdge(
      Graphics2D g,
      Point2D.Double from,
      Point2D.Double to,
      boolean mesh,
      boolean rim,
      BasicStroke meshStroke,
      BasicStroke rimStroke) {
    if (rim) {
      g.setColor(RIM);
      g.setStroke(rimStroke);
      g.draw(new Line2D.Double(from, to));
    } else if (mesh) {
      g.setColor(MESH);
      g.setStroke(meshStroke);
      g.draw(new Line2D.Double(from, to));
    }
  }

  private static Path2D.Double triangle(Point2D.Double a, Point2D.Double b, Point2D.Double c) {
    Path2D.Double path = new Path2D.Double();
    path.moveTo(a.x, a.y);
    path.lineTo(b.x, b.y);
    path.lineTo(c.x, c.y);
    path.closePath();
    return path;
  }

  private static int meshStride(double pixelsPerCell) {
    return Math.max(1, (int) Math.ceil(MIN_MESH_SPACING / pixelsPerCell));
  }
}
