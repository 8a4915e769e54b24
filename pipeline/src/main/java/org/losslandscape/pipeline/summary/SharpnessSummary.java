package org.losslandscape.pipeline.summary;

import java.util.Map;

/**
 * Slice sharpness of one model, keyed by radius (e.g. {@code "0.5"}).
 *
 * @param slice the mean over direction pairs at each radius; null where it is not finite
 * @param sliceReasons why a value of {@code slice} is null (absent when all are finite)
 * @param sliceOverPairs each radius's per-pair values and interval
 */
public record SharpnessSummary(
    Map<String, Double> slice,
    Map<String, String> sliceReasons,
    Map<String, SliceOverPairs> sliceOverPairs) {

  /**
   * Sharpness at one radius over the direction pairs of one model.
   *
   * @param mean mean over pairs
   * @param ci95Low lower end of the 95% t-interval (null with one pair)
   * @param ci95High upper end (null with one pair)
   * @param noIntervalBecause why the interval is null: {@code single_value} or {@code non_finite}
   * @param n direction pairs
   * @param perPair the value of each pair: its maximum over the disk on the slice plane
   * @param gridPointsInBall grid points within the radius (1 = only the centre)
   * @param perPairGrid each pair's maximum over the grid's points in the disk only
   */
  public record SliceOverPairs(
      double mean,
      Double ci95Low,
      Double ci95High,
      String noIntervalBecause,
      int n,
      double[] perPair,
      int gridPointsInBall,
      double[] perPairGrid) {}
}
