package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ColorBarTest {

  private final ColorBar bar = new ColorBar(new ColorScale(0.2, 50, true), "training loss");

  private BufferedImage drawn(int height) {
    BufferedImage image = Canvas.newImage(bar.preferredWidth(), height);
    Graphics2D g = Canvas.graphics(image, FigureStyle.defaults());
    bar.draw(g, new Rectangle(0, 0, bar.preferredWidth(), height));
    g.dispose();
    return image;
  }

  @Test
  void defaultRenderersLabelLossesWithTheirUnitAndSayWhenTheScaleIsLog() {
    ColorScale linear = new ColorScale(0.2, 50, false);
    ColorScale log = new ColorScale(0.2, 50, true);
    assertThat(new SurfaceRenderer().colorBar(linear).label()).isEqualTo("loss (nats)");
    assertThat(new ContourRenderer().colorBar(linear).label()).isEqualTo("loss (nats)");
    assertThat(new SurfaceRenderer().colorBar(log).label()).isEqualTo("loss (nats), log scale");
    assertThat(new ContourRenderer().colorBar(log).label()).isEqualTo("loss (nats), log scale");
  }

  @Test
  void runsFromTheTopColourDownToTheBottomColour() {
    BufferedImage image = drawn(500);
    int size = FigureStyle.defaults().tickLabel().getSize();
    // Bar geometry as documented: padding left, one tick-label height top and bottom.
    int x = Math.max(6, size / 2) + 5;
    ColorMap viridis = ColorMap.viridis();
    assertThat(Pixels.distance(image.getRGB(x, size + 1), viridis.rgbAt(1))).isLessThan(6);
    assertThat(Pixels.distance(image.getRGB(x, 500 - size - 2), viridis.rgbAt(0))).isLessThan(6);
    double previous = 2;
    for (int y = size + 1; y < 500 - size - 1; y++) {
      double t = Pixels.nearestOnMap(viridis, image.getRGB(x, y)).t();
      assertThat(t).isLessThanOrEqualTo(previous + 1e-3);
      previous = t;
    }
  }

  @Test
  void drawsTickLabelsAndTheLabelRightOfTheBar() {
    BufferedImage image = drawn(400);
    int barRight = Math.max(6, 16 / 2) + (int) Math.round(16 * 1.4);
    BufferedImage right = image.getSubimage(barRight + 8, 0, image.getWidth() - barRight - 8, 400);
    assertThat(Pixels.countNot(right, Color.WHITE)).isGreaterThan(300);
  }

  @Test
  void refusesAreasTooSmallToRead() {
    BufferedImage image = Canvas.newImage(100, 100);
    Graphics2D g = image.createGraphics();
    assertThatThrownBy(() -> bar.draw(g, new Rectangle(0, 0, 100, 30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small");
    g.dispose();
  }
}
