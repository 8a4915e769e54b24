package org.losslandscape.pipeline.stages;

import java.util.List;
import java.util.Locale;
import org.losslandscape.models.statistics.MeanInterval;

/**
 * The one-screen table of a study's results that the report stage logs: each recipe's training
 * numbers, its slice sharpness at every radius and, where measured, its curvature.
 */
final class ResultsTable {

  private ResultsTable() {}

  /**
   * Whether any run of {@code results} has its Hessian measured (the table then has its columns).
   */
  static boolean hasHessian(StudyResults results) {
    return results.measures().stream().anyMatch(m -> m.hessian().isPresent());
  }

  /** The table of {@code results} with a sharpness column per radius, starting on a new line. */
  static String of(StudyResults results, List<Double> radii) {
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%n%-22s %8s %6s %8s %8s %8s %8s %8s",
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
            "%n%-22s %8s %6s %8s %8s %8s %8s %8s",
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
    boolean hessian = hasHessian(results);
    if (hessian) {
      table.append(String.format(Locale.ROOT, "  %22s  %22s", "lambda_max", "trace"));
    }
    for (RecipeAggregate a : results.aggregates()) {
      TrainedModel first = a.runs().get(0);
      table.append(
          String.format(
              Locale.ROOT,
              "%n%-22s %8s %6d %8d %8.4f %8.4f %8.4f %8.4f",
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
      if (hessian) {
        // The curvature of every measured seed, not only of the sliced ones.
        List<RunMeasures.Hessian> h =
            a.runs().stream()
                .map(m -> results.measuresOf(m.run()))
                .flatMap(java.util.Optional::stream)
                .map(RunMeasures::hessian)
                .flatMap(java.util.Optional::stream)
                .toList();
        table.append(
            String.format(
                Locale.ROOT,
                "  %22s  %22s",
                IntervalText.of(
                    MeanInterval.of(h.stream().mapToDouble(x -> x.top().max()).toArray())),
                IntervalText.of(
                    MeanInterval.of(
                        h.stream().mapToDouble(x -> x.trace().interval().mean()).toArray()))));
      }
    }
    for (TrainedModel m : results.models()) {
      if (!m.usable()) {
        table.append(
            String.format(
                Locale.ROOT, "%n%-22s diverged: %s", m.run().folder(), m.training().message()));
      }
    }
    return table.toString();
  }
}
