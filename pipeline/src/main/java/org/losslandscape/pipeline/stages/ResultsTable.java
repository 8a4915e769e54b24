package org.losslandscape.pipeline.stages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.losslandscape.models.statistics.MeanInterval;
import org.losslandscape.pipeline.measures.MeasureResult;
import org.losslandscape.pipeline.measures.MeasureSetup;
import org.losslandscape.pipeline.verdict.Measure;

/**
 * The one-screen table of a study's results that the report stage logs: each recipe's training
 * numbers, its slice sharpness at every radius and, where measured, every value of the other
 * measures (each a column named by its key, mean and 95% half-width over the measured seeds).
 */
final class ResultsTable {

  private ResultsTable() {}

  /** The table of {@code results} with a sharpness column per radius, starting on a new line. */
  static String of(StudyResults results, MeasureSetup setup) {
    List<Double> radii = setup.slice().radii();
    // The first column fits the longest recipe name (e.g. a --skip yes,no study's *_noskip).
    int width =
        Math.max(
            22,
            results.aggregates().stream()
                .mapToInt(a -> a.recipe().name().length())
                .max()
                .orElse(0));
    String name = "%n%-" + width + "s";
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                name + " %8s %6s %8s %8s %8s %8s %8s",
                "config",
                "lr",
                "batch",
                "steps",
                "train",
                "test",
                "test",
                "gap"));
    table.append(
        String.format(
            Locale.ROOT,
            name + " %8s %6s %8s %8s %8s %8s %8s",
            "",
            "",
            "",
            "",
            "loss",
            "loss",
            "acc",
            ""));
    for (double eps : radii) {
      table.append(String.format(Locale.ROOT, "  %22s", "S(" + eps + ")"));
    }
    // Every value of every measure beyond the slices that some run has, in the registry's order.
    List<Measure> others = new ArrayList<>();
    for (RunMeasures r : results.measures()) {
      for (MeasureResult<?> x : r.results()) {
        x.values(setup).keySet().stream().filter(m -> !others.contains(m)).forEach(others::add);
      }
    }
    for (Measure m : others) {
      table.append(String.format(Locale.ROOT, "  %22s", m.key()));
    }
    for (RecipeAggregate a : results.aggregates()) {
      TrainedModel first = a.runs().get(0);
      table.append(
          String.format(
              Locale.ROOT,
              name + " %8s %6d %8d %8.4f %8.4f %8.4f %8.4f",
              a.recipe().name(),
              a.recipe().learningRate(),
              a.recipe().batchSize(),
              first.training().steps(),
              a.trainLoss().mean(),
              a.testLoss().mean(),
              a.testAccuracy().mean(),
              a.generalizationGap().mean()));
      for (double eps : radii) {
        table.append(String.format(Locale.ROOT, "  %22s", IntervalText.of(a.sharpness(eps))));
      }
      // The values of every measured seed, not only of the sliced ones.
      Map<Measure, List<Double>> perSeed = new LinkedHashMap<>();
      a.runs().stream()
          .map(m -> results.measuresOf(m.run()))
          .flatMap(Optional::stream)
          .flatMap(r -> r.results().stream())
          .forEach(
              x ->
                  x.values(setup)
                      .forEach(
                          (m, v) -> perSeed.computeIfAbsent(m, k -> new ArrayList<>()).add(v)));
      for (Measure m : others) {
        List<Double> values = perSeed.getOrDefault(m, List.of());
        table.append(
            String.format(
                Locale.ROOT,
                "  %22s",
                values.isEmpty()
                    ? "-"
                    : IntervalText.of(
                        MeanInterval.of(
                            values.stream().mapToDouble(Double::doubleValue).toArray()))));
      }
    }
    for (TrainedModel m : results.models()) {
      if (!m.usable()) {
        table.append(
            String.format(
                Locale.ROOT, name + " diverged: %s", m.run().folder(), m.training().message()));
      }
    }
    return table.toString();
  }
}
