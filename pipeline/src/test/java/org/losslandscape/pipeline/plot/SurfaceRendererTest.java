package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurfaceRendererTest {

  private static final int N = 31;
  private static final double H = 2.0 / (N - 1);
  private final SurfaceRenderer renderer = new SurfaceRenderer();
  private final ColorMap viridis = ColorMap.viridis();
  private final SurfaceData paraboloid = Surfaces.paraboloid(N);
  private final ColorScale scale = ColorScale.shared(List.of(paraboloid), false);
  private final Rectangle area = new Rectangle(0, 0, 700, 640);

  private BufferedImage panel(SurfaceData data, ColorScale colorScale) {
    BufferedImage image = Canvas.newImage(area.width, area.height);
    Graphics2D g = Canvas.graphics(image, FigureStyle.defaults());
    renderer.drawPanel(g, area, data, colorScale);
    g.dispose();
    return image;
  }

  @Test
  void minimumOfParaboloidIsTheDarkestSurfacePixelAndSitsWhereProjected() {
    BufferedImage image = panel(paraboloid, scale);
    Point2D.Double minimum = renderer.projection(area, paraboloid, scale).toScreen(0, 0, 0);

    // The four quads around the minimum have mean value H² (corners 0, H², 2H², H²).
    double expectedT = scale.normalize(H * H);
    Pixels.MapMatch atMinimum = bestMatchNear(image, minimum, 4);
    assertThat(atMinimum.distance()).isLessThan(3);
    assertThat(atMinimum.t()).isCloseTo(expectedT, within(0.01));

    Point lowest = Pixels.lowestMapPixel(image, viridis, area, 3);
    Pixels.MapMatch lowestMatch = Pixels.nearestOnMap(viridis, image.getRGB(lowest.x, lowest.y));
    assertThat(lowestMatch.t()).isCloseTo(atMinimum.t(), within(0.005));
    double cellPixels = renderer.projection(area, paraboloid, scale).pixelsPerUnit() / (N - 1);
    assertThat(lowest.distance(minimum)).isLessThan(1.5 * cellPixels);
  }

  @Test
  void farCornerIsDrawnWhereProjectedInItsOwnColour() {
    BufferedImage image = panel(paraboloid, scale);
    SurfaceProjection projection = renderer.projection(area, paraboloid, scale);
    // The camera at azimuth -60° looks from +alpha, -beta; the far wall faces it.
    double a = -1 + H / 2;
    double b = 1 - H / 2;
    Point2D.Double inside = projection.toScreen(a, b, a * a + b * b);
    double cornerMean = (2 + 2 * (1 + (1 - H) * (1 - H)) + 2 * (1 - H) * (1 - H)) / 4;
    Pixels.MapMatch match = bestMatchNear(image, inside, 2);
    assertThat(match.distance()).isLessThan(3);
    assertThat(match.t()).isCloseTo(scale.normalize(cornerMean), within(0.02));
  }

  @Test
  void nearWallSeenFromBelowIsDrawnOffTheColourMap() {
    // Near the front corner the bowl rises towards the camera faster than the line of sight, so
    // the camera sees the underside there; it must not read as a value on the colour bar.
    BufferedImage image = panel(paraboloid, scale);
    SurfaceProjection projection = renderer.projection(area, paraboloid, scale);
    double a = 1 - H / 2;
    double b = -1 + H / 2;
    Pixels.MapMatch match = bestMatchNear(image, projection.toScreen(a, b, a * a + b * b), 2);
    assertThat(match.distance()).isGreaterThan(20);
  }

  @Test
  void divergedPointsAreGreyAndOnlyThen() {
    int i = N / 2 + 3;
    int j = N / 2 + 3;
    double[] alpha = paraboloid.alpha();
    double[] beta = paraboloid.beta();
    // Non-finite values are drawn at the top of the box: the grey quads form a spike from this
    // apex down to the surface, a few pixels wide some way below the apex.
    Point2D.Double apex =
        renderer.projection(area, paraboloid, scale).toScreen(alpha[i], beta[j], Double.NaN);
    Rectangle belowApex = new Rectangle((int) apex.x - 3, (int) apex.y + 40, 7, 30);
    Color grey = viridis.missingColor();
    assertThat(Pixels.contains(panel(paraboloid, scale), belowApex, grey, 2)).isFalse();
    double[][] z = paraboloid.z();
    z[i][j] = Double.NaN;
    SurfaceData holed = new SurfaceData("holed", alpha, beta, z);
    assertThat(Pixels.contains(panel(holed, scale), belowApex, grey, 2)).isTrue();
  }

  @Test
  void renderHasRequestedSizeAndAColourBarAtTheRight() {
    BufferedImage image = renderer.render(paraboloid, scale, 900, 700);
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(700);
    int barWidth = renderer.colorBar(scale).preferredWidth();
    Rectangle strip = new Rectangle(900 - barWidth, 0, barWidth, 700);
    assertThat(Pixels.contains(image, strip, viridis.at(1), 2)).isTrue();
    assertThat(Pixels.contains(image, strip, viridis.at(0), 2)).isTrue();
  }

  @Test
  void valuesAboveTheScaleAreClippedToTheTopOfTheBox() {
    ColorScale low = new ColorScale(0, 1, false);
    SurfaceProjection projection = renderer.projection(area, paraboloid, low);
    assertThat(projection.toScreen(1, 1, 2)).isEqualTo(projection.toScreen(1, 1, 1));
    assertThat(projection.toScreen(1, 1, Double.NaN)).isEqualTo(projection.toScreen(1, 1, 1));
    assertThat(projection.toScreen(1, 1, 0.5).y).isGreaterThan(projection.toScreen(1, 1, 1).y);
    BufferedImage image = panel(paraboloid, low);
    assertThat(Pixels.countNot(image, Color.WHITE)).isGreaterThan(area.width * area.height / 10);
  }

  @Test
  void rejectsCamerasBelowTheFloorAndTinyAreas() {
    assertThatThrownBy(() -> new SurfaceRenderer(FigureStyle.defaults(), viridis, "loss", -60, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("elevation");
    assertThatThrownBy(
            () -> new SurfaceRenderer(FigureStyle.defaults(), viridis, "loss", Double.NaN, 30))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> renderer.projection(new Rectangle(0, 0, 100, 100), paraboloid, scale))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small");
  }

  /** The map match of the pixel nearest the colour map within {@code radius} of {@code at}. */
  static Pixels.MapMatch bestMatchNear(BufferedImage image, Point2D at, int radius) {
    ColorMap viridis = ColorMap.viridis();
    Pixels.MapMatch best = null;
    int cx = (int) Math.floor(at.getX());
    int cy = (int) Math.floor(at.getY());
    for (int y = cy - radius; y <= cy + radius; y++) {
      for (int x = cx - radius; x <= cx + radius; x++) {
        Pixels.MapMatch match = Pixels.nearestOnMap(viridis, image.getRGB(x, y));
        if (best == null || match.distance() < best.distance()) {
          best = match;
        }
      }
    }
    return best;
  }
}
