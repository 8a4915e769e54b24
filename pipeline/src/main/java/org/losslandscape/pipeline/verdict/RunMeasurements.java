package org.losslandscape.pipeline.verdict;

import java.util.LinkedHashMap;
import java.util.Map;
import org.losslandscape.pipeline.config.Recipe;
import org.losslandscape.pipeline.config.RunId;

/**
 * What the verdict knows of one trained run: its recipe, how well it fits and generalizes, and its
 * value of every measure that was computed for it.
 *
 * @param run the run
 * @param recipe its recipe
 * @param trainLoss training loss reached (full training set)
 * @param testAccuracy test accuracy
 * @param generalizationGap test loss minus training loss
 * @param values each measure's value for this run (non-finite values are kept and reported)
 */
public record RunMeasurements(
    RunId run,
    Recipe recipe,
    double trainLoss,
    double testAccuracy,
    double generalizationGap,
    Map<Measure, Double> values) {

  public RunMeasurements {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
