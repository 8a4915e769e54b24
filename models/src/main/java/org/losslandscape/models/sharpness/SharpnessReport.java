package org.losslandscape.models.sharpness;

import java.util.ArrayList;
import java.util.List;
import org.losslandscape.models.statistics.MeanInterval;

/**
 * Slice sharpness of one model over several independent direction pairs: per radius, the value of
 * each pair and their mean with a 95% interval. One random slice is one sample of a random
 * quantity; only the spread over pairs says whether two models really differ.
 *
 * @param entries one entry per radius, in the order computed
 */
public record SharpnessReport(List<Entry> entries) {

  public SharpnessReport {
    entries = List.copyOf(entries);
  }

  /**
   * Sharpness at one radius.
   *
   * @param epsilon the radius, in direction units
   * @param interval mean and 95% interval over direction pairs
   * @param perPair the value of each direction pair, in pair order
   * @param pointsInBall grid points within the radius
   * @param perPairGrid each pair's maximum over the grid's points in the disk only (for comparison:
   *     it depends on the grid's spacing, the disk maximum does not)
   */
  public record Entry(
      double epsilon,
      MeanInterval interval,
      double[] perPair,
      int pointsInBall,
      double[] perPairGrid) {}

  /** Aggregates per-pair sharpness values; every element must use the same radii. */
  public static SharpnessReport of(List<SliceSharpness> perPair) {
    if (perPair.isEmpty()) {
      throw new IllegalArgumentException("no direction pairs to summarize");
    }
    List<Entry> entries = new ArrayList<>();
    int radii = perPair.get(0).values().size();
    for (int e = 0; e < radii; e++) {
      double eps = perPair.get(0).values().get(e).epsilon();
      double[] values = new double[perPair.size()];
      double[] grid = new double[perPair.size()];
      for (int p = 0; p < values.length; p++) {
        SliceSharpness.Value v = perPair.get(p).values().get(e);
        if (v.epsilon() != eps) {
          throw new IllegalArgumentException("direction pairs were measured at different radii");
        }
        values[p] = v.value();
        grid[p] = v.gridValue();
      }
      entries.add(
          new Entry(
              eps, MeanInterval.of(values), values, perPair.get(0).values().get(e).points(), grid));
    }
    return new SharpnessReport(entries);
  }

  /** The entry at {@code epsilon}. */
  public Entry at(double epsilon) {
    return entries.stream()
        .filter(e -> e.epsilon() == epsilon)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no sharpness at eps " + epsilon));
  }
}
