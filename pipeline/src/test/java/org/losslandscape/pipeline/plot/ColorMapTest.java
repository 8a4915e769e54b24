package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class ColorMapTest {

  private final ColorMap viridis = ColorMap.viridis();

  @Test
  void endpointsAreViridisPurpleAndYellow() {
    assertThat(viridis.at(0)).isEqualTo(new Color(0x44, 0x01, 0x54));
    assertThat(viridis.at(1)).isEqualTo(new Color(0xFD, 0xE7, 0x25));
  }

  @Test
  void midpointIsViridisTeal() {
    // matplotlib's viridis(0.5) is #21918C; linear interpolation of the anchors lands within a few
    // steps of it.
    assertThat(Pixels.distance(viridis.rgbAt(0.5), 0x21918C)).isLessThan(4);
  }

  @Test
  void luminanceRisesStrictlyAtCoarseSteps() {
    double previous = -1;
    for (int k = 0; k <= 64; k++) {
      double luminance = luminance(viridis.rgbAt(k / 64.0));
      assertThat(luminance).as("luminance at t = %s", k / 64.0).isGreaterThan(previous);
      previous = luminance;
    }
    assertThat(previous).isGreaterThan(0.7);
  }

  @Test
  void luminanceNeverFallsBeyondEightBitRounding() {
    // Rounding each channel to 8 bits can lower the luminance by one red step where green has not
    // yet stepped up; anything larger would be a real fold in the map.
    double previous = -1;
    for (int k = 0; k <= 1024; k++) {
      double luminance = luminance(viridis.rgbAt(k / 1024.0));
      assertThat(luminance).as("luminance at t = %s", k / 1024.0).isGreaterThan(previous - 1e-3);
      previous = Math.max(previous, luminance);
    }
  }

  private static double luminance(int rgb) {
    return 0.2126 * ContourRenderer.linear((rgb >> 16) & 0xFF)
        + 0.7152 * ContourRenderer.linear((rgb >> 8) & 0xFF)
        + 0.0722 * ContourRenderer.linear(rgb & 0xFF);
  }

  @Test
  void missingColourIsGreyAndFarFromTheMap() {
    Color grey = viridis.missingColor();
    assertThat(grey.getRed()).isEqualTo(grey.getGreen()).isEqualTo(grey.getBlue());
    assertThat(Pixels.nearestOnMap(viridis, grey.getRGB()).distance()).isGreaterThan(40);
  }

  @Test
  void rejectsPositionsOutsideTheUnitInterval() {
    assertThatThrownBy(() -> viridis.at(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> viridis.at(1.01)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> viridis.at(-0.01)).isInstanceOf(IllegalArgumentException.class);
  }
}
