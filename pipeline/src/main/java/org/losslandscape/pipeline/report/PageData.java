package org.losslandscape.pipeline.report;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.pipeline.report.ReportContent.RecipeContent;
import org.losslandscape.pipeline.summary.RecipeSummary;

/**
 * The data the page's script draws, embedded in the page as JSON (snake_case). Numbers that are not
 * finite are {@code null} here, so the plots leave a gap where the table says why.
 *
 * @param colours one colour per recipe, by its index in the summary (the table uses the same)
 * @param zRange the loss range shared by every surface and contour map, null when no slice has a
 *     finite value
 * @param surfaces one per sliced recipe
 * @param sharpness the sharpness chart
 * @param curves one training curve per recipe that has one
 */
public record PageData(
    List<String> colours,
    ZRange zRange,
    List<SurfacePlot> surfaces,
    SharpnessPlot sharpness,
    List<CurvePlot> curves) {

  /** Distinct, colour-blind-tolerable hues (the d3 / matplotlib "category10" set). */
  static final List<String> PALETTE =
      List.of(
          "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
          "#bcbd22", "#17becf");

  /**
   * The loss range of all slices together.
   *
   * @param min the smallest finite loss
   * @param max the largest finite loss
   */
  public record ZRange(double min, double max) {}

  /**
   * One recipe's slice.
   *
   * @param recipe its name
   * @param index its index in the summary (and so its colour)
   * @param coordinates the grid coordinates, the same on both axes
   * @param lossAlongBeta the loss with rows along beta: {@code [j][i]} = L(alpha_i, beta_j), as
   *     plotly's surface and contour traces take z
   * @param accuracyAlongBeta the accuracy in the same layout, null when the folder has none
   * @param centreLoss the loss at (0, 0), the trained weights
   */
  public record SurfacePlot(
      String recipe,
      int index,
      double[] coordinates,
      List<List<Double>> lossAlongBeta,
      List<List<Double>> accuracyAlongBeta,
      double centreLoss) {}

  /**
   * Slice sharpness of every recipe at every radius.
   *
   * @param radii the radii, as summary.json keys them
   * @param notes per radius, a note shown in its panel, or null: a radius within which the grid
   *     holds only the centre has sharpness 0 by construction, and the panel says so
   * @param series one per recipe with sharpness
   */
  public record SharpnessPlot(
      List<String> radii, List<String> notes, List<SharpnessSeries> series) {}

  /**
   * One recipe's sharpness per radius; null where the value (or its interval) does not exist.
   *
   * @param recipe its name
   * @param index its index in the summary
   * @param over what the intervals are over, in words
   * @param mean the mean per radius
   * @param low the interval's lower end per radius
   * @param high its upper end per radius
   */
  public record SharpnessSeries(
      String recipe,
      int index,
      String over,
      List<Double> mean,
      List<Double> low,
      List<Double> high) {}

  /**
   * One recipe's training curve.
   *
   * @param recipe its name
   * @param index its index in the summary
   * @param epoch epochs at each row
   * @param step steps at each row
   * @param loss training-set loss at each row (null where not finite)
   * @param accuracy training-set accuracy at each row
   */
  public record CurvePlot(
      String recipe,
      int index,
      double[] epoch,
      long[] step,
      List<Double> loss,
      List<Double> accuracy) {}

  /** The page data of {@code content}. */
  public static PageData of(ReportContent content) {
    List<SurfacePlot> surfaces = new ArrayList<>();
    List<CurvePlot> curves = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (RecipeContent r : content.recipes()) {
      if (r.slice().isPresent()) {
        SliceArrays s = r.slice().get();
        for (double[] row : s.loss()) {
          for (double v : row) {
            if (Double.isFinite(v)) {
              min = Math.min(min, v);
              max = Math.max(max, v);
            }
          }
        }
        surfaces.add(
            new SurfacePlot(
                r.name(),
                r.index(),
                s.coordinates(),
                rowsAlongBeta(s.loss()),
                s.accuracy() == null ? null : rowsAlongBeta(s.accuracy()),
                s.centreLoss()));
      }
      r.curve()
          .ifPresent(
              c ->
                  curves.add(
                      new CurvePlot(
                          r.name(),
                          r.index(),
                          c.epoch(),
                          c.step(),
                          finiteOrNull(c.loss()),
                          finiteOrNull(c.accuracy()))));
    }
    List<String> colours = new ArrayList<>();
    for (int i = 0; i < content.recipes().size(); i++) {
      colours.add(colour(i));
    }
    ZRange range = min <= max ? new ZRange(min, max) : null;
    return new PageData(colours, range, surfaces, sharpness(content), curves);
  }

  /** True when the page has something to draw (else it needs no plotting library). */
  public boolean hasPlots() {
    return !surfaces.isEmpty() || !sharpness.series().isEmpty() || !curves.isEmpty();
  }

  /** The colour of the recipe at {@code index}. */
  static String colour(int index) {
    return PALETTE.get(index % PALETTE.size());
  }

  private static SharpnessPlot sharpness(ReportContent content) {
    List<RecipeSummary> configs = content.summary().configs();
    List<String> radii = SharpnessEntry.radii(configs);
    List<String> notes = new ArrayList<>();
    for (String eps : radii) {
      notes.add(onlyTheCentre(configs, eps) ? "only the centre lies within ε: S = 0" : null);
    }
    List<SharpnessSeries> series = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      List<Double> mean = new ArrayList<>();
      List<Double> low = new ArrayList<>();
      List<Double> high = new ArrayList<>();
      String over = null;
      for (String eps : radii) {
        var entry = SharpnessEntry.of(configs.get(i), i, eps);
        mean.add(entry.map(e -> finiteOrNull(e.mean())).orElse(null));
        low.add(entry.map(SharpnessEntry::ci95Low).orElse(null));
        high.add(entry.map(SharpnessEntry::ci95High).orElse(null));
        if (entry.isPresent()) {
          over = entry.get().over().words();
        }
      }
      if (over != null) {
        series.add(new SharpnessSeries(configs.get(i).name(), i, over, mean, low, high));
      }
    }
    return new SharpnessPlot(radii, notes, series);
  }

  /** True when every sliced recipe's grid has no point but the centre within {@code eps}. */
  private static boolean onlyTheCentre(List<RecipeSummary> configs, String eps) {
    boolean any = false;
    for (RecipeSummary r : configs) {
      if (r.sharpness() != null && r.sharpness().sliceOverPairs() != null) {
        var entry = r.sharpness().sliceOverPairs().get(eps);
        if (entry != null) {
          if (entry.gridPointsInBall() > 1) {
            return false;
          }
          any = true;
        }
      }
    }
    return any;
  }

  /** {@code grid[i][j]} (first index alpha) as rows along beta, non-finite values as null. */
  static List<List<Double>> rowsAlongBeta(double[][] grid) {
    int n = grid.length;
    List<List<Double>> rows = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      List<Double> row = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        row.add(finiteOrNull(grid[i][j]));
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<Double> finiteOrNull(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(finiteOrNull(v));
    }
    return out;
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
