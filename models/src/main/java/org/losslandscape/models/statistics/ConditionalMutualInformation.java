package org.losslandscape.models.statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jiang et al.'s (2019, sec. 6) conditional mutual information score of a measure, the score of the
 * PGDL competition: over ordered pairs of distinct settings (s, t), V_mu says whether the measure
 * of s exceeds that of t and V_g whether its gap does; U_S is the pair's values of the
 * hyperparameters in S. The score is the smallest, over every S of at most two hyperparameters (the
 * empty set included), of I(V_mu; V_g | U_S) / H(V_g | U_S): how much the measure's ordering tells
 * about the gap's ordering once a few hyperparameters are known, in the worst case. 1 means the
 * measure orders pairs exactly as the gap does whatever is held fixed; 0 means it tells nothing
 * under some conditioning (e.g. it only tracks one hyperparameter).
 *
 * <p>Conditional quantities are the empirical averages over the cells of U_S weighted by their
 * share of the pairs (in a balanced full factorial every cell has the same share, which is how the
 * competition's scorer averaged them). A tie counts as "not greater", as the competition's scorer
 * counts it. Conditioning sets for which the gap's ordering is already determined (H(V_g | U_S) =
 * 0) are skipped.
 */
public final class ConditionalMutualInformation {

  private ConditionalMutualInformation() {}

  /**
   * The score; NaN when no conditioning set leaves the gap's ordering uncertain.
   *
   * @param values each setting's value on each of the axes
   * @param measure each setting's measure (its seeds' mean)
   * @param gap each setting's gap (its seeds' mean)
   */
  public static double score(List<List<String>> values, double[] measure, double[] gap) {
    int axes = values.get(0).size();
    List<int[]> sets = new ArrayList<>();
    sets.add(new int[0]);
    for (int a = 0; a < axes; a++) {
      sets.add(new int[] {a});
      for (int b = a + 1; b < axes; b++) {
        sets.add(new int[] {a, b});
      }
    }
    double best = Double.NaN;
    for (int[] set : sets) {
      double ratio = normalizedConditionalInformation(values, measure, gap, set);
      if (Double.isFinite(ratio) && !(ratio >= best)) {
        best = ratio;
      }
    }
    return best;
  }

  /** I(V_mu; V_g | U_S) / H(V_g | U_S) for the axes in {@code set}; NaN when H is 0. */
  static double normalizedConditionalInformation(
      List<List<String>> values, double[] measure, double[] gap, int[] set) {
    Map<String, double[]> cells = new HashMap<>(); // cell -> counts [g+m+, g+m-, g-m+, g-m-]
    int pairs = 0;
    for (int s = 0; s < measure.length; s++) {
      for (int t = 0; t < measure.length; t++) {
        if (s == t) {
          continue;
        }
        StringBuilder key = new StringBuilder();
        for (int axis : set) {
          key.append(values.get(s).get(axis)).append('\u0000');
          key.append(values.get(t).get(axis)).append('\u0001');
        }
        int g = gap[s] > gap[t] ? 0 : 1;
        int m = measure[s] > measure[t] ? 0 : 1;
        cells.computeIfAbsent(key.toString(), k -> new double[4])[2 * g + m]++;
        pairs++;
      }
    }
    double information = 0;
    double entropy = 0;
    for (double[] c : cells.values()) {
      double n = c[0] + c[1] + c[2] + c[3];
      double weight = n / pairs;
      information += weight * mutualInformation(c, n);
      entropy += weight * entropy(c[0] + c[1], c[2] + c[3], n);
    }
    return entropy <= 1e-15 ? Double.NaN : information / entropy;
  }

  /** I(V_g; V_mu) in bits of a 2x2 table of counts. */
  static double mutualInformation(double[] c, double n) {
    double[] g = {c[0] + c[1], c[2] + c[3]};
    double[] m = {c[0] + c[2], c[1] + c[3]};
    double mi = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double joint = c[2 * i + j] / n;
        if (joint > 0) {
          mi += joint * log2(joint / ((g[i] / n) * (m[j] / n)));
        }
      }
    }
    return mi;
  }

  private static double entropy(double a, double b, double n) {
    double h = 0;
    for (double count : new double[] {a, b}) {
      if (count > 0) {
        double p = count / n;
        h -= p * log2(p);
      }
    }
    return h;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
