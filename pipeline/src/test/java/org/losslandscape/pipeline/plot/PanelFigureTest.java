package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PanelFigureTest {

  private final List<SurfaceData> panels =
      List.of(
          PlotSamples.landscape("k = 0.5", 0.5, 21), PlotSamples.landscape("k = 2", 2, 21),
          PlotSamples.landscape("k = 8", 8, 21), PlotSamples.landscape("k = 30", 30, 21));
  private final ColorScale scale = ColorScale.shared(panels, true);

  @Test
  void fourPanelsMakeAtLeast1600PixelWideFigures() {
    for (PanelKind kind : PanelKind.values()) {
      for (int cols : new int[] {2, 4}) {
        BufferedImage image = PanelFigure.grid("title", panels, cols, scale, kind);
        assertThat(image.getWidth()).as("%s, %d columns", kind, cols).isGreaterThanOrEqualTo(1600);
        assertThat(image.getHeight()).isGreaterThan(image.getWidth() / cols / 2 * (4 / cols));
      }
    }
  }

  /** Draws real contour panels and remembers where it was asked to draw them. */
  private static final class RecordingRenderer implements PanelRenderer {
    private final ContourRenderer delegate = new ContourRenderer();
    private final List<Rectangle> areas = new ArrayList<>();
    private final List<ColorScale> scales = new ArrayList<>();

    @Override
    public void drawPanel(Graphics2D g, Rectangle area, SurfaceData data, ColorScale scale) {
      areas.add(new Rectangle(area));
      scales.add(scale);
      delegate.drawPanel(g, area, data, scale);
    }

    @Override
    public ColorBar colorBar(ColorScale scale) {
      return delegate.colorBar(scale);
    }
  }

  @Test
  void panelsTileTheGridLeftOfOneSharedColourBar() {
    RecordingRenderer renderer = new RecordingRenderer();
    BufferedImage image = PanelFigure.grid("title", panels, 2, scale, renderer, 600, 560);
    assertThat(renderer.scales).containsOnly(scale).hasSize(4);
    assertThat(renderer.areas)
        .containsExactly(
            new Rectangle(0, renderer.areas.get(0).y, 600, 560),
            new Rectangle(600, renderer.areas.get(0).y, 600, 560),
            new Rectangle(0, renderer.areas.get(0).y + 560, 600, 560),
            new Rectangle(600, renderer.areas.get(0).y + 560, 600, 560));
    assertThat(renderer.areas.get(0).y).isGreaterThan(30);
    assertThat(image.getHeight()).isEqualTo(renderer.areas.get(0).y + 2 * 560);

    Rectangle barStrip = new Rectangle(1200, 0, image.getWidth() - 1200, image.getHeight());
    ColorMap viridis = ColorMap.viridis();
    assertThat(Pixels.contains(image, barStrip, viridis.at(1), 2)).isTrue();
    assertThat(Pixels.contains(image, barStrip, viridis.at(0), 2)).isTrue();
  }

  @Test
  void aTitleTooLongForTheFigureIsShrunkToFitInsideIt() {
    String title =
        "A very long overall title that names the setting, the directions, the sample count and"
            + " everything else a reader might want to know about this comparison, and then some"
            + " more";
    BufferedImage image = PanelFigure.grid(title, panels, 2, scale, PanelKind.CONTOUR);
    int strip = 40;
    boolean inked = false;
    for (int y = 0; y < strip; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        boolean dark = (image.getRGB(x, y) & 0xFF) < 128;
        if (dark && (x < 4 || x >= image.getWidth() - 4)) {
          throw new AssertionError("title ink at the image edge, x = " + x);
        }
        inked |= dark;
      }
    }
    assertThat(inked).isTrue();
  }

  @Test
  void aSinglePanelFigureWorks() {
    BufferedImage image =
        PanelFigure.grid(
            "one", panels.subList(0, 1), 1, scale, PanelKind.SURFACE_3D, "training loss");
    assertThat(image.getWidth()).isGreaterThanOrEqualTo(1600);
  }

  @Test
  void rejectsBadLayouts() {
    assertThatThrownBy(() -> PanelFigure.grid("t", List.of(), 1, scale, PanelKind.CONTOUR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one panel");
    assertThatThrownBy(() -> PanelFigure.grid("t", panels, 5, scale, PanelKind.CONTOUR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cols");
    assertThatThrownBy(() -> PanelFigure.grid("t", panels, 0, scale, PanelKind.CONTOUR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cols");
    assertThatThrownBy(
            () -> PanelFigure.grid("t", panels, 2, scale, new ContourRenderer(), 100, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("300x300");
  }
}
