package org.losslandscape.pipeline.sweep;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.losslandscape.models.statistics.MeanInterval;
import org.losslandscape.pipeline.config.SweepGrid;
import org.losslandscape.pipeline.plot.HeatMapGrid;
import org.losslandscape.pipeline.plot.HeatMapGrid.HeatMap;
import org.losslandscape.pipeline.stages.RecipeAggregate;
import org.losslandscape.pipeline.stages.StudyResults;

/**
 * The sweep's own figure: slice sharpness at every radius as a heat map over (learning rate, batch
 * size), with the generalization gap beside it. Each cell is the recipe's mean over its seeds (over
 * its direction pairs with one seed), the interval's half-width written next to it when there is
 * one. The scatter of sharpness against the gap, every run a point, is the study's {@code
 * sharpness_vs_gap.png}.
 */
public final class SweepFigures {

  private SweepFigures() {}

  /** The heat maps of {@code results}, the recipes laid out as {@code grid} orders them. */
  public static BufferedImage heatMaps(
      SweepGrid grid, List<Double> radii, StudyResults results, String setting) {
    List<RecipeAggregate> aggregates = results.aggregates();
    List<HeatMap> panels = new ArrayList<>();
    for (double eps : radii) {
      panels.add(
          panel(
              "slice sharpness S(" + eps + ")",
              "S(" + eps + ") (nats of loss increase)",
              grid,
              aggregates,
              a -> a.sharpness(eps)));
    }
    panels.add(
        panel(
            "generalization gap",
            "test − train loss (nats)",
            grid,
            aggregates,
            RecipeAggregate::generalizationGap));
    int columns = Math.min(panels.size(), 3);
    return HeatMapGrid.render(
        "Sharpness and generalization gap over learning rate × batch size — " + setting,
        panels,
        columns,
        760,
        520);
  }

  /** A measure of a recipe over its runs. */
  private interface Statistic {
    MeanInterval of(RecipeAggregate aggregate);
  }

  private static HeatMap panel(
      String title,
      String valueLabel,
      SweepGrid grid,
      List<RecipeAggregate> aggregates,
      Statistic statistic) {
    int rows = grid.learningRates().size();
    int cols = grid.batchSizes().size();
    double[][] values = new double[rows][cols];
    String[][] text = new String[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        String name = SweepGrid.recipeName(grid.learningRates().get(r), grid.batchSizes().get(c));
        Optional<RecipeAggregate> a =
            aggregates.stream().filter(x -> x.recipe().name().equals(name)).findFirst();
        if (a.isEmpty()) {
          values[r][c] = Double.NaN;
          text[r][c] = "diverged";
          continue;
        }
        MeanInterval m = statistic.of(a.get());
        values[r][c] = m.mean();
        text[r][c] =
            m.n() > 1 && m.finite()
                ? String.format(Locale.ROOT, "%.3g ± %.2g", m.mean(), m.halfWidth())
                : String.format(Locale.ROOT, "%.3g", m.mean());
      }
    }
    List<String> rowLabels = grid.learningRates().stream().map(lr -> "lr " + lr).toList();
    List<String> columnLabels = grid.batchSizes().stream().map(b -> "batch " + b).toList();
    return new HeatMap(
        title, valueLabel, "learning rate", rowLabels, "batch size", columnLabels, values, text);
  }
}
