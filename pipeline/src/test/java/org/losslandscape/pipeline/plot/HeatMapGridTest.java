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

  /** A fixed range (a correlation's [-1, 1]) colours by that range, not by the values' own. */
  @Test
  void aFixedRangeColoursByThatRange() {
    HeatMap own = map(new double[][] {{0, 0.5, 1}, {-0.5, 0, 0.25}});
    HeatMap fixed =
        new HeatMap(
            own.title(),
            own.valueLabel(),
            own.rowTitle(),
            own.rowLabels(),
            own.columnTitle(),
            own.columnLabels(),
            own.values(),
            own.cellText(),
            new double[] {-1, 1});
    ColorMap viridis = ColorMap.viridis();
    assertThat(fixed.colorOf(0, 0)).isEqualTo(viridis.at(0.5));
    assertThat(fixed.colorOf(0, 2)).isEqualTo(viridis.at(1));
    assertThat(fixed.colorOf(1, 0)).isEqualTo(viridis.at(0.25));
    assertThat(own.colorOf(1, 0)).isEqualTo(viridis.at(0));
  }

  /** Long row labels move the cells right instead of being cut at the figure's left edge. */
  @Test
  void longRowLabelsAreNotCutOff() {
    String[][] text = {{"", ""}, {"", ""}};
    String longLabel = "average sharpness sigma=0.01 of the weights  (10)";
    HeatMap m =
        new HeatMap(
            "t",
            "v",
            "measure",
            List.of(longLabel, "x"),
            "measure",
            List.of("1", "2"),
            new double[][] {{1, 2}, {3, 4}},
            text);
    int width = 900;
    BufferedImage image = HeatMapGrid.render("title", List.of(m), 1, width, 500);
    int titleHeight = FigureStyle.defaults().figureTitle().getSize() * 3;
    Rectangle shortLabels = HeatMapGrid.cellArea(new Rectangle(0, titleHeight, width, 500));
    // The default cell area would start at shortLabels.x; with the long label the first cell's
    // colour is found further right only, and the left edge of the figure holds no cell colour.
    Color firstCell = m.colorOf(0, 0);
    int y = shortLabels.y + 6;
    assertThat(Pixels.distance(image.getRGB(shortLabels.x + 6, y), firstCell.getRGB()))
        .isGreaterThan(3);
    // Somewhere on that row, right of the label, the first cell is drawn.
    boolean found = false;
    for (int x = shortLabels.x; x < width && !found; x++) {
      found = Pixels.distance(image.getRGB(x, y), firstCell.getRGB()) < 3;
    }
    assertThat(found).isTrue();
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
