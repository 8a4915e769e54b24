package org.losslandscape.pipeline.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslandscape.pipeline.plot.HeatMapGrid.HeatMap;

class HeatMapGridTest {

  static HeatMap map(double[][] values) {
    String[][] text = new String[values.length][values[0].length];
    for (String[] row : text) {
      java.util.Arrays.fill(row, "");
    }
    return new HeatMap(
        "S(0.5)",
        "nats",
        "learning rate",
        List.of("lr 0.1", "lr 0.01"),
        "batch size",
        List.of("batch 32", "batch 128", "batch 1024"),
        values,
        text);
  }

  /** The smallest value is the bottom of viridis, the largest its top, NaN the missing grey. */
  @Test
  void cellsTakeTheColourOfTheirValueOnThePanelsOwnScale() {
    HeatMap m = map(new double[][] {{1, 2, 3}, {4, Double.NaN, 6}});
    ColorMap viridis = ColorMap.viridis();
    assertThat(m.colorOf(0, 0)).isEqualTo(viridis.at(0));
    assertThat(m.colorOf(1, 2)).isEqualTo(viridis.at(1));
    assertThat(m.colorOf(0, 2)).isEqualTo(viridis.at(0.4));
    assertThat(m.colorOf(1, 1)).isEqualTo(viridis.missingColor());
  }

  /** Row r, column c of the values is drawn in row r (top first), column c (left first). */
  @Test
  void eachCellIsDrawnWhereItsRowAndColumnAre() {
    HeatMap m = map(new double[][] {{1, 2, 3}, {4, Double.NaN, 6}});
    int width = 900;
    int height = 600;
    BufferedImage image = HeatMapGrid.render("title", List.of(m), 1, width, height);
    int titleHeight = FigureStyle.defaults().figureTitle().getSize() * 3;
    Rectangle cells = HeatMapGrid.cellArea(new Rectangle(0, titleHeight, width, height));
    double cellWidth = cells.width / 3.0;
    double cellHeight = cells.height / 2.0;
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 3; c++) {
        // A point inside the cell, clear of its centred text and of the borders.
        int x = (int) (cells.x + c * cellWidth + 6);
        int y = (int) (cells.y + r * cellHeight + 6);
        Color drawn = new Color(image.getRGB(x, y));
        assertThat(Pixels.distance(drawn.getRGB(), m.colorOf(r, c).getRGB()))
            .as("cell %d,%d", r, c)
            .isLessThan(3);
      }
    }
  }

  @Test
  void aMalformedMapIsRefused() {
    assertThatThrownBy(() -> map(new double[][] {{1, 2}, {3, 4}}))
        .hasMessageContaining("needs one value and one text per column label");
  }
}
