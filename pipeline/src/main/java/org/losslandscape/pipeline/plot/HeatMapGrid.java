package org.losslandscape.pipeline.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Heat maps over two categorical axes (a sweep's learning rates down, batch sizes across), several
 * side by side, each with its own colour scale and colour bar and every cell labelled with its
 * value, so the figure can be read without judging colours.
 */
public final class HeatMapGrid {

  private static final FigureStyle STYLE = FigureStyle.defaults();
  private static final ColorMap COLORS = ColorMap.viridis();

  private HeatMapGrid() {}

  /**
   * One heat map.
   *
   * @param title the panel's title
   * @param valueLabel what the colours mean, with the unit, for the colour bar
   * @param rowTitle the vertical axis's title
   * @param rowLabels one label per row, top row first
   * @param columnTitle the horizontal axis's title
   * @param columnLabels one label per column, left column first
   * @param values {@code values[row][column]}; NaN marks a cell without a value (drawn grey)
   * @param cellText the text written in each cell, same shape as {@code values}
   * @param range {@code {lo, hi}} of the colour scale when it is fixed (a correlation's [-1, 1]),
   *     or null for the range of the values
   */
  public record HeatMap(
      String title,
      String valueLabel,
      String rowTitle,
      List<String> rowLabels,
      String columnTitle,
      List<String> columnLabels,
      double[][] values,
      String[][] cellText,
      double[] range) {

    /** A heat map coloured over its values' range. */
    public HeatMap(
        String title,
        String valueLabel,
        String rowTitle,
        List<String> rowLabels,
        String columnTitle,
        List<String> columnLabels,
        double[][] values,
        String[][] cellText) {
      this(
          title,
          valueLabel,
          rowTitle,
          rowLabels,
          columnTitle,
          columnLabels,
          values,
          cellText,
          null);
    }

    public HeatMap {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(valueLabel, "valueLabel");
      rowLabels = List.copyOf(rowLabels);
      columnLabels = List.copyOf(columnLabels);
      if (rowLabels.isEmpty() || columnLabels.isEmpty()) {
        throw new IllegalArgumentException("a heat map needs at least one row and one column");
      }
      if (values.length != rowLabels.size() || cellText.length != rowLabels.size()) {
        throw new IllegalArgumentException(
            "a heat map needs one row of values and texts per row label");
      }
      for (int r = 0; r < values.length; r++) {
        if (values[r].length != columnLabels.size() || cellText[r].length != columnLabels.size()) {
          throw new IllegalArgumentException(
              "heat map row " + r + " needs one value and one text per column label");
        }
      }
    }

    /**
     * The colour scale of this panel: its fixed range, else its finite values' range (a grey panel
     * when none).
     */
    public ColorScale scale() {
      if (range != null) {
        return ColorScale.of(range[0], range[1], false);
      }
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] row : values) {
        for (double v : row) {
          if (Double.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
      return lo <= hi ? ColorScale.of(lo, hi, false) : ColorScale.of(0, 1, false);
    }

    /** The colour cell ({@code row}, {@code column}) is filled with. */
    public Color colorOf(int row, int column) {
      double t = scale().normalize(values[row][column]);
      return Double.isNaN(t) ? COLORS.missingColor() : COLORS.at(t);
    }
  }

  /**
   * Draws {@code panels} in a grid of {@code columns} columns under {@code title}.
   *
   * @param panelWidth width of one panel in pixels
   * @param panelHeight height of one panel in pixels
   */
  public static BufferedImage render(
      String title, List<HeatMap> panels, int columns, int panelWidth, int panelHeight) {
    if (panels.isEmpty() || columns < 1) {
      throw new IllegalArgumentException("need at least one heat map and one column");
    }
    int rows = (panels.size() + columns - 1) / columns;
    int titleHeight = STYLE.figureTitle().getSize() * 3;
    BufferedImage image = Canvas.newImage(columns * panelWidth, titleHeight + rows * panelHeight);
    Graphics2D g = Canvas.graphics(image, STYLE);
    try {
      g.setColor(STYLE.foreground());
      Font titleFont = Canvas.fitting(g, STYLE.figureTitle(), title, image.getWidth() - 40);
      Canvas.text(g, titleFont, title, image.getWidth() / 2.0, titleHeight / 2.0, 0.5, 0.5);
      for (int p = 0; p < panels.size(); p++) {
        Rectangle area =
            new Rectangle(
                (p % columns) * panelWidth,
                titleHeight + (p / columns) * panelHeight,
                panelWidth,
                panelHeight);
        drawPanel(g, panels.get(p), area);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The cells' area of a panel drawn into {@code area}: shared with the tests that read pixels. */
  public static Rectangle cellArea(Rectangle area) {
    return cellArea(area, 0);
  }

  /** The cells' area when the widest row label is {@code rowLabelWidth} pixels wide. */
  private static Rectangle cellArea(Rectangle area, int rowLabelWidth) {
    int tick = STYLE.tickLabel().getSize();
    int left = area.x + STYLE.axisTitle().getSize() * 2 + Math.max(tick * 6, rowLabelWidth + tick);
    int top = area.y + STYLE.panelTitle().getSize() * 3;
    int right = area.x + area.width - new ColorBar(ColorScale.of(0, 1, false), "").preferredWidth();
    int bottom = area.y + area.height - tick * 2 - STYLE.axisTitle().getSize() * 2;
    return new Rectangle(left, top, Math.max(1, right - left - 10), Math.max(1, bottom - top));
  }

  private static void drawPanel(Graphics2D g, HeatMap map, Rectangle area) {
    g.setColor(STYLE.foreground());
    Font panelFont = Canvas.fitting(g, STYLE.panelTitle(), map.title(), area.width - 20);
    Canvas.text(
        g,
        panelFont,
        map.title(),
        area.getCenterX(),
        area.y + STYLE.panelTitle().getSize() * 1.5,
        0.5,
        0.5);
    int rowLabelWidth = 0;
    for (String label : map.rowLabels()) {
      rowLabelWidth =
          Math.max(rowLabelWidth, g.getFontMetrics(STYLE.tickLabel()).stringWidth(label));
    }
    Rectangle cells = cellArea(area, rowLabelWidth);
    int rows = map.rowLabels().size();
    int cols = map.columnLabels().size();
    double cellWidth = cells.width / (double) cols;
    double cellHeight = cells.height / (double) rows;
    Font cellFont = STYLE.tickLabel();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        Rectangle2D.Double cell =
            new Rectangle2D.Double(
                cells.x + c * cellWidth, cells.y + r * cellHeight, cellWidth, cellHeight);
        Color fill = map.colorOf(r, c);
        g.setColor(fill);
        g.fill(cell);
        g.setColor(readableOn(fill));
        Font fitted = Canvas.fitting(g, cellFont, map.cellText()[r][c], cellWidth - 8);
        Canvas.text(
            g, fitted, map.cellText()[r][c], cell.getCenterX(), cell.getCenterY(), 0.5, 0.5);
      }
    }
    g.setColor(STYLE.foreground());
    g.setStroke(new BasicStroke(1f));
    g.draw(cells);
    int tick = STYLE.tickLabel().getSize();
    for (int r = 0; r < rows; r++) {
      Canvas.text(
          g,
          STYLE.tickLabel(),
          map.rowLabels().get(r),
          cells.x - tick / 2.0,
          cells.y + (r + 0.5) * cellHeight,
          1,
          0.5);
    }
    for (int c = 0; c < cols; c++) {
      Canvas.text(
          g,
          STYLE.tickLabel(),
          map.columnLabels().get(c),
          cells.x + (c + 0.5) * cellWidth,
          cells.y + cells.height + tick / 2.0,
          0.5,
          0);
    }
    Canvas.text(
        g,
        STYLE.axisTitle(),
        map.columnTitle(),
        cells.getCenterX(),
        cells.y + cells.height + tick * 2.0,
        0.5,
        0);
    Canvas.textUpwards(
        g,
        STYLE.axisTitle(),
        map.rowTitle(),
        area.x + STYLE.axisTitle().getSize(),
        cells.getCenterY());
    ColorScale scale = map.scale();
    ColorBar bar = new ColorBar(scale, map.valueLabel());
    bar.draw(
        g, new Rectangle(cells.x + cells.width + 10, cells.y, bar.preferredWidth(), cells.height));
  }

  /** Black text on light cells, white on dark ones. */
  private static Color readableOn(Color fill) {
    double luminance =
        (0.2126 * fill.getRed() + 0.7152 * fill.getGreen() + 0.0722 * fill.getBlue()) / 255;
    return luminance > 0.45 ? Color.BLACK : Color.WHITE;
  }
}
