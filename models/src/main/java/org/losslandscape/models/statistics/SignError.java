package org.losslandscape.models.statistics;

import java.util.ArrayList;
import java.util.List;

/**
 * Dziugaite et al.'s (2020, "In search of robust measures of generalization") sign-error over
 * coupled settings: an environment is a pair of settings that differ in exactly one hyperparameter;
 * its sign-error is the probability, over a run of each (every pairing of their seeds), that the
 * measure's difference and the gap's difference have opposite signs (a tie counts one half: (1 -
 * sign(d mu) sign(d g)) / 2). The distribution over environments is the point: its mean says how
 * often the measure is wrong on average, its maximum (the robust sign-error) how wrong it can be in
 * the worst environment. Environments whose gap difference is within seed noise (Welch's test of
 * the two settings' gaps at 0.05; fewer than two seeds each cannot tell) say nothing about the
 * measure: the noise-filtered figures leave them out.
 *
 * @param environments every environment, in the order the settings were given
 * @param mean mean sign-error over all environments (NaN without any)
 * @param worst largest sign-error over all environments
 * @param filteredMean mean over the environments whose gaps differ beyond noise (NaN without any)
 * @param filteredWorst largest over those
 */
public record SignError(
    List<Environment> environments,
    double mean,
    double worst,
    double filteredMean,
    double filteredWorst) {

  /**
   * One pair of coupled settings.
   *
   * @param first index of the first setting
   * @param second index of the second
   * @param axis the axis they differ in
   * @param signError the share of seed pairings with opposite signs
   * @param gapResolved whether the two settings' gaps differ beyond seed noise
   */
  public record Environment(
      int first, int second, int axis, double signError, boolean gapResolved) {}

  /**
   * The sign-errors of every environment among {@code values}.
   *
   * @param values each setting's value on each axis
   * @param measure each setting's per-seed measure values
   * @param gap each setting's per-seed gaps
   */
  public static SignError of(
      List<List<String>> values, List<double[]> measure, List<double[]> gap) {
    List<Environment> environments = new ArrayList<>();
    for (int s = 0; s < values.size(); s++) {
      for (int t = s + 1; t < values.size(); t++) {
        int differing = -1;
        int count = 0;
        for (int a = 0; a < values.get(s).size(); a++) {
          if (!values.get(s).get(a).equals(values.get(t).get(a))) {
            differing = a;
            count++;
          }
        }
        if (count != 1) {
          continue;
        }
        // Every seed of s against every seed of t.
        double errors = 0;
        int pairings = 0;
        double[] ms = measure.get(s);
        double[] gs = gap.get(s);
        double[] mt = measure.get(t);
        double[] gt = gap.get(t);
        for (int i = 0; i < ms.length; i++) {
          for (int j = 0; j < mt.length; j++) {
            errors += (1 - Math.signum(ms[i] - mt[j]) * Math.signum(gs[i] - gt[j])) / 2;
            pairings++;
          }
        }
        environments.add(new Environment(s, t, differing, errors / pairings, resolved(gs, gt)));
      }
    }
    double[] all = environments.stream().mapToDouble(Environment::signError).toArray();
    double[] filtered =
        environments.stream()
            .filter(Environment::gapResolved)
            .mapToDouble(Environment::signError)
            .toArray();
    return new SignError(
        List.copyOf(environments), mean(all), max(all), mean(filtered), max(filtered));
  }

  private static boolean resolved(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      return false;
    }
    return MeanComparison.welch(a, b).pValue() <= 0.05;
  }

  private static double mean(double[] v) {
    return java.util.Arrays.stream(v).average().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElse(Double.NaN);
  }
}
