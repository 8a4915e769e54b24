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
  void everySurfacePixelShowsTheCellAZBufferFindsNearestInTheColourOfItsValue() {
    // A bowl with a ridge across the line of sight: the ridge hides part of the floor behind it,
    // and the bowl's near corner rises towards the camera faster than the line of sight, so its
    // outer face is what the camera sees there.
    SurfaceData ridged =
        Surfaces.sample(
            "bowl behind a ridge",
            N,
            (a, b) -> {
              double towardsCamera = 0.5 * a - 0.866 * b;
              return a * a + b * b + 2.5 * Math.exp(-Math.pow(towardsCamera - 0.3, 2) / 0.01);
            });
    ColorScale ridgedScale = ColorScale.shared(List.of(ridged), false);
    BufferedImage image = panel(ridged, ridgedScale);
    SurfaceProjection projection = renderer.projection(area, ridged, ridgedScale);
    ZBufferReference reference = ZBufferReference.of(ridged, projection, area.width, area.height);

    int checked = 0;
    int wrong = 0;
    int seenFromOutside = 0;
    for (int y = 0; y < area.height; y++) {
      for (int x = 0; x < area.width; x++) {
        if (!reference.interior(x, y, 2)) {
          continue;
        }
        int i = reference.alphaIndex(x, y);
        int j = reference.betaIndex(x, y);
        double mean =
            (ridgedScale.normalize(ridged.valueAt(i, j))
                    + ridgedScale.normalize(ridged.valueAt(i + 1, j))
                    + ridgedScale.normalize(ridged.valueAt(i + 1, j + 1))
                    + ridgedScale.normalize(ridged.valueAt(i, j + 1)))
                / 4;
        checked++;
        if (facesAwayFromCamera(ridged, projection, i, j)) {
          seenFromOutside++;
        }
        if (Pixels.distance(image.getRGB(x, y) & 0xFFFFFF, viridis.rgbAt(mean)) > 6) {
          wrong++;
        }
      }
    }
    assertThat(hiddenCells(ridged, projection, reference)).isGreaterThan(40);
    assertThat(checked).isGreaterThan(20_000);
    assertThat(seenFromOutside).isGreaterThan(200);
    // Allows for anti-aliasing that differs between JDKs; the renderer here gets every one right.
    assertThat(wrong).isLessThan(checked / 1000);
  }

  /** Cells whose centre pixel shows another cell: the test surface really has occlusion. */
  private static int hiddenCells(
      SurfaceData data, SurfaceProjection projection, ZBufferReference reference) {
    double[] alpha = data.alpha();
    double[] beta = data.beta();
    int hidden = 0;
    for (int i = 0; i < data.alphaCount() - 1; i++) {
      for (int j = 0; j < data.betaCount() - 1; j++) {
        double a = (alpha[i] + alpha[i + 1]) / 2;
        double b = (beta[j] + beta[j + 1]) / 2;
        double centre =
            (data.valueAt(i, j)
                    + data.valueAt(i + 1, j)
                    + data.valueAt(i + 1, j + 1)
                    + data.valueAt(i, j + 1))
                / 4;
        Point2D.Double at = projection.toScreen(a, b, centre);
        int x = (int) Math.floor(at.x);
        int y = (int) Math.floor(at.y);
        if (reference.alphaIndex(x, y) != i || reference.betaIndex(x, y) != j) {
          hidden++;
        }
      }
    }
    return hidden;
  }

  @Test
  void edgeOfTheGridIsOutlinedDarkerThanTheMesh() {
    BufferedImage image = panel(paraboloid, scale);
    SurfaceProjection projection = renderer.projection(area, paraboloid, scale);
    double[] alpha = paraboloid.alpha();
    double mid = (alpha[N / 2] + alpha[N / 2 + 1]) / 2;
    // The far rim (beta = 1) and an inner mesh line (beta = 0) at the same alpha, seen from above.
    Point2D.Double rim = projection.toScreen(mid, 1, mid * mid + 1);
    Point2D.Double mesh = projection.toScreen(mid, 0, mid * mid);
    Color rimFill = viridis.at(scale.normalize(mid * mid + 1 - H / 2));
    Color meshFill = viridis.at(scale.normalize(mid * mid + H * H / 4));
    assertThat(darkestNear(image, rim, 1) / luminance(rimFill.getRGB())).isLessThan(0.55);
    assertThat(darkestNear(image, mesh, 1) / luminance(meshFill.getRGB())).isGreaterThan(0.6);
  }

  private static double darkestNear(BufferedImage image, Point2D.Double at, int radius) {
    double darkest = Double.POSITIVE_INFINITY;
    for (int y = (int) at.y - radius; y <= (int) at.y + radius; y++) {
      for (int x = (int) at.x - radius; x <= (int) at.x + radius; x++) {
        darkest = Math.min(darkest, luminance(image.getRGB(x, y)));
      }
    }
    return darkest;
  }

  private static double luminance(int rgb) {
    return 0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF);
  }

  /**
   * Whether the camera sees cell (i, j) from below: its upward normal (cross product of the
   * diagonals in box coordinates) points away from the eye.
   */
  private static boolean facesAwayFromCamera(SurfaceData data, SurfaceProjection p, int i, int j) {
    double[] alpha = data.alpha();
    double[] beta = data.beta();
    double dx = p.boxX(alpha[i + 1]) - p.boxX(alpha[i]);
    double dy = p.boxY(beta[j + 1]) - p.boxY(beta[j]);
    double rise11 = p.boxZ(data.valueAt(i + 1, j + 1)) - p.boxZ(data.valueAt(i, j));
    double rise01 = p.boxZ(data.valueAt(i, j + 1)) - p.boxZ(data.valueAt(i + 1, j));
    // Diagonals (dx, dy, rise11) and (-dx, dy, rise01).
    double nx = dy * rise01 - rise11 * dy;
    double ny = -rise11 * dx - dx * rise01;
    double nz = dx * dy + dy * dx;
    return nx * p.eyeX() + ny * p.eyeY() + nz * p.eyeZ() < 0;
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
