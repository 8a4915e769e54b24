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
 * @param trainLoss training cross-entropy reached (full training set)
 * @param trainAccuracy training accuracy
 * @param testLoss test cross-entropy
 * @param testAccuracy test accuracy
 * @param values each measure's value for this run (non-finite values are kept and reported)
 */
public record RunMeasurements(
    RunId run,
    Recipe recipe,
    double trainLoss,
    double trainAccuracy,
    double testLoss,
    double testAccuracy,
    Map<Measure, Double> values) {

  public RunMeasurements {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** This run's value of {@code kind}. */
  public double gap(GapKind kind) {
    return switch (kind) {
      case LOSS_GAP -> testLoss - trainLoss;
      case ERROR_GAP -> (1 - testAccuracy) - (1 - trainAccuracy);
      case TEST_ERROR -> 1 - testAccuracy;
    };
  }
}
