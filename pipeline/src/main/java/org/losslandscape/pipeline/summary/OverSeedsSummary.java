package org.losslandscape.pipeline.summary;

import java.util.List;
import java.util.Map;

/**
 * A recipe over its training seeds.
 *
 * @param runs every seed's run
 * @param trainLoss training loss over usable seeds
 * @param testAccuracy test accuracy over usable seeds
 * @param generalizationGap generalization gap over usable seeds
 * @param sliceSharpness per radius: the interval over seeds of each seed's mean over pairs
 */
public record OverSeedsSummary(
    List<SeedRun> runs,
    IntervalSummary trainLoss,
    IntervalSummary testAccuracy,
    IntervalSummary generalizationGap,
    Map<String, SharpnessOverSeeds> sliceSharpness) {

  public OverSeedsSummary {
    runs = List.copyOf(runs);
  }

  /**
   * One seed's run.
   *
   * @param seed the training seed
   * @param folder its results folder
   * @param status how training ended
   * @param trainLoss training loss (null if diverged)
   * @param testLoss test loss (null if diverged)
   * @param testAccuracy test accuracy (null if diverged)
   * @param generalizationGap gap (null if diverged)
   */
  public record SeedRun(
      long seed,
      String folder,
      String status,
      Double trainLoss,
      Double testLoss,
      Double testAccuracy,
      Double generalizationGap) {}

  /**
   * Sharpness at one radius over seeds.
   *
   * @param mean the mean over seeds
   * @param ci95Low lower end of the 95% interval (null when there is none)
   * @param ci95High upper end (null when there is none)
   * @param noIntervalBecause why there is no interval
   * @param n usable seeds
   * @param perSeed each usable seed's mean over its direction pairs
   */
  public record SharpnessOverSeeds(
      double mean,
      Double ci95Low,
      Double ci95High,
      String noIntervalBecause,
      int n,
      double[] perSeed) {}
}
