package org.losslandscape.models.statistics;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One draw of the seed bootstrap: each setting's seeds resampled with replacement, and the
 * setting's mean measure and mean gap over the draw. Tau over settings ({@link SettingsKendall})
 * and psi ({@link GranulatedKendall}) take their bootstrap draws here, so both resample alike.
 */
final class SeedResample {

  private SeedResample() {}

  /**
   * Fills {@code meanMeasure[s]} and {@code meanGap[s]} for every setting s, drawing from {@code
   * random} setting by setting, seed by seed.
   *
   * @param measure each setting's per-seed measure values
   * @param gap each setting's per-seed gaps, the same seeds in the same order
   */
  static void draw(
      SplittableRandom random,
      List<double[]> measure,
      List<double[]> gap,
      double[] meanMeasure,
      double[] meanGap) {
    for (int s = 0; s < meanMeasure.length; s++) {
      int n = measure.get(s).length;
      double sm = 0;
      double sg = 0;
      for (int k = 0; k < n; k++) {
        int pick = random.nextInt(n);
        sm += measure.get(s)[pick];
        sg += gap.get(s)[pick];
      }
      meanMeasure[s] = sm / n;
      meanGap[s] = sg / n;
    }
  }
}
