package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContourRendererTest {

  private final ColorMap viridis = ColorMap.viridis();
  private final SurfaceData paraboloid = Surfaces.paraboloid(41);
  private final ColorScale scale = ColorScale.shared(List.of(paraboloid), false);
  private final Rectangle area = new Rectangle(0, 0, 640, 640);

  private BufferedImage panel(ContourRenderer renderer, SurfaceData data) {
    BufferedImage image = Canvas.newImage(area.width, area.height);
    Graphics2D g = Canvas.graphics(image, FigureStyle.defaults());
    renderer.drawPanel(g, area, data, scale);
    g.dispose();
    return image;
  }

  private static ContourRenderer withLevels(double... levels) {
    return new ContourRenderer(FigureStyle.defaults(), ColorMap.viridis(), "loss", levels);
  }

  @Test
  void minimumColourSitsAtTheProjectedCentre() {
    ContourRenderer renderer = new ContourRenderer();
    BufferedImage image = panel(renderer, paraboloid);
    PlaneProjection projection = renderer.projection(area, paraboloid);
    Point2D.Double centre = projection.toScreen(0, 0);
    Rectangle2D.Double plot = projection.plotBounds();
    Point lowest = Pixels.lowestMapPixel(image, viridis, plot.getBounds(), 3);
    double lowestT = Pixels.nearestOnMap(viridis, image.getRGB(lowest.x, lowest.y)).t();
    assertThat(lowestT).isLessThan(0.01);
    // Near the minimum many pixels share the lowest 8-bit colour: they must form a small disc
    // around the centre (the marker covers the centre itself).
    double sumX = 0;
    double sumY = 0;
    int count = 0;
    double farthest = 0;
    Rectangle bounds = plot.getBounds();
    for (int y = bounds.y; y < bounds.y + bounds.height; y++) {
      for (int x = bounds.x; x < bounds.x + bounds.width; x++) {
        int rgb = image.getRGB(x, y);
        if (Pixels.distance(rgb, image.getRGB(lowest.x, lowest.y)) < 1) {
          sumX += x + 0.5;
          sumY += y + 0.5;
          count++;
          farthest = Math.max(farthest, centre.distance(x + 0.5, y + 0.5));
        }
      }
    }
    assertThat(count).isGreaterThan(10);
    assertThat(Point2D.distance(sumX / count, sumY / count, centre.x, centre.y)).isLessThan(2);
    assertThat(farthest).isLessThan(25);
  }

  @Test
  void markerIsDrawnAtTheTrainedMinimum() {
    ContourRenderer renderer = new ContourRenderer();
    BufferedImage image = panel(renderer, paraboloid);
    Point2D.Double centre = renderer.projection(area, paraboloid).toScreen(0, 0);
    assertThat(image.getRGB((int) centre.x, (int) centre.y)).isEqualTo(Color.WHITE.getRGB());
  }

  @Test
  void fieldColourIsTheInterpolatedValue() {
    ContourRenderer renderer = withLevels(1.9);
    BufferedImage image = panel(renderer, paraboloid);
    PlaneProjection projection = renderer.projection(area, paraboloid);
    for (double[] point : new double[][] {{0.5, -0.3}, {-0.7, 0.2}, {0.1, 0.8}}) {
      Point2D.Double at = projection.toScreen(point[0], point[1]);
      Pixels.MapMatch match = Pixels.nearestOnMap(viridis, image.getRGB((int) at.x, (int) at.y));
      double expected = scale.normalize(point[0] * point[0] + point[1] * point[1]);
      assertThat(match.distance()).isLessThan(3);
      assertThat(match.t()).as("t at %s", (Object) point).isCloseTo(expected, within(0.02));
    }
  }

  @Test
  void isoLineIsDrawnOnItsCircle() {
    ContourRenderer renderer = withLevels(0.5);
    BufferedImage image = panel(renderer, paraboloid);
    PlaneProjection projection = renderer.projection(area, paraboloid);
    double r = Math.sqrt(0.5);
    // Sample the circle where no label is likely: off the map means a line pixel.
    int onLine = 0;
    for (int k = 0; k < 16; k++) {
      double angle = 2 * Math.PI * k / 16 + 0.1;
      Point2D.Double at = projection.toScreen(r * Math.cos(angle), r * Math.sin(angle));
      if (SurfaceRendererTest.bestMatchNear(image, at, 0).distance() > 25) {
        onLine++;
      }
    }
    assertThat(onLine).isGreaterThanOrEqualTo(14);
    Point2D.Double between = projection.toScreen(0.45, 0);
    assertThat(SurfaceRendererTest.bestMatchNear(image, between, 0).distance()).isLessThan(3);
  }

  @Test
  void divergedCellsAreGrey() {
    double[][] z = paraboloid.z();
    z[30][10] = Double.NaN;
    SurfaceData holed = new SurfaceData("holed", paraboloid.alpha(), paraboloid.beta(), z);
    ContourRenderer renderer = withLevels(1.9);
    Point2D.Double at =
        renderer.projection(area, holed).toScreen(paraboloid.alpha()[30], paraboloid.beta()[10]);
    Rectangle around = new Rectangle((int) at.x - 2, (int) at.y - 2, 5, 5);
    assertThat(Pixels.contains(panel(renderer, paraboloid), around, viridis.missingColor(), 1))
        .isFalse();
    assertThat(Pixels.contains(panel(renderer, holed), around, viridis.missingColor(), 1)).isTrue();
  }

  @Test
  void projectionKeepsEqualScalesAndInverts() {
    SurfaceData wide =
        new SurfaceData("wide", Surfaces.axis(-2, 2, 5), Surfaces.axis(-1, 1, 3), new double[5][3]);
    PlaneProjection projection = new ContourRenderer().projection(area, wide);
    Rectangle2D.Double plot = projection.plotBounds();
    assertThat(plot.width / plot.height).isCloseTo(2.0, within(0.02));
    Point2D.Double at = projection.toScreen(0.7, -0.4);
    Point2D.Double back = projection.toData(at.x, at.y);
    assertThat(back.x).isCloseTo(0.7, within(1e-9));
    assertThat(back.y).isCloseTo(-0.4, within(1e-9));
    assertThat(projection.toScreen(-2, -1)).isEqualTo(new Point2D.Double(plot.x, plot.getMaxY()));
  }

  @Test
  void defaultLevelsAreTheScaleTicks() {
    assertThat(ContourRenderer.defaultLevels(scale)).containsExactly(scale.ticks(12));
    assertThat(new ContourRenderer().levels(scale)).containsExactly(scale.ticks(12));
    assertThat(withLevels(0.5, 1).levels(scale)).containsExactly(0.5, 1);
  }

  @Test
  void rejectsNonFiniteLevelsAndTinyAreas() {
    assertThatThrownBy(() -> withLevels(0.5, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThatThrownBy(
            () -> new ContourRenderer().projection(new Rectangle(0, 0, 90, 90), paraboloid))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small");
  }
}
