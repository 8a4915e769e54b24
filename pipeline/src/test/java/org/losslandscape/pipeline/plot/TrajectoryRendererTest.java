package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The path lands where the plane's coordinates say, and its markers are visible on the field. */
class TrajectoryRendererTest {

  private static final Rectangle AREA = new Rectangle(0, 0, 800, 700);

  /** A plane four times wider than high, as a trajectory's two components usually are. */
  private static SurfaceData wideBowl() {
    double[] x = Surfaces.axis(-4, 4, 31);
    double[] y = Surfaces.axis(-1, 1, 31);
    double[][] z = new double[31][31];
    for (int i = 0; i < 31; i++) {
      for (int j = 0; j < 31; j++) {
        z[i][j] = 0.2 + 0.1 * x[i] * x[i] + 2 * y[j] * y[j];
      }
    }
    return new SurfaceData("bowl", x, y, z);
  }

  private static final TrajectoryRenderer.Panel PANEL =
      new TrajectoryRenderer.Panel(
          wideBowl(),
          new double[] {3, 2, 1, 0},
          new double[] {0.8, -0.5, -0.6, 0},
          "PC1 (80.0% of variance), weight-space distance",
          "PC2 (15.0% of variance)",
          "start (step 0)",
          "end (step 30)");

  private static BufferedImage draw(TrajectoryRenderer renderer) {
    BufferedImage image = Canvas.newImage(AREA.width, AREA.height);
    Graphics2D g = Canvas.graphics(image, FigureStyle.defaults());
    SurfaceData data = renderer.surfaces().get(0);
    renderer.drawPanel(g, AREA, data, ColorScale.shared(List.of(data), false));
    g.dispose();
    return image;
  }

  @Test
  void thePathIsDrawnThroughTheProjectedCheckpoints() {
    TrajectoryRenderer renderer = new TrajectoryRenderer(List.of(PANEL), "loss (nats)");
    BufferedImage image = draw(renderer);
    Point2D.Double[] pixels = renderer.pathPixels(AREA, PANEL);
    // The line's white core at the middle of a segment, the white checkpoint dots.
    Point2D.Double mid =
        new Point2D.Double((pixels[1].x + pixels[2].x) / 2, (pixels[1].y + pixels[2].y) / 2);
    assertThat(Pixels.distance(rgb(image, mid), Color.WHITE.getRGB())).isLessThan(40);
    for (int k = 1; k < 3; k++) {
      assertThat(Pixels.distance(rgb(image, pixels[k]), Color.WHITE.getRGB()))
          .as("checkpoint %d", k)
          .isLessThan(40);
    }
    // The start triangle is orange; the end ring sits on the origin of the plane.
    Point2D.Double start = new Point2D.Double(pixels[0].x, pixels[0].y + 2);
    assertThat(Pixels.distance(rgb(image, start), 0xD55E00)).isLessThan(40);
    Point2D.Double ringEdge = new Point2D.Double(pixels[3].x + 9, pixels[3].y);
    assertThat(Pixels.distance(rgb(image, ringEdge), 0xD55E00)).isLessThan(90);
    ContourRenderer axes = new ContourRenderer().withAxes(PANEL.xTitle(), PANEL.yTitle(), false);
    Point2D.Double origin = axes.projection(AREA, PANEL.surface()).toScreen(0, 0);
    assertThat(pixels[3].distance(origin)).isLessThan(1e-9);
  }

  @Test
  void eachAxisFillsThePanelInsteadOfOneScaleForBoth() {
    ContourRenderer stretched =
        new ContourRenderer().withAxes(PANEL.xTitle(), PANEL.yTitle(), false);
    Rectangle2D.Double plot = stretched.projection(AREA, PANEL.surface()).plotBounds();
    Rectangle2D.Double equal = new ContourRenderer().projection(AREA, PANEL.surface()).plotBounds();
    // One scale for both would make the plot 4:1; stretched it fills the panel's height too.
    assertThat(equal.width / equal.height)
        .isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.05));
    assertThat(plot.height).isGreaterThan(2.5 * equal.height);
    assertThat(plot.width).isEqualTo(equal.width);
  }

  @Test
  void refusesAPanelItDoesNotKnowAndAPathWithoutBothCoordinates() {
    TrajectoryRenderer renderer = new TrajectoryRenderer(List.of(PANEL), "loss (nats)");
    BufferedImage image = Canvas.newImage(AREA.width, AREA.height);
    Graphics2D g = Canvas.graphics(image, FigureStyle.defaults());
    SurfaceData other = Surfaces.paraboloid(11);
    assertThatThrownBy(
            () -> renderer.drawPanel(g, AREA, other, ColorScale.shared(List.of(other), false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no trajectory for panel paraboloid");
    g.dispose();
    assertThatThrownBy(
            () ->
                new TrajectoryRenderer.Panel(
                    wideBowl(), new double[] {1, 0}, new double[] {0}, "x", "y", "s", "e"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a path needs at least 2 points");
  }

  private static int rgb(BufferedImage image, Point2D.Double p) {
    return image.getRGB((int) Math.floor(p.x), (int) Math.floor(p.y)) & 0xFFFFFF;
  }
}
